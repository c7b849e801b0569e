// SPDX-License-Identifier: GPL-2.0
/*
 * The classic backend: PTRACE_SYSCALL on every syscall, on any kernel, for
 * spawned and attached tracees alike. The kernel stops the tracee at each
 * syscall entry and exit; the event loop (libtracy-fast/event.c) reports
 * those the hook set wants and resumes the others at once. That is the
 * cost the kmask and seccomp backends remove.
 */
#include <sys/ptrace.h>

#include "internal.h"

static int classic_resume(struct child *c, int sig)
{
	return ptrace(PTRACE_SYSCALL, c->pub.pid, 0, (void *)(long)sig) ? -1 : 0;
}

const struct backend_ops classic_backend = {
	.id = TRACY_BACKEND_CLASSIC,
	.resume = classic_resume,
};
