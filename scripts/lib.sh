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
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing >/dev/null ||
		{ as_root apt-get update -q >/dev/null &&
		  as_root env DEBIAN_FRONTEND=noninteractive apt-get install \
			-y -q --no-install-recommends $missing >/dev/null; }
}
# Fingerprint of the series as applied: the patch list and the patches.
series_stamp() {
	(cd "$top/series" && cat series $(cat series)) | md5sum | cut -c1-32
}
