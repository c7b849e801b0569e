// SPDX-License-Identifier: GPL-2.0
/*
 * Changing a syscall at its stop: its number, arguments and registers,
 * and denying it.
 *
 * New arguments at an entry (or seccomp) stop, and the number with them,
 * go through PTRACE_SET_SYSCALL_INFO (Linux 6.16) where the kernel has
 * it, after the registers, written first, which agree with it. The
 * registers alone cannot set every argument everywhere: riscv takes the
 * first one from orig_a0, which no regset shows. Without the request (an
 * older kernel, or TRACY_SYSCALL_INFO=get or 0 in the environment, for
 * tests) the registers and the architecture's own request for the number
 * (arch_set_syscall_nr()) do it, as before.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>

#include "internal.h"
#include "ptrace-compat.h"

#define KEEP_NR	(-2L)	/* no syscall number is -2 */

_Static_assert(sizeof(struct tracy_syscall_info) == 88,
	       "struct tracy_syscall_info is Linux 6.16's");

int syscall_info_at_entry(struct child *c, struct tracy_syscall_info *info)
{
	memset(info, 0, sizeof(*info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, c->pub.pid, (void *)sizeof(*info),
		   info) < 0)
		return errno == EIO ? 0 : -1;
	return info->op == PTRACE_SYSCALL_INFO_ENTRY ||
	       info->op == PTRACE_SYSCALL_INFO_SECCOMP;
}

/*
 * PTRACE_SET_SYSCALL_INFO at the entry or seccomp stop c is in: number
 * nr (KEEP_NR: the same) and arguments args (NULL: the same). 1: done;
 * 0: not here (no such stop, or a kernel without the request, which is
 * then not asked again); -1: error. Arguments are zero-extended, as a
 * 32-bit kernel wants them; the number is sign-extended.
 */
static int set_syscall_info(struct child *c, long nr, const long *args)
{
	struct session *s = c->tracee.session;
	struct tracy_syscall_info info;
	pid_t pid = c->pub.pid;
	int i, ret;

	ret = syscall_info_at_entry(c, &info);
	if (ret <= 0)
		return ret;
	info.reserved = 0;
	info.flags = 0;
	if (nr != KEEP_NR)
		info.entry.nr = (uint64_t)(int64_t)nr;
	for (i = 0; args && i < 6; i++)
		info.entry.args[i] = (uint64_t)(unsigned long)args[i];
	if (!ptrace((enum __ptrace_request)PTRACE_SET_SYSCALL_INFO, pid,
		    (void *)sizeof(info), &info)) {
		if (!s->set_syscall_info_said)
			tracy_verbose(s, TRACY_VERBOSE, "syscalls change at "
				      "their entry with PTRACE_SET_SYSCALL_INFO");
		s->set_syscall_info_said = true;
		return 1;
	}
	if (errno != EIO)
		return -1;
	tracy_verbose(s, TRACY_VERBOSE, "no PTRACE_SET_SYSCALL_INFO: syscalls "
		      "change in the registers");
	s->set_syscall_info = false;
	return 0;
}

void syscall_args_of(const struct tracy_sc_args *a, long args[6])
{
	memset(args, 0, 6 * sizeof(*args));
	if (!a)
		return;
	args[0] = a->a0;
	args[1] = a->a1;
	args[2] = a->a2;
	args[3] = a->a3;
	args[4] = a->a4;
	args[5] = a->a5;
}

void regs_get_args(const struct arch_regs *regs, int abi, long args[6])
{
	int i;

	for (i = 0; i < 6; i++)
		args[i] = arch_reg_get(regs, abi, ARCH_REG_ARG0 + i);
}

void regs_set_args(struct arch_regs *regs, int abi, const long args[6])
{
	int i;

	for (i = 0; i < 6; i++)
		arch_reg_set(regs, abi, ARCH_REG_ARG0 + i, args[i]);
}

int syscall_write(struct child *c, struct arch_regs *regs, int abi, long nr,
		  const long *args)
{
	pid_t pid = c->pub.pid;
	int ret;

	if (args)
		regs_set_args(regs, abi, args);
	/*
	 * Only where the arguments change: a new number alone is the
	 * registers' on every architecture, and the request would set the
	 * arguments too, over a result register that is also the first
	 * argument's (arm, riscv). Not for a skip: the request puts -ENOSYS
	 * in the result register of arm and arm64 then.
	 */
	if (c->tracee.session->set_syscall_info && args && nr != -1) {
		/* The number where the registers show it, as below. */
		if (nr != KEEP_NR)
			arch_reg_set(regs, abi, ARCH_REG_NR, nr);
		if (arch_set_regs(pid, regs))
			return -1;
		ret = set_syscall_info(c, nr, args);
		if (ret)
			return ret < 0 ? -1 : 0;
	}
	if (nr != KEEP_NR && arch_set_syscall_nr(pid, regs, abi, nr))
		return -1;
	return arch_set_regs(pid, regs);
}

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
	long argv[6];

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
	if (nr != KEEP_NR && nr != -1)
		nr |= (long)table->nr_base;
	syscall_args_of(args, argv);
	/* No caller sets both: on arm and riscv they share a register. */
	if (result)
		arch_reg_set(&regs, abi, ARCH_REG_RETURN, *result);
	if (ip_sp) {
		arch_reg_set(&regs, abi, ARCH_REG_IP, ip_sp->ip);
		arch_reg_set(&regs, abi, ARCH_REG_SP, ip_sp->sp);
	}
	return syscall_write(c, &regs, abi, nr, args ? argv : NULL);
}

int syscall_set_return(struct child *c, int abi, long value)
{
	return update_regs(c, abi, KEEP_NR, NULL, &value, NULL);
}

int syscall_set_arg(struct child *c, int abi, int n, long value)
{
	struct arch_regs regs;
	long args[6];

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
	regs_get_args(&regs, abi, args);
	args[n] = value;
	return syscall_write(c, &regs, abi, KEEP_NR, args);
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
