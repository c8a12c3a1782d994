// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_fuzz: a seeded, bounded fuzzer of the VFIO container, group and
 * device ioctls and of the edu sample driver's controls.
 *
 * FUZZ_SEED (environment, or the kernel command line) picks the sequence,
 * 20261204 unless set; FUZZ_CALLS the number of calls, 100000 unless set
 * (10000 on the base, IOMMU_ATTACH_LEGACY=1, where it is the control).
 * The seed is printed first, so a failing run can be replayed.
 *
 * Calls: random ioctls (the known ones with arguments drawn from values
 * that matter: unaligned, zero, huge and overlapping IOVAs and sizes,
 * bad vaddrs, wrong argsz, fds that are closed or of the wrong kind, and
 * random command numbers with random payloads) on a pool of container,
 * group and device fds that the fuzzer opens and closes at random, and
 * random writes to the sample driver's attributes and driver binds on a
 * third group. Device config space is only read.
 *
 * Checks, besides the kernel log that the harness scans (oops, WARN,
 * lockdep, KASAN, kmemleak): every call returns -1 with an errno or what
 * its command returns on success; type1 never accepts a mapping it must
 * refuse (unaligned, empty, neither readable nor writable, wrapping);
 * after every 10,000 calls everything is closed and put back, and each
 * group must then work: a type1 container maps and its device's DMA
 * comes back, the sample driver attaches its domain and DMAs (on the
 * base, whose iommu_attach_device() refuses a multi-device group, the
 * attach must fail with EINVAL and change nothing), and the DMA API
 * works on the default domain.
 *
 * At the end it prints the calls made and the time taken per kind of
 * step, which shows where a run's time goes (the edu device's DMA).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/eventfd.h>

#include "vfio_util.h"

#define SLOTS		12
#define PHASE		10000
#define BIG		(4UL << 20)

enum kind { FREE, CONTAINER, GROUP, DEVICE };

static struct { enum kind kind; int fd; } slot[SLOTS];
static struct edu_group grp[3];	/* singleton, multi (VFIO); sample */
static uint64_t rng;
static uint8_t *big, payload[512];
static long calls, bad, ok_calls;
static int efd;

/* Where the time goes, per kind of step of the main loop */
enum step { OPEN_C, CLOSE, GROUP_S, DEVICE_S, SAMPLE, CONTAINER_S, CONTROL,
	    NR_STEPS };
static const char *const step_name[NR_STEPS] = {
	"open container", "close", "group", "device", "sample driver",
	"container", "control",
};
static double step_secs[NR_STEPS];
static long step_calls[NR_STEPS];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t pick(const uint64_t *v, int n)
{
	return v[rnd() % n];
}

#define PICK(v) pick(v, sizeof(v) / sizeof(v[0]))

/*
 * A random VFIO command number; for device fds not the resets (a bus
 * reset takes a second), which fuzz_device() issues now and then itself
 */
static unsigned long any_cmd(bool device)
{
	unsigned int nr = rnd() % 24;

	if (device && (nr == 11 || nr == 13))
		nr = 0;
	return _IO(VFIO_TYPE, VFIO_BASE + nr);
}

static void fail(const char *what, long ret)
{
	printf("not ok: call %ld: %s returned %ld (errno %d)\n", calls, what,
	       ret, errno);
	fflush(stdout);
	bad++;
}

/* -1 with an errno, or a result @ok accepts */
static void expect(const char *what, long ret, bool ok)
{
	calls++;
	if (ret == -1 && errno > 0 && errno < 4096)
		return;
	if (ret != -1 && ok) {
		ok_calls++;
		return;
	}
	fail(what, ret);
}

static int slot_fd(enum kind kind)
{
	int i, start = rnd() % SLOTS;

	/* Now and then any fd, or one that is closed or never was */
	switch (rnd() % 16) {
	case 0:
		return -1;
	case 1:
		return 1000 + rnd() % 8;
	case 2:
		return slot[start].fd;
	}
	for (i = 0; i < SLOTS; i++)
		if (slot[(start + i) % SLOTS].kind == kind)
			return slot[(start + i) % SLOTS].fd;
	return -1;
}

static void put_fd(enum kind kind, int fd)
{
	int i = rnd() % SLOTS;

	if (fd < 0)
		return;
	if (slot[i].kind != FREE)
		close(slot[i].fd);
	slot[i].kind = kind;
	slot[i].fd = fd;
}

static void close_all(void)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slot[i].kind != FREE)
			close(slot[i].fd);
	memset(slot, 0, sizeof(slot));
	for (i = 0; i < SLOTS; i++)
		slot[i].fd = -1;
}

