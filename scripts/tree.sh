#!/bin/sh
# make tree: the generated kernel tree = base commit + series/ applied
# with git am, on branch "series". Leaves a tree alone when neither it
# nor series/ changed since the last apply/export, and refuses to drop
# commits that were never exported.
. "$(dirname "$0")/lib.sh"

[ -d "$tree/.git" ] || "$top/scripts/base.sh"
cd "$tree"
stamp=$(series_stamp)
last_stamp=$(git config --get harness.stamp || true)
last_head=$(git config --get harness.head || true)
head=$(git rev-parse -q --verify HEAD || true)
# The tree's .gitignore hides every new file: count them as work too.
dirty=$(git status --porcelain --untracked-files=no; git clean -ndx -e /.kunit)

if [ "$stamp" = "$last_stamp" ] && [ "$head" = "$last_head" ] && [ -z "$dirty" ]; then
	exit 0
fi
if [ -n "$last_head" ] && { [ "$head" != "$last_head" ] || [ -n "$dirty" ]; }; then
	if [ "$stamp" = "$last_stamp" ]; then
		note "the tree has work not in series/ (run make export); using it as it is"
		exit 0
	fi
	[ "${FORCE:-0}" = 1 ] ||
		die "both series/ and the tree changed since the last apply; run 'make export' to keep the tree's work, or FORCE=1 make tree to drop it"
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -f -B series base
git clean -q -fdx -e /.kunit
# Commits made in the tree carry this repository's identity.
for key in user.name user.email; do
	val=$(git -C "$top" config "$key" || true)
	[ -z "$val" ] || git config "$key" "$val"
done
# No identity configured (a bare CI machine): the cover letter's author.
if ! git config user.email >/dev/null; then
	from=$(awk '/^From: / { f = substr($0, 7); getline n
		if (n ~ /^ /) f = f n; print f; exit }' \
		"$top/series/0000-cover-letter.patch")
	email=${from##*<}
	git config user.name "${from% <*}"
	git config user.email "${email%>}"
fi
for p in $(cat "$top/series/series"); do
	if ! git am -q --committer-date-is-author-date "$top/series/$p" \
		>"$build/am.log" 2>&1; then
		sed 's/^/  /' "$build/am.log" >&2
		git am --abort >/dev/null 2>&1 || true
		# A partial apply is not work to protect: the next make tree
		# may start over without FORCE=1.
		git config harness.head "$(git rev-parse HEAD)"
		git config harness.stamp failed
		die "series/$p does not apply (tree left at the patch before it)"
	fi
done
git config harness.stamp "$stamp"
git config harness.head "$(git rev-parse HEAD)"
echo "tree: $(git rev-list --count base..HEAD) patches applied on $(git rev-parse --short base) in $tree"
