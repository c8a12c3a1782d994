#!/bin/sh
# srcdir.sh VARIANT: print the source tree of VARIANT.
# patched: the generated tree.
# base: a worktree of the base plus the series' test-only patches (those
#	that touch nothing but tools/, samples/ and MAINTAINERS), so that
#	both kernels carry the same sample drivers and tests. The commits
#	are made with a fixed identity and date: the same series gives the
#	same commit, and an unchanged worktree rebuilds nothing.
# control: make bench's A/A control, the base plus code that never runs
#	(CONTROL_PAD bytes of no-ops, default 2048, at the top of
#	drivers/iommu/iommu.c, about what the series adds to iommu.o's text
#	on x86_64). It moves the code after it as the series does, and
#	nothing else: what bench measures between it and the base is the
#	noise that a new layout alone brings.
. "$(dirname "$0")/lib.sh"

g() { git -C "$tree" "$@"; }
# commit PARENT MESSAGE: commit the index's tree on PARENT with the fixed
# identity and date; print the commit.
commit() {
	GIT_AUTHOR_NAME=harness GIT_AUTHOR_EMAIL=harness@localhost \
	GIT_COMMITTER_NAME=harness GIT_COMMITTER_EMAIL=harness@localhost \
	GIT_AUTHOR_DATE=2024-11-17T00:00:00Z \
	GIT_COMMITTER_DATE=2024-11-17T00:00:00Z \
		g commit-tree "$(g write-tree)" -p "$1" -m "$2"
}
# Commit the test-only patches of base..HEAD onto base; print the result.
tests_on_base() {
	head=$(g rev-parse base)
	export GIT_INDEX_FILE="$build/base-tests.index"
	g read-tree "$head"
	for c in $(g rev-list --reverse base..HEAD); do
		g diff-tree --no-commit-id --name-only -r "$c" |
			grep -qv '^tools/\|^samples/\|^MAINTAINERS$' && continue
		g diff-tree -p --binary "$c" | g apply --cached ||
			die "test patch $(g log -1 --format=%s "$c") does not apply to base"
		head=$(commit "$head" "$(g log -1 --format=%s "$c")")
	done
	rm -f "$GIT_INDEX_FILE"
	unset GIT_INDEX_FILE
	echo "$head"
}

# The control's commit on top of $1: the padding after iommu_cmd_line
pad_on() {
	export GIT_INDEX_FILE="$build/control.index"
	g read-tree "$1"
	f=drivers/iommu/iommu.c
	blob=$(g show "$1:$f" | awk -v pad="${CONTROL_PAD:-2048}" '
		{ print }
		/^static u32 iommu_cmd_line __read_mostly;$/ {
			print ""
			print "/* make bench A/A control: never runs, moves what follows */"
			print "static noinline void __used bench_layout_pad(void)"
			print "{"
			print "\tasm volatile(\".skip " pad ", 0x90\");"
			print "}"
			n++
		}
		END { if (n != 1) exit 1 }' | g hash-object -w --stdin) ||
		die "no place for the control's padding in $f"
	g update-index --cacheinfo "100644,$blob,$f"
	commit "$1" "make bench: A/A control, ${CONTROL_PAD:-2048} bytes of padding"
	rm -f "$GIT_INDEX_FILE"
	unset GIT_INDEX_FILE
}
# worktree DIR COMMIT: check COMMIT out in the worktree DIR
worktree() {
	if [ ! -d "$1" ]; then
		git -C "$tree" worktree add -q --detach "$1" "$2" >&2
	elif [ "$(git -C "$1" rev-parse HEAD)" != "$2" ]; then
		git -C "$1" checkout -q --detach "$2" >&2
	fi
}

case $1 in
patched) [ -d "$tree/.git" ] || die "no generated tree: run make tree"
	echo "$tree" ;;
base) wt=$build/b/linux # see objdir() in lib.sh
	[ -d "$tree/.git" ] || die "no base: run make base"
	worktree "$wt" "$(tests_on_base)"
	echo "$wt" ;;
control) wt=$build/c/linux
	[ -d "$tree/.git" ] || die "no base: run make base"
	worktree "$wt" "$(pad_on "$(tests_on_base)")"
	echo "$wt" ;;
*) die "unknown variant $1" ;;
esac
