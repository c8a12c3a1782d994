#!/bin/sh
# build.sh ARCH VARIANT: build the guest kernel for ARCH (x86_64, arm64)
# from the generated tree (VARIANT=patched), the base (VARIANT=base) or
# make bench's A/A control (VARIANT=control, see srcdir.sh), out of tree
# in build/obj/ARCH-VARIANT, from tinyconfig plus fragments.
. "$(dirname "$0")/lib.sh"

arch=$1 variant=$2
case $arch in
x86_64) image=arch/x86/boot/bzImage ;;
arm64) image=arch/arm64/boot/Image; apt_need gcc-aarch64-linux-gnu ;;
*) die "unknown arch $arch" ;;
esac
apt_need ccache flex bison bc libelf-dev libssl-dev make gcc
src=$("$top/scripts/srcdir.sh" "$variant")
obj=$(objdir "$arch-$variant" "$variant")
mk() { cross_make "$arch" "$src" "$obj" KBUILD_BUILD_TIMESTAMP=0 \
	KBUILD_BUILD_USER=kernel KBUILD_BUILD_HOST=guest "$@"; }

# Configure every time (a few seconds; an unchanged result rebuilds
# nothing): the same fragments must give the same kernel at every commit
# of the series, even where a commit adds or removes a Kconfig symbol.
# configs/ARCH-VARIANT.config, if there is one, adds to that variant only.
extra=$top/configs/$arch-$variant.config
[ -f "$extra" ] || extra=
dropped=$(configure "$arch" "$src" "$obj" tinyconfig \
	"$top/configs/common.config" "$top/configs/$arch.config" $extra)
# Every option a fragment sets must survive olddefconfig (on the base,
# the series' own symbols cannot).
if [ "$variant" = patched ] && [ "${ALLOW_DROPPED:-0}" != 1 ] &&
   [ -n "$dropped" ]; then
	die "$(echo $dropped) did not stick in the $arch config"
fi
note "building $arch-$variant in $obj"
# TARGET=vmlinux (lint) builds and links the kernel but leaves the image
mk -j"$(nproc)" ${W1:+W=1} ${TARGET:-}
if [ -n "${TARGET:-}" ]; then
	note "built $TARGET in $obj"
	exit 0
fi
ln -sf "$obj/$image" "$obj/guest-image"
note "built $obj/$image"
