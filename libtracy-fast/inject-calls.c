// SPDX-License-Identifier: GPL-2.0
/*
 * Syscalls the library makes a tracee run for the tracer, through
 * injection (inject.c): mmap and munmap in the tracee's address space,
 * and a fork whose child is traced from its first instruction.
 */
#include <errno.h>
#include <limits.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>

#include "internal.h"
#include "ptrace-compat.h"

/* mmap2 counts its offset in units of 4096 bytes, whatever the page size. */
#define MMAP2_UNIT	4096

/* Results from -4095 to -1 are errors; anything else is an address. */
#define MAX_ERRNO	4095

/* The number of syscall 'name' in the ABI of child's stop, or -1. */
static long abi_syscall(const struct tracy_child *child, const char *name)
{
	const struct tracy_syscall_table *table = abi_table(child->event.abi);

	return table ? tracy_syscall_number(table, name) : -1;
}

static int failed_in_tracee(struct tracy_child *child, const char *fn,
			    long result)
{
	tracy_message(child_of(child)->tracee.session, "%s: failed in tracee %d: %s",
		      fn, child->pid, strerror((int)-result));
	errno = (int)-result;
	return -1;
}

/*
 * An address of a 32-bit ABI comes sign-extended from its 32-bit
 * register; the tracee's pointers are not.
 */
static uintptr_t tracee_address(const struct tracy_child *child, long value)
{
	const struct tracy_syscall_table *table = abi_table(child->event.abi);

	if (!(table->audit_arch & __AUDIT_ARCH_64BIT))
		return (uint32_t)value;
	return (uintptr_t)value;
}

int tracy_mmap(struct tracy_child *child, tracy_child_addr_t *ret,
	       tracy_child_addr_t addr, size_t length, int prot, int flags,
	       int fd, off_t pgoffset)
{
	static const char fn[] = "tracy_mmap";
	long args[6] = { (long)(uintptr_t)addr, (long)length, prot, flags, fd,
			 (long)pgoffset };
	const char *name = "mmap2";
	long result;

	/* i386 and arm have mmap2, whose offset is in units; others mmap. */
	if (child && abi_syscall(child, name) < 0) {
		name = "mmap";
		if (pgoffset < 0 || pgoffset > LONG_MAX / MMAP2_UNIT) {
			tracy_message(child_of(child)->tracee.session,
				      "%s: offset %lld out of range", fn,
				      (long long)pgoffset);
			errno = EINVAL;
			return -1;
		}
		args[5] = (long)pgoffset * MMAP2_UNIT;
	}
	if (inject_by_name(child, fn, name, args, &result, NULL))
		return -1;
	if (result < 0 && result >= -MAX_ERRNO) {
		if (ret)
			*ret = (tracy_child_addr_t)result;
		return failed_in_tracee(child, fn, result);
	}
	if (ret)
		*ret = (tracy_child_addr_t)tracee_address(child, result);
	return 0;
}

int tracy_munmap(struct tracy_child *child, long *ret,
		 tracy_child_addr_t addr, size_t length)
{
	static const char fn[] = "tracy_munmap";
	long args[6] = { (long)(uintptr_t)addr, (long)length };
	long result;

	if (inject_by_name(child, fn, "munmap", args, &result, NULL))
		return -1;
	if (ret)
		*ret = result;
	return result < 0 ? failed_in_tracee(child, fn, result) : 0;
}

/*
 * clone(SIGCHLD) is fork on every ABI (arm64 has no fork), with the same
 * argument order for the flags and the rest 0. PTRACE_O_TRACEFORK for the
 * time of the injection makes the kernel attach the child to us before
 * it runs; inject_sync() gives it the tracee's registers.
 */
int tracy_safe_fork(struct tracy_child *child, pid_t *new_child)
{
	static const char fn[] = "tracy_safe_fork";
	long args[6] = { SIGCHLD }, result, opt;
	pid_t forked = 0;
	struct child *c;
	int ret;

	if (inject_check(child, fn, 0, NULL, false))
		return -1;
	c = child_of(child);
	opt = session_ptrace_options(c->tracee.session, c->ops, !child->attached);
	if (ptrace(PTRACE_SETOPTIONS, child->pid, 0,
		   (void *)(opt | PTRACE_O_TRACEFORK)))
		return -1;
	ret = inject_by_name(child, fn, "clone", args, &result, &forked);
	if (c->stopped && ptrace(PTRACE_SETOPTIONS, child->pid, 0, (void *)opt))
		ret = -1;
	if (ret)
		return -1;
	if (result < 0)
		return failed_in_tracee(child, fn, result);
	if (forked != (pid_t)result) {
		tracy_message(c->tracee.session, "%s: tracee %d forked %ld without a "
			      "fork event", fn, child->pid, result);
		errno = EPROTO;
		return -1;
	}
	if (new_child)
		*new_child = forked;
	return 0;
}