static const uint64_t iovas[] = {
	0, 1, PAGE, IOVA_BASE, IOVA_BASE + 1, IOVA_BASE + PAGE,
	IOVA_BASE + BIG / 2, 0xfee00000, 1ULL << 39, 1ULL << 47, 1ULL << 63,
	~0ULL & ~(PAGE - 1), ~0ULL,
};
static const uint64_t sizes[] = {
	0, 1, PAGE - 1, PAGE, 2 * PAGE, PAGE + 1, BIG, BIG + PAGE,
	1ULL << 40, ~0ULL & ~(PAGE - 1), ~0ULL,
};

static void fuzz_map(int c)
{
	uint64_t vaddrs[] = {
		(uintptr_t)big, (uintptr_t)big + 1, (uintptr_t)big + PAGE,
		(uintptr_t)big + BIG - PAGE, 0, 0xffff888000000000ULL,
	};
	struct vfio_iommu_type1_dma_map m = {
		.argsz = rnd() % 8 ? sizeof(m) : rnd() % 64,
		.flags = rnd() % 8 ? VFIO_DMA_MAP_FLAG_READ |
				     VFIO_DMA_MAP_FLAG_WRITE : rnd() % 16,
		.vaddr = PICK(vaddrs), .iova = PICK(iovas),
		.size = PICK(sizes),
	};
	long ret = ioctl(c, VFIO_IOMMU_MAP_DMA, &m);
	/* Without FLAG_VADDR (which updates a mapping), no access is wrong */
	bool must_refuse = !m.size || (m.size | m.iova | m.vaddr) &
			   (PAGE - 1) || m.iova + m.size - 1 < m.iova ||
			   !(m.flags & (VFIO_DMA_MAP_FLAG_READ |
					VFIO_DMA_MAP_FLAG_WRITE |
					VFIO_DMA_MAP_FLAG_VADDR));

	expect("MAP_DMA", ret, ret == 0 && !must_refuse);
}

static void fuzz_unmap(int c)
{
	struct vfio_iommu_type1_dma_unmap u = {
		.argsz = rnd() % 8 ? sizeof(u) : rnd() % 64,
		.flags = rnd() % 4 ? 0 : rnd() % 8,
		.iova = PICK(iovas), .size = PICK(sizes),
	};

	expect("UNMAP_DMA", ioctl(c, VFIO_IOMMU_UNMAP_DMA, &u), true);
}

static void fuzz_container(void)
{
	int c = slot_fd(CONTAINER);
	struct vfio_iommu_type1_info info = { .argsz = rnd() % 80 };
	long ret;

	switch (rnd() % 9) {
	case 0:
		ret = ioctl(c, VFIO_GET_API_VERSION);
		expect("GET_API_VERSION", ret, ret == VFIO_API_VERSION);
		break;
	case 1:
		ret = ioctl(c, VFIO_CHECK_EXTENSION, rnd() % 16);
		expect("CHECK_EXTENSION", ret, ret == 0 || ret == 1);
		break;
	case 2:
		ret = ioctl(c, VFIO_SET_IOMMU, rnd() % 4 ? VFIO_TYPE1v2_IOMMU :
						   rnd() % 12);
		expect("SET_IOMMU", ret, ret == 0);
		break;
	case 3:
		expect("IOMMU_GET_INFO", ioctl(c, VFIO_IOMMU_GET_INFO, &info),
		       true);
		break;
	case 4:
	case 5:
		fuzz_map(c);
		break;
	case 6:
	case 7:
		fuzz_unmap(c);
		break;
	default:
		expect("container ioctl", ioctl(c, any_cmd(false), payload),
		       true);
	}
}

static void fuzz_group(void)
{
	struct vfio_group_status st = { .argsz = rnd() % 4 ? sizeof(st) :
						 rnd() % 16 };
	struct edu_group *g = &grp[rnd() % 2];
	int gfd = slot_fd(GROUP), c;
	char name[64], path[64];
	long ret;

	switch (rnd() % 7) {
	case 0:
		snprintf(path, sizeof(path), "/dev/vfio/%d", g->id);
		ret = open(path, O_RDWR);
		expect("open group", ret, true);
		put_fd(GROUP, ret);
		break;
	case 1:
		expect("GET_STATUS", ioctl(gfd, VFIO_GROUP_GET_STATUS, &st),
		       true);
		break;
	case 2:
		c = slot_fd(CONTAINER);
		expect("SET_CONTAINER",
		       ioctl(gfd, VFIO_GROUP_SET_CONTAINER, &c), true);
		break;
	case 3:
		expect("UNSET_CONTAINER",
		       ioctl(gfd, VFIO_GROUP_UNSET_CONTAINER), true);
		break;
	case 4:
		if (rnd() % 4)
			break;
		if (rnd() % 4)
			snprintf(name, sizeof(name), "%s",
				 g->bdf[rnd() % g->nr_edu]);
		else
			snprintf(name, sizeof(name), "%.*s", (int)(rnd() % 40),
				 "0000:00:00.0 not a device name at all.....");
		ret = ioctl(gfd, VFIO_GROUP_GET_DEVICE_FD, name);
		expect("GET_DEVICE_FD", ret, ret >= 0);
		put_fd(DEVICE, ret);
		break;
	default:
		expect("group ioctl", ioctl(gfd, any_cmd(false), payload),
		       true);
	}
}

