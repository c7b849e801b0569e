// SPDX-License-Identifier: GPL-2.0
/*
 * Tracy's register helpers (tracyarch.h): syscall arguments in the
 * struct TRACY_REGS_NAME a program fills with PTRACE_GETREGS, and the ABI
 * of an event. The library's own register access (arch/) does the work:
 * the struct is the tracer's NT_PRSTATUS layout, which it knows.
 */
#include <string.h>

#include "internal.h"

static void regs_from_user(struct arch_regs *regs,
			   const struct TRACY_REGS_NAME *r)
{
	memcpy(regs->words, r, sizeof(*r));
	regs->size = sizeof(*r);
}

static bool is_arg(int reg, int abi)
{
	return reg >= 0 && reg < 6 && abi_table(abi);
}

long get_reg(struct TRACY_REGS_NAME *r, int reg, int abi)
{
	struct arch_regs regs;

	if (!r || !is_arg(reg, abi))
		return -1;
	regs_from_user(&regs, r);
	return arch_reg_get(&regs, abi, (enum arch_reg)(ARCH_REG_ARG0 + reg));
}

long set_reg(struct TRACY_REGS_NAME *r, int reg, int abi, long val)
{
	struct arch_regs regs;

	if (!r || !is_arg(reg, abi))
		return -1;
	regs_from_user(&regs, r);
	arch_reg_set(&regs, abi, (enum arch_reg)(ARCH_REG_ARG0 + reg), val);
	memcpy(r, regs.words, sizeof(*r));
	return 0;
}

/*
 * A syscall event knows its ABI already (PTRACE_GET_SYSCALL_INFO, or the
 * registers); for another stop, the registers say what they can.
 */
int get_abi(struct tracy_event *e)
{
	struct arch_regs regs;

	if (!e || !e->child)
		return -1;
	if (e->type == TRACY_EVENT_SYSCALL)
		return (int)e->abi;
	if (arch_get_regs(e->child->pid, &regs))
		return -1;
	return arch_regs_abi(e->child->pid, &regs);
}
