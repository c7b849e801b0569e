// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 tracers: tracees of the arm64 (AArch64) ABI and AArch32 tracees of
 * the arm EABI, which the kernel gives the arm register layout.
 */
#include <elf.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "tracy-regs.h"
#include "arm/regs-arm.h"

#ifndef NT_ARM_SYSTEM_CALL
# define NT_ARM_SYSTEM_CALL	0x404
#endif

TRACY_SYSCALL_TABLE(arm64);
TRACY_SYSCALL_TABLE(arm);

const struct tracy_syscall_table *const arch_abi_tables[] = {
	[TRACY_ABI_AARCH64] = &tracy_syscalls_arm64,
	[TRACY_ABI_AARCH32] = &tracy_syscalls_arm,
};
ARCH_ABI_TABLES_CHECK();

/* struct user_pt_regs: x0-x30, sp, pc, pstate; the number in x8. */
static const unsigned char arm64_reg_index[] = {
	[ARCH_REG_ARG0] = 0, [ARCH_REG_ARG1] = 1, [ARCH_REG_ARG2] = 2,
	[ARCH_REG_ARG3] = 3, [ARCH_REG_ARG4] = 4, [ARCH_REG_ARG5] = 5,
	[ARCH_REG_NR] = 8, [ARCH_REG_RETURN] = 0,
	[ARCH_REG_IP] = 32, [ARCH_REG_SP] = 31,
};

static int is_arm_layout(const struct arch_regs *regs)
{
	return regs->size == ARM_REGS_SIZE;
}

int arch_regs_abi(pid_t pid, const struct arch_regs *regs)
{
	(void)pid;
	return is_arm_layout(regs) ? TRACY_ABI_AARCH32 : TRACY_ABI_AARCH64;
}

/* The register the kernel lends the tracer at syscall stops. */
#define ARM64_SCRATCH	7

/* At a syscall stop, x7 (r12 of AArch32) is 0 at the entry, 1 at the exit. */
int arch_regs_syscall_entry(const struct arch_regs *regs, int abi)
{
	(void)abi;
	if (is_arm_layout(regs))
		return arm_syscall_entry(regs);
	return regs->words[ARM64_SCRATCH] == 0;
}

long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg)
{
	(void)abi;
	if (is_arm_layout(regs))
		return arm_reg_get(regs, reg);
	return (long)regs->words[arm64_reg_index[reg]];
}

void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value)
{
	(void)abi;
	if (is_arm_layout(regs))
		arm_reg_set(regs, reg, value);
	else
		regs->words[arm64_reg_index[reg]] = (uint64_t)value;
}

/* x8 (r7) alone does not change a syscall that has entered the kernel. */
int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr)
{
	int value = (int)nr;
	struct iovec iov = { &value, sizeof(value) };

	arch_reg_set(regs, abi, ARCH_REG_NR, nr);
	return ptrace(PTRACE_SETREGSET, pid, (void *)NT_ARM_SYSTEM_CALL,
		      &iov) ? -1 : 0;
}

/* svc is 4 bytes long; AArch32 tasks may be in Thumb state. */
void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr)
{
	if (is_arm_layout(regs)) {
		arm_syscall_rewind(regs, nr);
		return;
	}
	arch_reg_set(regs, abi, ARCH_REG_IP,
		     arch_reg_get(regs, abi, ARCH_REG_IP) - 4);
	arch_reg_set(regs, abi, ARCH_REG_NR, nr);
}

void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task)
{
	if (is_arm_layout(regs))
		arm_regs_keep_scratch(regs, task);
	else
		regs->words[ARM64_SCRATCH] = task->words[ARM64_SCRATCH];
}
