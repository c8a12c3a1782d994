#!/bin/sh
# initramfs.sh ARCH: the guest's initramfs: static busybox, guest/init,
# guest/report and the test programs, built static from the generated
# tree's tools/ against its exported uAPI headers. The same initramfs
# boots the patched and the base kernel, so both run the same binaries.
. "$(dirname "$0")/lib.sh"

arch=$1
case $arch in
x86_64) karch=x86_64 cross= ;;
*) die "unknown arch $arch" ;;
esac
apt_need rsync cpio gzip make gcc libc6-dev

out=$build/initramfs/$arch
root=$out/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/tests" "$root/proc" "$root/sys" "$root/dev" \
	"$root/tmp" "$out/bin"

make -s -C "$tree" O="$build/obj/hdr-$arch" ARCH=$karch \
	headers_install INSTALL_HDR_PATH="$out/hdr"
for t in iommu vfio; do
	make -s -C "$tree/tools/testing/selftests/$t" OUTPUT="$out/bin" \
		ARCH=$karch CC="${cross}gcc" LDFLAGS=-static \
		KHDR_INCLUDES="-I$out/hdr/include" >/dev/null
done
cp "$out"/bin/* "$root/tests/"
cp "$top/guest/report" "$root/tests/"
cp "$top/guest/init" "$root/init"

apt_need busybox-static
cp /bin/busybox "$root/bin/busybox"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
	gzip -1 >"$out.cpio.gz"
note "initramfs $out.cpio.gz: $(ls "$root/tests" | tr '\n' ' ')"
