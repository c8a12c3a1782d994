#!/bin/sh
# make run: boot the patched kernel on the intel topology and print a
# short report: IOMMU groups, their devices and domains, and the tests.
. "$(dirname "$0")/lib.sh"
topo=${TOPO:-intel}
plan=${PLAN:-$(. "$top/topologies/$topo"; echo "$plan")}
log=$("$top/scripts/guest.sh" "$topo" patched "$plan")
echo "== $topo guest, patched kernel, plan: $plan"
sed -n 's/^# guest: running /== /p; s/^# \(.*\)/  \1/p; /^\(not \)\?ok [0-9]/p' "$log" |
	grep -v '^  guest: '
"$top/scripts/summary.sh" "$log" | tail -n 1
echo "full console log: $log"
