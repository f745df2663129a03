// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU TCG plugin for make bench (arm64 guests): counts, per segment of
 * guest execution, the instructions executed and among them the barriers
 * (DSB, DMB, ISB) and TLB maintenance (TLBI).  A segment ends each time
 * the guest executes the instruction at address "mark" (the entry of
 * test_vmap_bench's marker function), so the bench brackets each timed
 * case with two marker calls and the host pairs the segments with the
 * cases the guest prints, in order.
 *
 * Usage: -plugin barrier-count.so,mark=0xffff...,out=FILE
 * FILE gets one line per segment:
 *   seg N insns=I dsb=D dmb=M isb=S tlbi=T
 * Counts are for all vCPUs together; the bench boots with one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { INSNS, DSB, DMB, ISB, TLBI, NR_COUNTS };
static const char *const names[NR_COUNTS] = {
	"insns", "dsb", "dmb", "isb", "tlbi",
};

static uint64_t counts[NR_COUNTS], last[NR_COUNTS];
static uint64_t mark, segment;
static FILE *out;

static int classify(uint32_t insn)
{
	/* DSB, DMB, ISB: 1101 0101 0000 0011 0011 CRm op2 11111 */
	switch (insn & 0xfffff0ffu) {
	case 0xd503309fu:
		return DSB;
	case 0xd50330bfu:
		return DMB;
	case 0xd50330dfu:
		return ISB;
	}
	/* TLBI: SYS with op0 = 1, L = 0, CRn = 8 (and 9 for the range forms). */
	if ((insn & 0xfff8f000u) == 0xd5088000u || (insn & 0xfff8f000u) == 0xd5089000u)
		return TLBI;
	return -1;
}

static void end_segment(unsigned int vcpu, void *udata)
{
	int i;

	fprintf(out, "seg %" PRIu64, segment++);
	for (i = 0; i < NR_COUNTS; i++) {
		fprintf(out, " %s=%" PRIu64, names[i], counts[i] - last[i]);
		last[i] = counts[i];
	}
	fputc('\n', out);
	fflush(out);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &counts[INSNS], n);
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t word;
		int c;

		if (qemu_plugin_insn_vaddr(insn) == mark)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, end_segment,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
		if (qemu_plugin_insn_size(insn) != 4)
			continue;
		memcpy(&word, qemu_plugin_insn_data(insn), 4);
		c = classify(word);
		if (c >= 0)
			qemu_plugin_register_vcpu_insn_exec_inline(insn,
					QEMU_PLUGIN_INLINE_ADD_U64, &counts[c], 1);
	}
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	end_segment(0, NULL);
	fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	const char *path = NULL;
	int i;

	if (strcmp(info->target_name, "aarch64")) {
		fprintf(stderr, "barrier-count: aarch64 guests only, not %s\n",
			info->target_name);
		return -1;
	}
	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "mark=", 5))
			mark = strtoull(argv[i] + 5, NULL, 0);
		else if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else {
			fprintf(stderr, "barrier-count: unknown option %s\n", argv[i]);
			return -1;
		}
	}
	if (!mark || !path) {
		fprintf(stderr, "barrier-count: needs mark=ADDR and out=FILE\n");
		return -1;
	}
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
