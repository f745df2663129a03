// SPDX-License-Identifier: GPL-2.0
/*
 * vmap_edge - odd page layouts, hostile input and fault injection for
 * vmap() and vmalloc_huge(), for the AUX mapping bench.
 *
 * With VM_ALLOW_HUGE_VMAP, vmap() maps physically contiguous runs of the
 * pages it is given with PMD blocks and PTE-level blocks (arm64 CONT_PTE),
 * found by pfn; vmalloc_huge() maps with blocks too. The KUnit tests of
 * the series check the page table entries of a fixed set of layouts; this
 * module is driven by the guest suites instead, in loops, under stress and
 * with allocations failing (failslab, fail_page_alloc with the task filter:
 * the writer's /proc/self/make-it-fail or fail-nth applies, as each case
 * runs synchronously in the writer's context). It checks that every mapping
 * it gets maps the right pages, that data goes both ways between the
 * mapping and the linear map, that vmap() refuses what it always refused,
 * and that nothing is left behind on any path (the suites run it under
 * kmemleak and memory baselines).
 *
 * Interface, /sys/kernel/debug/vmap_edge/run:
 *   write "CASE [ITERATIONS]"	run CASE ITERATIONS times (default 1, at
 *				most VE_MAX_ITERATIONS); the write returns
 *				the byte count if the case passed, -EIO if a
 *				check failed (details in the kernel log),
 *				-EINVAL for an unknown case or bad input,
 *				-EINTR if a fatal signal stopped the run.
 *   read			"CASE iterations=N mapped=M failed=F bad=B" for
 *				the last run: N iterations done, M mappings
 *				made and found right, F allocations or
 *				mappings that failed (NULL), B checks that
 *				failed ("none ..." before the first run).
 *
 * Cases:
 *   layouts		page arrays built from split high-order blocks (as
 *			perf's AUX allocator makes them) in several layouts,
 *			vmap()ed with VM_MAP and VM_MAP | VM_ALLOW_HUGE_VMAP;
 *			then vmalloc_huge() and vmalloc() of a few sizes.
 *			Passes if F == 0 and B == 0.
 *   layouts-fault	the same, for fault injection: passes if B == 0.
 *   hostile		vmap() input that must behave as before the series,
 *			with both flag sets: count 0 and counts beyond
 *			totalram_pages() give NULL; one page repeated, a
 *			contiguous block in reverse order, a contiguous run
 *			with a duplicate of its first page in the middle (in
 *			place of a page, and inserted), a block given twice
 *			and runs that start off their physical alignment all
 *			map right. Passes if F == 0 and B == 0.
 *   hostile-fault	the same, for fault injection: passes if B == 0.
 *
 * The data checks assume caches without aliases between virtual mappings
 * of a page (arm64, x86), so no cache maintenance is done between writes
 * through the linear map and reads through the vmap() address.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#define VE_MAX_ITERATIONS	100000
/* Largest block the layouts allocate: a PMD if it is at most this big. */
#define VE_BIG_MAX		SZ_32M
/* CONT_PTE-sized blocks, and single pages, in a layout. */
#define VE_NR_CONTS		8
#define VE_NR_SINGLES		32
/* Mismatches printed per mapping. */
#define VE_MAX_REPORTS		4

/* Order of a CONT_PTE block where there is one, else 4 (64 KiB on 4K). */
#ifdef CONT_PTE_SHIFT
#define VE_CONT_ORDER	min_t(unsigned int, CONT_PTE_SHIFT - PAGE_SHIFT, \
			      MAX_PAGE_ORDER)
#else
#define VE_CONT_ORDER	4U
#endif

struct ve_run {
	const char *name;
	bool fault;			/* failures are expected */
	unsigned int iterations;	/* done */
	unsigned long mapped;		/* mappings made and found right */
	unsigned long failed;		/* allocations, maps that failed */
	unsigned long bad;		/* checks that failed */
};

/* Serialises the runs, and protects ve_last. */
static DEFINE_MUTEX(ve_lock);
static struct ve_run ve_last = { .name = "none" };
static struct dentry *ve_dir;

/*
 * The order of the "big" block of the layouts: a PMD where the buddy
 * allocator can give one of reasonable size (4K and 16K pages), else
 * order 9 (64K pages: a PMD is 512 MiB).
 */
