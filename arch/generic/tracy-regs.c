// SPDX-License-Identifier: GPL-2.0
/*
 * tracy-regs.h for an architecture whose tracers see one ABI in one
 * register layout (i386, arm, riscv64): its "regs.h", found first on the
 * include path of its builds (abi-cflags in arch/arches.mk), says how
 * that layout holds a syscall, in these fixed names:
 *
 *	regs_get(regs, reg), regs_set(regs, reg, value)
 *	regs_syscall_entry(regs)	1 entry, 0 exit, -1 cannot tell
 *	regs_set_syscall_nr(pid, regs, nr)
 *	regs_syscall_rewind(regs, nr)
 *	regs_keep_scratch(regs, task)
 *
 * An architecture with several ABIs or layouts (x86_64, arm64) has a
 * tracy-regs.c of its own instead.
 */
#include "regs.h"
#include "tracy-regs.h"

const struct tracy_syscall_table *const arch_abi_tables[] = {
	[TRACY_ABI_NATIVE] = &tracy_syscalls_native,
};
ARCH_ABI_TABLES_CHECK();

int arch_regs_abi(pid_t pid, const struct arch_regs *regs)
{
	(void)pid;
	(void)regs;
	return TRACY_ABI_NATIVE;
}

int arch_regs_syscall_entry(const struct arch_regs *regs, int abi)
{
	(void)abi;
	return regs_syscall_entry(regs);
}

long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg)
{
	(void)abi;
	return regs_get(regs, reg);
}

void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value)
{
	(void)abi;
	regs_set(regs, reg, value);
}

int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr)
{
	(void)abi;
	return regs_set_syscall_nr(pid, regs, nr);
}

void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr)
{
	(void)abi;
	regs_syscall_rewind(regs, nr);
}

void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task)
{
	regs_keep_scratch(regs, task);
}
