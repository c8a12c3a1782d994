#!/bin/sh
# make base: install the pinned linux-source-6.12, unpack it once and turn
# it into a git repository with one deterministic commit, tagged "base".
. "$(dirname "$0")/lib.sh"

pkg=$(pin package)
want=$(pin version)
want_commit=$(pin base-commit)

if git -C "$tree" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	have=$(git -C "$tree" rev-parse base)
	[ -z "$want_commit" ] || [ "$have" = "$want_commit" ] ||
		note "WARNING: base commit $have is not the pinned $want_commit"
	exit 0
fi

apt_need xz-utils git
have=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$pkg=$want" >/dev/null 2>&1; then
		as_root apt-get update -q >/dev/null 2>&1 || true
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$pkg=$want" >/dev/null 2>&1 || {
			cat >&2 <<MSG
###########################################################################
# WARNING: $pkg=$want is no longer served by apt.
# Falling back to the newest $pkg available. The base commit will NOT
# match series/base; patches may not apply and results are not comparable.
###########################################################################
MSG
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install \
				-y -q --no-install-recommends "$pkg" >/dev/null
		}
	fi
	have=$(dpkg-query -W -f='${Version}' "$pkg")
fi

tarball=/usr/src/$pkg.tar.xz
[ -f "$tarball" ] || die "$tarball missing after installing $pkg"

rm -rf "$tree.tmp"
mkdir -p "$tree.tmp"
note "unpacking $tarball"
tar -xf "$tarball" -C "$tree.tmp" --strip-components=1
cd "$tree.tmp"
git init -q -b base-src
# Debian's top-level .gitignore ignores everything at the top level; keep
# the file as shipped (the base is the tarball, byte for byte) and force-add.
git add -f -A
# Fixed identity and dates: the same commit id on every machine.
date="2024-11-17T00:00:00Z"
GIT_AUTHOR_NAME="linux-source-6.12" GIT_AUTHOR_EMAIL="base@localhost" \
GIT_COMMITTER_NAME="linux-source-6.12" GIT_COMMITTER_EMAIL="base@localhost" \
GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
	git commit -q --no-verify -m "Linux $(make -s kernelversion) from Debian $pkg $have" \
	-m "Unpacked from /usr/src/$pkg.tar.xz, unchanged."
git tag base
cd "$top"
[ ! -e "$tree" ] || die "$tree exists but has no base tag: remove it and rerun"
mv "$tree.tmp" "$tree"

have_commit=$(git -C "$tree" rev-parse base)
echo "base: $pkg $have, Linux $(make -s -C "$tree" kernelversion), commit $have_commit"
if [ -n "$want_commit" ] && [ "$have_commit" != "$want_commit" ]; then
	note "WARNING: base commit $have_commit is not the pinned $want_commit"
fi