static unsigned int ve_big_order(void)
{
	if (PMD_SHIFT - PAGE_SHIFT <= MAX_PAGE_ORDER && PMD_SIZE <= VE_BIG_MAX)
		return PMD_SHIFT - PAGE_SHIFT;
	return min(9, MAX_PAGE_ORDER);
}

static unsigned int ve_cont_nr(void)
{
	return 1U << VE_CONT_ORDER;
}

static const unsigned long ve_vmap_flags[] = {
	VM_MAP,
	VM_MAP | VM_ALLOW_HUGE_VMAP,
};

static const char *ve_flags_name(unsigned long flags)
{
	if (flags & VM_ALLOW_HUGE_VMAP)
		return "vmap(VM_MAP | VM_ALLOW_HUGE_VMAP)";
	return "vmap(VM_MAP)";
}

/* A tag is kept in the first and in the last u64 of each page. */
static u64 *ve_head(void *page_addr)
{
	return page_addr;
}

static u64 *ve_tail(void *page_addr)
{
	return page_addr + PAGE_SIZE - sizeof(u64);
}

/* The mismatches found in one mapping. */
struct ve_check {
	struct ve_run *r;
	const char *what;		/* the layout or input */
	const char *how;		/* the call that mapped it */
	unsigned int errors;
};

static void ve_mismatch(struct ve_check *c, unsigned int i,
			const char *field, u64 want, u64 got)
{
	if (c->errors++ < VE_MAX_REPORTS)
		pr_err("%s, %s: page %u: %s: expected %#llx, got %#llx\n",
		       c->what, c->how, i, field, want, got);
}

static void ve_expect(struct ve_check *c, unsigned int i, const char *field,
		      u64 want, u64 got)
{
	if (got != want)
		ve_mismatch(c, i, field, want, got);
}

static void ve_check_done(struct ve_check *c)
{
	if (!c->errors) {
		c->r->mapped++;
		return;
	}
	c->r->bad++;
	pr_err("%s, %s: %u mismatches\n", c->what, c->how, c->errors);
}

static void ve_fail(struct ve_run *r, const char *what, const char *how)
{
	r->failed++;
	if (!r->fault)
		pr_err("%s: %s failed\n", what, how);
}

/*
 * vmap() @nr entries of @pages (which may repeat pages) with @flags and
 * check the mapping: each page of it is pages[i], reads the tag written
 * through the linear map, and what is written through it reaches the
 * linear map and every other alias of the same page.
 */
static void ve_check_vmap(struct ve_run *r, const char *what,
			  struct page **pages, unsigned int nr,
			  unsigned long flags)
{
	struct ve_check c = { .r = r, .what = what,
			      .how = ve_flags_name(flags) };
	u64 seed = get_random_u64(), seed2 = get_random_u64();
	unsigned int i;
	void *addr;

	/* Same tag for every entry of a page: repeated pages are fine. */
	for (i = 0; i < nr; i++) {
		void *lin = page_address(pages[i]);
		u64 tag = seed ^ page_to_pfn(pages[i]);

		WRITE_ONCE(*ve_head(lin), tag);
		WRITE_ONCE(*ve_tail(lin), ~tag);
	}

	addr = vmap(pages, nr, flags, PAGE_KERNEL);
	if (!addr) {
		ve_fail(r, what, c.how);
		return;
	}

	for (i = 0; i < nr; i++) {
		struct page *page = vmalloc_to_page(addr + i * PAGE_SIZE);

		if (page != pages[i])
			ve_mismatch(&c, i, "pfn", page_to_pfn(pages[i]),
				    page ? page_to_pfn(page) : 0);
	}
	for (i = 0; i < nr; i++) {
		void *va = addr + i * PAGE_SIZE;
		u64 tag = seed ^ page_to_pfn(pages[i]);

		ve_expect(&c, i, "tag read through the mapping", tag,
			  READ_ONCE(*ve_head(va)));
		ve_expect(&c, i, "tail tag read through the mapping", ~tag,
			  READ_ONCE(*ve_tail(va)));
	}
	cond_resched();

	/* Never write through a mapping that maps pages we do not own. */
	if (c.errors)
		goto out;

	for (i = 0; i < nr; i++) {
		void *va = addr + i * PAGE_SIZE;

		WRITE_ONCE(*ve_head(va), seed2 ^ i);
		WRITE_ONCE(*ve_tail(va), ~(seed2 ^ i));
	}
	/*
	 * The linear map of pages[i] must show the value written through
	 * the last entry j >= i for the same page (j == i for a page that
	 * is not repeated), and every alias the same value.
	 */
	for (i = 0; i < nr; i++) {
		void *va = addr + i * PAGE_SIZE;
		void *lin = page_address(pages[i]);
		u64 val = READ_ONCE(*ve_head(lin));
		u64 j = val ^ seed2;

		if (j < i || j >= nr || pages[j] != pages[i])
			ve_mismatch(&c, i, "linear map after writes",
				    seed2 ^ i, val);
		ve_expect(&c, i, "tail written through the mapping", ~val,
			  READ_ONCE(*ve_tail(lin)));
		ve_expect(&c, i, "value read back through the mapping", val,
			  READ_ONCE(*ve_head(va)));
	}
out:
	vunmap(addr);
	ve_check_done(&c);
	cond_resched();
}

