# Shared settings for the harness scripts; sourced, never run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
tree=$build/linux
pin() { sed -n "s/^$1=//p" "$top/series/base"; }
die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }
note() { echo "$(basename "$0"): $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# apt_need PKG...: install the packages that are missing, quietly.
apt_need() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	note "installing$missing"
	# Guests start two at a time, and both may install QEMU: one apt-get
	# at a time (dpkg's own lock makes the second fail, not wait)
	mkdir -p "$build"
	(
		flock 9
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y \
			-q --no-install-recommends $missing >/dev/null ||
			{ as_root apt-get update -q >/dev/null &&
			  as_root env DEBIAN_FRONTEND=noninteractive apt-get \
				install -y -q --no-install-recommends \
				$missing >/dev/null; }
	) 9>"$build/.apt.lock"
}
# Fingerprint of the series as applied: the patch list and the patches.
series_stamp() {
	(cd "$top/series" && cat series $(cat series)) | md5sum | cut -c1-32
}
# What scripts/tegra.sh and lint's per-commit arm64 build compile: the
# series' code that x86_64 does not build, and its neighbours.
tegra_dirs="drivers/iommu/ drivers/vfio/ drivers/gpu/host1x/ drivers/gpu/drm/tegra/
	drivers/media/platform/nvidia/tegra-vde/ samples/iommu/"
# cross_prefix ARCH: the cross compiler prefix for ARCH (none for x86_64).
cross_prefix() {
	case $1 in
	arm) echo arm-linux-gnueabihf- ;;
	arm64) echo aarch64-linux-gnu- ;;
	esac
}
# cross_make ARCH SRC OBJ ARGS...: make in SRC for ARCH into OBJ with ccache.
cross_make() {
	cross=$(cross_prefix "$1")
	_arch=$1 _src=$2 _obj=$3
	shift 3
	CCACHE_DIR=${CCACHE_DIR:-$build/ccache} CCACHE_BASEDIR=$build \
	CCACHE_NOHASHDIR=1 make -s -C "$_src" O="$_obj" ARCH=$_arch \
		CROSS_COMPILE=$cross CC="ccache ${cross}gcc" "$@"
}
# objdir NAME VARIANT: make the build directory build/obj/NAME and print
# it. A base build's is a link to build/b/obj/NAME, whose kernel source
# is build/b/linux: ccache (CCACHE_BASEDIR) hashes paths relative to the
# build directory, so both kernels' source is ../../linux and a base
# build replays what the patched one compiled in the files the series
# leaves alone (a cold base build takes half the time). make bench's A/A
# control (VARIANT=control) is in build/c the same way.
objdir() {
	_d=$build/obj/$1
	case $2 in
	base) _w=b ;;
	control) _w=c ;;
	*) _w= ;;
	esac
	if [ -n "$_w" ]; then
		mkdir -p "$build/$_w/obj/$1"
		[ -L "$_d" ] || { rm -rf "$_d"; ln -s "../$_w/obj/$1" "$_d"; }
	fi
	mkdir -p "$_d"
	echo "$_d"
}
# configure ARCH SRC OBJ BASECONFIG FRAGMENT...: BASECONFIG (tinyconfig,
# defconfig, ...) plus the fragments, then olddefconfig; print each option
# a fragment sets that did not survive, one per line.
# It is skipped (about 30 s) when nothing it reads changed since the last
# time: the same request, and no Kconfig file, *.config or fragment newer
# than its stamp (git checkout gives the files it changes a new mtime).
configure() {
	_arch=$1 _src=$2 _obj=$3 _base=$4
	shift 4
	_stamp=$_obj/.configure-stamp _req="$_arch $_src $_base $*"
	if [ ! -f "$_obj/.config" ] || [ ! -f "$_stamp" ] ||
	   [ "$(cat "$_stamp")" != "$_req" ] ||
	   [ -n "$(find "$_src" "$@" \( -name 'Kconfig*' -o -name '*.config' \) \
		-newer "$_stamp" -print -quit)" ]; then
		rm -f "$_stamp"
		cross_make "$_arch" "$_src" "$_obj" "$_base" >/dev/null
		(cd "$_obj" && "$_src/scripts/kconfig/merge_config.sh" -m \
			-O "$_obj" "$_obj/.config" "$@" >/dev/null)
		cross_make "$_arch" "$_src" "$_obj" olddefconfig >/dev/null
		echo "$_req" >"$_stamp"
	fi
	for _line in $(grep -h '^CONFIG_.*=[ym]' "$@"); do
		grep -qx "$_line" "$_obj/.config" || echo "$_line"
	done
}
