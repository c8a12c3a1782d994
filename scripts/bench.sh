#!/bin/sh
# bench.sh: make bench. Boots the patched kernel, the base and the base's
# A/A control (srcdir.sh control: the base with code that never runs, so
# a new layout and nothing else) in turn (patched, base, control,
# patched, ...) so that drift of the host hits all alike, runs
# bench/vfio_bench in each guest and hands the consoles to bench.py,
# which prints the table and writes build/bench/bench.csv and bench.png.
# The control/base ratio is what layout alone does to a figure under TCG.
#  - Mock driver (bench-kunit.sh): BENCH_BOOTS runs of the iommu_bench
#    KUnit suite per kernel: driver calls, and time per attach + detach
#    pair over 100,000 pairs, for groups of 1 to 64 devices.
#  - Real vIOMMUs: driver calls of vfio_bench, one boot per kernel on
#    each of intel, amd, smmuv3.
#  - VFIO timing: BENCH_BOOTS boots per kernel (default 5) on intel, each
#    repeating every timed figure BENCH_REPS times (default 5).
. "$(dirname "$0")/lib.sh"

boots=${BENCH_BOOTS:-5} reps=${BENCH_REPS:-5}
out=$build/bench
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

run() { # run TOPO VARIANT REPS NAME
	log=$(GUEST_CMDLINE="BENCH_REPS=$3" "$top/scripts/guest.sh" "$1" "$2" \
		vfio_bench)
	cp "$log" "$out/$4.log"
	grep -Eq '^ok [0-9]+ vfio_bench$' "$log" ||
		die "vfio_bench failed on $1/$2: see $out/$4.log"
}

note "building the A/A control kernel (x86_64)"
"$top/scripts/build.sh" x86_64 control >"$out/build-control.log" 2>&1 ||
	die "control kernel build failed: $out/build-control.log"
"$top/scripts/bench-kunit.sh" "$out" "$boots"
note "mock part done in $(($(date +%s) - start)) s"
for topo in intel amd smmuv3; do
	for v in patched base; do
		note "driver calls: $topo $v"
		run "$topo" "$v" 1 "calls-$topo-$v"
	done
done
i=1
while [ "$i" -le "$boots" ]; do
	for v in patched base control; do
		note "timing: boot $i of $boots, $v"
		run intel "$v" "$reps" "time-$i-$v"
	done
	i=$((i + 1))
done
note "guests done in $(($(date +%s) - start)) s"
apt_need python3-matplotlib
/usr/bin/python3 "$top/scripts/bench.py" "$out"
