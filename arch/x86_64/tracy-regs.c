// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 tracers: tracees of the x86_64 and x32 ABIs (the 64-bit register
 * layout) and of the i386 ABI, either in a 32-bit process (the i386
 * layout) or through int $0x80 in a 64-bit one (the 64-bit layout, with
 * the i386 argument registers).
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ptrace.h>

#include "tracy-regs.h"
#include "i386/regs-i386.h"

TRACY_SYSCALL_TABLE(x86_64);
TRACY_SYSCALL_TABLE(i386);
TRACY_SYSCALL_TABLE(x32);

const struct tracy_syscall_table *const arch_abi_tables[] = {
	[TRACY_ABI_AMD64] = &tracy_syscalls_x86_64,
	[TRACY_ABI_X86] = &tracy_syscalls_i386,
	[TRACY_ABI_X32] = &tracy_syscalls_x32,
};
ARCH_ABI_TABLES_CHECK();

#define X32_SYSCALL_BIT	0x40000000L
#define INSN_INT80	0x80cd	/* cd 80, little-endian */

/*
 * struct user_regs_struct of x86_64: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8
 * rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss ...
 */
enum { RBP = 4, RBX = 5, R10 = 7, R9 = 8, R8 = 9, RAX = 10, RCX = 11,
	RDX = 12, RSI = 13, RDI = 14, ORIG_RAX = 15, RIP = 16, RSP = 19 };

static const unsigned char x86_64_reg_index[] = {
	[ARCH_REG_ARG0] = RDI, [ARCH_REG_ARG1] = RSI, [ARCH_REG_ARG2] = RDX,
	[ARCH_REG_ARG3] = R10, [ARCH_REG_ARG4] = R8, [ARCH_REG_ARG5] = R9,
	[ARCH_REG_NR] = ORIG_RAX, [ARCH_REG_RETURN] = RAX,
	[ARCH_REG_IP] = RIP, [ARCH_REG_SP] = RSP,
};

/* int $0x80 in a 64-bit process: the i386 registers in their 64-bit homes. */
static const unsigned char int80_reg_index[] = {
	[ARCH_REG_ARG0] = RBX, [ARCH_REG_ARG1] = RCX, [ARCH_REG_ARG2] = RDX,
	[ARCH_REG_ARG3] = RSI, [ARCH_REG_ARG4] = RDI, [ARCH_REG_ARG5] = RBP,
	[ARCH_REG_NR] = ORIG_RAX, [ARCH_REG_RETURN] = RAX,
	[ARCH_REG_IP] = RIP, [ARCH_REG_SP] = RSP,
};

static int is_i386_layout(const struct arch_regs *regs)
{
	return regs->size == I386_REGS_SIZE;
}

int arch_regs_abi(pid_t pid, const struct arch_regs *regs)
{
	long nr, insn;

	if (is_i386_layout(regs))
		return TRACY_ABI_X86;
	nr = (long)regs->words[ORIG_RAX];
	if (nr != -1 && (nr & X32_SYSCALL_BIT))
		return TRACY_ABI_X32;
	errno = 0;
	insn = ptrace(PTRACE_PEEKTEXT, pid,
		      (void *)(uintptr_t)(regs->words[RIP] - 2), 0);
	if (!errno && (insn & 0xffff) == INSN_INT80)
		return TRACY_ABI_X86;
	return TRACY_ABI_AMD64;
}

/*
 * The kernel enters a syscall with -ENOSYS in rax: anything else is an
 * exit. (An exit with -ENOSYS looks like an entry.)
 */
int arch_regs_syscall_entry(const struct arch_regs *regs, int abi)
{
	if (is_i386_layout(regs))
		return i386_syscall_entry(regs);
	return arch_reg_get(regs, abi, ARCH_REG_RETURN) != -38 ? 0 : -1;
}

long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg)
{
	uint64_t value;

	if (is_i386_layout(regs))
		return i386_reg_get(regs, reg);
	if (abi != TRACY_ABI_X86)
		return (long)regs->words[x86_64_reg_index[reg]];
	value = regs->words[int80_reg_index[reg]];
	if (reg == ARCH_REG_NR || reg == ARCH_REG_RETURN)
		return (int32_t)value;
	return (long)(uint32_t)value;
}

/*
 * The long of an x32 tracer has 32 bits: arguments and addresses go into
 * the 64-bit registers zero-extended, as x32 code passes pointers (the
 * kernel reads int arguments from the low half); numbers and results
 * keep their sign, for -1 and -errno.
 */
static uint64_t widen(enum arch_reg reg, long value)
{
	if (reg == ARCH_REG_NR || reg == ARCH_REG_RETURN)
		return (uint64_t)value;
	return (uint64_t)(unsigned long)value;
}

void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value)
{
	if (is_i386_layout(regs))
		i386_reg_set(regs, reg, value);
	else if (abi != TRACY_ABI_X86)
		regs->words[x86_64_reg_index[reg]] = widen(reg, value);
	else
		regs->words[int80_reg_index[reg]] = widen(reg, value);
}

int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr)
{
	(void)pid;
	arch_reg_set(regs, abi, ARCH_REG_NR, nr);
	return 0;
}

/*
 * syscall and int $0x80 are 2 bytes long and read the number from rax.
 * The whole rip: int $0x80 in a 64-bit process can be above 4 GiB.
 */
void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr)
{
	if (is_i386_layout(regs)) {
		i386_syscall_rewind(regs, nr);
		return;
	}
	regs->words[RIP] -= 2;
	arch_reg_set(regs, abi, ARCH_REG_RETURN, nr);
}

/* x86 kernels lend the tracer no register at syscall stops. */
void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task)
{
	(void)regs;
	(void)task;
}
