#!/bin/sh
# srcdir.sh VARIANT: print the source tree of VARIANT.
# patched: the generated tree.
# base: a worktree of the base plus the series' test-only patches (those
#	that touch nothing but tools/, samples/ and MAINTAINERS), so that
#	both kernels carry the same sample drivers and tests. The commits
#	are made with a fixed identity and date: the same series gives the
#	same commit, and an unchanged worktree rebuilds nothing.
. "$(dirname "$0")/lib.sh"

# Commit the test-only patches of base..HEAD onto base; print the result.
g() { git -C "$tree" "$@"; }
tests_on_base() {
	head=$(g rev-parse base)
	export GIT_INDEX_FILE="$build/base-tests.index"
	g read-tree "$head"
	for c in $(g rev-list --reverse base..HEAD); do
		g diff-tree --no-commit-id --name-only -r "$c" |
			grep -qv '^tools/\|^samples/\|^MAINTAINERS$' && continue
		g diff-tree -p --binary "$c" | g apply --cached ||
			die "test patch $(g log -1 --format=%s "$c") does not apply to base"
		head=$(GIT_AUTHOR_NAME=harness GIT_AUTHOR_EMAIL=harness@localhost \
			GIT_COMMITTER_NAME=harness GIT_COMMITTER_EMAIL=harness@localhost \
			GIT_AUTHOR_DATE=2024-11-17T00:00:00Z \
			GIT_COMMITTER_DATE=2024-11-17T00:00:00Z \
			g commit-tree "$(g write-tree)" -p "$head" \
			-m "$(g log -1 --format=%s "$c")")
	done
	rm -f "$GIT_INDEX_FILE"
	unset GIT_INDEX_FILE
	echo "$head"
}

case $1 in
patched) [ -d "$tree/.git" ] || die "no generated tree: run make tree"
	echo "$tree" ;;
base) wt=$build/b/linux # see objdir() in lib.sh
	[ -d "$tree/.git" ] || die "no base: run make base"
	want=$(tests_on_base)
	if [ ! -d "$wt" ]; then
		git -C "$tree" worktree add -q --detach "$wt" "$want" >&2
	elif [ "$(git -C "$wt" rev-parse HEAD)" != "$want" ]; then
		git -C "$wt" checkout -q --detach "$want" >&2
	fi
	echo "$wt" ;;
*) die "unknown variant $1" ;;
esac
