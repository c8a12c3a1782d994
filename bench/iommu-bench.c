// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench's in-kernel figures: IOMMU driver calls and time of attach,
 * detach and replace against a mock IOMMU driver, on the series and on the
 * unpatched base alike. Not part of the series: scripts/bench-kunit.sh
 * commits this file into a copy of each tree, with IOMMU_BENCH_BASE
 * defined for the base, and runs it as a KUnit suite without debug
 * options. Each case prints "bench: mock NAME VALUE UNIT" lines and
 * asserts only that the calls it times succeed.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/ktime.h>
#include <linux/slab.h>

#include "iommu-priv.h"

MODULE_IMPORT_NS(IOMMUFD_INTERNAL);

#define BENCH_MAX_DEVS		64
#define BENCH_PAIRS		100000

static unsigned long bench_calls;	/* attach_dev calls; one thread */
static struct iommu_device bench_iommu;
static struct fwnode_handle bench_fwnode;
static struct notifier_block bench_nb;
/* The group that the devices being added join */
static struct iommu_group *bench_new_group;
static int bench_owner;

static int bench_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	bench_calls++;
	return 0;
}

static void bench_domain_free(struct iommu_domain *domain)
{
	kfree(domain);
}

static const struct iommu_domain_ops bench_static_ops = {
	.attach_dev = bench_attach_dev,
};

static struct iommu_domain bench_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &bench_static_ops,
};

static struct iommu_domain bench_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &bench_static_ops,
};

static struct iommu_domain *bench_domain_alloc_paging(struct device *dev)
{
	struct iommu_domain *domain = kzalloc(sizeof(*domain), GFP_KERNEL);

	return domain ?: ERR_PTR(-ENOMEM);
}

static const struct bus_type bench_bus = {
	.name = "iommu_bench",
};

static struct iommu_device *bench_probe_device(struct device *dev)
{
	return dev->bus == &bench_bus ? &bench_iommu : ERR_PTR(-ENODEV);
}

static struct iommu_group *bench_device_group(struct device *dev)
{
	return iommu_group_ref_get(bench_new_group);
}

static int bench_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

static const struct iommu_ops bench_ops = {
	.owner = THIS_MODULE,
	.identity_domain = &bench_identity_domain,
	.blocked_domain = &bench_blocked_domain,
	.def_domain_type = bench_def_domain_type,
	.domain_alloc_paging = bench_domain_alloc_paging,
	.probe_device = bench_probe_device,
	.device_group = bench_device_group,
	.pgsize_bitmap = SZ_4K,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev = bench_attach_dev,
		.free = bench_domain_free,
	},
};

struct bench_group {
	unsigned int n;
	struct device *dev[BENCH_MAX_DEVS];
	struct iommu_group *group;
	struct iommu_domain *dom[2];
};

static void bench_dev_release(struct device *dev)
{
	kfree(dev);
}

static void bench_group_free(void *data)
{
	struct bench_group *bg = data;
	unsigned int i;

	for (i = 0; i < bg->n; i++)
		device_unregister(bg->dev[i]);
	for (i = 0; i < ARRAY_SIZE(bg->dom); i++)
		if (!IS_ERR_OR_NULL(bg->dom[i]))
			iommu_domain_free(bg->dom[i]);
	if (!IS_ERR_OR_NULL(bg->group))
		iommu_group_put(bg->group);
}

/* A group of @n mock devices on its identity default domain */
static struct bench_group *bench_group_new(struct kunit *test, unsigned int n)
{
	static unsigned int seq;
	struct bench_group *bg;
	struct device *dev;
	unsigned int i;
	int ret;