/* vmap() must return NULL, without reading @pages. */
static void ve_expect_null(struct ve_run *r, const char *what,
			   struct page **pages, unsigned int count,
			   unsigned long flags)
{
	void *addr = vmap(pages, count, flags, PAGE_KERNEL);

	if (!addr)
		return;
	r->bad++;
	pr_err("%s, %s: returned %p, expected NULL\n", what,
	       ve_flags_name(flags), addr);
	vunmap(addr);
}

/*
 * vmalloc_huge() (@huge) or vmalloc() of @size bytes, a multiple of
 * PAGE_SIZE: write a different value to the first and last u64 of each
 * page, then read them all back (which also finds pages mapped twice).
 */
static void ve_check_vmalloc(struct ve_run *r, bool huge, unsigned long size)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	char what[48];
	struct ve_check c = { .r = r, .what = what, .how = "data" };
	unsigned int i, nr = size >> PAGE_SHIFT;
	u64 seed = get_random_u64();
	void *addr;

	snprintf(what, sizeof(what), "%s(%lu)",
		 huge ? "vmalloc_huge" : "vmalloc", size);
	addr = huge ? vmalloc_huge(size, gfp) : __vmalloc(size, gfp);
	if (!addr) {
		ve_fail(r, what, "allocation");
		return;
	}

	for (i = 0; i < nr; i++) {
		void *va = addr + i * PAGE_SIZE;

		WRITE_ONCE(*ve_head(va), seed ^ i);
		WRITE_ONCE(*ve_tail(va), ~(seed ^ i));
	}
	for (i = 0; i < nr; i++) {
		void *va = addr + i * PAGE_SIZE;

		ve_expect(&c, i, "first u64", seed ^ i,
			  READ_ONCE(*ve_head(va)));
		ve_expect(&c, i, "last u64", ~(seed ^ i),
			  READ_ONCE(*ve_tail(va)));
	}

	vfree(addr);
	ve_check_done(&c);
	cond_resched();
}

/* An array of independent order-0 pages, all owned by the array. */
struct ve_pages {
	struct page **pages;
	unsigned int nr;
	unsigned int max;
};

static bool ve_pages_init(struct ve_pages *p, unsigned int max)
{
	p->pages = kvmalloc_array(max, sizeof(*p->pages),
				  GFP_KERNEL | __GFP_NOWARN);
	p->nr = 0;
	p->max = max;
	return p->pages;
}

/* Free the pages, keep the array. */
static void ve_pages_release(struct ve_pages *p)
{
	while (p->nr)
		__free_page(p->pages[--p->nr]);
}

static void ve_pages_destroy(struct ve_pages *p)
{
	ve_pages_release(p);
	kvfree(p->pages);
	p->pages = NULL;
}

/*
 * Append a block of 1 << @order pages, split into independent pages as
 * perf's AUX allocator does. Returns false if the allocation failed.
 */
static bool ve_add_block(struct ve_pages *p, unsigned int order)
{
	unsigned int i, n = 1U << order;
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	struct page *page;

	if (WARN_ON_ONCE(p->nr + n > p->max))
		return false;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		gfp |= __GFP_RETRY_MAYFAIL;
	page = alloc_pages(gfp, order);
	if (!page)
		return false;
	if (order)
		split_page(page, order);
	for (i = 0; i < n; i++)
		p->pages[p->nr++] = page + i;
	return true;
}