static void fuzz_device(void)
{
	int d = slot_fd(DEVICE);
	struct vfio_region_info reg = { .argsz = rnd() % 4 ? sizeof(reg) :
						  rnd() % 64,
					.index = rnd() % 12 };
	struct vfio_irq_info irq = { .argsz = sizeof(irq),
				     .index = rnd() % 8 };
	struct {
		struct vfio_irq_set s;
		int32_t fds[2];
	} set = { .s = { .argsz = sizeof(set), .flags = rnd() % 64,
			 .index = rnd() % 6, .start = rnd() % 3,
			 .count = rnd() % 3 },
		  .fds = { efd, rnd() % 2 ? efd : -1 } };
	struct vfio_device_info info = { .argsz = rnd() % 64 };
	uint8_t cfg[64];

	switch (rnd() % 8) {
	case 0:
		expect("DEVICE_GET_INFO", ioctl(d, VFIO_DEVICE_GET_INFO, &info),
		       true);
		break;
	case 1:
		expect("GET_REGION_INFO",
		       ioctl(d, VFIO_DEVICE_GET_REGION_INFO, &reg), true);
		break;
	case 2:
		expect("GET_IRQ_INFO", ioctl(d, VFIO_DEVICE_GET_IRQ_INFO, &irq),
		       true);
		break;
	case 3:
		expect("SET_IRQS", ioctl(d, VFIO_DEVICE_SET_IRQS, &set), true);
		break;
	case 4:
		expect("config read",
		       pread(d, cfg, 1 + rnd() % sizeof(cfg),
			     (7ULL << 40) + rnd() % 320), true);
		break;
	case 5:
		if (rnd() % 32 == 0)
			expect("DEVICE_RESET", ioctl(d, VFIO_DEVICE_RESET),
			       true);
		break;
	case 6:
		expect("device ioctl", ioctl(d, any_cmd(true), payload), true);
		break;
	default:
		expect("device ioctl", ioctl(d, any_cmd(true), payload), true);
	}
}

static void fuzz_sample(void)
{
	static const char *const attrs[] = { "attach", "dma", "dma_unmapped" };
	static const char *const vals[] = { "1", "0", "2", "-1", "", "1\n1",
					    "attach", "99999999999999999999" };
	static const char *const drivers[] = { EDU_PRIVATE, EDU_DMA_API, "" };
	struct edu_group *g = &grp[2];
	const char *bdf = g->bdf[rnd() % g->nr_edu];

	calls++;
	if (rnd() % 8 == 0) {
		edu_bind(bdf, drivers[rnd() % 3]);
		return;
	}
	/*
	 * An attribute the bound driver may not have: ENOENT is fine. The
	 * DMA attributes seldom: QEMU's edu device takes 100 ms to copy.
	 */
	edu_attr_write(bdf, attrs[rnd() % 8 ? 0 : 1 + rnd() % 2],
		       vals[rnd() % 8]);
}

