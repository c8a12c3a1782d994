#!/bin/sh
# srcdir.sh VARIANT: print the source tree of VARIANT (patched: the
# generated tree; base: a worktree of the base commit, made on demand).
. "$(dirname "$0")/lib.sh"
case $1 in
patched) [ -d "$tree/.git" ] || die "no generated tree: run make tree"
	echo "$tree" ;;
base) wt=$build/linux-base
	if [ ! -d "$wt" ]; then
		[ -d "$tree/.git" ] || die "no base: run make base"
		git -C "$tree" worktree add -q --detach "$wt" base >&2
	fi
	echo "$wt" ;;
*) die "unknown variant $1" ;;
esac
