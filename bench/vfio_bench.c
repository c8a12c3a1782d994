// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_bench: what VFIO type1 costs on QEMU's edu devices, for make bench.
 *
 * Run in the guest on the patched and on the base kernel alike. Prints one
 * line per figure, "bench: SECTION NAME VALUE UNIT", that scripts/bench.py
 * collects from both kernels' consoles:
 *
 *  calls  attach_dev calls (the iommu attach_device_to_domain tracepoint)
 *         of a group joining a container, of the second group joining
 *         the first group's domain, and of the two-group scenario from the
 *         first SET_CONTAINER to the last close;
 *  vfio   microseconds per container setup (open, SET_CONTAINER,
 *         SET_IOMMU), per teardown, per second group joining, per 64 MiB
 *         mapped and unmapped in 4 KiB pages and as one chunk.
 *
 * BENCH_REPS (environment) sets the repetitions of each timed figure;
 * each repetition prints its own line, the host takes the median.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/vfio.h>

#include "vfio_util.h"

#define ATTACH_EVENT	"attach_device_to_domain"
#define MAP_SIZE	(64UL << 20)

static struct edu_group grp[2];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void report(const char *section, const char *name, double value,
		   const char *unit)
{
	printf("bench: %s %s %.3f %s\n", section, name, value, unit);
	fflush(stdout);
}

static void count_start(void)
{
	if (trace_enable(ATTACH_EVENT, true) || trace_clear())
		die("tracefs " ATTACH_EVENT);
}

static int count_stop(void)
{
	trace_enable(ATTACH_EVENT, false);
	return trace_count(ATTACH_EVENT ":");
}

/* Driver calls: deterministic, measured once */
static void bench_calls(void)
{
	int container, g0, g1, n;
	char name[64];

	count_start();
	container = container_with(&grp[0], &g0);
	n = count_stop();
	snprintf(name, sizeof(name), "first_group_join_n%d", grp[0].nr_members);
	report("calls", name, n, "calls");

	g1 = open_group(&grp[1]);
	count_start();
	set_container(g1, container);
	n = count_stop();
	snprintf(name, sizeof(name), "second_group_join_n%d",
		 grp[1].nr_members);
	report("calls", name, n, "calls");

	count_start();
	close(g1);
	close(g0);
	close(container);
	n = count_stop();
	report("calls", "release_both", n, "calls");

	/* The two-group scenario as a whole, in the other order */
	count_start();
	container = container_with(&grp[1], &g1);
	g0 = open_group(&grp[0]);
	set_container(g0, container);
	close(g0);
	close(g1);
	close(container);
	n = count_stop();
	snprintf(name, sizeof(name), "two_groups_n%d+n%d", grp[1].nr_members,
		 grp[0].nr_members);
	report("calls", name, n, "calls");
}

static void bench_setup(int reps)
{
	uint64_t t0, t1, t2;
	int r, container, g0;

	for (r = 0; r < reps; r++) {
		t0 = now_ns();
		container = container_with(&grp[0], &g0);
		t1 = now_ns();
		close(g0);
		close(container);
		t2 = now_ns();
		report("vfio", "setup", (t1 - t0) / 1e3, "us");
		report("vfio", "teardown", (t2 - t1) / 1e3, "us");
	}
}

static void bench_second_group(int reps)
{
	int r, container, g0, g1;
	uint64_t t0, t1, t2;

	container = container_with(&grp[0], &g0);
	for (r = 0; r < reps; r++) {
		g1 = open_group(&grp[1]);
		t0 = now_ns();
		set_container(g1, container);
		t1 = now_ns();
		if (ioctl(g1, VFIO_GROUP_UNSET_CONTAINER))
			die("VFIO_GROUP_UNSET_CONTAINER");
		t2 = now_ns();
		close(g1);
		report("vfio", "second_group_join", (t1 - t0) / 1e3, "us");
		report("vfio", "second_group_leave", (t2 - t1) / 1e3, "us");
	}
	close(g0);
	close(container);
}

static void bench_map(int reps)
{
	int r, container, g0;
	uint64_t t0, t1, t2, off;
	uint8_t *buf;

	buf = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED)
		die("mmap");
	container = container_with(&grp[0], &g0);
	for (r = 0; r < reps; r++) {
		t0 = now_ns();
		for (off = 0; off < MAP_SIZE; off += PAGE)
			if (map_dma(container, buf + off, IOVA_BASE + off, PAGE))
				die("VFIO_IOMMU_MAP_DMA 4 KiB");
		t1 = now_ns();
		for (off = 0; off < MAP_SIZE; off += PAGE)
			if (unmap_dma(container, IOVA_BASE + off, PAGE))
				die("VFIO_IOMMU_UNMAP_DMA 4 KiB");
		t2 = now_ns();
		report("vfio", "map_64MiB_4KiB_pages", (t1 - t0) / 1e3, "us");
		report("vfio", "unmap_64MiB_4KiB_pages", (t2 - t1) / 1e3, "us");

		t0 = now_ns();
		if (map_dma(container, buf, IOVA_BASE, MAP_SIZE))
			die("VFIO_IOMMU_MAP_DMA 64 MiB");
		t1 = now_ns();
		if (unmap_dma(container, IOVA_BASE, MAP_SIZE))
			die("VFIO_IOMMU_UNMAP_DMA 64 MiB");
		t2 = now_ns();
		report("vfio", "map_64MiB_chunk", (t1 - t0) / 1e3, "us");
		report("vfio", "unmap_64MiB_chunk", (t2 - t1) / 1e3, "us");
	}
	close(g0);
	close(container);
	munmap(buf, MAP_SIZE);
}

int main(void)
{
	const char *env = getenv("BENCH_REPS");
	int reps = env ? atoi(env) : 5;
	int k, i;

	if (find_group(1, -1, &grp[0]) || find_group(2, grp[0].id, &grp[1])) {
		printf("vfio_bench: no singleton and multi-device edu groups\n");
		return 4;
	}
	for (k = 0; k < 2; k++) {
		save_drivers(&grp[k]);
		for (i = 0; i < grp[k].nr_edu; i++)
			if (bind_driver(grp[k].bdf[i], "vfio-pci"))
				die("bind vfio-pci");
	}
	bench_calls();
	bench_setup(reps);
	bench_second_group(reps);
	bench_map(reps);
	for (k = 0; k < 2; k++)
		restore_drivers(&grp[k]);
	return 0;
}
