#!/bin/sh
# make kunit: run the series' KUnit suites under QEMU x86_64 with the
# tree's own kunit.py, one build directory per suite (configs/kunit-suites
# lists their .kunitconfig files), keeping the result in build/logs/.
. "$(dirname "$0")/lib.sh"
apt_need qemu-system-x86 python3 ccache flex bison bc make gcc libc6-dev \
	libelf-dev
export CCACHE_DIR=${CCACHE_DIR:-$build/ccache}
mkdir -p "$build/logs"
status=0
for cfg in $(grep -v '^#' "$top/configs/kunit-suites"); do
	name=$(dirname "$cfg" | tr '/' '-')
	log=$build/logs/kunit-$name.log
	if [ ! -f "$tree/$cfg" ]; then
		echo "not ok - guest kunit $cfg is not in the tree" >"$log"
		status=1
		continue
	fi
	mkdir -p "$build/kunit"
	(cd "$tree" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
		--build_dir="$build/kunit/$name" --kunitconfig="$cfg" \
		--qemu_args="-smp 2" ${KUNIT_ARGS:-} \
		--make_options="CC=ccache gcc" --jobs="$(nproc)" \
		--timeout=1200) >"$log" 2>&1 || status=1
	grep -q 'Testing complete' "$log" ||
		echo "not ok - guest kunit $cfg did not finish" >>"$log"
	# kunit.py keeps the whole console in test.log: bring any kernel
	# splat (lockdep, KASAN, WARN, BUG) into the log summary.sh reads.
	grep -E 'BUG: |WARNING: |INFO: possible|Call Trace:' \
		"$build/kunit/$name/test.log" >>"$log" 2>/dev/null || true
	tail -n 3 "$log"
done
exit $status
