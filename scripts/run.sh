#!/bin/sh
# make run: boot the patched kernel on the intel topology and print a
# short report: the IOMMU groups with their devices and default domains,
# the series' KUnit suite run at boot next to the emulated VT-d (its mock
# IOMMU shows the new attach rules at work), and the VFIO type1 test.
. "$(dirname "$0")/lib.sh"
topo=${TOPO:-intel}
plan=${PLAN:-$(. "$top/topologies/$topo"; echo "$plan")}
log=$(GUEST_CMDLINE="kunit.enable=1 loglevel=7" \
	"$top/scripts/guest.sh" "$topo" patched "$plan")
echo "== $topo guest, patched kernel, plan: $plan"
echo "== KUnit at boot: the device-centric attach rules on a mock IOMMU"
sed -n 's/^    # \([a-z_]*: .*\)/  \1/p; s/^    \(\(not \)\?ok [0-9]* [a-z_]*\)$/  \1/p; s/^\(# Totals: .*\)/  \1/p' "$log"
sed -n 's/^# guest: running /== /p; s/^# \(.*\)/  \1/p; /^\(not \)\?ok [0-9]/p' "$log" |
	grep -v '^  guest: \|^  Totals: \|^  iommu_attach: '
status=0
"$top/scripts/summary.sh" "$log" >"$log.summary" || status=1
tail -n 1 "$log.summary"
echo "full console log: $log"
exit $status
