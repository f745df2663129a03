// SPDX-License-Identifier: GPL-2.0
/*
 * aux-age: one worker of the aging load that make bench-aging runs
 * before it measures AUX mmaps, to leave memory the way a device that has
 * been up for a long time leaves it: free memory in small pieces, with
 * long-lived unmovable pages scattered through it.
 *
 *   aux-age anon MIB SEED     anonymous chunks of 4 KiB to 4 MiB, random
 *                             lifetimes, holes punched with MADV_DONTNEED,
 *                             about MIB in use
 *   aux-age slab FILES SEED   tmpfs files created and deleted at random
 *                             (dentry, inode and shmem pages), pipes opened,
 *                             filled and closed (unmovable pipe pages)
 *   aux-age thp MIB SEED      a THP user: 2 MiB-aligned regions with
 *                             MADV_HUGEPAGE, touched, kept up to MIB, freed
 *                             oldest first; its success is read from
 *                             thp_fault_alloc/thp_fault_fallback in vmstat
 *   aux-age cache DEV SEED    reads DEV at random 1 MiB offsets: clean page
 *                             cache that reclaim can take back
 *
 * Each runs until killed. SIGSTOP/SIGCONT pause it for quiet phases.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIB	(1UL << 20)

static uint64_t rnd_state;

static uint64_t rnd(void)
{
	/* xorshift64: the same SEED gives the same load on both kernels. */
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void touch(char *p, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += 4096)
		p[off] = (char)off | 1;
}

#define ANON_SLOTS	512

static int age_anon(unsigned long mib)
{
	static struct { char *p; size_t len; } slot[ANON_SLOTS];
	unsigned long used = 0;

	for (;;) {
		int i = rnd() % ANON_SLOTS;
		size_t len;

		if (slot[i].p) {
			munmap(slot[i].p, slot[i].len);
			used -= slot[i].len;
			slot[i].p = NULL;
		}
		/* Mostly small chunks, some large: sizes spread over orders. */
		len = (size_t)4096 << (rnd() % 11);
		if (used + len > mib * MIB)
			continue;
		slot[i].p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (slot[i].p == MAP_FAILED) {
			slot[i].p = NULL;
			continue;
		}
		slot[i].len = len;
		used += len;
		touch(slot[i].p, len);
		/* A hole in one chunk out of four. */
		if (len >= 4 * 4096 && !(rnd() % 4)) {
			size_t off = (rnd() % (len / 4096 - 1)) * 4096;

			madvise(slot[i].p + off, 4096, MADV_DONTNEED);
		}
		usleep(200);
	}
	return 0;
}

#define PIPES	64

static int age_slab(unsigned long files)
{
	static int pipes[PIPES][2];
	char name[64], buf[4096];
	unsigned long i;

	memset(buf, 'a', sizeof(buf));
	if (mkdir("/tmp/age-slab", 0700) && access("/tmp/age-slab", W_OK))
		return 1;
	for (i = 0; i < PIPES; i++)
		pipes[i][0] = -1;
	for (;;) {
		unsigned long n = rnd() % files;
		int fd, p = rnd() % PIPES;

		snprintf(name, sizeof(name), "/tmp/age-slab/%lu", n);
		/* Nine deletions for ten creations: the tree keeps growing
		 * until most names exist, then churns. */
		if (rnd() % 10 < 9 && !unlink(name))
			continue;
		fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd >= 0) {
			if (write(fd, buf, 1 + rnd() % sizeof(buf)) < 0)
				perror("aux-age slab: write");
			close(fd);
		}
		if (pipes[p][0] >= 0) {
			close(pipes[p][0]);
			close(pipes[p][1]);
			pipes[p][0] = -1;
		} else if (!pipe2(pipes[p], O_NONBLOCK)) {
			int k;

			/* Fill some: pipe buffers are unmovable pages. */
			for (k = rnd() % 16; k > 0; k--)
				if (write(pipes[p][1], buf, sizeof(buf)) < 0)
					break;
		}
		usleep(50);
	}
	return 0;
}

#define THP_SIZE	(2 * MIB)

static int age_thp(unsigned long mib)
{
	unsigned long nr = mib * MIB / THP_SIZE, head = 0, i;
	char **region = calloc(nr, sizeof(*region));

	if (!region || !nr)
		return 1;
	for (;; head = (head + 1) % nr) {
		char *raw;

		if (region[head]) {
			munmap(region[head], THP_SIZE);
			region[head] = NULL;
		}
		/* Twice the size, to cut a 2 MiB-aligned region out of it. */
		raw = mmap(NULL, 2 * THP_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (raw == MAP_FAILED)
			continue;
		i = (THP_SIZE - ((uintptr_t)raw & (THP_SIZE - 1))) & (THP_SIZE - 1);
		if (i)
			munmap(raw, i);
		munmap(raw + i + THP_SIZE, THP_SIZE - i);
		region[head] = raw + i;
		madvise(region[head], THP_SIZE, MADV_HUGEPAGE);
		touch(region[head], THP_SIZE);
		usleep(20000);
	}
	return 0;
}

static int age_cache(const char *dev)
{
	static char buf[MIB];
	off_t size;
	int fd = open(dev, O_RDONLY);

	if (fd < 0) {
		perror(dev);
		return 1;
	}
	size = lseek(fd, 0, SEEK_END);
	if (size < (off_t)(2 * MIB))
		return 1;
	for (;;) {
		off_t off = (rnd() % (size / MIB - 1)) * MIB;

		if (pread(fd, buf, sizeof(buf), off) < 0)
			perror("aux-age cache: pread");
		usleep(1000);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: aux-age anon|slab|thp MIB|FILES SEED, or aux-age cache DEV SEED\n");
		return 2;
	}
	rnd_state = strtoull(argv[3], NULL, 0) * 2654435761ULL + 88172645463325252ULL;
	if (!strcmp(argv[1], "anon"))
		return age_anon(strtoul(argv[2], NULL, 0));
	if (!strcmp(argv[1], "slab"))
		return age_slab(strtoul(argv[2], NULL, 0));
	if (!strcmp(argv[1], "thp"))
		return age_thp(strtoul(argv[2], NULL, 0));
	if (!strcmp(argv[1], "cache"))
		return age_cache(argv[2]);
	fprintf(stderr, "aux-age: unknown worker %s\n", argv[1]);
	return 2;
}
