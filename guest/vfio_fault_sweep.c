// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_fault_sweep: allocation failures on the paths the series changed,
 * swept one at a time, as iommufd's fail_nth selftest does.
 *
 * For k = 1, 2, ... the k-th failslab check of one system call fails
 * (/proc/thread-self/fail-nth), until the call gets through without
 * reaching a k-th check. After every point:
 *  - a call that failed returned -1 with an errno, and only where a fault
 *    was injected;
 *  - the groups it touched are on a domain that works: the devices that
 *    were doing DMA still copy through their mapping, the call retried
 *    without a fault succeeds and DMA goes through the result;
 *  - once VFIO or the sample driver let go, the group is back on its
 *    default domain: the sample's DMA-API driver binds to a device of it
 *    and its DMA works.
 * Leaks show in kmemleak's scan at the end of the plan (debug kernels).
 *
 * The calls: VFIO_SET_IOMMU (type1 attaches a group), VFIO_GROUP_
 * SET_CONTAINER of a second group (the join), and the sample driver's
 * private attach (iommu_attach_device()) on a singleton group and, except
 * on the base (IOMMU_ATTACH_LEGACY=1), on a multi-device one. With
 * VFIO_SWEEP_RELEASE=1 also VFIO_GROUP_UNSET_CONTAINER of the second and
 * of the last group (the release), which fails its checks today (below).
 * On the base with arm-smmu-v3 the multi-device type1 sweeps are left
 * out: they only show a leak of 6.12 that the series fixes (below).
 * Prints "sweep: NAME: P allocations failed in turn, E errors, A absorbed":
 * P points, E of them made the call fail, A were a fault the call
 * survived; exits 1 on any failed check.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vfio_util.h"

#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define MAX_POINTS	2000

static struct edu_group gs, gm;	/* singleton, multi-device */
static uint8_t *buf;
static int nth_fd;
static const char *sweep;
static int k, bad;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("not ok: %s, point %d: ", sweep, k);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		fflush(stdout);						\
		bad++;							\
	}								\
} while (0)

/* Fail the @n-th fault injection check of this thread from now on */
static void arm(int n)
{
	char s[16];
	int len = snprintf(s, sizeof(s), "%d", n);

	/* The file has no position to seek: a write sets, pread(0) reads */
	if (write(nth_fd, s, len) != len)
		die("fail-nth");
}

/* Stop injecting; true if the armed failure happened */
static bool disarm(void)
{
	char s[16] = "";
	bool hit;

	if (pread(nth_fd, s, sizeof(s) - 1, 0) <= 0)
		die("fail-nth");
	hit = atoi(s) == 0;
	arm(0);
	return hit;
}

static const char *type_of(struct edu_group *g)
{
	static char type[32];

	if (group_type(g->id, type, sizeof(type)))
		return "?";
	return type;
}

/*
 * The group of @g, which nothing holds now, is on its default domain: a
 * DMA API driver binds to its first device and DMA works. All devices of
 * a group share its domain. The device goes back to vfio-pci.
 */
static void check_default(struct edu_group *g)
{
	const char *bdf = g->bdf[0];
	char type[32];

	snprintf(type, sizeof(type), "%s", type_of(g));
	CHECK(edu_bind(bdf, EDU_DMA_API) == 0, "%s: DMA API probe refused",
	      bdf);
	CHECK(!strcmp(type, edu_domain(bdf)), "%s: on %s, not on its %s",
	      bdf, edu_domain(bdf), type);
	CHECK(edu_attr_write(bdf, "dma", "1") == 0,
	      "%s: no DMA on the default domain", bdf);
	if (bind_driver(bdf, "vfio-pci"))
		die("bind vfio-pci");
}

/* Device 0 of @gfd copies through the mapping at IOVA_BASE */
static void check_dma(int gfd, struct edu_group *g, const char *when)
{
	struct vfio_edu_dev d;

	CHECK(open_edu(gfd, g->bdf[0], &d) == 0, "%s: cannot open %s", when,
	      g->bdf[0]);
	if (d.fd < 0)
		return;
	CHECK(round_trip(&d, buf, IOVA_BASE, k) == 0, "%s: no DMA by %s",
	      when, g->bdf[0]);
	close_edu(&d);
}

/* One point's outcome: ret and errno of the call, and whether k was hit */
struct point {
	int ret, err;
	bool hit;
};

static int errors, absorbed;

