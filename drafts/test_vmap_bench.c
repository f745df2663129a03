// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time benchmark of the kernel mapping paths: ioremap(), the mapping
 * step of a huge vmalloc() and vmap() of pages of a given order.
 *
 * Nothing runs unless the kernel command line has test_vmap_bench.run=1.
 * Each figure is the median, over test_vmap_bench.reps calls, of the time
 * one call takes; allocation of the pages is not timed.  One line per
 * figure is printed:
 *
 *   test_vmap_bench: <name> size_kib=<n> ns=<median>
 *
 * followed by "test_vmap_bench: done".  The same module on a kernel
 * without and with a change to mm/vmalloc.c gives comparable figures.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

static bool run;
module_param(run, bool, 0444);
MODULE_PARM_DESC(run, "Run the benchmark at boot");

static unsigned int reps = 15;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "Timed calls per figure; the median is printed");

static unsigned long vmap_mib = 100;
module_param(vmap_mib, ulong, 0444);
MODULE_PARM_DESC(vmap_mib, "Largest vmap() size in MiB");

/*
 * A physical range with no RAM behind it, mapped but never accessed: the
 * high PCIe window of the QEMU virt machine on arm64, above the guest's
 * memory elsewhere.
 */
#ifdef CONFIG_ARM64
static unsigned long long ioremap_phys = 0x8000000000ULL;
#else
static unsigned long long ioremap_phys = 0x1000000000ULL;
#endif
module_param(ioremap_phys, ullong, 0444);
MODULE_PARM_DESC(ioremap_phys, "Physical address for ioremap(), not RAM");

static u64 *samples;

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, unsigned long size)
{
	sort(samples, reps, sizeof(*samples), cmp_u64, NULL);
	pr_info("%s size_kib=%lu ns=%llu\n", name, size >> 10, samples[reps / 2]);
}

static int bench_ioremap(unsigned long size)
{
	unsigned int i;

	for (i = 0; i < reps; i++) {
		void __iomem *io;
		u64 t0 = ktime_get_ns();

		io = ioremap(ioremap_phys, size);
		samples[i] = ktime_get_ns() - t0;
		if (!io)
			return -ENOMEM;
		iounmap(io);
	}
	report("ioremap", size);
	return 0;
}

/*
 * Pages of @order, split as vmalloc() and the perf AUX allocator split
 * them, @nr small pages in all.
 */
static struct page **alloc_run_pages(unsigned long nr, unsigned int order)
{
	struct page **pages;
	unsigned long i, j;

	pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < nr; i += 1UL << order) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);

		if (!page) {
			while (i--)
				__free_page(pages[i]);
			kvfree(pages);
			return NULL;
		}
		split_page(page, order);
		for (j = 0; j < (1UL << order) && i + j < nr; j++)
			pages[i + j] = page + j;
		/* Free the tail of the last block beyond nr. */
		for (; j < (1UL << order); j++)
			__free_page(page + j);
	}
	return pages;
}

static void free_run_pages(struct page **pages, unsigned long nr)
{
	while (nr--)
		__free_page(pages[nr]);
	kvfree(pages);
}

/*
 * The mapping step of vmalloc_huge(@size): the pages and the area are
 * prepared as __vmalloc_node_range() prepares them, only the page-table
 * update is timed.
 */
static int bench_vmalloc_map(unsigned long size)
{
	unsigned int shift = PAGE_SHIFT, i;
	unsigned long nr = size >> PAGE_SHIFT, addr;
	struct vm_struct *area;
	struct page **pages;
	int ret = 0;

	if (arch_vmap_pmd_supported(PAGE_KERNEL) && size >= PMD_SIZE)
		shift = PMD_SHIFT;
	else
		shift = arch_vmap_pte_supported_shift(size);
	pages = alloc_run_pages(nr, shift - PAGE_SHIFT);
	if (!pages)
		return -ENOMEM;
	/* Room to place the mapping at the alignment vmalloc would use. */
	area = get_vm_area(size + (1UL << shift), VM_ALLOC);
	if (!area) {
		free_run_pages(pages, nr);
		return -ENOMEM;
	}
	addr = ALIGN((unsigned long)area->addr, 1UL << shift);
	for (i = 0; i < reps && !ret; i++) {
		u64 t0 = ktime_get_ns();

		ret = vmap_pages_range(addr, addr + size, PAGE_KERNEL, pages, shift);
		samples[i] = ktime_get_ns() - t0;
		vunmap_range(addr, addr + size);
	}
	free_vm_area(area);
	free_run_pages(pages, nr);
	if (!ret)
		report("vmalloc_map", size);
	return ret;
}

static int bench_vmap(struct page **pages, unsigned long size,
		      unsigned int order)
{
	char name[32];
	unsigned int i;

	for (i = 0; i < reps; i++) {
		u64 t0 = ktime_get_ns();
		void *va = vmap(pages, size >> PAGE_SHIFT,
				VM_MAP | VM_ALLOW_HUGE_VMAP, PAGE_KERNEL);

		samples[i] = ktime_get_ns() - t0;
		if (!va)
			return -ENOMEM;
		vunmap(va);
	}
	snprintf(name, sizeof(name), "vmap_order%u", order);
	report(name, size);
	return 0;
}

static int bench_vmap_order(unsigned int order)
{
	unsigned long max = vmap_mib << 20, nr = max >> PAGE_SHIFT, size;
	struct page **pages;
	int ret = 0;

	pages = alloc_run_pages(nr, order);
	if (!pages)
		return -ENOMEM;
	/* Sizes 1, 4, 16, 64 MiB, ... and the largest one. */
	for (size = SZ_1M; size < max && !ret; size <<= 2)
		ret = bench_vmap(pages, size, order);
	if (!ret)
		ret = bench_vmap(pages, max, order);
	free_run_pages(pages, nr);
	return ret;
}

static int __init test_vmap_bench_init(void)
{
	static const unsigned int orders[] = { 0, 8, 9 };
	unsigned int i;
	int ret;

	if (!run)
		return 0;
	if (!reps || !vmap_mib) {
		pr_err("reps and vmap_mib must not be 0\n");
		return -EINVAL;
	}
	samples = kcalloc(reps, sizeof(*samples), GFP_KERNEL);
	if (!samples)
		return -ENOMEM;

	ret = bench_ioremap(SZ_1M);
	if (!ret)
		ret = bench_vmalloc_map(SZ_1M);
	for (i = 0; i < ARRAY_SIZE(orders) && !ret; i++)
		if (orders[i] <= MAX_PAGE_ORDER)
			ret = bench_vmap_order(orders[i]);

	kfree(samples);
	if (ret)
		pr_err("failed: %d\n", ret);
	else
		pr_info("done\n");
	return ret;
}
late_initcall(test_vmap_bench_init);
