#!/bin/sh
# cover.sh extract FILE: print a cover letter's subject (without the
# "[PATCH 0/N]" prefix), a blank line, and its text up to the shortlog.
. "$(dirname "$0")/lib.sh"
[ "$1" = extract ] || die "usage: cover.sh extract FILE"
awk '
	!body && /^Subject: / { sub(/^Subject: (\[[^]]*\] )?/, ""); subj = $0; next }
	!body && subj != "" && /^ / { sub(/^ /, ""); subj = subj " " $0; next }
	!body && /^$/ { body = 1; print subj; print ""; next }
	body && /^[^ ].* \([0-9]+\):$/ { exit }
	body { lines[++n] = $0 }
	END { while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }
' "$2"
