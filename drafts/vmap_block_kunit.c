// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for block mappings made by vmap(), vmalloc_huge() and ioremap().
 *
 * For each layout of pages the test walks the kernel page table over the
 * new mapping and counts the PMD blocks, the contiguous-PTE blocks (arm64
 * CONT_PTE) and the plain PTEs that cover it.  The count must equal the
 * smallest number of entries that can map that layout at that address,
 * which the test computes on its own from the pages' pfns: a block of size
 * B covers the range [va, va + B) when va and its pa are both aligned to B
 * and the B bytes behind it are physically contiguous.
 *
 * Every page must also read back through the new mapping what was written
 * through the direct map (and the other way round), and after vunmap() no
 * entry of the range may remain.
 */
#include <kunit/test.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

/* Orders, relative to the base page size, of the block mappings. */
#define PMD_ORDER	(PMD_SHIFT - PAGE_SHIFT)
#ifdef CONFIG_ARM64
#define CONT_ORDER	(CONT_PTE_SHIFT - PAGE_SHIFT)
#else
#define CONT_ORDER	0	/* no contiguous-PTE blocks */
#endif

struct vmap_counts {
	unsigned long pmd;
	unsigned long cont;
	unsigned long pte;
	unsigned long none;	/* pages of the range with no valid entry */
	unsigned long other;	/* anything else (a PUD leaf, a bad entry) */
};

static bool cont_pte(pte_t pte)
{
#ifdef CONFIG_ARM64
	return pte_cont(pte);
#else
	return false;
#endif
}

/* Count the entries of init_mm that map [start, end). */
static void count_entries(unsigned long start, unsigned long end,
			  struct vmap_counts *c)
{
	unsigned long addr = start;

	memset(c, 0, sizeof(*c));
	while (addr < end) {
		pgd_t *pgd = pgd_offset_k(addr);
		p4d_t *p4d;
		pud_t *pud;
		pmd_t *pmd;
		pte_t *ptep, pte;

		if (pgd_none(*pgd))
			goto none;
		p4d = p4d_offset(pgd, addr);
		if (p4d_none(*p4d))
			goto none;
		pud = pud_offset(p4d, addr);
		if (pud_none(*pud))
			goto none;
		if (pud_leaf(*pud)) {
			c->other++;
			addr = pud_addr_end(addr, end);
			continue;
		}
		pmd = pmd_offset(pud, addr);
		if (pmd_none(*pmd))
			goto none;
		if (pmd_leaf(*pmd)) {
			if (IS_ALIGNED(addr, PMD_SIZE) && addr + PMD_SIZE <= end)
				c->pmd++;
			else
				c->other++;
			addr = pmd_addr_end(addr, end);
			continue;
		}
		ptep = pte_offset_kernel(pmd, addr);
		pte = ptep_get(ptep);
		if (pte_none(pte) || !pte_present(pte))
			goto none;
		if (cont_pte(pte)) {
			unsigned long cend = addr + (PAGE_SIZE << CONT_ORDER);
			unsigned long a;
			bool whole = IS_ALIGNED(addr, PAGE_SIZE << CONT_ORDER) &&
				     cend <= end;

			/* A block counts once, and only when all of it is set. */
			for (a = addr; whole && a < cend; a += PAGE_SIZE, ptep++)
				whole = cont_pte(ptep_get(ptep));
			if (whole) {
				c->cont++;
				addr = cend;
			} else {
				c->other++;
				addr += PAGE_SIZE;
			}
			continue;
		}
		c->pte++;
		addr += PAGE_SIZE;
		continue;
none:
		c->none++;
		addr += PAGE_SIZE;
	}
}

/*
 * The fewest entries that map nr pages with these pfns at virtual address
 * va, given which block orders the mapping may use.
 */
static unsigned long min_entries(const unsigned long *pfns, unsigned int nr,
				 unsigned long va, bool pmd_ok, bool cont_ok)
{
	unsigned int orders[] = { PMD_ORDER, CONT_ORDER };
	bool allowed[] = { pmd_ok, cont_ok && CONT_ORDER };
	unsigned long n = 0;
	unsigned int i = 0, k;

	while (i < nr) {
		unsigned int step = 1;

		for (k = 0; k < ARRAY_SIZE(orders); k++) {
			unsigned int len = 1U << orders[k], j;

			if (!allowed[k] || i + len > nr ||
			    !IS_ALIGNED(va + ((unsigned long)i << PAGE_SHIFT),
					PAGE_SIZE << orders[k]) ||
			    !IS_ALIGNED(pfns[i], len))
				continue;
			for (j = 1; j < len; j++)
				if (pfns[i + j] != pfns[i] + j)
					break;
			if (j == len) {
				step = len;
				break;
			}
		}
		n++;
		i += step;
	}
	return n;
}

