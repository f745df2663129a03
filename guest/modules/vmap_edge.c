// SPDX-License-Identifier: GPL-2.0
/*
 * vmap_edge: the bench's test module for vmap(), vmalloc_huge() and
 * vmalloc() with mixed page layouts and odd input, run from the guest
 * suites (stress, hostile, fault). Not part of the series.
 *
 * debugfs vmap_edge/run: write "CASE [ITERATIONS]" to run a case in the
 * writer's context (so /proc/self/fail-nth and make-it-fail apply to it);
 * the write returns its length when the case passed, -EIO when a mapping
 * or its data was wrong, -EINVAL for a bad request. Reading gives
 * "CASE iterations=N mapped=M failed=F bad=B" for the last run.
 *
 * Cases:
 *  layouts	   vmap() of page arrays built from split high-order blocks
 *		   (a PMD-sized block, CONT-sized blocks, a mix with single
 *		   pages, single pages in reverse order, blocks in reverse
 *		   order), with VM_MAP and with VM_MAP | VM_ALLOW_HUGE_VMAP;
 *		   vmalloc_huge() and vmalloc() of a few sizes. Every page is
 *		   checked through both mappings. Any failure fails the case.
 *  layouts-fault  the same, for fault injection: an allocation or mapping
 *		   that fails is counted, only a bad mapping fails the case.
 *  hostile	   vmap() with count 0 and beyond totalram (must fail), the
 *		   same page many times and a block in reverse page order
 *		   (must map, every alias right), with both flag sets.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#define EDGE_MAGIC	0x7e57ed6e00000000ULL
#define MAX_ITER	100000

static struct dentry *edge_dir;
static DEFINE_MUTEX(edge_lock);
static char edge_last[128] = "none\n";

struct edge_run {
	unsigned long mapped, failed, bad;
};

static const unsigned long vmap_flags[] = { VM_MAP, VM_MAP | VM_ALLOW_HUGE_VMAP };

/* The largest order that gives a PMD block, within what the buddy has. */
static unsigned int pmd_order(void)
{
	return min_t(unsigned int, PMD_SHIFT - PAGE_SHIFT, MAX_PAGE_ORDER);
}

/* 64 KiB blocks: CONT_PTE on arm64 with 4K pages. */
static unsigned int cont_order(void)
{
	return min_t(unsigned int, 16 > PAGE_SHIFT ? 16 - PAGE_SHIFT : 0,
		     MAX_PAGE_ORDER);
}

static u64 tag_of(unsigned long i, struct page *page)
{
	return EDGE_MAGIC ^ ((u64)i << 20) ^ page_to_pfn(page);
}

/* Tag the first and last word of each page through the linear map. */
static void tag_pages(struct page **pages, unsigned long nr)
{
	unsigned long i, last = PAGE_SIZE / sizeof(u64) - 1;

	for (i = 0; i < nr; i++) {
		u64 *p = page_address(pages[i]);

		WRITE_ONCE(p[0], tag_of(i, pages[i]));
		WRITE_ONCE(p[last], ~tag_of(i, pages[i]));
	}
}

/*
 * Check page i of the mapping at @va against pages[i], both ways: what the
 * linear map shows now (a page given twice holds the last tag written).
 */
static unsigned long check_map(void *va, struct page **pages,
			       unsigned long nr)
{
	unsigned long i, bad = 0, last = PAGE_SIZE / sizeof(u64) - 1;

	for (i = 0; i < nr; i++) {
		u64 *m = va + i * PAGE_SIZE;
		u64 *d = page_address(pages[i]);
		u64 want = READ_ONCE(d[0]);

		if (READ_ONCE(m[0]) != want ||
		    READ_ONCE(m[last]) != READ_ONCE(d[last]))
			bad++;
		WRITE_ONCE(m[1], want ^ i);
		if (READ_ONCE(d[1]) != (want ^ i))
			bad++;
	}
	return bad;
}

static void free_pages_array(struct page **pages, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		if (pages[i])
			__free_page(pages[i]);
}

/*
 * Fill @pages (@nr entries) with split blocks of @order; -ENOMEM (with
 * every page got so far freed) when an allocation fails.
 */
static int get_blocks(struct page **pages, unsigned long nr, unsigned int order)
{
	unsigned long i, j, n = 1UL << order;

	for (i = 0; i < nr; i += n) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);

		if (!p) {
			free_pages_array(pages, i);
			memset(pages, 0, nr * sizeof(*pages));
			return -ENOMEM;
		}
		if (order)
			split_page(p, order);
		for (j = 0; j < n && i + j < nr; j++)
			pages[i + j] = p + j;
		/* A block that sticks out of the array: free the rest. */
		for (; j < n; j++)
			__free_page(p + j);
	}
	return 0;
}

static void reverse(struct page **pages, unsigned long nr, unsigned long chunk)
{
	unsigned long i, k;

	/* Reverse the order of the chunks, keep each chunk as it is. */
	for (i = 0; i < nr / chunk / 2; i++)
		for (k = 0; k < chunk; k++)
			swap(pages[i * chunk + k], pages[nr - (i + 1) * chunk + k]);
}

