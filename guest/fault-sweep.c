// SPDX-License-Identifier: GPL-2.0
/*
 * fault-sweep: make allocations fail (failslab, fail_page_alloc) under a
 * piece of work and check that each failure is handled: the work returns
 * an error or copes, never hands out a bad mapping, and leaves nothing in
 * /proc/vmallocinfo. The fault attributes (probability, interval, filters)
 * are set by the caller in debugfs; this program only arms its own task.
 *
 *   fault-sweep [-r ITER] [-l PATTERN] aux PMU SIZE
 *	The work: perf_event_open() on PMU, mmap of the ring buffer and of
 *	an AUX area of SIZE (KiB, or pages with a "p" suffix), one enable
 *	and disable, and a check of
 *	what the test PMU wrote.
 *   fault-sweep [-r ITER] [-l PATTERN] write FILE TEXT
 *	The work: write TEXT to FILE (opened beforehand), e.g. a case of
 *	the vmap_edge module, which returns -EIO when it saw a bad mapping.
 *
 * Without -r: a systematic sweep with /proc/thread-self/fail-nth, the
 * first, second, ... fault-injection point reached by the work fails, until
 * the work reaches no more points. With -r ITER: ITER runs with
 * /proc/thread-self/make-it-fail set, for the attributes' probability or
 * interval. -l PATTERN: after each run, with everything released, no
 * line of /proc/vmallocinfo may contain PATTERN (within a second).
 *
 * Prints a "# " summary line (and one per bad run) and exits 0 when every
 * run passed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include "perf-aux.h"

#define MAX_NTH		5000

static const char *mode, *leftover;
static const char *arg1, *arg2;
static size_t aux_size;

struct tally {
	unsigned long runs, injected, errors, coped, bad, left;
};

static int write_int(int fd, long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld", v);

	return pwrite(fd, buf, n, 0) == n ? 0 : -1;
}

static long read_int(int fd)
{
	char buf[32] = "";

	if (pread(fd, buf, sizeof(buf) - 1, 0) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Lines of /proc/vmallocinfo that contain @pat. */
static int vmalloc_lines(const char *pat)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/vmallocinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, pat) != NULL;
	fclose(f);
	return n;
}

/*
 * Disarm @arm after the work, before the cleanup (which must not fail):
 * returns whether fail-nth (@nth) fired; with make-it-fail, -1.
 */
static int disarm(int arm, int nth)
{
	int fired = nth ? read_int(arm) == 0 : -1;

	write_int(arm, 0);
	return fired;
}

/*
 * One run of the work with the fault armed by @arm (fail-nth or
 * make-it-fail, already opened) set to @val. Returns whether the result
 * is bad; *@err: the errno of the step that failed, 0 for none;
 * *@fired: see disarm().
 */
static int run_aux(int arm, long val, int *err, int nth, int *fired)
{
	struct aux_map m = { .fd = -1 };
	int type = aux_pmu_type(arg1);
	long bad = 0;

	*err = 0;
	if (write_int(arm, val))
		return -1;
	m.fd = aux_open(type, 4096, 0);
	if (m.fd < 0)
		*err = errno;
	if (!*err)
		*err = aux_map_rb(&m);
	if (!*err)
		*err = aux_map_aux(&m, aux_size, 0);
	if (!*err) {
		bad = aux_run_check(&m, 4096);
		/* The event may have failed to start: no data, not bad. */
		if (bad < 0 && m.up->aux_head == 0)
			bad = 0;
	}
	*fired = disarm(arm, nth);
	aux_unmap(&m);
	return bad != 0;
}

static int run_write(int arm, long val, int *err, int nth, int *fired)
{
	int fd = open(arg1, O_WRONLY);
	ssize_t n;

	*err = 0;
	if (fd < 0)
		return -1;
	if (write_int(arm, val)) {
		close(fd);
		return -1;
	}
	n = write(fd, arg2, strlen(arg2));
	*err = n < 0 ? errno : 0;
	*fired = disarm(arm, nth);
	close(fd);
	/* vmap_edge: -EIO means it saw a bad mapping or data. */
	return *err == EIO;
}

