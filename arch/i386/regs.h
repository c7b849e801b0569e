/* SPDX-License-Identifier: GPL-2.0 */
/*
 * i386 tracers (arch/generic/tracy-regs.c): tracees of the i386 ABI
 * only, in the layout of regs-i386.h.
 */
#ifndef TRACY_FAST_ARCH_I386_REGS_H
#define TRACY_FAST_ARCH_I386_REGS_H

#include "i386/regs-i386.h"

#define regs_get		i386_reg_get
#define regs_set		i386_reg_set
#define regs_syscall_entry	i386_syscall_entry
#define regs_syscall_rewind	i386_syscall_rewind

/* The kernel reads the number from orig_eax after the entry stop. */
static inline int regs_set_syscall_nr(pid_t pid, struct arch_regs *regs,
				      long nr)
{
	(void)pid;
	i386_reg_set(regs, ARCH_REG_NR, nr);
	return 0;
}

/* x86 kernels lend the tracer no register at syscall stops. */
static inline void regs_keep_scratch(struct arch_regs *regs,
				     const struct arch_regs *task)
{
	(void)regs;
	(void)task;
}

#endif /* TRACY_FAST_ARCH_I386_REGS_H */