static bool pmd_vmap_ok(void)
{
	return IS_ENABLED(CONFIG_HAVE_ARCH_HUGE_VMAP) &&
	       arch_vmap_pmd_supported(PAGE_KERNEL);
}

static bool cont_vmap_ok(void)
{
	return IS_ENABLED(CONFIG_HAVE_ARCH_HUGE_VMALLOC) && CONT_ORDER;
}

/* ------------------------------------------------------------------ */
/* Page layouts */

enum block_kind {
	BLOCK_COMPOUND,		/* __GFP_COMP, as the dma-buf system heap */
	BLOCK_SPLIT,		/* split_page(), as rb_alloc_aux_page() */
};

struct vmap_layout {
	const char *name;
	/* Orders of the blocks, terminated by -1; see build_layout(). */
	int orders[16];
	enum block_kind kind;
	bool random;		/* random orders instead of orders[] */
	bool reverse;		/* pages[] of one block in reverse order */
	unsigned int skip;	/* drop this many pages from the front */
	bool skip_block;	/* drop one CONT_PTE block's worth instead */
	unsigned int trim;	/* drop this many pages from the back */
};

/* Orders are written for 4K pages and scaled: 4 = CONT, 9 = PMD. */
#define O_CONT	100
#define O_PMD	101
#define O_BELOW	102	/* PMD_ORDER - 1 */

static const struct vmap_layout vmap_layouts[] = {
	{ "order-0",		{ 0, 0, 0, 0, 0, 0, 0, 0, -1 } },
	{ "cont-order",		{ O_CONT, O_CONT, O_CONT, O_CONT, -1 } },
	{ "pmd-order",		{ O_PMD, O_PMD, -1 } },
	{ "dma-buf-descending",	{ O_BELOW, O_CONT, O_CONT, 0, 0, 0, -1 } },
	{ "random-orders",	{ -1 }, BLOCK_COMPOUND, .random = true },
	{ "split-aux",		{ O_PMD, O_CONT, 2, 0, -1 }, BLOCK_SPLIT },
	{ "run-misaligned",	{ O_CONT + 2, -1 }, BLOCK_SPLIT, .skip_block = true },
	{ "run-offset",		{ O_CONT + 2, -1 }, BLOCK_SPLIT, .skip = 3 },
	{ "odd-count",		{ O_CONT + 1, -1 }, BLOCK_SPLIT, .trim = 7 },
	{ "single-page",	{ 0, -1 } },
	{ "reverse",		{ O_CONT + 1, -1 }, BLOCK_SPLIT, .reverse = true },
};

static int scale_order(int o)
{
	switch (o) {
	case O_CONT:
		return CONT_ORDER ? CONT_ORDER : 4;
	case O_CONT + 1:
	case O_CONT + 2:
		return (CONT_ORDER ? CONT_ORDER : 4) + o - O_CONT;
	case O_PMD:
		return PMD_ORDER;
	case O_BELOW:
		return PMD_ORDER - 1;
	default:
		return o;
	}
}

struct vmap_case {
	struct page **pages;
	unsigned long *pfns;
	unsigned int nr;
	/* Every allocated block, to free it. */
	struct page *blocks[64];
	unsigned int block_order[64];
	bool block_split[64];
	unsigned int nr_blocks;
};

static void free_case(struct vmap_case *vc)
{
	unsigned int b, i;

	for (b = 0; b < vc->nr_blocks; b++) {
		if (!vc->block_split[b]) {
			__free_pages(vc->blocks[b], vc->block_order[b]);
			continue;
		}
		for (i = 0; i < (1U << vc->block_order[b]); i++)
			__free_page(vc->blocks[b] + i);
	}
	vc->nr_blocks = 0;
}

static void free_case_action(void *data)
{
	free_case(data);
}

