#!/bin/sh
# make kunit: run the series' KUnit suites under QEMU with the tree's own
# kunit.py, one build directory per suite (configs/kunit-suites lists
# their .kunitconfig files, each with the architecture to run it on),
# keeping the result in build/logs/.
. "$(dirname "$0")/lib.sh"
apt_need qemu-system-x86 python3 ccache flex bison bc make gcc libc6-dev \
	libelf-dev
grep -q ' arm$' "$top/configs/kunit-suites" &&
	apt_need qemu-system-arm gcc-arm-linux-gnueabihf
export CCACHE_DIR=${CCACHE_DIR:-$build/ccache}
mkdir -p "$build/logs"
rm -f "$build/logs/kunit.status"
grep -v '^#' "$top/configs/kunit-suites" | while read -r cfg arch; do
	arch=${arch:-x86_64}
	# KUNIT_ONLY=CFG: that suite alone (make kunit-long)
	[ -z "${KUNIT_ONLY:-}" ] || [ "$cfg" = "$KUNIT_ONLY" ] || continue
	name=$(dirname "$cfg" | tr '/' '-')
	[ "$arch" = x86_64 ] || name=$name-$arch
	log=$build/logs/kunit-$name.log
	if [ ! -f "$tree/$cfg" ]; then
		echo "not ok - guest kunit $cfg is not in the tree" >"$log"
		echo 1 >"$build/logs/kunit.status"
		continue
	fi
	# The 32-bit ARM kernel of kunit.py's defaults has no SMP: one CPU
	case $arch in
	arm) cross="--cross_compile=arm-linux-gnueabihf-" smp=1
	     cc="ccache arm-linux-gnueabihf-gcc" ;;
	*) cross= cc="ccache gcc" smp=2 ;;
	esac
	mkdir -p "$build/kunit"
	(cd "$tree" && python3 tools/testing/kunit/kunit.py run --arch="$arch" \
		$cross --build_dir="$build/kunit/$name" --kunitconfig="$cfg" \
		--qemu_args="-smp $smp" ${KUNIT_ARGS:-} \
		--make_options="CC=$cc" --jobs="$(nproc)" \
		--timeout=1200) >"$log" 2>&1 || echo 1 >"$build/logs/kunit.status"
	grep -q 'Testing complete' "$log" ||
		echo "not ok - guest kunit $cfg did not finish" >>"$log"
	# kunit.py keeps the whole console in test.log: bring any kernel
	# splat (lockdep, KASAN, WARN, BUG) into the log summary.sh reads.
	grep -E 'BUG: |WARNING: |INFO: possible|Call Trace:' \
		"$build/kunit/$name/test.log" >>"$log" 2>/dev/null || true
	tail -n 3 "$log"
done
[ ! -f "$build/logs/kunit.status" ]
