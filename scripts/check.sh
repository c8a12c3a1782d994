#!/bin/sh
# make check: everything CI runs, in order: the guest kernels (x86_64 and
# arm64, patched and base), the Tegra cross-builds, lint, guest tests on
# both kernels, KUnit among them (in the arm64 debug kernel: no kernel of
# its own); then one line "N passed, N failed" over it all.
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
for arch in ${ARCHS:-x86_64 arm64}; do
	step "build-$arch" "$top/scripts/build.sh" "$arch" patched
	step "baseline-$arch" "$top/scripts/build.sh" "$arch" base
done
step tegra sh -c "'$top/scripts/tegra.sh' >'$logs/tegra.log'"
step lint sh -c "'$top/scripts/lint.sh' >'$logs/lint.log'"
for arch in ${ARCHS:-x86_64 arm64}; do
	step "initramfs-$arch" "$top/scripts/initramfs.sh" "$arch"
done
step guests "$top/scripts/guest-tests.sh" ${TOPOS:-}

echo "check: total $(($(date +%s) - start))s"
"$top/scripts/summary.sh" "$logs"/*.log