/* Allocate the blocks of a layout and fill pages[] and pfns[]. */
static int build_layout(struct kunit *test, const struct vmap_layout *l,
			struct vmap_case *vc)
{
	int orders[ARRAY_SIZE(vc->blocks)];
	unsigned int nr_orders = 0, total = 0, b, i, n = 0, skip;
	/* Random layouts stay within a few hundred MiB on 64K pages. */
	unsigned int max_order = min(PMD_ORDER, 11);
	struct rnd_state rnd;

	if (l->random) {
		prandom_seed_state(&rnd, 0x5eed);
		while (nr_orders < 12) {
			int o = prandom_u32_state(&rnd) % (max_order + 1);

			if (total + (1U << o) > (3U << max_order))
				continue;
			orders[nr_orders++] = o;
			total += 1U << o;
		}
	} else {
		for (i = 0; l->orders[i] >= 0; i++) {
			orders[nr_orders++] = scale_order(l->orders[i]);
			total += 1U << orders[nr_orders - 1];
		}
	}

	vc->pages = kunit_kcalloc(test, total, sizeof(*vc->pages), GFP_KERNEL);
	vc->pfns = kunit_kcalloc(test, total, sizeof(*vc->pfns), GFP_KERNEL);
	if (!vc->pages || !vc->pfns)
		return -ENOMEM;
	if (kunit_add_action_or_reset(test, free_case_action, vc))
		return -ENOMEM;

	for (b = 0; b < nr_orders; b++) {
		unsigned int o = orders[b];
		bool split = l->kind == BLOCK_SPLIT;
		gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY;
		struct page *page;

		page = alloc_pages(split ? gfp : gfp | __GFP_COMP, o);
		if (!page)
			return -ENOMEM;
		if (split)
			split_page(page, o);
		vc->blocks[vc->nr_blocks] = page;
		vc->block_order[vc->nr_blocks] = o;
		vc->block_split[vc->nr_blocks++] = split;
		for (i = 0; i < (1U << o); i++)
			vc->pages[n++] = page + i;
	}

	if (l->reverse) {
		for (i = 0; i < n / 2; i++)
			swap(vc->pages[i], vc->pages[n - 1 - i]);
	}
	/*
	 * Split blocks let us hand out part of a block: a run whose pfn
	 * alignment is smaller than its length, or one that is not aligned.
	 */
	skip = l->skip_block ? 1U << scale_order(O_CONT) : l->skip;
	vc->pages += skip;
	vc->nr = n - skip - l->trim;
	for (i = 0; i < vc->nr; i++)
		vc->pfns[i] = page_to_pfn(vc->pages[i]);
	return 0;
}

/* Write through one mapping, read through the other, both ways. */
static void check_data(struct kunit *test, struct vmap_case *vc, void *va)
{
	unsigned int i, bad = 0;

	for (i = 0; i < vc->nr; i++) {
		u64 *direct = page_address(vc->pages[i]);
		u64 *mapped = va + ((unsigned long)i << PAGE_SHIFT);
		u64 last = PAGE_SIZE / sizeof(u64) - 1;
		u64 tag = ((u64)vc->pfns[i] << 16) | 0xa5a5;

		WRITE_ONCE(direct[0], tag);
		WRITE_ONCE(direct[last], ~tag);
		if (READ_ONCE(mapped[0]) != tag || READ_ONCE(mapped[last]) != ~tag)
			bad++;
		WRITE_ONCE(mapped[1], ~tag);
		if (READ_ONCE(direct[1]) != ~tag)
			bad++;
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "pages whose data differ between the direct map and the mapping");
}

static void expect_counts(struct kunit *test, const char *what,
			  unsigned long start, unsigned long size,
			  unsigned long expected)
{
	struct vmap_counts c;

	count_entries(start, start + size, &c);
	kunit_info(test, "%s: %lu KiB at %lx: %lu PMD, %lu CONT_PTE, %lu PTE (minimum %lu)\n",
		   what, size >> 10, start, c.pmd, c.cont, c.pte, expected);
	KUNIT_EXPECT_EQ_MSG(test, c.none, 0, "%s: unmapped pages", what);
	KUNIT_EXPECT_EQ_MSG(test, c.other, 0, "%s: unexpected entries", what);
	KUNIT_EXPECT_EQ_MSG(test, c.pmd + c.cont + c.pte, expected,
			    "%s: entries covering the mapping", what);
}

static void expect_unmapped(struct kunit *test, unsigned long start,
			    unsigned long size)
{
	struct vmap_counts c;

	count_entries(start, start + size, &c);
	KUNIT_EXPECT_EQ_MSG(test, c.pmd + c.cont + c.pte + c.other, 0,
			    "entries left after vunmap()");
}

