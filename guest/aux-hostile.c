// SPDX-License-Identifier: GPL-2.0
/*
 * aux-hostile PMU: AUX mmap() with bad or odd requests on PMU (the test
 * PMU, "test_aux"), as root and as an unprivileged user. Each request must
 * get the error perf_mmap() / perf_event_open() document, or work as they
 * document; one KTAP result each. Run as root; the suite checks around it
 * that nothing leaked.
 *
 * Unprivileged cases run in a child with uid/gid 65534, RLIMIT_MEMLOCK 0
 * and perf_event_mlock_kb at its default, under perf_event_paranoid
 * 3 (Debian: no perf_event_open() without CAP_SYS_ADMIN), 2 (no kernel
 * events; the AUX area must fit in perf_event_mlock_kb per CPU) and -1
 * (Documentation/admin-guide/sysctl/kernel.rst: "Ignore mlock limit after
 * perf_event_mlock_kb without CAP_IPC_LOCK": an area beyond it is allowed,
 * and all of it is pinned, VmPin, until munmap()).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "kselftest.h"
#include "perf-aux.h"

#define NOBODY		65534
#define SMALL_PAGES	16

static long pagesz;
static int type;

/* Open an event and map its ring buffer; 0 or an errno. */
static int open_rb(struct aux_map *m, int exclude_kernel)
{
	int err;

	memset(m, 0, sizeof(*m));
	m->fd = aux_open(type, 4096, exclude_kernel);
	if (m->fd < 0) {
		m->fd = -1;
		return errno;
	}
	err = aux_map_rb(m);
	if (err)
		aux_unmap(m);
	return err;
}

/* Report @what: it must fail with @want; @got is 0 or the errno it got. */
static void expect_err(const char *what, int got, int want)
{
	if (got != want)
		ksft_print_msg("%s: got %s, expected %s\n", what,
			       got ? strerror(got) : "success", strerror(want));
	ksft_test_result(got == want, "%s: %s\n", what, strerrorname_np(want));
}

/* mmap() of the AUX window with explicit arguments; 0 or an errno. */
static int raw_aux_mmap(struct aux_map *m, size_t len, int flags,
			off_t off, uint64_t aux_offset, uint64_t aux_size)
{
	void *p;

	m->up->aux_offset = aux_offset;
	m->up->aux_size = aux_size;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, m->fd, off);
	if (p == MAP_FAILED)
		return errno;
	munmap(p, len);
	return 0;
}

static void bad_requests(void)
{
	size_t small = SMALL_PAGES * pagesz;
	struct aux_map m;
	void *p;
	int err;

	/* No ring buffer mapped yet. */
	memset(&m, 0, sizeof(m));
	m.fd = aux_open(type, 4096, 0);
	p = mmap(NULL, small, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd, 2 * pagesz);
	err = p == MAP_FAILED ? errno : 0;
	if (!err)
		munmap(p, small);
	close(m.fd);
	expect_err("AUX mmap without a ring buffer", err, EINVAL);

	if (open_rb(&m, 0))
		ksft_exit_fail_msg("ring buffer: %s\n", strerror(errno));
	expect_err("AUX area of 3 pages (not a power of two)",
		   raw_aux_mmap(&m, 3 * pagesz, MAP_SHARED, m.data_size,
				m.data_size, 3 * pagesz), EINVAL);
	expect_err("AUX mmap of length 0",
		   raw_aux_mmap(&m, 0, MAP_SHARED, m.data_size, m.data_size, 0),
		   EINVAL);
	expect_err("aux_size differs from the mmap length",
		   raw_aux_mmap(&m, small, MAP_SHARED, m.data_size, m.data_size,
				2 * small), EINVAL);
	expect_err("aux_offset inside the data area",
		   raw_aux_mmap(&m, small, MAP_SHARED, pagesz, pagesz, small),
		   EINVAL);
	expect_err("mmap offset differs from aux_offset",
		   raw_aux_mmap(&m, small, MAP_SHARED, m.data_size + pagesz,
				m.data_size, small), EINVAL);
	expect_err("MAP_PRIVATE AUX mmap",
		   raw_aux_mmap(&m, small, MAP_PRIVATE, m.data_size, m.data_size,
				small), EINVAL);
	/*
	 * 2^28 pages, more than the guest's memory: rb_alloc_aux() refuses
	 * before it allocates anything (before the series, because the page
	 * array alone exceeded the largest kmalloc() block).
	 */
	expect_err("AUX area of 2^28 pages",
		   raw_aux_mmap(&m, (size_t)pagesz << 28, MAP_SHARED | MAP_NORESERVE,
				m.data_size, m.data_size, (uint64_t)pagesz << 28),
		   ENOMEM);
	aux_unmap(&m);
}

static void second_mmap(void)
{
	size_t small = SMALL_PAGES * pagesz;
	struct aux_map m;
	uint64_t *again;
	long bad;
	int err;

	if (open_rb(&m, 0) || aux_map_aux(&m, small, 0))
		ksft_exit_fail_msg("AUX area: %s\n", strerror(errno));
	again = mmap(NULL, small, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd,
		     m.data_size);
	err = again == MAP_FAILED ? errno : 0;
	bad = aux_run_check(&m, 4096);
	if (!err && memcmp(again, m.aux, small))
		bad = -2;
	ksft_test_result(!err && !bad,
			 "second AUX mmap of the same area shares it (%s, %ld)\n",
			 err ? strerror(err) : "mapped", bad);
	if (!err)
		munmap(again, small);

	err = 0;
	again = mmap(NULL, 2 * small, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd,
		     m.data_size);
	if (again == MAP_FAILED)
		err = errno;
	else
		munmap(again, 2 * small);
	expect_err("second AUX mmap of another size", err, EINVAL);

	/* perf mappings cannot be split: the area must stay whole. */
	err = munmap((char *)m.aux + small - pagesz, pagesz) ? errno : 0;
	expect_err("munmap of the last AUX page only", err, EINVAL);
	err = munmap((char *)m.aux + pagesz, pagesz) ? errno : 0;
	expect_err("munmap of an AUX page in the middle", err, EINVAL);
	bad = 0;
	for (size_t i = 0; i < 4096 / 8; i++)
		if (((uint64_t *)m.aux)[i] != ((i * 8) ^ (AUX_SEED << 32)))
			bad++;
	ksft_test_result(!bad, "the AUX area is intact after the refused munmaps (%ld bad words)\n",
			 bad);
	aux_unmap(&m);
}

