#!/bin/sh
# tegra.sh [ARCH...]: cross-compile the code of the series that only
# Tegra kernels build (drm/tegra, host1x, tegra-vde, tegra-smmu), with
# drivers/iommu, drivers/vfio and the sample ($tegra_dirs in lib.sh), for
# 32-bit ARM (tegra_defconfig) and arm64 (defconfig), each plus
# configs/tegra.config, with W=1, on the patched tree and on the base;
# the patched tree adds configs/tegra-patched.config (the KUnit module).
# Prints one TAP line per ARCH: not ok if either tree fails to build or
# the patched tree warns where the base does not. QEMU emulates no Tegra
# SoC, so building is all that can be done here.
. "$(dirname "$0")/lib.sh"

mkdir -p "$build/logs"

# Build the directories in obj dir $obj of source $src for $arch; leave
# the warnings, without line numbers, in $1.
build_dirs() {
	extra=
	[ "$variant" = base ] || extra=$top/configs/tegra-patched.config
	dropped=$(configure "$arch" "$src" "$obj" "$defconfig" \
		"$top/configs/tegra.config" $extra)
	[ -z "$dropped" ] || { echo "$(echo $dropped) did not stick"; return 1; }
	# Compile every object again (ccache replays it) so that every
	# warning is seen, not only those of files that changed.
	for d in $tegra_dirs; do
		[ -d "$obj/$d" ] && find "$obj/$d" -name '*.o' -delete
	done
	cross_make "$arch" "$src" "$obj" -j"$(nproc)" W=1 $tegra_dirs \
		>"$log" 2>&1 || { tail -n 20 "$log"; return 1; }
	grep ': warning: ' "$log" | sed 's/:[0-9]*:[0-9]*: / /' | sort -u >"$1"
}

n=0
for arch in ${*:-arm arm64}; do
	case $arch in
	arm) defconfig=tegra_defconfig; apt_need gcc-arm-linux-gnueabihf ;;
	arm64) defconfig=defconfig; apt_need gcc-aarch64-linux-gnu ;;
	*) die "unknown arch $arch" ;;
	esac
	apt_need ccache flex bison bc libelf-dev libssl-dev make
	n=$((n + 1))
	status=ok why=
	for variant in base patched; do
		src=$("$top/scripts/srcdir.sh" "$variant")
		obj=$(objdir "tegra-$arch-$variant" "$variant")
		log=$build/logs/tegra-$arch-$variant.build
		: >"$build/obj/tegra-$arch-$variant.warnings"
		note "building $arch-$variant: $(echo $tegra_dirs)"
		if ! build_dirs "$build/obj/tegra-$arch-$variant.warnings" >&2; then
			status="not ok" why="$why $variant build failed;"
		fi
	done
	new=$(comm -13 "$build/obj/tegra-$arch-base.warnings" \
		"$build/obj/tegra-$arch-patched.warnings" 2>/dev/null || true)
	if [ -n "$new" ]; then
		echo "$new" | sed 's/^/# new: /'
		status="not ok" why="$why new W=1 warnings;"
	fi
	echo "# tegra $arch: $(wc -l <"$build/obj/tegra-$arch-base.warnings") W=1 warnings on base, $(wc -l <"$build/obj/tegra-$arch-patched.warnings") patched"
	echo "$status $n tegra $arch builds with W=1 and no new warnings${why:+ #$why}"
done