/* The largest block order a layout can use at some virtual alignment. */
static unsigned int best_alignment_order(struct vmap_case *vc, bool pmd_ok,
					 bool cont_ok)
{
	if (pmd_ok && min_entries(vc->pfns, vc->nr, 0, true, false) < vc->nr)
		return PMD_ORDER;
	if (cont_ok && min_entries(vc->pfns, vc->nr, 0, false, true) < vc->nr)
		return CONT_ORDER;
	return 0;
}

static void vmap_layout_test(struct kunit *test)
{
	const struct vmap_layout *l = test->param_value;
	bool pmd_ok = pmd_vmap_ok(), cont_ok = cont_vmap_ok();
	struct vmap_case *vc;
	struct page **others;
	struct vm_struct *area;
	unsigned long size, addr;
	unsigned int order, i;
	void *va;

	vc = kunit_kzalloc(test, sizeof(*vc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vc);
	if (build_layout(test, l, vc))
		kunit_skip(test, "could not allocate the pages of layout %s", l->name);
	size = (unsigned long)vc->nr << PAGE_SHIFT;

	va = vmap(vc->pages, vc->nr, VM_MAP | VM_ALLOW_HUGE_VMAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, va);
	addr = (unsigned long)va;

	/* The area sits where the runs can use their largest blocks ... */
	order = best_alignment_order(vc, pmd_ok, cont_ok);
	KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED(addr, PAGE_SIZE << order),
			      "%s: vmap() address %lx not aligned for order-%u blocks",
			      l->name, addr, order);
	/* ... and the mapping uses the fewest entries for that address. */
	expect_counts(test, l->name, addr, size,
		      min_entries(vc->pfns, vc->nr, addr, pmd_ok, cont_ok));
	check_data(test, vc, va);

	vunmap(va);
	expect_unmapped(test, addr, size);

	/*
	 * Map other pages at the same address, page by page: they must read
	 * as themselves, not as the old blocks.
	 */
	others = kunit_kcalloc(test, vc->nr, sizeof(*others), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, others);
	for (i = 0; i < vc->nr; i++) {
		others[i] = alloc_page(GFP_KERNEL);
		if (!others[i])
			break;
	}
	if (i == vc->nr) {
		area = __get_vm_area_caller(size, VM_MAP, addr,
					    addr + size + PAGE_SIZE,
					    __builtin_return_address(0));
		KUNIT_EXPECT_NOT_NULL_MSG(test, area, "address %lx not reusable", addr);
		if (area) {
			KUNIT_EXPECT_EQ(test, (unsigned long)area->addr, addr);
			KUNIT_EXPECT_EQ(test, vmap_pages_range(addr, addr + size,
					PAGE_KERNEL, others, PAGE_SHIFT), 0);
			swap(vc->pages, others);
			for (i = 0; i < vc->nr; i++)
				vc->pfns[i] = page_to_pfn(vc->pages[i]);
			check_data(test, vc, area->addr);
			swap(vc->pages, others);
			vunmap(area->addr);
		}
	}
	while (i--)
		__free_page(others[i]);
}

