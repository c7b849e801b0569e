// SPDX-License-Identifier: GPL-2.0
/* i386 tracers: tracees of the i386 ABI only. */
#include "tracy-regs.h"
#include "regs-i386.h"

const struct tracy_syscall_table *const arch_abi_tables[] = {
	&tracy_syscalls_i386,
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
	return i386_syscall_entry(regs);
}

long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg)
{
	(void)abi;
	return i386_reg_get(regs, reg);
}

void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value)
{
	(void)abi;
	i386_reg_set(regs, reg, value);
}

int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr)
{
	(void)pid;
	i386_reg_set(regs, ARCH_REG_NR, nr);
	(void)abi;
	return 0;
}

void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr)
{
	(void)abi;
	i386_syscall_rewind(regs, nr);
}

/* x86 kernels lend the tracer no register at syscall stops. */
void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task)
{
	(void)regs;
	(void)task;
}
