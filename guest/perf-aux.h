/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest programs that map AUX areas share: open an event on a
 * PMU, map its ring buffer and an AUX area, check the test PMU's pattern.
 * The test PMU ("test_aux") writes (P ^ (seed << 32)) into the 64-bit word
 * at AUX position P when the event starts; "bytes" (config:0-31) limits
 * how much it writes per start, 0 = all the room there is.
 */
#ifndef PERF_AUX_H
#define PERF_AUX_H

#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define AUX_SEED	0x5eedULL
#define AUX_DATA_PAGES	1

struct aux_map {
	int fd;
	size_t data_size;	/* user page + data pages */
	size_t aux_size;
	struct perf_event_mmap_page *up;
	void *aux;
};

static inline int aux_pmu_type(const char *pmu)
{
	char path[256];
	int type = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &type) != 1)
		type = -1;
	fclose(f);
	return type;
}

/* A disabled per-task event on @type, writing @bytes per start. */
static inline int aux_open(int type, uint32_t bytes, int exclude_kernel)
{
	struct perf_event_attr attr = {
		.type = type, .size = sizeof(attr), .disabled = 1,
		.config = (AUX_SEED << 32) | bytes,
		.exclude_kernel = exclude_kernel, .exclude_hv = exclude_kernel,
	};

	return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

/* Map the ring buffer of @m->fd; 0 or an errno. */
static inline int aux_map_rb(struct aux_map *m)
{
	m->data_size = (1 + AUX_DATA_PAGES) * sysconf(_SC_PAGESIZE);
	m->up = mmap(NULL, m->data_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		     m->fd, 0);
	if (m->up == MAP_FAILED) {
		m->up = NULL;
		return errno;
	}
	return 0;
}

/*
 * Map an AUX area of @size bytes after the ring buffer, as perf does;
 * 0 or an errno.
 */
static inline int aux_map_aux(struct aux_map *m, size_t size, int snapshot)
{
	m->up->aux_offset = m->data_size;
	m->up->aux_size = size;
	m->aux = mmap(NULL, size, snapshot ? PROT_READ : PROT_READ | PROT_WRITE,
		      MAP_SHARED, m->fd, m->data_size);
	if (m->aux == MAP_FAILED) {
		m->aux = NULL;
		return errno;
	}
	m->aux_size = size;
	return 0;
}

static inline void aux_unmap(struct aux_map *m)
{
	if (m->aux)
		munmap(m->aux, m->aux_size);
	if (m->up)
		munmap(m->up, m->data_size);
	if (m->fd >= 0)
		close(m->fd);
	m->aux = NULL;
	m->up = NULL;
	m->fd = -1;
}

/*
 * Enable and disable the event once, then check what the test PMU wrote
 * in normal mode: from position 0, at least @bytes (0: all the room less
 * one word; the kernel may start the event more than once, each start
 * writes @bytes more while there is room). Returns the number of wrong
 * words, or -1 when aux_head is not where it can be.
 */
static inline long aux_run_check(struct aux_map *m, uint32_t bytes)
{
	const uint64_t *w = m->aux;
	uint64_t head, want, i;
	long bad = 0;

	if (ioctl(m->fd, PERF_EVENT_IOC_ENABLE, 0) ||
	    ioctl(m->fd, PERF_EVENT_IOC_DISABLE, 0))
		return -1;
	head = __atomic_load_n(&m->up->aux_head, __ATOMIC_ACQUIRE);
	want = bytes ? bytes : m->aux_size - 8;
	if (head < want || head > m->aux_size || head % 8)
		return -1;
	for (i = 0; i < head / 8; i++)
		if (w[i] != ((i * 8) ^ (AUX_SEED << 32)))
			bad++;
	return bad;
}

#endif