static void vmap_layout_desc(const struct vmap_layout *l, char *desc)
{
	strscpy(desc, l->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(vmap_layout, vmap_layouts, vmap_layout_desc);

/* Without VM_ALLOW_HUGE_VMAP, vmap() keeps mapping page by page. */
static void vmap_no_flag_test(struct kunit *test)
{
	struct vmap_layout l = { "pmd-order-no-flag", { O_PMD, O_CONT, -1 } };
	struct vmap_case *vc;
	void *va;

	vc = kunit_kzalloc(test, sizeof(*vc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vc);
	if (build_layout(test, &l, vc))
		kunit_skip(test, "could not allocate the pages");
	va = vmap(vc->pages, vc->nr, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, va);
	expect_counts(test, l.name, (unsigned long)va,
		      (unsigned long)vc->nr << PAGE_SHIFT, vc->nr);
	check_data(test, vc, va);
	vunmap(va);
}

/* ------------------------------------------------------------------ */
/* vmalloc_huge() */

static const unsigned long vmalloc_sizes[] = {
	SZ_64K, SZ_1M, SZ_2M, SZ_4M + SZ_4K,
};

static void vmalloc_size_desc(const unsigned long *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%lu-KiB", *size >> 10);
}
KUNIT_ARRAY_PARAM(vmalloc_size, vmalloc_sizes, vmalloc_size_desc);

static void vmalloc_huge_test(struct kunit *test)
{
	unsigned long size = *(const unsigned long *)test->param_value;
	struct vm_struct *area;
	unsigned long *pfns, mapped, addr;
	unsigned int i, nr;
	void *va;

	va = vmalloc_huge(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, va);
	addr = (unsigned long)va;
	area = find_vm_area(va);
	KUNIT_ASSERT_NOT_NULL(test, area);
	mapped = get_vm_area_size(area);
	nr = mapped >> PAGE_SHIFT;
	pfns = kunit_kcalloc(test, nr, sizeof(*pfns), GFP_KERNEL);
	if (!pfns) {
		vfree(va);
		KUNIT_ASSERT_NOT_NULL(test, pfns);
	}
	for (i = 0; i < nr; i++)
		pfns[i] = vmalloc_to_pfn(va + ((unsigned long)i << PAGE_SHIFT));
	expect_counts(test, "vmalloc_huge", addr, mapped,
		      min_entries(pfns, nr, addr, pmd_vmap_ok(), cont_vmap_ok()));
	/* vmalloc_huge() got pages and an address that allow blocks. */
	if ((cont_vmap_ok() && size >= (PAGE_SIZE << CONT_ORDER)) ||
	    (pmd_vmap_ok() && size >= PMD_SIZE))
		KUNIT_EXPECT_LT(test, min_entries(pfns, nr, addr, pmd_vmap_ok(),
						  cont_vmap_ok()), nr);
	memset(va, 0x5a, size);
	vfree(va);
	expect_unmapped(test, addr, mapped);
}

/* ------------------------------------------------------------------ */
/* ioremap() */

/*
 * A physical range that is not RAM: the high PCIe window of the QEMU virt
 * machine on arm64, above the guest's memory on x86_64.  It is only
 * mapped, never accessed.
 */
#ifdef CONFIG_ARM64
#define IOREMAP_TEST_PHYS	0x8000000000ULL
#else
#define IOREMAP_TEST_PHYS	0x1000000000ULL
#endif

struct ioremap_case {
	const char *name;
	unsigned long offset;
	unsigned long size;
};

static const struct ioremap_case ioremap_cases[] = {
	{ "1-MiB", 0, SZ_1M },
	{ "2-MiB", 0, SZ_2M },
	{ "2-MiB-64-KiB", 0, SZ_2M + SZ_64K },
	{ "misaligned", SZ_4K, SZ_1M },
};

static void ioremap_case_desc(const struct ioremap_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(ioremap_case, ioremap_cases, ioremap_case_desc);

static void ioremap_test(struct kunit *test)
{
	const struct ioremap_case *c = test->param_value;
	phys_addr_t phys = IOREMAP_TEST_PHYS + c->offset;
	unsigned long *pfns, addr, size = PAGE_ALIGN(c->size);
	unsigned int i, nr = size >> PAGE_SHIFT;
	void __iomem *io;

	pfns = kunit_kcalloc(test, nr, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	for (i = 0; i < nr; i++)
		pfns[i] = PHYS_PFN(phys) + i;

	io = ioremap(phys, c->size);
	KUNIT_ASSERT_NOT_NULL(test, io);
	addr = (unsigned long)io & PAGE_MASK;
	expect_counts(test, c->name, addr, size,
		      min_entries(pfns, nr, addr, pmd_vmap_ok(), cont_vmap_ok()));
	iounmap(io);
	expect_unmapped(test, addr, size);
}

static struct kunit_case vmap_block_cases[] = {
	KUNIT_CASE_PARAM(vmap_layout_test, vmap_layout_gen_params),
	KUNIT_CASE(vmap_no_flag_test),
	KUNIT_CASE_PARAM(vmalloc_huge_test, vmalloc_size_gen_params),
	KUNIT_CASE_PARAM(ioremap_test, ioremap_case_gen_params),
	{}
};

static struct kunit_suite vmap_block_suite = {
	.name = "vmap_block",
	.test_cases = vmap_block_cases,
};
kunit_test_suite(vmap_block_suite);

MODULE_DESCRIPTION("KUnit tests for block mappings of vmap, vmalloc and ioremap");
MODULE_LICENSE("GPL");
