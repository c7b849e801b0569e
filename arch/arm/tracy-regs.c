// SPDX-License-Identifier: GPL-2.0
/* arm tracers: tracees of the arm EABI only. */
#include <sys/ptrace.h>

#include "tracy-regs.h"
#include "regs-arm.h"

/* arm's own request; glibc spells it PTRACE_SET_SYSCALL on arm only. */
#define ARM_PTRACE_SET_SYSCALL	23

const struct tracy_syscall_table *const arch_abi_tables[] = {
	&tracy_syscalls_arm,
};

int arch_regs_abi(pid_t pid, const struct arch_regs *regs)
{
	(void)pid;
	(void)regs;
	return 0;
}

int arch_regs_syscall_entry(const struct arch_regs *regs, int abi)
{
	(void)abi;
	return arm_syscall_entry(regs);
}

long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg)
{
	(void)abi;
	return arm_reg_get(regs, reg);
}

void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value)
{
	(void)abi;
	arm_reg_set(regs, reg, value);
}

/* r7 alone does not change a syscall that has entered the kernel. */
int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr)
{
	(void)abi;
	arm_reg_set(regs, ARCH_REG_NR, nr);
	return ptrace((enum __ptrace_request)ARM_PTRACE_SET_SYSCALL, pid, 0,
		      (void *)nr) ? -1 : 0;
}

void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr)
{
	(void)abi;
	arm_syscall_rewind(regs, nr);
}

void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task)
{
	arm_regs_keep_scratch(regs, task);
}
