#!/bin/sh
# guest-tests.sh [TOPOLOGY...]: run each topology's test plan on the
# patched and on the base kernel (on the kernels its variants= names, if
# it names them), GUEST_JOBS (2) guests at a time: a guest keeps about
# one host core busy, its test programs being single-threaded. Without
# arguments, every topology with a plan of its own, the longest first.
. "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --one ]; then
	topo=$2 variant=$3
	t0=$(date +%s)
	# An empty plan is the topology's own
	log=$("$top/scripts/guest.sh" "$topo" "$variant" "")
	echo "guest-tests: $topo/$variant $(($(date +%s) - t0))s: $(grep -c '^ok ' "$log") ok, $(grep -c '^not ok' "$log") not ok ($log)"
	exit 0
fi
[ $# -gt 0 ] || set -- intel kunit smmuv3 virtio-arm64 amd virtio none
# Both QEMUs before the guests start in parallel
apt_need qemu-system-x86 qemu-system-arm
jobs=$(for topo in "$@"; do
	[ -f "$top/topologies/$topo" ] || die "no topology $topo"
	variants=$(variants=; . "$top/topologies/$topo"
		echo "${variants:-patched base}")
	for variant in $variants; do
		echo "$topo $variant"
	done
done)
echo "$jobs" | xargs -P "${GUEST_JOBS:-2}" -L 1 "$0" --one