static long vm_pin_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmPin: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static int set_paranoid(int level)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "w");
	int ret;

	if (!f)
		return -1;
	ret = fprintf(f, "%d\n", level) < 0;
	return fclose(f) || ret ? -1 : 0;
}

/*
 * As uid 65534 with RLIMIT_MEMLOCK 0: map an AUX area of @pages; prints
 * what happened and exits with 0 (mapped, VmPin back to 0 after munmap),
 * the errno of the failure, or 200 + n on an unexpected state.
 */
static int child_map(unsigned long pages, int exclude_kernel)
{
	struct rlimit rl = { 0, 0 };
	struct aux_map m;
	long pin;
	int err;

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgid(NOBODY) || setuid(NOBODY))
		return 201;
	err = open_rb(&m, exclude_kernel);
	if (err)
		return err;
	err = aux_map_aux(&m, pages * pagesz, 0);
	if (err) {
		aux_unmap(&m);
		return err;
	}
	pin = vm_pin_kib();
	if (aux_run_check(&m, 4096))
		return 202;
	aux_unmap(&m);
	if (vm_pin_kib() != 0) {
		printf("# VmPin %ld kB after munmap, %ld kB before\n", vm_pin_kib(), pin);
		return 203;
	}
	printf("# uid %d mapped %lu pages, VmPin %ld kB while mapped\n",
	       getuid(), pages, pin);
	return 0;
}

/* Run child_map() in a child under perf_event_paranoid @level. */
static int as_nobody(int level, unsigned long pages, int exclude_kernel)
{
	pid_t pid;
	int st;

	if (set_paranoid(level))
		return 204;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_map(pages, exclude_kernel));
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 205;
	return WEXITSTATUS(st);
}

static void unprivileged(void)
{
	long limit_kib = -1;
	unsigned long big, fits;
	int old = 2, rc;
	FILE *f;

	f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	if (!f || fscanf(f, "%d", &old) != 1)
		ksft_exit_fail_msg("perf_event_paranoid unreadable\n");
	fclose(f);
	f = fopen("/proc/sys/kernel/perf_event_mlock_kb", "r");
	if (!f || fscanf(f, "%ld", &limit_kib) != 1)
		ksft_exit_fail_msg("perf_event_mlock_kb unreadable\n");
	fclose(f);
	/*
	 * perf_event_mlock_kb is per CPU: with RLIMIT_MEMLOCK 0, the ring
	 * buffer and an area of 4 pages fit, an area of 4 times what all
	 * CPUs allow does not.
	 */
	fits = 4;
	big = 1;
	while (big * pagesz / 1024 < 4 * limit_kib * sysconf(_SC_NPROCESSORS_ONLN))
		big <<= 1;
	ksft_print_msg("perf_event_mlock_kb %ld, %ld CPUs; small area %lu pages, big %lu pages\n",
		       limit_kib, sysconf(_SC_NPROCESSORS_ONLN), fits, big);

	rc = as_nobody(3, fits, 1);
	ksft_test_result(rc == EACCES, "unprivileged, paranoid 3: perf_event_open refused, EACCES (got %d)\n",
			 rc);
	rc = as_nobody(2, fits, 0);
	ksft_test_result(rc == EACCES, "unprivileged, paranoid 2: event counting the kernel refused, EACCES (got %d)\n",
			 rc);
	rc = as_nobody(2, fits, 1);
	ksft_test_result(rc == 0, "unprivileged, paranoid 2: %lu-page AUX area within perf_event_mlock_kb maps (got %d)\n",
			 fits, rc);
	rc = as_nobody(2, big, 1);
	ksft_test_result(rc == EPERM, "unprivileged, paranoid 2: %lu-page AUX area beyond the mlock limits refused, EPERM (got %d)\n",
			 big, rc);
	rc = as_nobody(-1, big, 1);
	ksft_test_result(rc == 0, "unprivileged, paranoid -1: %lu-page AUX area beyond perf_event_mlock_kb maps as documented, pinned until munmap (got %d)\n",
			 big, rc);
	rc = as_nobody(2, fits, 1);
	ksft_test_result(rc == 0, "unprivileged, paranoid 2 again: the small area still maps (nothing stayed charged, got %d)\n",
			 rc);
	if (set_paranoid(old))
		ksft_exit_fail_msg("cannot restore perf_event_paranoid %d\n", old);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PMU\n", argv[0]);
		return 2;
	}
	pagesz = sysconf(_SC_PAGESIZE);
	ksft_print_header();
	type = aux_pmu_type(argv[1]);
	if (type < 0) {
		ksft_set_plan(1);
		ksft_test_result_skip("AUX mmap with bad requests (no PMU %s)\n", argv[1]);
		ksft_finished();
	}
	if (getuid() != 0)
		ksft_exit_fail_msg("run as root: the unprivileged cases drop to uid %d\n",
				   NOBODY);
	ksft_set_plan(19);
	bad_requests();
	second_mmap();
	unprivileged();
	ksft_finished();
}