/* Everything closed and put back: does each group still work? */
static void control(void)
{
	struct vfio_edu_dev d = { .fd = -1 };
	int k, i, c, gfd;
	const char *bdf;

	close_all();
	for (k = 0; k < 2; k++) {
		c = container_with(&grp[k], &gfd);
		if (map_dma(c, big, IOVA_BASE, 2 * PAGE) ||
		    open_edu(gfd, grp[k].bdf[0], &d) ||
		    round_trip(&d, big, IOVA_BASE, calls)) {
			printf("not ok: after call %ld: no type1 DMA on group %d\n",
			       calls, grp[k].id);
			bad++;
		}
		close_edu(&d);
		close(gfd);
		close(c);
	}
	/* The sample group: a private domain, then the default one */
	for (i = 0; i < grp[2].nr_edu; i++)
		bind_driver(grp[2].bdf[i], "");
	bdf = grp[2].bdf[0];
	if (attach_legacy()) {
		/* 6.12 refuses a private domain on a multi-device group */
		if (edu_bind(bdf, EDU_PRIVATE) ||
		    edu_attr_write(bdf, "attach", "1") != EINVAL ||
		    !strcmp(edu_domain(bdf), "private")) {
			printf("not ok: after call %ld: private attach of %s not refused with EINVAL\n",
			       calls, bdf);
			bad++;
		}
	} else if (edu_bind(bdf, EDU_PRIVATE) ||
		   edu_attr_write(bdf, "attach", "1") ||
		   edu_attr_write(bdf, "dma", "1") ||
		   edu_attr_write(bdf, "attach", "0")) {
		printf("not ok: after call %ld: private domain of %s\n", calls,
		       bdf);
		bad++;
	}
	for (k = 0; k < 3; k++) {
		bdf = grp[k].bdf[0];
		if (edu_bind(bdf, EDU_DMA_API) ||
		    edu_attr_write(bdf, "dma", "1")) {
			printf("not ok: after call %ld: DMA API on %s\n", calls,
			       bdf);
			bad++;
		}
		bind_driver(bdf, k < 2 ? "vfio-pci" : "");
	}
	printf("# after %ld calls: %ld succeeded, %ld failed checks\n", calls,
	       ok_calls, bad);
	fflush(stdout);
}

int main(void)
{
	const char *env = getenv("FUZZ_SEED");
	long total, i, phase = 0;
	int k;

	rng = env ? strtoull(env, NULL, 0) : 20261204;
	env = getenv("FUZZ_CALLS");
	total = env ? atol(env) : attach_legacy() ? 10000 : 100000;
	printf("vfio_fuzz: seed %llu, %ld calls (FUZZ_SEED, FUZZ_CALLS)\n",
	       (unsigned long long)rng, total);
	fflush(stdout);
	if (!rng)
		rng = 1;
	if (find_group(1, -1, &grp[0]) || find_group(2, grp[0].id, &grp[1]) ||
	    find_group(2, grp[1].id, &grp[2]) || grp[2].id == grp[0].id) {
		printf("vfio_fuzz: needs a singleton and two multi-device edu groups\n");
		return 4;
	}
	big = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	efd = eventfd(0, 0);
	if (big == MAP_FAILED || efd < 0)
		die("setup");
	for (i = 0; i < (long)sizeof(payload); i++)
		payload[i] = rnd();
	for (k = 0; k < 3; k++) {
		save_drivers(&grp[k]);
		for (i = 0; i < grp[k].nr_edu; i++)
			bind_driver(grp[k].bdf[i], k < 2 ? "vfio-pci" : "");
	}
	close_all();

	while (calls < total) {
		long c0 = calls;
		double t0 = now();
		enum step st;

		switch (rnd() % 16) {
		case 0:
			st = OPEN_C;
			put_fd(CONTAINER, open("/dev/vfio/vfio", O_RDWR));
			calls++;
			break;
		case 1: {
			/* Seldom: opening a device resets it, which is slow */
			int s = rnd() % (4 * SLOTS);

			st = CLOSE;
			if (s >= SLOTS)
				break;

			if (slot[s].kind != FREE)
				close(slot[s].fd);
			slot[s].kind = FREE;
			slot[s].fd = -1;
			calls++;
			break;
		}
		case 2:
		case 3:
		case 4:
			st = GROUP_S;
			fuzz_group();
			break;
		case 5:
		case 6:
		case 7:
		case 8:
			st = DEVICE_S;
			fuzz_device();
			break;
		case 9:
			st = SAMPLE;
			fuzz_sample();
			break;
		default:
			st = CONTAINER_S;
			fuzz_container();
		}
		step_secs[st] += now() - t0;
		step_calls[st] += calls - c0;
		if (calls / PHASE > phase || calls >= total) {
			t0 = now();
			control();
			step_secs[CONTROL] += now() - t0;
			step_calls[CONTROL]++;
			phase = calls / PHASE;
		}
	}
	for (k = 0; k < NR_STEPS; k++)
		printf("# vfio_fuzz: %s: %ld calls, %.1f s\n", step_name[k],
		       step_calls[k], step_secs[k]);
	for (k = 0; k < 3; k++)
		restore_drivers(&grp[k]);
	printf("vfio_fuzz: seed %s, %ld calls, %ld succeeded, %ld failed checks\n",
	       getenv("FUZZ_SEED") ? getenv("FUZZ_SEED") : "20261204", calls,
	       ok_calls, bad);
	return bad ? 1 : 0;
}
