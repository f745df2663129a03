// SPDX-License-Identifier: GPL-2.0
/*
 * aux-lat: latency of AUX mmap and munmap, as a perf user sees it.
 *
 *   aux-lat [-s] -r REPS -l LABEL PMU SIZE_KIB...
 *
 * One event and ring buffer per size; the AUX areas of all sizes are then
 * mapped and unmapped in turn, REPS times, so that whatever happens to
 * memory meanwhile affects every size alike. mmap() and munmap() are timed
 * separately (CLOCK_MONOTONIC). -s maps the AUX areas read-only (snapshot
 * mode). For each size it prints
 *
 *   # aux_lat label=LABEL size_kib=N mode=normal|snapshot n=OK enomem=E
 *     mmap_p50_us= mmap_p99_us= mmap_max_us= munmap_p50_us= munmap_p99_us=
 *
 * on one line, and a KTAP result that fails if an mmap failed other than
 * with ENOMEM, or the test PMU's data did not read back (first rep only).
 */
#include <getopt.h>
#include <stdlib.h>
#include <time.h>

#include "perf-aux.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The value at quantile q (0..100) of n sorted samples, in microseconds. */
static double pct_us(const uint64_t *v, int n, int q)
{
	int i;

	if (!n)
		return 0;
	i = (n * q + 99) / 100 - 1;
	if (i < 0)
		i = 0;
	return v[i] / 1000.0;
}

int main(int argc, char **argv)
{
	int reps = 10, snapshot = 0, type, nsize, s, r, c, failed = 0;
	const char *label = "-";
	struct aux_map *m;
	uint64_t **t_map, **t_unmap;
	int *ok, *enomem, *other;
	size_t *size;

	while ((c = getopt(argc, argv, "sr:l:")) != -1) {
		if (c == 's')
			snapshot = 1;
		else if (c == 'r')
			reps = atoi(optarg);
		else if (c == 'l')
			label = optarg;
		else
			return 2;
	}
	if (argc - optind < 2 || reps < 1) {
		fprintf(stderr, "usage: aux-lat [-s] -r REPS -l LABEL PMU SIZE_KIB...\n");
		return 2;
	}
	type = aux_pmu_type(argv[optind]);
	if (type < 0) {
		printf("1..1\nok 1 aux-lat %s # SKIP no such PMU\n", argv[optind]);
		return 0;
	}
	nsize = argc - optind - 1;
	m = calloc(nsize, sizeof(*m));
	t_map = calloc(nsize, sizeof(*t_map));
	t_unmap = calloc(nsize, sizeof(*t_unmap));
	ok = calloc(nsize, sizeof(int));
	enomem = calloc(nsize, sizeof(int));
	other = calloc(nsize, sizeof(int));
	size = calloc(nsize, sizeof(*size));
	if (!m || !t_map || !t_unmap || !ok || !enomem || !other || !size)
		return 1;
	printf("1..%d\n", nsize);
	for (s = 0; s < nsize; s++) {
		size[s] = strtoul(argv[optind + 1 + s], NULL, 0) * 1024;
		t_map[s] = calloc(reps, sizeof(uint64_t));
		t_unmap[s] = calloc(reps, sizeof(uint64_t));
		m[s].fd = aux_open(type, 4096, 1);
		if (!t_map[s] || !t_unmap[s] || m[s].fd < 0 || aux_map_rb(&m[s])) {
			perror("aux-lat: event or ring buffer");
			return 1;
		}
	}
	for (r = 0; r < reps; r++) {
		for (s = 0; s < nsize; s++) {
			uint64_t t0 = now_ns(), t1;
			int err = aux_map_aux(&m[s], size[s], snapshot);

			t1 = now_ns();
			if (err) {
				if (err == ENOMEM)
					enomem[s]++;
				else
					other[s]++;
				continue;
			}
			t_map[s][ok[s]] = t1 - t0;
			/* The data check writes every page: first rep only. */
			if (!ok[s] && !snapshot && aux_run_check(&m[s], 4096) != 0)
				other[s]++;
			t0 = now_ns();
			munmap(m[s].aux, m[s].aux_size);
			t_unmap[s][ok[s]++] = now_ns() - t0;
			m[s].aux = NULL;
		}
	}
	for (s = 0; s < nsize; s++) {
		qsort(t_map[s], ok[s], sizeof(uint64_t), cmp_u64);
		qsort(t_unmap[s], ok[s], sizeof(uint64_t), cmp_u64);
		printf("# aux_lat label=%s size_kib=%zu mode=%s n=%d enomem=%d mmap_p50_us=%.0f mmap_p99_us=%.0f mmap_max_us=%.0f munmap_p50_us=%.0f munmap_p99_us=%.0f\n",
		       label, size[s] >> 10, snapshot ? "snapshot" : "normal",
		       ok[s], enomem[s], pct_us(t_map[s], ok[s], 50),
		       pct_us(t_map[s], ok[s], 99), pct_us(t_map[s], ok[s], 100),
		       pct_us(t_unmap[s], ok[s], 50), pct_us(t_unmap[s], ok[s], 99));
		printf("%sok %d aux-lat %s %zu KiB %s: %d of %d mapped, %d ENOMEM, %d other errors\n",
		       other[s] ? "not " : "", s + 1, label, size[s] >> 10,
		       snapshot ? "snapshot" : "normal", ok[s], reps, enomem[s],
		       other[s]);
		failed |= !!other[s];
		aux_unmap(&m[s]);
	}
	return failed;
}
