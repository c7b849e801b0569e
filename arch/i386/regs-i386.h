/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The i386 register layout (struct user_regs_struct of i386), as an i386
 * kernel and an x86_64 kernel give it for an i386 tracee. Shared by
 * arch/i386 and arch/x86_64.
 */
#ifndef TRACY_FAST_ARCH_REGS_I386_H
#define TRACY_FAST_ARCH_REGS_I386_H

#include <stdint.h>

#include "tracy-regs.h"

#define I386_REGS_SIZE	(17 * 4)

/* ebx ecx edx esi edi ebp eax ds es fs gs orig_eax eip cs eflags esp ss */
static const unsigned char i386_reg_index[] = {
	[ARCH_REG_ARG0] = 0, [ARCH_REG_ARG1] = 1, [ARCH_REG_ARG2] = 2,
	[ARCH_REG_ARG3] = 3, [ARCH_REG_ARG4] = 4, [ARCH_REG_ARG5] = 5,
	[ARCH_REG_NR] = 11, [ARCH_REG_RETURN] = 6,
	[ARCH_REG_IP] = 12, [ARCH_REG_SP] = 15,
};

static inline uint32_t *i386_words(struct arch_regs *regs)
{
	return (uint32_t *)regs->words;
}

/* Numbers and results are signed, addresses and arguments are not. */
static inline long i386_reg_get(const struct arch_regs *regs,
				enum arch_reg reg)
{
	uint32_t value = ((const uint32_t *)regs->words)[i386_reg_index[reg]];

	if (reg == ARCH_REG_NR || reg == ARCH_REG_RETURN)
		return (int32_t)value;
	return (long)value;
}

static inline void i386_reg_set(struct arch_regs *regs, enum arch_reg reg,
				long value)
{
	i386_words(regs)[i386_reg_index[reg]] = (uint32_t)value;
}

/*
 * The kernel enters a syscall with -ENOSYS in eax: anything else is an
 * exit. (An exit with -ENOSYS looks like an entry.)
 */
static inline int i386_syscall_entry(const struct arch_regs *regs)
{
	return i386_reg_get(regs, ARCH_REG_RETURN) != -38 /* -ENOSYS */ ? 0 : -1;
}

/*
 * sysenter returns after the int $0x80 that follows it in the vDSO, so
 * that 2 bytes back is an int $0x80, like the syscall and int $0x80 the
 * other ways in. Each reads the number from eax.
 */
static inline void i386_syscall_rewind(struct arch_regs *regs, long nr)
{
	i386_words(regs)[i386_reg_index[ARCH_REG_IP]] -= 2;
	i386_reg_set(regs, ARCH_REG_RETURN, nr);
}

#endif /* TRACY_FAST_ARCH_REGS_I386_H */