/* Account for @p; true if the sweep is over (the call reached no k-th) */
static bool tally(struct point *p)
{
	if (p->ret) {
		CHECK(p->hit, "failed (%s) without an injected fault",
		      strerror(p->err));
		CHECK(p->err != 0, "failed without an errno");
		errors++;
	} else if (p->hit) {
		absorbed++;
	}
	return !p->hit;
}

static void start(const char *name)
{
	sweep = name;
	errors = absorbed = 0;
}

static void done(void)
{
	printf("sweep: %s: %d allocations failed in turn, %d errors, %d absorbed\n",
	       sweep, k - 1, errors, absorbed);
	fflush(stdout);
	CHECK(k < MAX_POINTS, "did not end");
}

/* type1 attaching its first group: VFIO_SET_IOMMU */
static void sweep_attach(struct edu_group *g, const char *name)
{
	struct point p;
	int c, gfd;

	start(name);
	for (k = 1; k < MAX_POINTS; k++) {
		c = open_container();
		gfd = open_group(g);
		set_container(gfd, c);
		arm(k);
		p.ret = ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU);
		p.err = errno;
		p.hit = disarm();
		if (p.ret) {
			struct vfio_group_status st = { .argsz = sizeof(st) };

			CHECK(!ioctl(gfd, VFIO_GROUP_GET_STATUS, &st) &&
			      (st.flags & VFIO_GROUP_FLAGS_VIABLE),
			      "group not viable after the failure");
			CHECK(!ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU),
			      "retry failed: %s", strerror(errno));
		}
		CHECK(!map_dma(c, buf, IOVA_BASE, 2 * PAGE), "map: %s",
		      strerror(errno));
		check_dma(gfd, g, "after SET_IOMMU");
		close(gfd);
		close(c);
		check_default(g);
		if (tally(&p))
			break;
	}
	done();
}

/* A second group joining the first one's container: SET_CONTAINER */
static void sweep_join(void)
{
	struct vfio_edu_dev d1;
	struct point p;
	int c, g1, g2;

	start("type1 join");
	for (k = 1; k < MAX_POINTS; k++) {
		c = container_with(&gm, &g1);
		if (map_dma(c, buf, IOVA_BASE, 2 * PAGE) ||
		    open_edu(g1, gm.bdf[0], &d1))
			die("first group");
		g2 = open_group(&gs);
		arm(k);
		p.ret = ioctl(g2, VFIO_GROUP_SET_CONTAINER, &c);
		p.err = errno;
		p.hit = disarm();
		CHECK(!round_trip(&d1, buf, IOVA_BASE, k),
		      "the first group lost its DMA");
		if (p.ret)
			CHECK(!ioctl(g2, VFIO_GROUP_SET_CONTAINER, &c),
			      "retry failed: %s", strerror(errno));
		check_dma(g2, &gs, "after the join");
		close_edu(&d1);
		close(g2);
		close(g1);
		close(c);
		check_default(&gm);
		check_default(&gs);
		if (tally(&p))
			break;
	}
	done();
}

/*
 * A group leaving its container: the second of two (@last false), whose
 * container goes on, or the last one.
 */
static void sweep_release(bool last, const char *name)
{
	struct vfio_edu_dev d1;
	struct point p;
	int c, g1, g2 = -1;

	start(name);
	for (k = 1; k < MAX_POINTS; k++) {
		c = container_with(&gm, &g1);
		if (map_dma(c, buf, IOVA_BASE, 2 * PAGE) ||
		    open_edu(g1, gm.bdf[0], &d1))
			die("first group");
		if (!last) {
			g2 = open_group(&gs);
			set_container(g2, c);
		} else {
			close_edu(&d1);
		}
		arm(k);
		p.ret = ioctl(last ? g1 : g2, VFIO_GROUP_UNSET_CONTAINER);
		p.err = errno;
		p.hit = disarm();
		if (!last) {
			CHECK(!round_trip(&d1, buf, IOVA_BASE, k),
			      "the group that stays lost its DMA");
			close(g2);
			check_default(&gs);
			close_edu(&d1);
		}
		close(g1);
		close(c);
		check_default(&gm);
		if (tally(&p))
			break;
	}
	done();
}

