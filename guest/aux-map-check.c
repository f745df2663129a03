// SPDX-License-Identifier: GPL-2.0
/*
 * aux-map-check [-n] [-t REPS] PMU SIZE...  (SIZE in KiB, or pages with a "p" suffix)
 *
 * For each size, in normal and in snapshot mode: open a disabled event on
 * PMU for this task, map a ring buffer and an AUX area of SIZE, enable
 * and disable the event, then check
 *  - the data: the test PMU ("test_aux") writes P ^ (seed << 32) into the
 *    64-bit word at AUX position P; every word of the area must hold it
 *    (other PMUs: the data check is skipped, the mapping check still runs);
 *  - the kernel mapping of the AUX pages: it is found in /proc/vmallocinfo
 *    (caller perf_aux_vmap), its PMD, CONT_PTE and PTE entries are counted
 *    from the ptdump file, and (test PMU) their total must equal the
 *    minimum possible for the pages obtained, computed here from the pfns
 *    the test PMU lists in debugfs (test_aux_pmu/buffers; /proc/self/pagemap
 *    cannot see the VM_PFNMAP AUX mapping) and the mapping's address;
 *    other PMUs: the counts are printed, nothing is asserted on them;
 *  - after munmap() and close() the kernel mapping is gone.
 * One KTAP result per size and mode; the counts go to diagnostic lines.
 *
 * -n: normal mode only (for areas too large to check twice).
 *
 * -t REPS: benchmark mode, for base and patched kernels alike. The counts
 * are only reported, not compared with the minimum (a kernel without the
 * series maps page by page), and the time of REPS AUX mmap() + munmap()
 * pairs is reported as "aux_time pmu=P size_kib=N mode=M median_ns=..".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "kselftest.h"

#define SEED		0x5eedULL
#define DATA_PAGES	8

static unsigned long pagesz, cont_size, pmd_size;
static int reps;		/* -t: benchmark mode */
static char orders[256];	/* the AUX blocks, from test_aux_pmu/buffers */
static unsigned int max_order;	/* the largest of them */

struct counts {
	unsigned long pmd, cont, pte;
};

static int read_pmu_type(const char *pmu)
{
	char path[256];
	FILE *f;
	int type = -1;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &type) != 1)
		type = -1;
	fclose(f);
	return type;
}

/*
 * With KASAN_SW_TAGS, arm64 vmallocinfo and %pK show vmalloc addresses
 * with a tag in the top byte; the page table dump shows them untagged.
 */
static unsigned long untag(unsigned long addr)
{
#ifdef __aarch64__
	return addr | 0xffUL << 56;
#else
	return addr;
#endif
}

/* The vmap area of perf_aux_vmap() that maps @size bytes, or 0. */
static unsigned long find_aux_vmap(unsigned long size)
{
	char line[512];
	unsigned long start, end, found = 0;
	FILE *f = fopen("/proc/vmallocinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		/* Before the series, the test PMU calls vmap() itself. */
		if (!strstr(line, "perf_aux_vmap") && !strstr(line, "test_aux_setup_aux"))
			continue;
		if (sscanf(line, "0x%lx-0x%lx", &start, &end) != 2)
			continue;
		/* The area's size includes one guard page. */
		if (end - start == size + pagesz)
			found = untag(start);
	}
	fclose(f);
	return found;
}

/* Diagnostic: the vmap() and perf areas that /proc/vmallocinfo lists. */
static void dump_vmap_areas(void)
{
	FILE *f = fopen("/proc/vmallocinfo", "r");
	char line[512];
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "vmap") || strstr(line, "perf")) {
			ksft_print_msg("%s", line);
			n++;
		}
	if (!n)
		ksft_print_msg("(no vmap or perf area in /proc/vmallocinfo)\n");
	if (f)
		fclose(f);
}

static const char *ptdump_path(void)
{
	static const char * const paths[] = {
		"/sys/kernel/debug/kernel_page_tables",
		"/sys/kernel/debug/page_tables/kernel",
	};
	unsigned int i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (access(paths[i], R_OK) == 0)
			return paths[i];
	return NULL;
}

/* Count the entries that map [start, end), from the ptdump file. */
static int count_entries(unsigned long start, unsigned long end,
			 struct counts *c)
{
	const char *path = ptdump_path();
	char line[512];
	FILE *f;

	memset(c, 0, sizeof(*c));
	if (!path)
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long s, e, len;
		char *tok, *save;
		int level = 0;	/* 1 PTE, 2 PMD, 3 PUD */
		int cont = 0;

