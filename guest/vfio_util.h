/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VFIO type1 helpers of the harness's guest programs (bench/vfio_bench.c,
 * guest/vfio_fault_sweep.c), on top of the selftests' edu_utils.h. Every
 * helper that cannot go on ends the program through die().
 */
#ifndef HARNESS_VFIO_UTIL_H
#define HARNESS_VFIO_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "edu_utils.h"

extern char *program_invocation_short_name;

static inline void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(1);
}

static inline int open_group(struct edu_group *g)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/vfio/%d", g->id);
	fd = open(path, O_RDWR);
	if (fd < 0)
		die(path);
	return fd;
}

static inline void set_container(int group, int container)
{
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		die("VFIO_GROUP_SET_CONTAINER");
}

static inline int open_container(void)
{
	int container = open("/dev/vfio/vfio", O_RDWR);

	if (container < 0)
		die("/dev/vfio/vfio");
	return container;
}

/* A container holding group @g with the type1 IOMMU set; *@gfd its fd */
static inline int container_with(struct edu_group *g, int *gfd)
{
	int container = open_container();

	*gfd = open_group(g);
	set_container(*gfd, container);
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		die("VFIO_SET_IOMMU");
	return container;
}

static inline int map_dma(int container, void *vaddr, uint64_t iova,
			  uint64_t size)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)vaddr,
		.iova = iova,
		.size = size,
	};

	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map);
}

static inline int unmap_dma(int container, uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap),
		.iova = iova,
		.size = size,
	};

	return ioctl(container, VFIO_IOMMU_UNMAP_DMA, &unmap);
}

/* An edu device of an open group, with BAR 0 mapped */
struct vfio_edu_dev {
	int fd;
	uint8_t *bar;
	size_t bar_size;
};

/* Open @bdf in group @gfd, let it master the bus, map BAR 0; -1 on error */
static inline int open_edu(int gfd, const char *bdf,
			   struct vfio_edu_dev *d)
{
	struct vfio_region_info reg = { .argsz = sizeof(reg) };
	uint16_t cmd;

	d->bar = NULL;
	d->fd = ioctl(gfd, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (d->fd < 0)
		return -1;
	reg.index = VFIO_PCI_CONFIG_REGION_INDEX;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &reg) ||
	    pread(d->fd, &cmd, 2, reg.offset + PCI_COMMAND) != 2)
		goto fail;
	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	if (pwrite(d->fd, &cmd, 2, reg.offset + PCI_COMMAND) != 2)
		goto fail;
	memset(&reg, 0, sizeof(reg));
	reg.argsz = sizeof(reg);
	reg.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &reg))
		goto fail;
	d->bar_size = reg.size;
	d->bar = mmap(NULL, reg.size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      d->fd, reg.offset);
	if (d->bar != MAP_FAILED)
		return 0;
	d->bar = NULL;
fail:
	close(d->fd);
	d->fd = -1;
	return -1;
}

static inline void close_edu(struct vfio_edu_dev *d)
{
	if (d->bar)
		munmap(d->bar, d->bar_size);
	if (d->fd >= 0)
		close(d->fd);
	d->bar = NULL;
	d->fd = -1;
}

/*
 * Page 0 of @buf, mapped at @iova, copied into the device and back into
 * page 1 (mapped at @iova + PAGE): 0 if the data came back.
 */
static inline int round_trip(struct vfio_edu_dev *d, uint8_t *buf,
			     uint64_t iova, unsigned int seed)
{
	fill(buf, EDU_XFER, seed);
	memset(buf + PAGE, 0, EDU_XFER);
	if (edu_dma(d->bar, iova, EDU_XFER, false) ||
	    edu_dma(d->bar, iova + PAGE, EDU_XFER, true))
		return -1;
	return memcmp(buf, buf + PAGE, EDU_XFER) ? -1 : 0;
}

#endif
