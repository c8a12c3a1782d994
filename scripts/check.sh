#!/bin/sh
# make check: everything CI runs, in order: lint, KUnit, guest tests on
# both kernels; then one line "N passed, N failed" over all of it.
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
logs=$build/logs
rm -rf "$logs"
mkdir -p "$logs"
step() {
	name=$1
	shift
	t0=$(date +%s)
	if ! "$@" >"$logs/$name.out" 2>&1; then
		tail -n 20 "$logs/$name.out" | sed 's/^/# /' >"$logs/step-$name.log"
		echo "not ok 1 $name failed" >>"$logs/step-$name.log"
	fi
	echo "check: $name done in $(($(date +%s) - t0))s"
}

make -s -C "$top" tree
# Test what series/ holds: refuse a tree with work that is not exported.
if [ "$(git -C "$tree" rev-parse HEAD)" != "$(git -C "$tree" config harness.head)" ] ||
   [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
	die "build/linux has work not in series/: make export, or FORCE=1 make tree"
fi
step build "$top/scripts/build.sh" x86_64 patched
step baseline "$top/scripts/build.sh" x86_64 base
step lint sh -c "'$top/scripts/lint.sh' >'$logs/lint.log'"
step kunit "$top/scripts/kunit.sh"
step initramfs "$top/scripts/initramfs.sh" x86_64
step guests "$top/scripts/guest-tests.sh" ${TOPOS:-none intel amd}

echo "check: total $(($(date +%s) - start))s"
"$top/scripts/summary.sh" "$logs"/*.log