static int ve_cmp_pfn(const void *a, const void *b)
{
	unsigned long x = page_to_pfn(*(struct page * const *)a);
	unsigned long y = page_to_pfn(*(struct page * const *)b);

	return x < y ? -1 : x > y;
}

static int ve_cmp_pfn_desc(const void *a, const void *b)
{
	return ve_cmp_pfn(b, a);
}

static void ve_reverse(struct page **pages, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr / 2; i++)
		swap(pages[i], pages[nr - 1 - i]);
}

/* Reverse the order of the chunks of @chunk pages, each kept in order. */
static void ve_reverse_chunks(struct page **pages, unsigned int nr,
			      unsigned int chunk)
{
	unsigned int i;

	ve_reverse(pages, nr);
	for (i = 0; i + chunk <= nr; i += chunk)
		ve_reverse(pages + i, chunk);
}

static bool ve_build_big(struct ve_pages *p)
{
	return ve_add_block(p, ve_big_order());
}

static bool ve_build_conts(struct ve_pages *p)
{
	unsigned int i;

	for (i = 0; i < VE_NR_CONTS; i++)
		if (!ve_add_block(p, VE_CONT_ORDER))
			return false;
	return true;
}

/*
 * The big block first (at the start of an area aligned for it), a single
 * page, a CONT_PTE-sized block one page off its alignment, single pages up
 * to the next block boundary, two aligned blocks and three single pages.
 */
static bool ve_build_mix(struct ve_pages *p)
{
	if (!ve_add_block(p, ve_big_order()) || !ve_add_block(p, 0) ||
	    !ve_add_block(p, VE_CONT_ORDER))
		return false;
	while (p->nr % ve_cont_nr())
		if (!ve_add_block(p, 0))
			return false;
	return ve_add_block(p, VE_CONT_ORDER) &&
	       ve_add_block(p, VE_CONT_ORDER) &&
	       ve_add_block(p, 0) && ve_add_block(p, 0) && ve_add_block(p, 0);
}

static bool ve_build_singles(struct ve_pages *p, cmp_func_t cmp)
{
	unsigned int i;

	for (i = 0; i < VE_NR_SINGLES; i++)
		if (!ve_add_block(p, 0))
			return false;
	sort(p->pages, p->nr, sizeof(*p->pages), cmp, NULL);
	return true;
}

static bool ve_build_singles_desc(struct ve_pages *p)
{
	return ve_build_singles(p, ve_cmp_pfn_desc);
}

static bool ve_build_singles_asc(struct ve_pages *p)
{
	return ve_build_singles(p, ve_cmp_pfn);
}

static bool ve_build_conts_rev(struct ve_pages *p)
{
	if (!ve_build_conts(p))
		return false;
	ve_reverse_chunks(p->pages, p->nr, ve_cont_nr());
	return true;
}

/* One contiguous block, its CONT_PTE-sized chunks in reverse order. */
static bool ve_build_big_chunks_rev(struct ve_pages *p)
{
	if (!ve_build_big(p))
		return false;
	ve_reverse_chunks(p->pages, p->nr, ve_cont_nr());
	return true;
}

static const struct ve_layout {
	const char *name;
	bool (*build)(struct ve_pages *p);
} ve_layouts[] = {
	{ "layout big", ve_build_big },
	{ "layout conts", ve_build_conts },
	{ "layout mix", ve_build_mix },
	{ "layout singles-desc", ve_build_singles_desc },
	{ "layout singles-asc", ve_build_singles_asc },
	{ "layout conts-rev", ve_build_conts_rev },
	{ "layout big-chunks-rev", ve_build_big_chunks_rev },
};

/* Enough entries for any of ve_layouts. */
static unsigned int ve_layout_max(void)
{
	return (1U << ve_big_order()) + VE_NR_CONTS * ve_cont_nr() +
	       VE_NR_SINGLES;
}

