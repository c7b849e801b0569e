// SPDX-License-Identifier: GPL-2.0
/*
 * PTRACE_GETREGSET/SETREGSET of NT_PRSTATUS into struct arch_regs: the
 * same on every architecture; the size the kernel fills tells the layout.
 */
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "tracy-regs.h"

int arch_get_regs(pid_t pid, struct arch_regs *regs)
{
	struct iovec iov = { regs->words, sizeof(regs->words) };

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov))
		return -1;
	regs->size = iov.iov_len;
	return 0;
}

int arch_set_regs(pid_t pid, const struct arch_regs *regs)
{
	struct iovec iov = { (void *)regs->words, regs->size };

	return ptrace(PTRACE_SETREGSET, pid, (void *)NT_PRSTATUS, &iov) ? -1 : 0;
}