enum layout { L_PMD, L_CONT, L_MIX, L_REV_PAGES, L_REV_BLOCKS, NR_LAYOUTS };

static const char * const layout_name[] = {
	"pmd-block", "cont-blocks", "mix", "reversed-pages", "reversed-blocks",
};

/* Build a layout in a new array; NULL (and *nr 0) on allocation failure. */
static struct page **build_layout(enum layout l, unsigned long *nr)
{
	unsigned int po = pmd_order(), co = cont_order();
	unsigned long n, half;
	struct page **pages;

	switch (l) {
	case L_PMD:
		n = 1UL << po;
		break;
	case L_CONT:
		n = 8UL << co;
		break;
	case L_MIX:
		n = (1UL << po) + (4UL << co) + 5;
		break;
	case L_REV_PAGES:
		n = 37;
		break;
	default:
		n = 4UL << co;
		break;
	}
	pages = kvcalloc(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	switch (l) {
	case L_PMD:
		if (get_blocks(pages, n, po))
			goto fail;
		break;
	case L_CONT:
	case L_REV_BLOCKS:
		if (get_blocks(pages, n, co))
			goto fail;
		if (l == L_REV_BLOCKS)
			reverse(pages, n, 1UL << co);
		break;
	case L_MIX:
		/* singles, a PMD block, CONT blocks, singles */
		half = 2;
		if (get_blocks(pages, half, 0))
			goto fail;
		if (get_blocks(pages + half, 1UL << po, po)) {
			free_pages_array(pages, half);
			goto fail;
		}
		if (get_blocks(pages + half + (1UL << po), 4UL << co, co)) {
			free_pages_array(pages, half + (1UL << po));
			goto fail;
		}
		if (get_blocks(pages + n - 3, 3, 0)) {
			free_pages_array(pages, n - 3);
			goto fail;
		}
		break;
	case L_REV_PAGES:
		if (get_blocks(pages, n, 0))
			goto fail;
		reverse(pages, n, 1);
		break;
	default:
		goto fail;
	}
	*nr = n;
	return pages;
fail:
	kvfree(pages);
	*nr = 0;
	return NULL;
}

static void one_layout(enum layout l, struct edge_run *r)
{
	struct page **pages;
	unsigned long nr, i, bad;
	void *va;

	pages = build_layout(l, &nr);
	if (!pages) {
		r->failed++;
		return;
	}
	tag_pages(pages, nr);
	for (i = 0; i < ARRAY_SIZE(vmap_flags); i++) {
		va = vmap(pages, nr, vmap_flags[i], PAGE_KERNEL);
		if (!va) {
			r->failed++;
			continue;
		}
		bad = check_map(va, pages, nr);
		if (bad) {
			pr_err("vmap of %s (%lu pages, flags %#lx): %lu bad checks\n",
			       layout_name[l], nr, vmap_flags[i], bad);
			r->bad++;
		} else {
			r->mapped++;
		}
		vunmap(va);
	}
	free_pages_array(pages, nr);
	kvfree(pages);
}

static void one_vmalloc(unsigned long size, bool huge, struct edge_run *r)
{
	unsigned long i, bad = 0;
	u8 *va;

	va = huge ? vmalloc_huge(size, GFP_KERNEL) : vmalloc(size);
	if (!va) {
		r->failed++;
		return;
	}
	for (i = 0; i < size; i += PAGE_SIZE) {
		unsigned long end = min(i + PAGE_SIZE, size) - 1;

		WRITE_ONCE(va[i], (u8)(i >> PAGE_SHIFT));
		WRITE_ONCE(va[end], (u8)~(i >> PAGE_SHIFT));
	}
	for (i = 0; i < size; i += PAGE_SIZE) {
		unsigned long end = min(i + PAGE_SIZE, size) - 1;

		if (READ_ONCE(va[i]) != (u8)(i >> PAGE_SHIFT) ||
		    READ_ONCE(va[end]) != (u8)~(i >> PAGE_SHIFT))
			bad++;
	}
	if (bad) {
		pr_err("%s(%lu): %lu bad pages\n", huge ? "vmalloc_huge" : "vmalloc",
		       size, bad);
		r->bad++;
	} else {
		r->mapped++;
	}
	vfree(va);
}

static void case_layouts(struct edge_run *r)
{
	const unsigned long sizes[] = {
		PMD_SIZE, 2 * PMD_SIZE + 3 * PAGE_SIZE, SZ_64K, 5 * PAGE_SIZE,
	};
	unsigned int i;
	enum layout l;

	for (l = 0; l < NR_LAYOUTS; l++)
		one_layout(l, r);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		one_vmalloc(sizes[i], true, r);
		one_vmalloc(sizes[i], false, r);
	}
}

/* vmap() that must fail: NULL is right, a mapping is bad. */
static void expect_null(struct page **pages, unsigned int count,
			unsigned long flags, const char *what,
			struct edge_run *r)
{
	void *va = vmap(pages, count, flags, PAGE_KERNEL);

