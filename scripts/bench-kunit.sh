#!/bin/sh
# bench-kunit.sh OUT BOOTS: make bench's in-kernel part. Puts
# bench/iommu-bench.c into a copy of each tree (build/bench-k/VARIANT/linux:
# the generated tree, the base with the series' test-only patches, and the
# A/A control of srcdir.sh), builds a KUnit kernel of each from
# bench/kunitconfig in build/bench-k/VARIANT/obj (the same relative path
# to the source for all three, so ccache serves the second and the third
# from the first), then runs the three in turn (patched, base, control,
# patched, ...) BOOTS times, keeping each console as OUT/mock-I-VARIANT.log.
. "$(dirname "$0")/lib.sh"
out=$1 boots=$2
export CCACHE_DIR=${CCACHE_DIR:-$build/ccache} CCACHE_BASEDIR=$build CCACHE_NOHASHDIR=1

# put FILE CONTENT-FILE: write only what changed, so a warm run rebuilds nothing
put() { cmp -s "$2" "$1" || cp "$2" "$1"; }

variants="patched base control"
for v in $variants; do
	src=$("$top/scripts/srcdir.sh" "$v")
	head=$(git -C "$src" rev-parse HEAD)
	wt=$build/bench-k/$v/linux
	if [ ! -d "$wt" ]; then
		mkdir -p "$build/bench-k/$v"
		git -C "$tree" worktree add -q --detach "$wt" "$head" >&2
	elif [ "$(git -C "$wt" rev-parse HEAD)" != "$head" ]; then
		git -C "$wt" checkout -q -f --detach "$head"
	fi
	tmp=$(mktemp)
	git -C "$wt" show HEAD:drivers/iommu/Kconfig >"$tmp"
	cat >>"$tmp" <<'KCONFIG'

config IOMMU_BENCH_KUNIT
	bool "make bench's mock IOMMU figures (harness only)"
	depends on KUNIT && IOMMUFD_TEST
KCONFIG
	put "$wt/drivers/iommu/Kconfig" "$tmp"
	git -C "$wt" show HEAD:drivers/iommu/Makefile >"$tmp"
	echo 'obj-$(CONFIG_IOMMU_BENCH_KUNIT) += iommu-bench.o' >>"$tmp"
	[ "$v" != patched ] &&
		echo 'CFLAGS_iommu-bench.o += -DIOMMU_BENCH_BASE' >>"$tmp"
	put "$wt/drivers/iommu/Makefile" "$tmp"
	rm -f "$tmp"
	put "$wt/drivers/iommu/iommu-bench.c" "$top/bench/iommu-bench.c"
	note "building the bench KUnit kernel, $v"
	(cd "$wt" && python3 tools/testing/kunit/kunit.py build --arch=x86_64 \
		--build_dir="$build/bench-k/$v/obj" \
		--kunitconfig="$top/bench/kunitconfig" \
		--make_options="CC=ccache gcc" --jobs="$(nproc)") \
		>"$out/kunit-build-$v.log" 2>&1 ||
		die "bench KUnit build failed ($v): $out/kunit-build-$v.log"
done

i=1
while [ "$i" -le "$boots" ]; do
	for v in $variants; do
		note "mock: boot $i of $boots, $v"
		(cd "$build/bench-k/$v/linux" && python3 tools/testing/kunit/kunit.py \
			exec --arch=x86_64 --build_dir="$build/bench-k/$v/obj" \
			--raw_output=all --timeout=900 iommu_bench) \
			>"$out/mock-$i-$v.log" 2>&1 ||
			die "bench KUnit run failed ($v): $out/mock-$i-$v.log"
	done
	i=$((i + 1))
done
