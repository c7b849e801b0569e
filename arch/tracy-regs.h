/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What libtracy-fast needs from an architecture: the ABIs its tracees can
 * use, in the order of TRACY_ABI_* (tracy.h), and the registers of a
 * stopped tracee. arch/<arch>/tracy-regs.c implements it for an
 * architecture with several ABIs or register layouts; the others have
 * arch/generic/tracy-regs.c, on the small "regs.h" of their own folder.
 * The build picks the files of the ABI it compiles for (arch-file in
 * arch/arches.mk), so generic code never tests an architecture macro.
 */
#ifndef TRACY_FAST_ARCH_REGS_H
#define TRACY_FAST_ARCH_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscalls.h"
#include "tracy.h"

/*
 * The syscall table of each TRACY_ABI_*, defined with designated
 * initialisers ([TRACY_ABI_X32] = &tracy_syscalls_x32) and followed by
 * ARCH_ABI_TABLES_CHECK(): a definition that ends before the last
 * TRACY_ABI_* or goes beyond it does not compile.
 */
extern const struct tracy_syscall_table *const arch_abi_tables[];
#define ARCH_ABI_TABLES_CHECK()						\
	_Static_assert(sizeof(arch_abi_tables) ==			\
		       TRACY_ABI_COUNT * sizeof(arch_abi_tables[0]),	\
		       "arch_abi_tables[] has one table per TRACY_ABI_*")

enum arch_reg {
	ARCH_REG_ARG0, ARCH_REG_ARG1, ARCH_REG_ARG2,
	ARCH_REG_ARG3, ARCH_REG_ARG4, ARCH_REG_ARG5,
	ARCH_REG_NR,		/* the syscall number, nr_base included */
	ARCH_REG_RETURN,
	ARCH_REG_IP,
	ARCH_REG_SP,
};

/*
 * The general registers as PTRACE_GETREGSET NT_PRSTATUS gives them: their
 * layout depends on the tracee (a 32-bit one on a 64-bit kernel gets the
 * 32-bit layout), so 'size' says which one 'words' holds.
 */
struct arch_regs {
	uint64_t words[64];
	size_t size;
};

int arch_get_regs(pid_t pid, struct arch_regs *regs);
int arch_set_regs(pid_t pid, const struct arch_regs *regs);

/*
 * The TRACY_ABI_* of the syscall stop the registers are from, for kernels
 * without PTRACE_GET_SYSCALL_INFO: from the register layout and, where that
 * is not enough (int $0x80 in a 64-bit x86 process), the instruction
 * before the IP.
 */
int arch_regs_abi(pid_t pid, const struct arch_regs *regs);

/*
 * Whether the syscall stop the registers are from is an entry (1) or an
 * exit (0), where the registers say (-1: they do not; entries and exits
 * alternate). arm and arm64 kernels put it in a scratch register for the
 * tracer.
 */
int arch_regs_syscall_entry(const struct arch_regs *regs, int abi);

/* Register 'reg' of a syscall of ABI 'abi'. */
long arch_reg_get(const struct arch_regs *regs, int abi, enum arch_reg reg);
void arch_reg_set(struct arch_regs *regs, int abi, enum arch_reg reg,
		  long value);

/*
 * Changes the number of the syscall at whose entry pid is stopped: in
 * 'regs' where the number is a register (write them back after), or with
 * a request of its own (arm, arm64). -1 skips the syscall.
 */
int arch_set_syscall_nr(pid_t pid, struct arch_regs *regs, int abi, long nr);

/*
 * At a syscall stop: points the registers back at the syscall instruction
 * the tracee entered the kernel with (its length depends on the ABI, and
 * on arm on the Thumb state), set up to make syscall nr (nr_base
 * included) when the tracee executes it again. The number goes into the
 * register that instruction reads: r7 and x8, and on x86 eax/rax, which
 * is not the register the kernel reports the number in (orig_eax/rax).
 */
void arch_syscall_rewind(struct arch_regs *regs, int abi, long nr);

/*
 * At a syscall stop, arm and arm64 kernels lend the tracer one register
 * (r12, x7) for the entry/exit flag, and give the task its own value
 * back when it leaves the stop. Registers read at a syscall stop that
 * are given to a task somewhere else (a forked copy in its first stop)
 * take that one register from 'task', registers read from that task.
 */
void arch_regs_keep_scratch(struct arch_regs *regs,
			    const struct arch_regs *task);

#endif /* TRACY_FAST_ARCH_REGS_H */
