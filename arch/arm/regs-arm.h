/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm (EABI) register layout (struct pt_regs of arm: r0-r15, cpsr,
 * orig_r0), as an arm kernel and an arm64 kernel give it for an AArch32
 * tracee. Shared by arch/arm and arch/arm64.
 */
#ifndef TRACY_FAST_ARCH_REGS_ARM_H
#define TRACY_FAST_ARCH_REGS_ARM_H

#include <stdint.h>

#include "tracy-regs.h"

#define ARM_REGS_SIZE	(18 * 4)

/* The syscall number in r7 (EABI), arguments in r0-r5, result in r0. */
static const unsigned char arm_reg_index[] = {
	[ARCH_REG_ARG0] = 0, [ARCH_REG_ARG1] = 1, [ARCH_REG_ARG2] = 2,
	[ARCH_REG_ARG3] = 3, [ARCH_REG_ARG4] = 4, [ARCH_REG_ARG5] = 5,
	[ARCH_REG_NR] = 7, [ARCH_REG_RETURN] = 0,
	[ARCH_REG_IP] = 15, [ARCH_REG_SP] = 13,
};

/* Numbers and results are signed, addresses and arguments are not. */
static inline long arm_reg_get(const struct arch_regs *regs, enum arch_reg reg)
{
	uint32_t value = ((const uint32_t *)regs->words)[arm_reg_index[reg]];

	if (reg == ARCH_REG_NR || reg == ARCH_REG_RETURN)
		return (int32_t)value;
	return (long)value;
}

static inline void arm_reg_set(struct arch_regs *regs, enum arch_reg reg,
			       long value)
{
	((uint32_t *)regs->words)[arm_reg_index[reg]] = (uint32_t)value;
}

#define ARM_REG_IP		12	/* r12, entry/exit flag at stops */
#define ARM_REG_CPSR		16
#define ARM_CPSR_THUMB		0x20

/* At a syscall stop, ip (r12) is 0 at the entry and 1 at the exit. */
static inline int arm_syscall_entry(const struct arch_regs *regs)
{
	return ((const uint32_t *)regs->words)[ARM_REG_IP] == 0;
}

/* svc is 2 bytes long in Thumb state, 4 in ARM state. */
static inline void arm_syscall_rewind(struct arch_regs *regs, long nr)
{
	uint32_t *words = (uint32_t *)regs->words;
	uint32_t len = words[ARM_REG_CPSR] & ARM_CPSR_THUMB ? 2 : 4;

	words[arm_reg_index[ARCH_REG_IP]] -= len;
	arm_reg_set(regs, ARCH_REG_NR, nr);
}

static inline void arm_regs_keep_scratch(struct arch_regs *regs,
					 const struct arch_regs *task)
{
	((uint32_t *)regs->words)[ARM_REG_IP] =
		((const uint32_t *)task->words)[ARM_REG_IP];
}

#endif /* TRACY_FAST_ARCH_REGS_ARM_H */