		if (sscanf(line, "0x%lx-0x%lx", &s, &e) != 2 || e <= start || s >= end)
			continue;
		if (s < start)
			s = start;
		if (e > end)
			e = end;
		len = e - s;
		for (tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save)) {
			if (!strcasecmp(tok, "pte"))
				level = 1;
			else if (!strcasecmp(tok, "pmd"))
				level = 2;
			else if (!strcasecmp(tok, "pud"))
				level = 3;
			else if (!strcmp(tok, "CON"))
				cont = 1;
		}
		if (level == 2)
			c->pmd += len / pmd_size;
		else if (level == 1 && cont && cont_size)
			c->cont += len / cont_size;
		else if (level == 1)
			c->pte += len / pagesz;
		else
			c->pte += 1000000;	/* a PUD or unknown: never minimal */
	}
	fclose(f);
	return 0;
}

/*
 * The test PMU lists its live buffers in debugfs: kernel address, number
 * of pages, then the physically contiguous runs as "pfn+pages". Find the
 * one of @nr pages, fill @pfns and return its kernel address, or 0.
 */
static unsigned long read_test_buffer(unsigned long nr, uint64_t *pfns)
{
	FILE *f = fopen("/sys/kernel/debug/test_aux_pmu/buffers", "r");
	unsigned long kva = 0, addr, n, i, len;
	char *line = NULL, *tok, *save;
	size_t cap = 0;
	uint64_t pfn;

	if (!f)
		return 0;
	while (!kva && getline(&line, &cap, f) > 0) {
		if (sscanf(line, "%lx %lu", &addr, &n) != 2 || n != nr)
			continue;
		strtok_r(line, " \n", &save);
		strtok_r(NULL, " \n", &save);
		orders[0] = 0;
		max_order = 0;
		for (i = 0; (tok = strtok_r(NULL, " \n", &save));) {
			unsigned int o, cnt;

			/* "o<order>x<count>": the blocks the allocator gave. */
			if (sscanf(tok, "o%ux%u", &o, &cnt) == 2) {
				snprintf(orders + strlen(orders), sizeof(orders) - strlen(orders),
					 "%s%u x order-%u", orders[0] ? ", " : "", cnt, o);
				if (o > max_order)
					max_order = o;
				continue;
			}
			if (sscanf(tok, "%" SCNx64 "+%lu", &pfn, &len) != 2 || i + len > nr)
				break;
			while (len--)
				pfns[i++] = pfn++;
		}
		if (i == nr)
			kva = untag(addr);
	}
	free(line);
	fclose(f);
	return kva;
}