	bg = kunit_kzalloc(test, sizeof(*bg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bg);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, bench_group_free,
							bg), 0);
	bg->group = iommu_group_alloc();
	KUNIT_ASSERT_FALSE(test, IS_ERR(bg->group));
	bench_new_group = bg->group;
	for (i = 0; i < n; i++) {
		dev = kzalloc(sizeof(*dev), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, dev);
		device_initialize(dev);
		dev->bus = &bench_bus;
		dev->release = bench_dev_release;
		ret = dev_set_name(dev, "iommu_bench.%u", seq++);
		if (!ret) {
			mutex_lock(&iommu_probe_device_lock);
			ret = iommu_fwspec_init(dev, &bench_fwnode);
			mutex_unlock(&iommu_probe_device_lock);
		}
		if (!ret)
			ret = device_add(dev);
		if (ret)
			put_device(dev);
		KUNIT_ASSERT_EQ(test, ret, 0);
		bg->dev[bg->n++] = dev;
		KUNIT_ASSERT_PTR_EQ(test, dev->iommu_group, bg->group);
	}
	for (i = 0; i < ARRAY_SIZE(bg->dom); i++) {
		bg->dom[i] = iommu_paging_domain_alloc(bg->dev[0]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(bg->dom[i]));
	}
	return bg;
}

/*
 * What a driver does to put its whole group on @domain: the series
 * attaches each device (the first moves the group, the others are
 * counted); the base has only the group call for a group of several.
 */
static int bench_attach(struct bench_group *bg, struct iommu_domain *domain)
{
#ifdef IOMMU_BENCH_BASE
	if (bg->n > 1)
		return iommu_attach_group(domain, bg->group);
	return iommu_attach_device(domain, bg->dev[0]);
#else
	unsigned int i;
	int ret;

	for (i = 0; i < bg->n; i++) {
		ret = iommu_attach_device(domain, bg->dev[i]);
		if (ret) {
			while (i--)
				iommu_detach_device(domain, bg->dev[i]);
			return ret;
		}
	}
	return 0;
#endif
}

static void bench_detach(struct bench_group *bg, struct iommu_domain *domain)
{
#ifdef IOMMU_BENCH_BASE
	if (bg->n > 1)
		iommu_detach_group(domain, bg->group);
	else
		iommu_detach_device(domain, bg->dev[0]);
#else
	unsigned int i;

	for (i = bg->n; i--;)
		iommu_detach_device(domain, bg->dev[i]);
#endif
}

static void report(struct kunit *test, const char *name, unsigned int n,
		   u64 value, const char *unit)
{
	kunit_info(test, "bench: mock %s_n%u %llu %s\n", name, n, value, unit);
}

static const unsigned int bench_sizes[] = { 1, 2, 4, 8, 16, 64 };

/* Driver calls of attaching and detaching a group of N, and per member */
static void iommu_bench_attach_calls(struct kunit *test)
{
	struct bench_group *bg;
	unsigned int k, n;

	for (k = 0; k < ARRAY_SIZE(bench_sizes); k++) {
		n = bench_sizes[k];
		bg = bench_group_new(test, n);
		bench_calls = 0;
		KUNIT_ASSERT_EQ(test, bench_attach(bg, bg->dom[0]), 0);
		report(test, "attach_group_calls", n, bench_calls, "calls");
#ifndef IOMMU_BENCH_BASE
		/* The first member's attach moved the group; the rest count */
		bench_detach(bg, bg->dom[0]);
		bench_calls = 0;
		KUNIT_ASSERT_EQ(test, iommu_attach_device(bg->dom[0],
							  bg->dev[0]), 0);
		report(test, "attach_first_member_calls", n, bench_calls,
		       "calls");
		bench_calls = 0;
		for (unsigned int i = 1; i < n; i++)
			KUNIT_ASSERT_EQ(test, iommu_attach_device(bg->dom[0],
								  bg->dev[i]),
					0);
		report(test, "attach_other_members_calls", n, bench_calls,
		       "calls");
#endif
		bench_calls = 0;
		bench_detach(bg, bg->dom[0]);
		report(test, "detach_group_calls", n, bench_calls, "calls");
		kunit_release_action(test, bench_group_free, bg);
	}
}