	if (va) {
		pr_err("vmap with %s (flags %#lx) did not fail\n", what, flags);
		vunmap(va);
		r->bad++;
	} else {
		r->failed++;
	}
}

/* vmap() that must work: every page as in @pages. */
static void expect_map(struct page **pages, unsigned int count,
		       unsigned long flags, const char *what,
		       struct edge_run *r)
{
	void *va = vmap(pages, count, flags, PAGE_KERNEL);
	unsigned long bad;

	if (!va) {
		pr_err("vmap with %s (flags %#lx) failed\n", what, flags);
		r->bad++;
		return;
	}
	bad = check_map(va, pages, count);
	vunmap(va);
	if (bad) {
		pr_err("vmap with %s (flags %#lx): %lu bad checks\n", what, flags,
		       bad);
		r->bad++;
	} else {
		r->mapped++;
	}
}

static void case_hostile(struct edge_run *r)
{
	unsigned int po = pmd_order(), i, n = 1U << po, dups = 600;
	struct page **pages, *one, *mid;
	unsigned long f;

	pages = kvcalloc(max(n, dups), sizeof(*pages), GFP_KERNEL);
	one = alloc_page(GFP_KERNEL);
	if (!pages || !one)
		goto out;
	for (f = 0; f < ARRAY_SIZE(vmap_flags); f++) {
		pages[0] = one;
		expect_null(pages, 0, vmap_flags[f], "count 0", r);
		if (totalram_pages() < UINT_MAX)
			expect_null(pages, totalram_pages() + 1, vmap_flags[f],
				    "count beyond totalram", r);
		for (i = 0; i < dups; i++)
			pages[i] = one;
		tag_pages(pages, 1);
		expect_map(pages, 16, vmap_flags[f], "one page 16 times", r);
		expect_map(pages, dups, vmap_flags[f], "one page 600 times", r);
	}
	/* A contiguous block given back to front. */
	memset(pages, 0, max(n, dups) * sizeof(*pages));
	if (get_blocks(pages, n, po)) {
		pr_err("no order-%u block for the reversed-block case\n", po);
		r->bad++;
		goto out;
	}
	reverse(pages, n, 1);
	tag_pages(pages, n);
	for (f = 0; f < ARRAY_SIZE(vmap_flags); f++)
		expect_map(pages, n, vmap_flags[f], "a block in reverse page order", r);
	/* A contiguous run with its first page again in the middle. */
	reverse(pages, n, 1);
	mid = pages[n / 2];
	pages[n / 2] = pages[0];
	for (f = 0; f < ARRAY_SIZE(vmap_flags); f++)
		expect_map(pages, n, vmap_flags[f],
			   "a run with its first page again in the middle", r);
	pages[n / 2] = mid;
	free_pages_array(pages, n);
out:
	if (one)
		__free_page(one);
	kvfree(pages);
}

static ssize_t edge_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	struct edge_run r = { 0 };
	char buf[64], name[32];
	unsigned long iters = 1, i;
	int n, ret = len;
	bool fault = false;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	n = sscanf(buf, "%31s %lu", name, &iters);
	if (n < 1 || iters < 1 || iters > MAX_ITER)
		return -EINVAL;
	if (strcmp(name, "layouts") && strcmp(name, "layouts-fault") &&
	    strcmp(name, "hostile"))
		return -EINVAL;
	fault = !strcmp(name, "layouts-fault");

	mutex_lock(&edge_lock);
	for (i = 0; i < iters && !fatal_signal_pending(current); i++) {
		if (!strcmp(name, "hostile"))
			case_hostile(&r);
		else
			case_layouts(&r);
		cond_resched();
	}
	snprintf(edge_last, sizeof(edge_last),
		 "%s iterations=%lu mapped=%lu failed=%lu bad=%lu\n", name, i,
		 r.mapped, r.failed, r.bad);
	mutex_unlock(&edge_lock);

	/* hostile: its expected failures are counted in "failed". */
	if (r.bad || (!fault && strcmp(name, "hostile") && r.failed))
		ret = -EIO;
	return ret;
}

static ssize_t edge_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	char buf[sizeof(edge_last)];

	mutex_lock(&edge_lock);
	strscpy(buf, edge_last, sizeof(buf));
	mutex_unlock(&edge_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static const struct file_operations edge_fops = {
	.owner = THIS_MODULE,
	.read = edge_read,
	.write = edge_write,
};

static int __init edge_init(void)
{
	edge_dir = debugfs_create_dir("vmap_edge", NULL);
	debugfs_create_file("run", 0600, edge_dir, NULL, &edge_fops);
	return 0;
}

static void __exit edge_exit(void)
{
	debugfs_remove_recursive(edge_dir);
}

module_init(edge_init);
module_exit(edge_exit);
MODULE_DESCRIPTION("vmap(), vmalloc_huge() and vmalloc() edge cases for the AUX bench");
MODULE_LICENSE("GPL");
