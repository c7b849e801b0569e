/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm tracers (arch/generic/tracy-regs.c): tracees of the arm EABI only,
 * in the layout of regs-arm.h.
 */
#ifndef TRACY_FAST_ARCH_ARM_REGS_H
#define TRACY_FAST_ARCH_ARM_REGS_H

#include <sys/ptrace.h>

#include "arm/regs-arm.h"

/* arm's own request; glibc spells it PTRACE_SET_SYSCALL on arm only. */
#define ARM_PTRACE_SET_SYSCALL	23

#define regs_get		arm_reg_get
#define regs_set		arm_reg_set
#define regs_syscall_entry	arm_syscall_entry
#define regs_syscall_rewind	arm_syscall_rewind
#define regs_keep_scratch	arm_regs_keep_scratch

/* r7 alone does not change a syscall that has entered the kernel. */
static inline int regs_set_syscall_nr(pid_t pid, struct arch_regs *regs,
				      long nr)
{
	arm_reg_set(regs, ARCH_REG_NR, nr);
	return ptrace((enum __ptrace_request)ARM_PTRACE_SET_SYSCALL, pid, 0,
		      (void *)nr) ? -1 : 0;
}

#endif /* TRACY_FAST_ARCH_ARM_REGS_H */
