/* SPDX-License-Identifier: GPL-2.0 */
/*
 * riscv64 tracers (arch/generic/tracy-regs.c): tracees of the riscv64
 * ABI, in struct user_regs_struct of riscv: pc, ra, sp, gp, tp, t0-t2,
 * s0, s1, a0-a7, s2-s11, t3-t6. ecall takes the number in a7 and the
 * arguments in a0-a5, and returns in a0.
 *
 * The kernel keeps the first argument in orig_a0 and enters a syscall
 * with -ENOSYS in a0, which is what NT_PRSTATUS shows at an entry stop;
 * arch/riscv64/regset.c puts the argument back into a0 and notes the
 * kind of stop in a word beyond the kernel's 32 (RISCV_STOP).
 */
#ifndef TRACY_FAST_ARCH_RISCV64_REGS_H
#define TRACY_FAST_ARCH_RISCV64_REGS_H

#include <stdint.h>

#include "tracy-regs.h"

enum { RISCV_PC = 0, RISCV_SP = 2, RISCV_A0 = 10, RISCV_A7 = 17,
	RISCV_STOP = 32 };
#define RISCV_REGS_SIZE		(32 * 8)
/* words[RISCV_STOP]: what arch_get_regs() learnt of the stop. */
#define RISCV_STOP_UNKNOWN	0
#define RISCV_STOP_ENTRY	1

static const unsigned char riscv64_reg_index[] = {
	[ARCH_REG_ARG0] = RISCV_A0, [ARCH_REG_ARG1] = RISCV_A0 + 1,
	[ARCH_REG_ARG2] = RISCV_A0 + 2, [ARCH_REG_ARG3] = RISCV_A0 + 3,
	[ARCH_REG_ARG4] = RISCV_A0 + 4, [ARCH_REG_ARG5] = RISCV_A0 + 5,
	[ARCH_REG_NR] = RISCV_A7, [ARCH_REG_RETURN] = RISCV_A0,
	[ARCH_REG_IP] = RISCV_PC, [ARCH_REG_SP] = RISCV_SP,
};

static inline long regs_get(const struct arch_regs *regs, enum arch_reg reg)
{
	return (long)regs->words[riscv64_reg_index[reg]];
}

static inline void regs_set(struct arch_regs *regs, enum arch_reg reg,
			    long value)
{
	regs->words[riscv64_reg_index[reg]] = (uint64_t)value;
}

/*
 * An entry where arch_get_regs() found one; otherwise -ENOSYS in a0 may
 * be an entry, anything else is an exit.
 */
static inline int regs_syscall_entry(const struct arch_regs *regs)
{
	if (regs->words[RISCV_STOP] == RISCV_STOP_ENTRY)
		return 1;
	return regs_get(regs, ARCH_REG_RETURN) != -38 /* -ENOSYS */ ? 0 : -1;
}

/* The kernel reads the number from a7 again after the entry stop. */
static inline int regs_set_syscall_nr(pid_t pid, struct arch_regs *regs,
				      long nr)
{
	(void)pid;
	regs_set(regs, ARCH_REG_NR, nr);
	return 0;
}

/* ecall is 4 bytes long (there is no compressed one). */
static inline void regs_syscall_rewind(struct arch_regs *regs, long nr)
{
	regs->words[RISCV_PC] -= 4;
	regs_set(regs, ARCH_REG_NR, nr);
}

/* riscv kernels lend the tracer no register at syscall stops. */
static inline void regs_keep_scratch(struct arch_regs *regs,
				     const struct arch_regs *task)
{
	(void)regs;
	(void)task;
}

#endif /* TRACY_FAST_ARCH_RISCV64_REGS_H */