/* Fewest entries that map these pfns at virtual address @va. */
static unsigned long min_entries(const uint64_t *pfns, unsigned long nr,
				 unsigned long va)
{
	unsigned long sizes[2] = { pmd_size, cont_size };
	unsigned long i = 0, n = 0, k, j;

	while (i < nr) {
		unsigned long step = 1;

		for (k = 0; k < 2; k++) {
			unsigned long len = sizes[k] / pagesz;

			if (!sizes[k] || i + len > nr ||
			    (va + i * pagesz) % sizes[k] || pfns[i] % len)
				continue;
			for (j = 1; j < len && pfns[i + j] == pfns[i] + j; j++)
				;
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

/* Number of physically contiguous runs and the longest, in pages. */
static void runs(const uint64_t *pfns, unsigned long nr, unsigned long *nruns,
		 unsigned long *longest)
{
	unsigned long i, len = 1;

	*nruns = nr ? 1 : 0;
	*longest = nr ? 1 : 0;
	for (i = 1; i < nr; i++) {
		if (pfns[i] == pfns[i - 1] + 1) {
			len++;
		} else {
			(*nruns)++;
			len = 1;
		}
		if (len > *longest)
			*longest = len;
	}
}

/*
 * In normal mode, the starts fill the free space: all of it, less its last
 * word, and later starts find no room. In snapshot mode each start (the
 * kernel may stop and start the event again while enabling it) writes one
 * whole buffer more, or 64 MiB of it: the area holds the last size bytes
 * before aux_head, position P at byte P % size.
 */
static int check_data(const uint64_t *aux, unsigned long size, uint64_t head,
		      int snapshot)
{
	unsigned long i, n, bad = 0;

	if ((!snapshot && head > size) || head + 8 < size || head % 8) {
		ksft_print_msg("aux_head %" PRIu64 ", expected %s%lu\n", head,
			       snapshot ? "at least " : "", size);
		return -1;
	}
	n = (head < size ? head : size) / 8;
	for (i = 0; i < n; i++) {
		uint64_t o = i * 8;
		uint64_t p = head <= size ? o : head - size + (o + size - head % size) % size;

		if (aux[i] != (p ^ (SEED << 32)))
			bad++;
	}
	if (bad)
		ksft_print_msg("%lu of %lu words differ from the pattern\n", bad, n);
	return bad ? -1 : 0;
}

/* One size in one mode; returns 0 on success. */
static int check_one(int type, int test_pmu, unsigned long size, int snapshot)
{
	struct perf_event_attr attr = {
		.type = type, .size = sizeof(attr), .disabled = 1,
		.config = test_pmu ? SEED << 32 : 0,
	};
	unsigned long data_size = (1 + DATA_PAGES) * pagesz, kva, nr = size / pagesz;
	unsigned long min, best, nruns, longest;
	struct perf_event_mmap_page *up;
	uint64_t *pfns = NULL, head, prev;
	struct counts c;
	void *aux = MAP_FAILED;
	int fd, ret = -1;

	fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd < 0) {
		ksft_print_msg("perf_event_open: %s\n", strerror(errno));
		return -1;
	}
	up = mmap(NULL, data_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (up == MAP_FAILED) {
		ksft_print_msg("mmap of the ring buffer: %s\n", strerror(errno));
		goto out_close;
	}
	up->aux_offset = data_size;
	up->aux_size = size;
	aux = mmap(NULL, size, snapshot ? PROT_READ : PROT_READ | PROT_WRITE,
		   MAP_SHARED, fd, data_size);
	if (aux == MAP_FAILED) {
		ksft_print_msg("mmap of the AUX area: %s\n", strerror(errno));
		goto out_unmap;
	}
	/*
	 * The test PMU writes at most 64 MiB per start, with interrupts off:
	 * enable it again until the area is full or a start writes nothing.
	 */
	head = 0;
	do {
		prev = head;
		if (ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) ||
		    ioctl(fd, PERF_EVENT_IOC_DISABLE, 0)) {
			ksft_print_msg("enable/disable: %s\n", strerror(errno));
			goto out_unmap;
		}
		head = __atomic_load_n(&up->aux_head, __ATOMIC_ACQUIRE);
	} while (test_pmu && head > prev && head + 8 < size);
	if (test_pmu && check_data(aux, size, head, snapshot))
		goto out_unmap;

	pfns = calloc(nr, sizeof(*pfns));
	if (!pfns)
		goto out_unmap;
	kva = find_aux_vmap(size);
	if (!kva) {
		ksft_print_msg("no perf_aux_vmap area of %lu KiB in /proc/vmallocinfo\n",
			       size >> 10);
		dump_vmap_areas();
		goto out_unmap;
	}
	/* The test PMU tells which pages it got; other PMUs do not. */
	if (test_pmu && read_test_buffer(nr, pfns) != kva) {
		ksft_print_msg("test_aux_pmu/buffers has no buffer of %lu pages at %#lx\n",
			       nr, kva);
		goto out_unmap;
	}
	if (count_entries(kva, kva + size, &c)) {
		ksft_print_msg("cannot read the ptdump file\n");
		goto out_unmap;
	}
	if (!test_pmu) {
		/* Without the pages' pfns there is no minimum to compare with. */
		ksft_print_msg("%lu KiB %s at %#lx: %lu PMD, %lu CONT_PTE, %lu PTE (all-PTE %lu)\n",
			       size >> 10, snapshot ? "snapshot" : "normal", kva,
			       c.pmd, c.cont, c.pte, nr);
		ret = 0;
		goto out_unmap;
	}
	/*
	 * The fewest entries at the address the area got, and at the best
	 * address for these pages: one whose offset in a PMD block is that
	 * of the first page's physical address. The kernel should have
	 * placed the area so that the two are equal.
	 */
	min = min_entries(pfns, nr, kva);
	best = min_entries(pfns, nr, pfns[0] * pagesz);
	runs(pfns, nr, &nruns, &longest);
	ksft_print_msg("%lu KiB %s at %#lx: %lu PMD, %lu CONT_PTE, %lu PTE = %lu entries (minimum %lu, all-PTE %lu); %lu contiguous runs, longest %lu KiB; blocks: %s\n",
		       size >> 10, snapshot ? "snapshot" : "normal", kva, c.pmd, c.cont,
		       c.pte, c.pmd + c.cont + c.pte, min, nr, nruns,
		       longest * pagesz >> 10, orders);
	ksft_print_msg("aux_entries size_kib=%lu mode=%s pmd=%lu cont=%lu pte=%lu min=%lu\n",
		       size >> 10, snapshot ? "snapshot" : "normal", c.pmd, c.cont,
		       c.pte, min);
	if (!reps && min != best)
		ksft_print_msg("the area is misaligned: %lu entries at best\n", best);
	if (!reps && (c.pmd + c.cont + c.pte != min || min != best))
		goto out_unmap;
	/*
	 * The test PMU prefers large AUX pages: its blocks are half the
	 * area in normal mode, all of it in snapshot mode. In memory as
	 * clean as this check runs in, an area of 4 pages or more gets at
	 * least one block above order 0.
	 */
	if (!reps && nr >= 4 && !max_order) {
		ksft_print_msg("%lu KiB %s: the test PMU got only order-0 pages\n",
			       size >> 10, snapshot ? "snapshot" : "normal");
		goto out_unmap;
	}
	ret = 0;
out_unmap:
	if (aux != MAP_FAILED)
		munmap(aux, size);
	munmap(up, data_size);
out_close:
	close(fd);
	free(pfns);
	if (!ret && find_aux_vmap(size)) {
		ksft_print_msg("the AUX mapping is still there after close()\n");
		ret = -1;
	}
	return ret;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Time @reps AUX mmap() + munmap() pairs of @size; 0 on success. */
static int time_one(const char *pmu, int type, unsigned long size, int snapshot)
{
	struct perf_event_attr attr = {
		.type = type, .size = sizeof(attr), .disabled = 1,
	};
	unsigned long data_size = (1 + DATA_PAGES) * pagesz;
	struct perf_event_mmap_page *up;
	uint64_t t[64];
	int fd, i, ret = -1;
	void *aux;

	fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd < 0)
		return -1;
	up = mmap(NULL, data_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (up == MAP_FAILED)
		goto out_close;
	for (i = 0; i < reps; i++) {
		uint64_t t0 = now_ns();

		up->aux_offset = data_size;
		up->aux_size = size;
		aux = mmap(NULL, size, snapshot ? PROT_READ : PROT_READ | PROT_WRITE,
			   MAP_SHARED, fd, data_size);
		if (aux == MAP_FAILED) {
			ksft_print_msg("mmap of the AUX area, try %d: %s\n", i, strerror(errno));
			goto out_unmap;
		}
		munmap(aux, size);
		t[i] = now_ns() - t0;
	}
	qsort(t, reps, sizeof(t[0]), cmp_u64);
	ksft_print_msg("aux_time pmu=%s size_kib=%lu mode=%s median_ns=%" PRIu64
		       " min_ns=%" PRIu64 " max_ns=%" PRIu64 "\n", pmu, size >> 10,
		       snapshot ? "snapshot" : "normal", t[reps / 2], t[0], t[reps - 1]);
	ret = 0;
out_unmap:
	munmap(up, data_size);
out_close:
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	int type, test_pmu, i, snapshot, opt, modes = 2;

	while ((opt = getopt(argc, argv, "nt:")) != -1) {
		if (opt == 'n')
			modes = 1;
		else if (opt == 't')
			reps = atoi(optarg);
		else
			reps = -1;
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 3 || reps < 0 || reps > 64) {
		fprintf(stderr, "usage: aux-map-check [-n] [-t REPS (1-64)] PMU SIZE[p]...\n");
		return 2;
	}
	pagesz = sysconf(_SC_PAGESIZE);
#ifdef __aarch64__
	cont_size = pagesz == 4096 ? 64 << 10 : 2 << 20;
	pmd_size = pagesz / 8 * pagesz;
#else
	cont_size = 0;
	pmd_size = 2 << 20;
#endif
	ksft_print_header();
	ksft_set_plan(modes * (argc - 2));
	type = read_pmu_type(argv[1]);
	test_pmu = !strcmp(argv[1], "test_aux");
	for (i = 2; i < argc; i++) {
		char *unit;
		unsigned long size = strtoul(argv[i], &unit, 0);

		/* "2p" is two pages, anything else KiB. */
		size = *unit == 'p' ? size * pagesz : size << 10;

		for (snapshot = 0; snapshot < modes; snapshot++) {
			const char *mode = snapshot ? "snapshot" : "normal";

			if (type < 0)
				ksft_test_result_skip("%s %s %s: no such PMU\n",
						      argv[1], argv[i], mode);
			else if (size < pagesz || size & (size - 1))
				ksft_test_result_fail("%s %s %s: not a power-of-two number of pages\n",
						      argv[1], argv[i], mode);
			else if (reps)
				ksft_test_result(!check_one(type, test_pmu, size, snapshot) &&
						 !time_one(argv[1], type, size, snapshot),
						 "%s %s %s: data, mapping reported, %d mmaps timed\n",
						 argv[1], argv[i], mode, reps);
			else
				ksft_test_result(!check_one(type, test_pmu, size, snapshot),
						 "%s %s %s: data and block mapping\n",
						 argv[1], argv[i], mode);
		}
	}
	ksft_finished();
}