/* The sample driver's iommu_attach_device() on device 0 of @g */
static void sweep_private(struct edu_group *g, const char *name)
{
	const char *a = g->bdf[0];
	char path[128], type[32];
	struct point p;
	int fd;

	start(name);
	snprintf(type, sizeof(type), "%s", type_of(g));
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/attach", a);
	for (k = 1; k < MAX_POINTS; k++) {
		if (edu_bind(a, EDU_PRIVATE))
			die("bind " EDU_PRIVATE);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			die(path);
		arm(k);
		p.ret = write(fd, "1", 1) == 1 ? 0 : -1;
		p.err = errno;
		p.hit = disarm();
		close(fd);
		if (p.ret) {
			CHECK(!strcmp(type, edu_domain(a)),
			      "on %s after the failure, not on %s",
			      edu_domain(a), type);
			CHECK(!edu_attr_write(a, "attach", "1"),
			      "retry failed");
		}
		CHECK(!strcmp("private", edu_domain(a)), "not attached");
		CHECK(!edu_attr_write(a, "dma", "1"), "no DMA when attached");
		CHECK(!edu_attr_write(a, "attach", "0"), "detach failed");
		CHECK(!strcmp(type, edu_domain(a)), "on %s after the detach",
		      edu_domain(a));
		if (bind_driver(a, "vfio-pci"))
			die("bind vfio-pci");
		check_default(g);
		if (tally(&p))
			break;
	}
	done();
}

/* Is the IOMMU arm-smmu-v3 (its sysfs devices are smmu3.ADDRESS)? */
static bool arm_smmu_v3(void)
{
	struct dirent *d;
	bool found = false;
	DIR *dir = opendir("/sys/class/iommu");

	if (!dir)
		return false;
	while (!found && (d = readdir(dir)))
		found = !strncmp(d->d_name, "smmu3.", 6);
	closedir(dir);
	return found;
}

int main(void)
{
	int i;

	if (find_group(1, -1, &gs) || find_group(2, gs.id, &gm)) {
		printf("vfio_fault_sweep: no singleton and multi-device edu groups\n");
		return 4;
	}
	if (write_file(FAILSLAB "ignore-gfp-wait", "N") ||
	    write_file(FAILSLAB "verbose", "0")) {
		printf("vfio_fault_sweep: no failslab in debugfs\n");
		return 4;
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0)
		die("/proc/thread-self/fail-nth");
	buf = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("mmap");
	save_drivers(&gs);
	save_drivers(&gm);
	for (i = 0; i < gs.nr_edu; i++)
		if (bind_driver(gs.bdf[i], "vfio-pci"))
			die("bind vfio-pci");
	for (i = 0; i < gm.nr_edu; i++)
		if (bind_driver(gm.bdf[i], "vfio-pci"))
			die("bind vfio-pci");

	sweep_attach(&gs, "type1 attach, singleton group");
	/*
	 * A failure in the middle of a multi-device group's switch makes the
	 * core move the other devices back. 6.12 tells the driver that they
	 * leave the old domain (group->domain), and arm-smmu-v3 then keeps
	 * them on the new domain's list: kmemleak reports its master_domain
	 * once that domain is freed. The series' patch 3 fixes it; on the
	 * base this would only report the known leak.
	 */
	if (attach_legacy() && arm_smmu_v3()) {
		printf("not swept on the base with arm-smmu-v3: type1 attach of the multi-device group and the join (6.12 leaks on a revert)\n");
	} else {
		sweep_attach(&gm, "type1 attach, multi-device group");
		sweep_join();
	}
	/*
	 * Releasing a group returns it to its default domain through a call
	 * that must not fail, but VT-d's attach_dev allocates and can: with
	 * such an allocation failed, 6.12 (base and series alike) WARNs and
	 * leaves the device blocked while the group says it is on its
	 * default domain (DMA API then gets no DMA). Known, not fixed yet:
	 * VFIO_SWEEP_RELEASE=1 runs these sweeps.
	 */
	if (getenv("VFIO_SWEEP_RELEASE")) {
		sweep_release(false, "type1 release, second group");
		sweep_release(true, "type1 release, last group");
	}
	sweep_private(&gs, "private attach, singleton group");
	if (!attach_legacy())
		sweep_private(&gm, "private attach, multi-device group");

	restore_drivers(&gs);
	restore_drivers(&gm);
	write_file(FAILSLAB "ignore-gfp-wait", "Y");
	printf("vfio_fault_sweep: %d failed checks\n", bad);
	return bad ? 1 : 0;
}
