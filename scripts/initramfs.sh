#!/bin/sh
# initramfs.sh ARCH: the guest's initramfs: static busybox, guest/init,
# guest/report and the test programs, built static from the generated
# tree's tools/ against its exported uAPI headers. The same initramfs
# boots the patched and the base kernel, so both run the same binaries.
. "$(dirname "$0")/lib.sh"

arch=$1
case $arch in
x86_64) cross= ; apt_need libc6-dev busybox-static ;;
arm64) cross=aarch64-linux-gnu-
	apt_need gcc-aarch64-linux-gnu libc6-dev-arm64-cross ;;
*) die "unknown arch $arch" ;;
esac
apt_need rsync cpio gzip make gcc

# busybox_for ARCH: a static busybox for ARCH: the host's, or Debian's
# busybox-static for ARCH unpacked under build/ (apt fetches it once the
# architecture is added to dpkg's list).
busybox_for() {
	[ "$1" = x86_64 ] && { echo /bin/busybox; return; }
	bb=$build/busybox-$1/bin/busybox
	if [ ! -x "$bb" ]; then
		dpkg --print-foreign-architectures | grep -qx "$1" || {
			as_root dpkg --add-architecture "$1"
			as_root apt-get update -q >/dev/null; }
		rm -rf "$build/busybox-$1" && mkdir -p "$build/busybox-$1"
		(cd "$build/busybox-$1" && apt-get download -q \
			"busybox-static:$1" >/dev/null &&
			dpkg-deb -x busybox-static_*.deb .) ||
			die "cannot get busybox-static for $1"
	fi
	echo "$bb"
}

out=$build/initramfs/$arch
root=$out/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/tests" "$root/proc" "$root/sys" "$root/dev" \
	"$root/tmp" "$out/bin"

make -s -C "$tree" O="$build/obj/hdr-$arch" ARCH=$arch \
	headers_install INSTALL_HDR_PATH="$out/hdr"
for t in iommu vfio; do
	make -s -C "$tree/tools/testing/selftests/$t" OUTPUT="$out/bin" \
		ARCH=$arch CC="${cross}gcc" LDFLAGS=-static \
		KHDR_INCLUDES="-I$out/hdr/include" >/dev/null
done
# The harness's own programs (make bench's, the fault sweep, the fuzzer),
# with the selftests' edu helpers
for prog in bench/vfio_bench guest/vfio_fault_sweep guest/vfio_fuzz; do
	"${cross}gcc" -O2 -Wall -static -I"$out/hdr/include" \
		-I"$tree/tools/testing/selftests/vfio" -I"$top/guest" \
		-o "$out/bin/$(basename "$prog")" "$top/$prog.c"
done
cp "$out"/bin/* "$root/tests/"
cp "$top/guest/report" "$top/guest/probe_edu" "$top/guest/kunit" "$root/tests/"
cp "$top/guest/init" "$root/init"

cp "$(busybox_for "$arch")" "$root/bin/busybox"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
	gzip -1 >"$out.cpio.gz"
note "initramfs $out.cpio.gz: $(ls "$root/tests" | tr '\n' ' ')"