static int ve_layouts_run(struct ve_run *r)
{
	const unsigned long big = PAGE_SIZE << ve_big_order();
	const unsigned long huge_sizes[] = {
		big, 2 * big + 3 * PAGE_SIZE, SZ_64K,
		PAGE_SIZE << VE_CONT_ORDER, 5 * PAGE_SIZE,
	};
	const unsigned long sizes[] = {
		PAGE_SIZE, 17 * PAGE_SIZE, big + PAGE_SIZE,
	};
	struct ve_pages p;
	unsigned int i, f;

	if (!ve_pages_init(&p, ve_layout_max())) {
		ve_fail(r, "layouts", "page array allocation");
	} else {
		for (i = 0; i < ARRAY_SIZE(ve_layouts); i++) {
			const struct ve_layout *l = &ve_layouts[i];

			if (fatal_signal_pending(current))
				break;
			if (l->build(&p)) {
				for (f = 0; f < ARRAY_SIZE(ve_vmap_flags); f++)
					ve_check_vmap(r, l->name, p.pages,
						      p.nr, ve_vmap_flags[f]);
			} else {
				ve_fail(r, l->name, "page allocation");
			}
			ve_pages_release(&p);
			cond_resched();
		}
		ve_pages_destroy(&p);
	}

	for (i = 0; i < ARRAY_SIZE(huge_sizes); i++) {
		if (fatal_signal_pending(current))
			return -EINTR;
		ve_check_vmalloc(r, true, huge_sizes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (fatal_signal_pending(current))
			return -EINTR;
		ve_check_vmalloc(r, false, sizes[i]);
	}
	return 0;
}

/* vmap() of @nr entries of @pages with both flag sets. */
static void ve_check_vmap_both(struct ve_run *r, const char *what,
			       struct page **pages, unsigned int nr)
{
	unsigned int f;

	for (f = 0; f < ARRAY_SIZE(ve_vmap_flags); f++)
		ve_check_vmap(r, what, pages, nr, ve_vmap_flags[f]);
}

/* One page, @arr filled with @count copies of it. */
static void ve_hostile_repeat(struct ve_run *r, struct page *page,
			      struct page **arr, unsigned int count)
{
	char what[48];
	unsigned int i;

	for (i = 0; i < count; i++)
		arr[i] = page;
	snprintf(what, sizeof(what), "one page %u times", count);
	ve_check_vmap_both(r, what, arr, count);
}

/* @blk: one contiguous block of @nr pages; @arr: room for 2 * @nr. */
static void ve_hostile_block(struct ve_run *r, struct page **blk,
			     struct page **arr, unsigned int nr)
{
	unsigned int cont_nr = ve_cont_nr();
	/* Inside a CONT_PTE-sized chunk, not at its start. */
	unsigned int mid = nr / 2 + 3;
	unsigned int i;

	for (i = 0; i < nr; i++)
		arr[i] = blk[nr - 1 - i];
	ve_check_vmap_both(r, "block in reverse order", arr, nr);

	memcpy(arr, blk, nr * sizeof(*arr));
	arr[mid] = blk[0];
	ve_check_vmap_both(r, "block, middle page replaced by the first", arr,
			   nr);

	memcpy(arr, blk, mid * sizeof(*arr));
	arr[mid] = blk[0];
	memcpy(arr + mid + 1, blk + mid, (nr - mid) * sizeof(*arr));
	ve_check_vmap_both(r, "block, first page inserted in the middle", arr,
			   nr + 1);

	/* The whole block twice: two aliases of each page. */
	memcpy(arr, blk, nr * sizeof(*arr));
	memcpy(arr + nr, blk, nr * sizeof(*arr));
	ve_check_vmap_both(r, "block twice", arr, 2 * nr);

	/* Physically misaligned by one page, and by one CONT_PTE block. */
	ve_check_vmap_both(r, "block from its second page", blk + 1, nr - 1);
	ve_check_vmap_both(r, "block from its second CONT_PTE chunk",
			   blk + cont_nr, nr - cont_nr);
}

static int ve_hostile_run(struct ve_run *r)
{
	const unsigned int big_nr = 1U << ve_big_order();
	const unsigned int repeats[] = { 16, 600, big_nr };
	const unsigned int arr_max = max(600U, 2 * big_nr);
	struct ve_pages blk = { };
	struct page *one, **arr;
	unsigned long total;
	unsigned int i, f;

	one = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (one) {
		/*
		 * vmap() returns before it reads the array, which has one
		 * valid entry (in case it did not). This assumes that
		 * totalram_pages() does not grow meanwhile (no memory
		 * hotplug or balloon deflation during the run).
		 */
		total = totalram_pages();
		for (f = 0; f < ARRAY_SIZE(ve_vmap_flags); f++) {
			ve_expect_null(r, "count 0", &one, 0, ve_vmap_flags[f]);
			if (total >= UINT_MAX)
				continue;
			ve_expect_null(r, "count totalram_pages() + 1", &one,
				       total + 1, ve_vmap_flags[f]);
			ve_expect_null(r, "count UINT_MAX", &one, UINT_MAX,
				       ve_vmap_flags[f]);
		}
	} else {
		ve_fail(r, "hostile", "page allocation");
	}

	arr = kvmalloc_array(arr_max, sizeof(*arr), GFP_KERNEL | __GFP_NOWARN);
	if (!arr) {
		ve_fail(r, "hostile", "page array allocation");
		goto out;
	}

	for (i = 0; one && i < ARRAY_SIZE(repeats); i++) {
		if (fatal_signal_pending(current))
			goto out;
		ve_hostile_repeat(r, one, arr, repeats[i]);
	}

	if (fatal_signal_pending(current))
		goto out;
	if (!ve_pages_init(&blk, big_nr))
		ve_fail(r, "hostile", "page array allocation");
	else if (!ve_add_block(&blk, ve_big_order()))
		ve_fail(r, "hostile", "page allocation");
	else
		ve_hostile_block(r, blk.pages, arr, big_nr);

out:
	ve_pages_destroy(&blk);
	kvfree(arr);
	if (one)
		__free_page(one);
	return fatal_signal_pending(current) ? -EINTR : 0;
}

static const struct ve_case {
	const char *name;
	int (*run)(struct ve_run *r);
	bool fault;
} ve_cases[] = {
	{ "layouts", ve_layouts_run, false },
	{ "layouts-fault", ve_layouts_run, true },
	{ "hostile", ve_hostile_run, false },
	{ "hostile-fault", ve_hostile_run, true },
};

static const struct ve_case *ve_find_case(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ve_cases); i++)
		if (!strcmp(ve_cases[i].name, name))
			return &ve_cases[i];
	return NULL;
}

