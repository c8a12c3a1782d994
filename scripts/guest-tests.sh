#!/bin/sh
# guest-tests.sh TOPOLOGY...: run each topology's test plan on the
# patched and on the base kernel, one after the other.
. "$(dirname "$0")/lib.sh"
for topo in "$@"; do
	plan=$(. "$top/topologies/$topo"; echo "$plan")
	for variant in patched base; do
		t0=$(date +%s)
		log=$("$top/scripts/guest.sh" "$topo" "$variant" "$plan")
		echo "guest-tests: $topo/$variant $(($(date +%s) - t0))s: $(grep -c '^ok ' "$log") ok, $(grep -c '^not ok' "$log") not ok ($log)"
	done
done
