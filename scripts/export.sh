#!/bin/sh
# make export: write the generated tree's commits back to series/ as a
# git format-patch series with a cover letter, in a stable form (zero
# commit ids, no signature, base-commit info, dates from the commits).
. "$(dirname "$0")/lib.sh"

cd "$tree"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "the tree has uncommitted changes; commit them first"
[ "$(git symbolic-ref -q HEAD)" = refs/heads/series ] &&
	[ ! -d .git/rebase-merge ] && [ ! -d .git/rebase-apply ] ||
	die "the tree is not on branch series (a rebase in progress?)"
# series/ must be what the tree was made from, or export would drop
# changes made to it since (a pull, a hand edit, a failed apply).
[ "$(git config --get harness.stamp)" = "$(series_stamp)" ] ||
	[ "${FORCE:-0}" = 1 ] ||
	die "series/ changed since make tree: make tree first, or FORCE=1 make export to overwrite it"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base"
# series/0000-cover-letter.patch holds the cover letter's subject and
# text; format-patch rebuilds the rest (shortlog, diffstat, base).
cover=$top/series/0000-cover-letter.patch
if [ -f "$cover" ]; then
	desc=$("$top/scripts/cover.sh" extract "$cover")
else
	desc=$(printf '%s\n\n%s\n' '*** SUBJECT HERE ***' '*** BLURB HERE ***')
fi
git config branch.series.description "$desc"

# series/version holds the revision of the series being posted (v2, ...)
v=$(cat "$top/series/version" 2>/dev/null || echo 1)
prefix=PATCH
[ "$v" -gt 1 ] && prefix="PATCH v$v"

out=$(mktemp -d)
# Pin what personal git settings could change in the output.
git -c core.abbrev=12 -c diff.noprefix=false -c diff.mnemonicPrefix=false \
	-c diff.algorithm=myers -c format.numbered=auto \
	format-patch -q --zero-commit --no-signature --base=base \
	--subject-prefix="$prefix" \
	--cover-letter --cover-from-description=subject \
	--encode-email-headers -o "$out" base..HEAD
# The cover letter carries the time of the export: give it the date of
# the newest commit instead, so an unchanged tree exports unchanged.
date=$(git log -1 --format=%aD HEAD)
sed -i "1,/^$/s/^Date: .*/Date: $date/" "$out/0000-cover-letter.patch"

rm -f "$top"/series/[0-9][0-9][0-9][0-9]-*.patch
mv "$out"/*.patch "$top/series/"
rmdir "$out"
(cd "$top/series" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') >"$top/series/series"

git config harness.stamp "$(series_stamp)"
git config harness.head "$(git rev-parse HEAD)"
echo "export: $n patches and a cover letter in series/"
