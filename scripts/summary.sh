#!/bin/sh
# summary.sh LOG...: reduce guest console logs to per-log counts and one
# closing line "N passed, N failed". kselftest programs count by their
# cases ("# Totals:"), other programs by their own ok/not ok line; a
# guest that did not finish, or a kernel splat (WARN, BUG, KASAN, UBSAN,
# lockdep, a kmemleak report), counts as a failure, and so does a
# skipped test unless ALLOW_SKIP=1. A WARN that a test provokes on
# purpose is not a splat if the test said so: a line "expect WARNING in
# FUNC" (a KUnit case's log) allows one WARN in FUNC in the same log,
# with its trace up to "---[ end trace"; a WARN beyond that count fails.
awk -v allow_skip="${ALLOW_SKIP:-0}" '
function flush_log() {
	if (cur == "")
		return
	# Every test of every plan is meant to run here: a skip is a failure
	# unless ALLOW_SKIP=1 says otherwise.
	if (ls && !allow_skip) { lf += ls; why = why " [" ls " skipped]" }
	for (f in warned)
		if (warned[f] > expect[f] && !splatted++) {
			lf++
			why = why " [kernel splat: " warned[f] " WARNING in " f \
				", " (expect[f] + 0) " expected]"
		}
	delete warned; delete expect
	printf "%-44s %4d passed, %d failed, %d skipped%s\n", cur, lp, lf, ls, why
	P += lp; F += lf; S += ls
}
FNR == 1 {
	flush_log()
	cur = FILENAME; sub(/.*\//, "", cur); sub(/\.cur$/, "", cur)
	lp = lf = ls = 0; tot = 0; why = ""; inwarn = splatted = 0
}
/expect WARNING in [A-Za-z0-9_]+/ {
	s = $0; sub(/.*expect WARNING in /, "", s); sub(/[^A-Za-z0-9_].*/, "", s)
	expect[s]++
	next
}
/WARNING: CPU: [0-9]+ PID: [0-9]+ at / {
	f = $0; sub(/.* at [^ ]+ /, "", f); sub(/\+.*/, "", f)
	warned[f]++
	inwarn = 1
	next
}
inwarn && /---\[ end trace/ { inwarn = 0; next }
/^# # Totals: / {
	nkv = split($0, kv, /[ :]+/)
	for (i = 1; i < nkv; i++) t[kv[i]] = kv[i + 1]
	tp = t["pass"] + t["xfail"]; tf = t["fail"] + t["error"] + t["xpass"]
	ts = t["skip"]; tot = 1
	next
}
/^(not )?ok [0-9]+ / {
	bad = /^not ok/
	if (tot) {
		lp += tp; lf += tf; ls += ts
		if (bad && tf == 0) lf++
	} else if (/# SKIP/) {
		ls++
	} else if (bad) {
		lf++
	} else {
		lp++
	}
	if (bad) { name = $0; sub(/^not ok [0-9]+ /, "", name); why = why " [" name "]" }
	tot = 0
	next
}
/Testing complete\. Ran [0-9]+ tests/ {
	s = $0; sub(/.*tests: /, "", s)
	k = split(s, parts, /, /)
	for (i = 1; i <= k; i++) {
		split(parts[i], kv, /: /)
		if (kv[1] == "passed") lp += kv[2]
		else if (kv[1] == "skipped") ls += kv[2]
		else { lf += kv[2]; why = why " [kunit " kv[1] "]" }
	}
	next
}
/^not ok - guest / { lf++; why = why " [guest did not finish]"; next }
# The trace of a WARN counted above is part of it
!inwarn && /(BUG: |WARNING: CPU|WARNING: possible|INFO: possible|Kernel panic|Call Trace:|UBSAN: |unreferenced object 0x)/ && !splatted++ {
	lf++; why = why " [kernel splat: " $0 "]"
}
END {
	flush_log()
	printf "%d skipped\n", S
	printf "%d passed, %d failed\n", P, F
	exit F > 0
}
' "$@"
