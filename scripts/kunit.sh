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
status=0
while read -r cfg arch; do
	arch=${arch:-x86_64}
	# KUNIT_ONLY=CFG: that suite alone (make kunit-long)
	[ -z "${KUNIT_ONLY:-}" ] || [ "$cfg" = "$KUNIT_ONLY" ] || continue
	name=$(dirname "$cfg" | tr '/' '-')
	[ "$arch" = x86_64 ] || name=$name-$arch
	log=$build/logs/kunit-$name.log
	if [ ! -f "$tree/$cfg" ]; then
		echo "not ok - guest kunit $cfg is not in the tree" >"$log"
		status=1
		continue
	fi
	cross=$(cross_prefix "$arch")
	# The 32-bit ARM kernel of kunit.py's defaults has no SMP: one CPU
	smp=2
	[ "$arch" = arm ] && smp=1
	mkdir -p "$build/kunit"
	(cd "$tree" && python3 tools/testing/kunit/kunit.py run --arch="$arch" \
		${cross:+--cross_compile=$cross} --build_dir="$build/kunit/$name" \
		--kunitconfig="$cfg" --qemu_args="-smp $smp" ${KUNIT_ARGS:-} \
		--make_options="CC=ccache ${cross}gcc" --jobs="$(nproc)" \
		--timeout=1200) </dev/null >"$log" 2>&1 || status=1
	grep -q 'Testing complete' "$log" ||
		echo "not ok - guest kunit $cfg did not finish" >>"$log"
	# kunit.py keeps the whole console in test.log: bring any kernel
	# splat (lockdep, KASAN, WARN, BUG) into the log summary.sh reads,
	# with the end of each trace and the WARNs the cases announced.
	grep -E 'BUG: |WARNING: |INFO: possible|Call Trace:|---\[ end trace|expect WARNING in ' \
		"$build/kunit/$name/test.log" >>"$log" 2>/dev/null || true
	tail -n 3 "$log"
done <<EOF
$(grep -v '^#' "$top/configs/kunit-suites")
EOF
exit $status