static int run(int arm, long val, int *err, int nth, int *fired)
{
	return strcmp(mode, "aux") ? run_write(arm, val, err, nth, fired) :
				     run_aux(arm, val, err, nth, fired);
}

static void account(struct tally *t, int bad, int err, int injected)
{
	t->runs++;
	t->injected += injected;
	if (bad) {
		t->bad++;
		printf("# run %lu: bad result (errno %d, %s)\n", t->runs, err,
		       injected ? "fault injected" : "no fault injected");
	} else if (err && !injected) {
		/* An error nobody injected: not a fault-handling problem. */
		t->bad++;
		printf("# run %lu: %s without an injected fault\n", t->runs,
		       strerror(err));
	} else if (err) {
		t->errors++;
	} else if (injected) {
		t->coped++;
	}
	if (leftover) {
		int n = vmalloc_lines(leftover), ms = 0;

		/*
		 * Seen once in a debug kernel: an area of the caller still
		 * listed right after a run, gone at the end. Only an area
		 * that is still there after a second counts.
		 */
		while (n && ms < 1000) {
			usleep(50000);
			ms += 50;
			n = vmalloc_lines(leftover);
		}
		if (ms && !n)
			printf("# run %lu: an area with \"%s\" stayed in vmallocinfo for up to %d ms after the run\n",
			       t->runs, leftover, ms);
		if (n) {
			t->left++;
			printf("# run %lu: %d vmallocinfo lines with \"%s\" left after the run\n",
			       t->runs, n, leftover);
		}
	}
}

int main(int argc, char **argv)
{
	struct tally t = { 0 };
	long iters = 0;
	char what[256];
	int opt, arm, ok;

	while ((opt = getopt(argc, argv, "r:l:")) != -1) {
		if (opt == 'r')
			iters = strtol(optarg, NULL, 0);
		else if (opt == 'l')
			leftover = optarg;
		else
			return 2;
	}
	if (argc - optind != 3 || (strcmp(argv[optind], "aux") &&
				   strcmp(argv[optind], "write"))) {
		fprintf(stderr, "usage: %s [-r ITER] [-l PATTERN] aux PMU SIZE | write FILE TEXT\n",
			argv[0]);
		return 2;
	}
	mode = argv[optind];
	arg1 = argv[optind + 1];
	arg2 = argv[optind + 2];
	if (!strcmp(mode, "aux")) {
		char *end;

		aux_size = strtoul(arg2, &end, 0);
		aux_size *= *end == 'p' ? sysconf(_SC_PAGESIZE) : 1024;
		snprintf(what, sizeof(what), "AUX mmap of %s%s on %s", arg2,
			 *end == 'p' ? "" : " KiB", arg1);
	} else {
		snprintf(what, sizeof(what), "write \"%s\" to %s", arg2, arg1);
	}

	arm = open(iters ? "/proc/thread-self/make-it-fail" :
			   "/proc/thread-self/fail-nth", O_RDWR);
	if (arm < 0) {
		printf("# %s: no fault injection (%s)\n", what, strerror(errno));
		return 1;
	}
	if (iters) {
		for (long i = 0; i < iters; i++) {
			int err, bad, fired;

			bad = run(arm, 1, &err, 0, &fired);
			/* Which run had a fault is not known: any error may. */
			account(&t, bad, err, err != 0);
		}
		ok = !t.bad && !t.left;
		printf("# %s, %ld runs with make-it-fail: %lu returned an error, %lu bad, %lu left mappings\n",
		       what, iters, t.errors, t.bad, t.left);
		return !ok;
	}
	for (long n = 1; n <= MAX_NTH; n++) {
		int err, bad, fired;

		bad = run(arm, n, &err, 1, &fired);
		account(&t, bad, err, fired);
		if (!fired)
			break;
	}
	/* The last run, with no fault left to inject, must have worked. */
	ok = !t.bad && !t.left && t.injected && t.injected < MAX_NTH;
	printf("# %s, each of its %lu fault points failed in turn: %lu returned an error, %lu coped, %lu bad, %lu left mappings\n",
	       what, t.injected, t.errors, t.coped, t.bad, t.left);
	return !ok;
}
