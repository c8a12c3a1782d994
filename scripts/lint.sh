#!/bin/sh
# make lint: checkpatch --strict on every patch; after each patch in turn
# (bisectability), build the x86_64 kernel and, for arm64, the directories
# tegra.sh builds; W=1 and sparse (C=2) on every C file the series
# touches, compared with the same file on the base.
# Prints TAP ("ok N what") so summary.sh counts it like a guest log.
. "$(dirname "$0")/lib.sh"
apt_need sparse perl python3-ply python3-git
# checkpatch runs scripts/spdxcheck.py, which needs Debian's python3-ply.
export PATH="/usr/bin:$PATH"
cd "$tree"
n=0
t0=$(date +%s)
took() { echo "# lint: $1 took $(($(date +%s) - t0)) s"; t0=$(date +%s); }
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); echo "not ok $n $*"; }

# checkpatch is one perl process a patch: run it beside the per-commit
# builds below, whose links leave a core idle, and print it after them.
# It runs in the base's tree, which no checkout below changes (the series
# leaves scripts/ alone).
base_src=$("$top/scripts/srcdir.sh" base)
cpout=$build/logs/lint-checkpatch.out
mkdir -p "$build/logs"
(
	cd "$base_src"
	for p in $(cat "$top/series/series"); do
		out=$(perl scripts/checkpatch.pl --strict --terse --no-summary \
			-q --ignore FILE_PATH_CHANGES "$top/series/$p" 2>&1 || true)
		if [ -z "$out" ]; then echo "ok $p"; else
			echo "$out" | sed 's/^/# /'; echo "not ok $p"; fi
	done >"$cpout.tmp"
	mv "$cpout.tmp" "$cpout"
) &
cppid=$!

# A subject is one line of at most 75 characters with a blank line after
# it (%s joins a first paragraph that has none, so its length shows both).
for c in $(git rev-list --reverse base..HEAD); do
	subj=$(git log -1 --format=%s "$c")
	if [ ${#subj} -le 75 ]; then ok "subject: $subj"; else
		echo "# ${#subj} characters, or no blank line after it"
		notok "subject: $subj"; fi
done

took subjects

# Bisectability: build each commit in the generated tree, then go back.
# Which commits need an x86_64 build is read from the tip's objects.
[ -f "$build/obj/x86_64-patched/vmlinux" ] ||
	"$top/scripts/build.sh" x86_64 patched >/dev/null 2>&1
arm64=$build/obj/tegra-arm64-patched
head=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
trap 'git checkout -q "$head"' EXIT
trap 'exit 130' INT TERM
for c in $(git rev-list --reverse base..HEAD); do
	subj=$(git log -1 --format=%s "$c")
	# A commit that changes no file the builds read (documentation,
	# tools/, MAINTAINERS) builds exactly what its parent built.
	if [ -z "$(git diff-tree --no-commit-id --name-only -r "$c" -- . \
		':!Documentation' ':!tools' ':!MAINTAINERS')" ]; then
		echo "# builds: $subj: no built file changed, not rebuilt"
		continue
	fi
	# A commit that changes no header and nothing under a directory x86
	# builds objects in (drm/tegra, host1x, tegra-vde are arm only)
	# builds for x86 what its parent built (every built commit touches
	# one of $tegra_dirs, so arm64 builds each).
	x86=$(git diff-tree --no-commit-id --name-only -r "$c" |
		while read -r f; do
			case $f in include/*) echo "$f"; continue ;; esac
			if ls "$build/obj/x86_64-patched/${f%/*}/"*.o \
				>/dev/null 2>&1; then echo "$f"; fi
		done)
	git checkout -q "$c"
	c0=$(date +%s)
	# Symbols the series adds later cannot stick at earlier commits.
	# vmlinux, not bzImage: compressing the image checks nothing
	if [ -z "$x86" ]; then
		echo "# builds: $subj: nothing x86_64 builds changed, not rebuilt"
	elif ALLOW_DROPPED=1 TARGET=vmlinux "$top/scripts/build.sh" x86_64 patched \
		>"$build/logs/lint-build.out" 2>&1; then
		ok "builds: $subj"
	else
		tail -n 20 "$build/logs/lint-build.out" | sed 's/^/# /'
		notok "builds: $subj"
	fi
	# arm64: the directories of $tegra_dirs, configured by tegra.sh
	[ -f "$arm64/.config" ] || continue
	if cross_make arm64 "$tree" "$arm64" -j"$(nproc)" $tegra_dirs \
		>"$build/logs/lint-build.out" 2>&1; then
		ok "builds for arm64: $subj"
	else
		tail -n 20 "$build/logs/lint-build.out" | sed 's/^/# /'
		notok "builds for arm64: $subj"
	fi
	echo "# builds: $(($(date +%s) - c0)) s"
done
git checkout -q "$head"
trap - EXIT
"$top/scripts/build.sh" x86_64 patched >/dev/null 2>&1
took "per-commit builds"
wait "$cppid" || true
while read -r line; do
	case $line in
	"ok "*) ok "checkpatch ${line#ok }" ;;
	"not ok "*) notok "checkpatch ${line#not ok }" ;;
	*) echo "$line" ;;
	esac
done <"$cpout"
took "checkpatch, the rest after the builds"

# New W=1/sparse warnings in touched C files that are part of the build,
# one make per tree (a make per file cost 8 s of start-up each).
warn() { # OBJDIR SRC FILE.o... -> normalised warnings, one per line
	_o=$1 _s=$2
	shift 2
	[ $# -gt 0 ] || return 0
	if ! make -s -k -C "$_s" O="$_o" CC="ccache gcc" W=1 C=2 "$@" \
		>"$build/logs/lint-w1.out" 2>&1; then
		echo "error: make W=1 C=2 failed in $_s"
		tail -n 5 "$build/logs/lint-w1.out"
	fi
	grep -E 'warning:|error:' "$build/logs/lint-w1.out" |
		sed -E 's/^[^ ]*\/?([^/: ]+\.[ch]):[0-9]+(:[0-9]+)?:/\1:/' | sort -u
}
files= objs= base_objs=
for f in $(git diff --name-only base..HEAD -- '*.c'); do
	o=${f%.c}.o
	[ -f "$build/obj/x86_64-patched/$o" ] || continue
	files="$files $f"
	objs="$objs $o"
	[ -f "$build/obj/x86_64-base/$o" ] && base_objs="$base_objs $o"
done
new=$(warn "$build/obj/x86_64-patched" "$tree" $objs)
old=$(warn "$build/obj/x86_64-base" "$base_src" $base_objs)
added=$(printf '%s\n' "$new" | grep -vxF -e "$old" -e '' || true)
rest=$added
for f in $files; do
	mine=$(printf '%s\n' "$added" |
		awk -v p="$(basename "$f"):" 'index($0, p) == 1')
	rest=$(printf '%s\n' "$rest" |
		awk -v p="$(basename "$f"):" 'index($0, p) != 1')
	if [ -z "$mine" ]; then ok "W=1 C=2 $f"; else
		echo "$mine" | sed 's/^/# /'; notok "W=1 C=2 $f"; fi
done
# A header's new warning, say, belongs to no touched C file
if [ -z "$rest" ]; then ok "W=1 C=2: nothing new outside those files"; else
	echo "$rest" | sed 's/^/# /'
	notok "W=1 C=2: nothing new outside those files"; fi
took "W=1 and sparse"
echo "1..$n"
echo "# guest: plan done"