/* The owner's replace of a group's domain, counted */
static void iommu_bench_replace_calls(struct kunit *test)
{
	struct bench_group *bg;
	unsigned int k, n;

	for (k = 0; k < ARRAY_SIZE(bench_sizes); k++) {
		n = bench_sizes[k];
		bg = bench_group_new(test, n);
		KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(bg->group,
								  &bench_owner),
				0);
#ifdef IOMMU_BENCH_BASE
		KUNIT_ASSERT_EQ(test, iommu_attach_group(bg->dom[0], bg->group),
				0);
		bench_calls = 0;
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(bg->group,
								 bg->dom[1]),
				0);
		report(test, "replace_calls", n, bench_calls, "calls");
		iommu_detach_group(bg->dom[1], bg->group);
#else
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(bg->group,
				&bench_owner, NULL, bg->dom[0]), 0);
		bench_calls = 0;
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(bg->group,
				&bench_owner, bg->dom[0], bg->dom[1]), 0);
		report(test, "replace_calls", n, bench_calls, "calls");
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(bg->group,
				&bench_owner, bg->dom[1], NULL), 0);
#endif
		iommu_group_release_dma_owner(bg->group);
		kunit_release_action(test, bench_group_free, bg);
	}
}

/* Nanoseconds per attach + detach pair, BENCH_PAIRS pairs in a row */
static void iommu_bench_attach_detach_time(struct kunit *test)
{
	struct bench_group *bg;
	unsigned int k, n, i;
	u64 t0, t1;

	for (k = 0; k < ARRAY_SIZE(bench_sizes); k++) {
		n = bench_sizes[k];
		bg = bench_group_new(test, n);
		t0 = ktime_get_ns();
		for (i = 0; i < BENCH_PAIRS; i++) {
			if (bench_attach(bg, bg->dom[0]))
				break;
			bench_detach(bg, bg->dom[0]);
		}
		t1 = ktime_get_ns();
		KUNIT_ASSERT_EQ(test, i, BENCH_PAIRS);
		report(test, "attach_detach_pair_ns", n,
		       div_u64(t1 - t0, BENCH_PAIRS), "ns");
		kunit_release_action(test, bench_group_free, bg);
	}
}

static int iommu_bench_suite_init(struct kunit_suite *suite)
{
	int ret;

	fwnode_init(&bench_fwnode, NULL);
	bench_iommu.fwnode = &bench_fwnode;
	/* The core links each probed device to its IOMMU's sysfs node */
	ret = iommu_device_sysfs_add(&bench_iommu, NULL, NULL, "%s",
				     "iommu_bench");
	if (ret)
		return ret;
	ret = bus_register(&bench_bus);
	if (ret)
		goto err_sysfs;
	ret = iommu_device_register_bus(&bench_iommu, &bench_ops, &bench_bus,
					&bench_nb);
	if (ret)
		goto err_bus;
	return 0;

err_bus:
	bus_unregister(&bench_bus);
err_sysfs:
	iommu_device_sysfs_remove(&bench_iommu);
	return ret;
}

static void iommu_bench_suite_exit(struct kunit_suite *suite)
{
	iommu_device_unregister_bus(&bench_iommu, &bench_bus, &bench_nb);
	bus_unregister(&bench_bus);
	iommu_device_sysfs_remove(&bench_iommu);
}

static struct kunit_case iommu_bench_cases[] = {
	KUNIT_CASE(iommu_bench_attach_calls),
	KUNIT_CASE(iommu_bench_replace_calls),
	KUNIT_CASE_SLOW(iommu_bench_attach_detach_time),
	{}
};

static struct kunit_suite iommu_bench_suite = {
	.name = "iommu_bench",
	.suite_init = iommu_bench_suite_init,
	.suite_exit = iommu_bench_suite_exit,
	.test_cases = iommu_bench_cases,
};

kunit_test_suites(&iommu_bench_suite);

MODULE_DESCRIPTION("make bench: IOMMU attach costs against a mock driver");
MODULE_LICENSE("GPL");