static ssize_t ve_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	const struct ve_case *vc;
	struct ve_run r = { };
	unsigned int iters = 1;
	char buf[64], *s, *name;
	int ret = 0;

	/* No allocation here: only the case's own may fail. */
	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	s = strim(buf);
	name = strsep(&s, " \t");
	if (s) {
		s = skip_spaces(s);
		if (*s && kstrtouint(s, 0, &iters))
			return -EINVAL;
	}
	if (!iters || iters > VE_MAX_ITERATIONS)
		return -EINVAL;
	vc = ve_find_case(name);
	if (!vc)
		return -EINVAL;

	if (mutex_lock_killable(&ve_lock))
		return -EINTR;
	r.name = vc->name;
	r.fault = vc->fault;
	while (r.iterations < iters) {
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		ret = vc->run(&r);
		if (ret)
			break;
		r.iterations++;
		cond_resched();
	}
	ve_last = r;
	mutex_unlock(&ve_lock);

	if (!ret && (r.bad || (!r.fault && r.failed)))
		ret = -EIO;
	if (ret)
		pr_err("%s: %s: iterations=%u mapped=%lu failed=%lu bad=%lu\n",
		       r.name, ret == -EIO ? "failed" : "interrupted",
		       r.iterations, r.mapped, r.failed, r.bad);
	return ret ? ret : count;
}

static ssize_t ve_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	char buf[128];
	int len;

	if (mutex_lock_killable(&ve_lock))
		return -EINTR;
	len = scnprintf(buf, sizeof(buf),
			"%s iterations=%u mapped=%lu failed=%lu bad=%lu\n",
			ve_last.name, ve_last.iterations, ve_last.mapped,
			ve_last.failed, ve_last.bad);
	mutex_unlock(&ve_lock);

	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations ve_fops = {
	.owner = THIS_MODULE,
	.read = ve_read,
	.write = ve_write,
	.llseek = default_llseek,
};

static int __init ve_init(void)
{
	ve_dir = debugfs_create_dir("vmap_edge", NULL);
	if (IS_ERR(ve_dir))
		return PTR_ERR(ve_dir);
	debugfs_create_file("run", 0600, ve_dir, NULL, &ve_fops);
	return 0;
}

static void __exit ve_exit(void)
{
	debugfs_remove(ve_dir);
}

module_init(ve_init);
module_exit(ve_exit);

MODULE_DESCRIPTION("Edge cases of vmap() and vmalloc_huge() block mappings");
MODULE_LICENSE("GPL");
