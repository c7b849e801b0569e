// SPDX-License-Identifier: GPL-2.0
/*
 * Changing a syscall at its stop: its number, arguments and registers,
 * and denying it.
 */
#include <errno.h>
#include <stdbool.h>

#include "internal.h"

#define KEEP_NR	(-2L)	/* no syscall number is -2 */

/*
 * The syscall number (unless KEEP_NR), the arguments from 'args', the
 * result from 'result', and the IP and SP from 'ip_sp', where not NULL.
 */
static int update_regs(struct child *c, int abi, long nr,
		       const struct tracy_sc_args *args, const long *result,
		       const struct tracy_sc_args *ip_sp)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	pid_t pid = c->pub.pid;
	struct arch_regs regs;

	if (!c->stopped || c->gone) {
		errno = ESRCH;
		return -1;
	}
	/* The registers are the injection's until its callback runs. */
	if (inject_pending(c)) {
		tracy_message(c->tracee.session, "tracee %d is in an injection",
			      c->pub.pid);
		errno = EBUSY;
		return -1;
	}
	if (!table) {
		errno = EINVAL;
		return -1;
	}
	if (arch_get_regs(pid, &regs))
		return -1;
	if (nr != KEEP_NR &&
	    arch_set_syscall_nr(pid, &regs, abi,
				nr == -1 ? -1 : nr | (long)table->nr_base))
		return -1;
	if (args) {
		arch_reg_set(&regs, abi, ARCH_REG_ARG0, args->a0);
		arch_reg_set(&regs, abi, ARCH_REG_ARG1, args->a1);
		arch_reg_set(&regs, abi, ARCH_REG_ARG2, args->a2);
		arch_reg_set(&regs, abi, ARCH_REG_ARG3, args->a3);
		arch_reg_set(&regs, abi, ARCH_REG_ARG4, args->a4);
		arch_reg_set(&regs, abi, ARCH_REG_ARG5, args->a5);
	}
	if (result)
		arch_reg_set(&regs, abi, ARCH_REG_RETURN, *result);
	if (ip_sp) {
		arch_reg_set(&regs, abi, ARCH_REG_IP, ip_sp->ip);
		arch_reg_set(&regs, abi, ARCH_REG_SP, ip_sp->sp);
	}
	return arch_set_regs(pid, &regs);
}

int syscall_set_return(struct child *c, int abi, long value)
{
	return update_regs(c, abi, KEEP_NR, NULL, &value, NULL);
}

int syscall_set_arg(struct child *c, int abi, int n, long value)
{
	struct arch_regs regs;

	if (!c->stopped || c->gone) {
		errno = ESRCH;
		return -1;
	}
	if (inject_pending(c) || n < 0 || n > 5) {
		errno = inject_pending(c) ? EBUSY : EINVAL;
		return -1;
	}
	if (arch_get_regs(c->pub.pid, &regs))
		return -1;
	arch_reg_set(&regs, abi, ARCH_REG_ARG0 + n, value);
	return arch_set_regs(c->pub.pid, &regs);
}

int tracy_modify_syscall_args(struct tracy_child *child, long syscall_number,
			      struct tracy_sc_args *a)
{
	struct child *c = child_of(child);

	return update_regs(c, (int)child->event.abi, syscall_number, a, NULL,
			   NULL);
}

int tracy_modify_syscall_regs(struct tracy_child *child, long syscall_number,
			      struct tracy_sc_args *a)
{
	struct child *c = child_of(child);

	return update_regs(c, (int)child->event.abi, syscall_number, NULL,
			   a ? &a->return_code : NULL, a);
}

/*
 * The syscall is skipped (number -1) and its result set to -err now, for
 * backends that spare the tracee the exit stop (x86 and arm64 keep a
 * result set at the entry of a skipped syscall), and again at the exit
 * stop (event.c), for the others.
 */
int tracy_deny_syscall_errno(struct tracy_child *child, int err)
{
	struct child *c = child_of(child);
	long result = -err;

	if (err <= 0 || err > 4095) {
		errno = EINVAL;
		return -1;
	}
	if (!child->pre_syscall || child->event.type != TRACY_EVENT_SYSCALL) {
		tracy_message(c->tracee.session, "tracy_deny_syscall: %d is not at a "
			      "syscall entry", child->pid);
		errno = EINVAL;
		return -1;
	}
	if (update_regs(c, (int)child->event.abi, -1, NULL, &result, NULL))
		return -1;
	c->tracee.deny_errno = err;
	child->denied_nr = child->event.syscall_num;
	return 0;
}

int tracy_deny_syscall(struct tracy_child *child)
{
	return tracy_deny_syscall_errno(child, EPERM);
}
