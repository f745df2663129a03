// SPDX-License-Identifier: GPL-2.0
/*
 * aux-stress PMU SECONDS PROCS MAX_KIB
 *
 * PROCS processes, for SECONDS each: map an AUX area of a random power of
 * two size (one page to MAX_KIB) on PMU (the test PMU, "test_aux"), check
 * what the PMU wrote, unmap it, again, while a second thread of the process
 * enables and disables the event underneath all the time. One area in four
 * is in snapshot mode (read-only, not checked), one in eight is unmapped
 * while the event is enabled. Every mmap must succeed and every word the
 * PMU wrote in normal mode must read back as written. aux_head carries
 * on from one area to the next, so before each mmap aux_tail is set to it
 * (all read); the test PMU writes 4 KiB per start from the head, position
 * P at offset P % size, and in normal mode never past aux_tail + size, so
 * the words from aux_tail to aux_head can be checked while it writes on.
 * One KTAP result per process.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include "kselftest.h"
#include "perf-aux.h"

#define BYTES	4096

static volatile int stop_toggling;

static void *toggle(void *arg)
{
	int fd = *(int *)arg;

	while (!stop_toggling) {
		ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
		ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
	}
	return NULL;
}

static long check_written(const struct aux_map *m, uint64_t tail)
{
	uint64_t head = __atomic_load_n(&m->up->aux_head, __ATOMIC_ACQUIRE);
	const uint64_t *w = m->aux;
	long bad = 0;
	uint64_t p;

	if (head < tail || head - tail > m->aux_size || head % 8)
		return -1;
	for (p = tail; p < head; p += 8)
		if (w[(p % m->aux_size) / 8] != (p ^ (AUX_SEED << 32)))
			bad++;
	return bad;
}

/* One process: returns 0 when every map worked and every word was right. */
static int stress(int type, int secs, unsigned long max_pages, unsigned int seed)
{
	unsigned long maps = 0, failed = 0, bad = 0, pages_mapped = 0;
	long pagesz = sysconf(_SC_PAGESIZE);
	struct aux_map m = { .fd = -1 };
	time_t end = time(NULL) + secs;
	pthread_t thr;

	m.fd = aux_open(type, BYTES, 0);
	if (m.fd < 0 || aux_map_rb(&m)) {
		printf("# perf_event_open / ring buffer: %s\n", strerror(errno));
		return 1;
	}
	if (pthread_create(&thr, NULL, toggle, &m.fd)) {
		printf("# pthread_create failed\n");
		return 1;
	}
	while (time(NULL) < end) {
		unsigned long pages = 1UL << (rand_r(&seed) % (__builtin_ctzl(max_pages) + 1));
		int snapshot = rand_r(&seed) % 4 == 0;
		uint64_t tail;
		int err;
		long b;

		/* No area is mapped: the head cannot move now. */
		tail = __atomic_load_n(&m.up->aux_head, __ATOMIC_ACQUIRE);
		m.up->aux_tail = tail;
		err = aux_map_aux(&m, pages * pagesz, snapshot);
		if (err) {
			printf("# AUX mmap of %lu pages%s: %s\n", pages,
			       snapshot ? " (snapshot)" : "", strerror(err));
			failed++;
			continue;
		}
		maps++;
		pages_mapped += pages;
		if (!snapshot) {
			/* Let the toggler write a little, then check. */
			ioctl(m.fd, PERF_EVENT_IOC_ENABLE, 0);
			b = check_written(&m, tail);
			if (b) {
				printf("# %lu-page area: %ld wrong words (-1: bad aux_head)\n",
				       pages, b);
				bad++;
			}
		}
		if (rand_r(&seed) % 8)
			ioctl(m.fd, PERF_EVENT_IOC_DISABLE, 0);
		munmap(m.aux, m.aux_size);
		m.aux = NULL;
	}
	stop_toggling = 1;
	pthread_join(thr, NULL);
	aux_unmap(&m);
	printf("# pid %d: %lu AUX maps (%lu pages in all), %lu failed, %lu with wrong data\n",
	       getpid(), maps, pages_mapped, failed, bad);
	return maps == 0 || failed || bad;
}

int main(int argc, char **argv)
{
	unsigned long max_pages;
	int type, secs, procs, i, st, fails = 0;
	pid_t *pids;

	if (argc != 5) {
		fprintf(stderr, "usage: %s PMU SECONDS PROCS MAX_KIB\n", argv[0]);
		return 2;
	}
	secs = atoi(argv[2]);
	procs = atoi(argv[3]);
	max_pages = strtoul(argv[4], NULL, 0) * 1024 / sysconf(_SC_PAGESIZE);
	ksft_print_header();
	type = aux_pmu_type(argv[1]);
	if (type < 0) {
		ksft_set_plan(1);
		ksft_test_result_skip("AUX stress (no PMU %s)\n", argv[1]);
		ksft_finished();
	}
	if (procs < 1 || secs < 1 || max_pages < 1 || (max_pages & (max_pages - 1)))
		ksft_exit_fail_msg("bad arguments (MAX_KIB: a power of two of pages)\n");
	ksft_set_plan(procs);
	pids = calloc(procs, sizeof(*pids));
	fflush(stdout);
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(stress(type, secs, max_pages, getpid() * 2654435761u));
	}
	for (i = 0; i < procs; i++) {
		int ok = pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] &&
			 WIFEXITED(st) && WEXITSTATUS(st) == 0;

		fails += !ok;
		ksft_test_result(ok, "process %d: %d s of AUX mmap/munmap with the event toggled underneath\n",
				 i, secs);
	}
	free(pids);
	ksft_finished();
}
