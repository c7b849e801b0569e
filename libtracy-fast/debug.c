// SPDX-License-Identifier: GPL-2.0
/* Tracy's debugging aids: a tracee's registers, the tracer's stack. */
#include <stdio.h>

#ifdef __GLIBC__
#include <execinfo.h>
#endif

#include "internal.h"

int tracy_debug_current(struct tracy_child *child)
{
	struct arch_regs regs;
	int abi, i;

	if (!child || arch_get_regs(child->pid, &regs))
		return -1;
	abi = (int)child->event.abi;
	if (!abi_table(abi))
		abi = arch_regs_abi(child->pid, &regs);
	printf("DEBUG: %d abi %d:", child->pid, abi);
	for (i = 0; i < 6; i++)
		printf(" %d: %ld", i, arch_reg_get(&regs, abi,
						   (enum arch_reg)(ARCH_REG_ARG0 + i)));
	printf(" s: %ld, R: %ld, PC: %#lx SP: %#lx\n",
	       arch_reg_get(&regs, abi, ARCH_REG_NR),
	       arch_reg_get(&regs, abi, ARCH_REG_RETURN),
	       (unsigned long)arch_reg_get(&regs, abi, ARCH_REG_IP),
	       (unsigned long)arch_reg_get(&regs, abi, ARCH_REG_SP));
	return 0;
}

void tracy_backtrace(void)
{
#ifdef __GLIBC__
	void *frames[40];
	int n = backtrace(frames, 40);

	if (n <= 0) {
		fputs("tracy_backtrace: no backtrace\n", stderr);
		return;
	}
	backtrace_symbols_fd(frames, n, 2);
#endif
}
