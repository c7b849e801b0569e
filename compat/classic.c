// SPDX-License-Identifier: GPL-2.0
/*
 * The classic backend: PTRACE_SYSCALL on every syscall, on any kernel, for
 * spawned and attached tracees alike. The kernel stops the tracee at each
 * syscall entry and exit; the event loop (libtracy-fast/event.c) reports
 * those the hook set wants and resumes the others at once. That is the
 * cost the kmask and seccomp backends remove.
 */
#include <sys/ptrace.h>

#include "backend.h"

extern const struct backend_ops classic_backend;

static int classic_resume(struct tracee *t, int sig)
{
	return ptrace(PTRACE_SYSCALL, t->pub->pid, 0, (void *)(long)sig) ?
	       -1 : 0;
}

/* It can take any tracee: the automatic choice ends with it. */
const struct backend_ops classic_backend = {
	.id = TRACY_BACKEND_CLASSIC,
	.name = "classic",
	.resume = classic_resume,
};
