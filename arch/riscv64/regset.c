// SPDX-License-Identifier: GPL-2.0
/*
 * arch/generic/regset.c for riscv64, with the first argument of the
 * syscall at whose entry (or seccomp) stop the tracee is: the kernel
 * shows -ENOSYS in a0 there and keeps the argument in orig_a0, which no
 * regset exposes before Linux 6.16, but PTRACE_GET_SYSCALL_INFO does.
 * With it in a0, registers saved at an entry and restored before the
 * ecall make the syscall again as it was (injection does that).
 *
 * The kernel reads the argument from orig_a0 when the entry stop ends,
 * so a new value for it takes effect only through
 * PTRACE_SET_SYSCALL_INFO (Linux 6.16, libtracy-fast/control.c) or a
 * new ecall.
 */
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "ptrace-compat.h"
#include "regs.h"
#include "tracy-regs.h"

int arch_get_regs(pid_t pid, struct arch_regs *regs)
{
	struct iovec iov = { regs->words, RISCV_REGS_SIZE };
	struct tracy_syscall_info info;

	regs->words[RISCV_STOP] = RISCV_STOP_UNKNOWN;
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov))
		return -1;
	regs->size = iov.iov_len;
	if (regs_get(regs, ARCH_REG_RETURN) != -38 /* -ENOSYS */)
		return 0;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info),
		   &info) <= 0)
		return 0;
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		regs->words[RISCV_A0] = info.entry.args[0];
		regs->words[RISCV_STOP] = RISCV_STOP_ENTRY;
	} else if (info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
		regs->words[RISCV_A0] = info.seccomp.args[0];
		regs->words[RISCV_STOP] = RISCV_STOP_ENTRY;
	}
	return 0;
}

int arch_set_regs(pid_t pid, const struct arch_regs *regs)
{
	struct iovec iov = { (void *)regs->words, regs->size };

	return ptrace(PTRACE_SETREGSET, pid, (void *)NT_PRSTATUS, &iov) ? -1 : 0;
}
