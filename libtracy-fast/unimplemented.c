// SPDX-License-Identifier: GPL-2.0
/*
 * Tracy's API that is declared for source compatibility and not
 * implemented yet: each call says so and fails with ENOSYS.
 */
#include <errno.h>

#include "internal.h"

static int not_yet(struct tracy_child *c, const char *what)
{
	tracy_message(c ? child_of(c)->session : NULL,
		      "%s is not implemented yet", what);
	errno = ENOSYS;
	return -1;
}

int tracy_inject_syscall(struct tracy_child *child, long syscall_number,
			 struct tracy_sc_args *a, long *return_code)
{
	(void)syscall_number, (void)a, (void)return_code;
	return not_yet(child, "tracy_inject_syscall");
}

int tracy_inject_syscall_async(struct tracy_child *child, long syscall_number,
			       struct tracy_sc_args *a,
			       tracy_hook_func callback)
{
	(void)syscall_number, (void)a, (void)callback;
	return not_yet(child, "tracy_inject_syscall_async");
}

int tracy_mmap(struct tracy_child *child, tracy_child_addr_t *ret,
	       tracy_child_addr_t addr, size_t length, int prot, int flags,
	       int fd, off_t pgoffset)
{
	(void)ret, (void)addr, (void)length, (void)prot, (void)flags;
	(void)fd, (void)pgoffset;
	return not_yet(child, "tracy_mmap");
}

int tracy_munmap(struct tracy_child *child, long *ret,
		 tracy_child_addr_t addr, size_t length)
{
	(void)ret, (void)addr, (void)length;
	return not_yet(child, "tracy_munmap");
}

int tracy_safe_fork(struct tracy_child *c, pid_t *new_child)
{
	(void)new_child;
	return not_yet(c, "tracy_safe_fork");
}
