// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a syscall stop. PTRACE_GET_SYSCALL_INFO (Linux 5.3) says whether
 * it is an entry or an exit and the audit arch of the syscall, which is
 * the ABI even where a process mixes them. Without it (an older kernel,
 * or TRACY_SYSCALL_INFO=0 in the environment, for tests), the registers
 * say the ABI (arch_regs_abi()) and, where they can, whether it is an
 * entry or an exit (arch_regs_syscall_entry()); elsewhere entries and
 * exits alternate.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "internal.h"
#include "ptrace-compat.h"

/*
 * TRACY_SYSCALL_INFO=get keeps PTRACE_SET_SYSCALL_INFO (control.c) off,
 * as on kernels older than 6.16; 0 both requests, as before 5.3.
 */
void syscall_info_probe(struct session *s)
{
	const char *env = getenv("TRACY_SYSCALL_INFO");

	/* EIO from the first tracee switches it off; see stop_from_info(). */
	s->syscall_info = !(env && !strcmp(env, "0"));
	s->set_syscall_info = s->syscall_info && !(env && !strcmp(env, "get"));
}

static void stop_from_regs_args(struct syscall_stop *stop,
				const struct arch_regs *regs)
{
	regs_get_args(regs, stop->abi, stop->args);
}

/*
 * The registers, with the ABI from PTRACE_GET_SYSCALL_INFO if known (and
 * the entry or exit from it then too). A seccomp stop is an entry, whatever
 * the registers say: arm and arm64 mark only ptrace's own syscall stops
 * in a scratch register.
 */
static int stop_from_regs(struct child *c, struct syscall_stop *stop,
			  int known_abi, bool seccomp)
{
	struct arch_regs regs;
	int entry, abi;
	long nr;

	if (arch_get_regs(c->pub.pid, &regs))
		return -1;
	stop->abi = known_abi >= 0 ? known_abi : arch_regs_abi(c->pub.pid, &regs);
	if (known_abi < 0) {
		entry = seccomp ? 1 : arch_regs_syscall_entry(&regs, stop->abi);
		stop->entry = entry >= 0 ? entry : !c->tracee.in_syscall;
	}
	nr = arch_reg_get(&regs, stop->abi, ARCH_REG_NR);
	/* ABIs that share an audit arch (x86_64, x32): the number tells. */
	if (known_abi >= 0 && nr != -1) {
		abi = abi_from_audit_arch(abi_table(known_abi)->audit_arch, nr);
		if (abi >= 0 && abi != stop->abi) {
			stop->abi = abi;
			nr = arch_reg_get(&regs, stop->abi, ARCH_REG_NR);
		}
	}
	stop->nr = abi_table_nr(stop->abi, nr);
	stop->ip = arch_reg_get(&regs, stop->abi, ARCH_REG_IP);
	stop->sp = arch_reg_get(&regs, stop->abi, ARCH_REG_SP);
	stop->rval = arch_reg_get(&regs, stop->abi, ARCH_REG_RETURN);
	stop_from_regs_args(stop, &regs);
	/*
	 * An exit: its entry says what it is about, where the registers may
	 * not any more (arm64 forgets the number of an execve that worked).
	 */
	if (known_abi < 0 && !stop->entry && c->entry_known &&
	    c->entry.abi == stop->abi) {
		stop->nr = c->entry.nr;
		memcpy(stop->args, c->entry.args, sizeof(stop->args));
	}
	return 0;
}

/* 1: read; 0: the kernel has no PTRACE_GET_SYSCALL_INFO; -1: error. */
static int stop_from_info(struct child *c, struct syscall_stop *stop)
{
	struct tracy_syscall_info info;
	long size;
	int i;

	memset(&info, 0, sizeof(info));
	size = ptrace(PTRACE_GET_SYSCALL_INFO, c->pub.pid, (void *)sizeof(info),
		      &info);
	if (size < 0)
		return errno == EIO || errno == EINVAL ? 0 : -1;
	stop->ip = (long)info.instruction_pointer;
	stop->sp = (long)info.stack_pointer;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
	case PTRACE_SYSCALL_INFO_SECCOMP:
		stop->entry = true;
		stop->abi = abi_from_audit_arch(info.arch, (long)info.entry.nr);
		stop->nr = abi_table_nr(stop->abi, (long)info.entry.nr);
		for (i = 0; i < 6; i++)
			stop->args[i] = (long)info.entry.args[i];
		return 1;
	case PTRACE_SYSCALL_INFO_EXIT:
		stop->entry = false;
		stop->rval = (long)info.exit.rval;
		if (c->entry_known) {
			stop->abi = c->entry.abi;
			stop->nr = c->entry.nr;
			memcpy(stop->args, c->entry.args, sizeof(stop->args));
			return 1;
		}
		/* An exit whose entry we did not see: the initial execve. */
		if (stop_from_regs(c, stop, abi_from_audit_arch(info.arch, 0),
				   false))
			return -1;
		stop->rval = (long)info.exit.rval;
		return 1;
	default:
		return 0;
	}
}

int syscall_stop_read(struct child *c, struct syscall_stop *stop,
		      bool seccomp)
{
	struct session *s = c->tracee.session;
	int ret;

	memset(stop, 0, sizeof(*stop));
	if (s->syscall_info) {
		ret = stop_from_info(c, stop);
		if (ret)
			return ret < 0 ? -1 : 0;
		if (errno == EIO) {
			tracy_verbose(s, TRACY_VERBOSE, "no PTRACE_GET_SYSCALL_INFO: "
				      "the registers tell the ABI");
			s->syscall_info = false;
			s->set_syscall_info = false;
		}
	}
	return stop_from_regs(c, stop, -1, seccomp);
}
