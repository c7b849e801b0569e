/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the example tracers share: running a command traced to its end,
 * hooking a syscall in every ABI a tracee may use, and errno names. Only
 * the public API of libtracy-fast (<tracy.h>) is used, here as in the
 * examples themselves.
 */
#ifndef EXAMPLES_COMMON_H
#define EXAMPLES_COMMON_H

#include <tracy.h>

/*
 * Exit statuses of a tool that runs a command, as env(1) and timeout(1)
 * have them: the tool itself failed, the command could not be executed,
 * the command was not found. Otherwise the tool exits with the command's
 * status, or 128 + the number of the signal that killed it.
 */
#define EXIT_TOOL_FAILED	125
#define EXIT_CANNOT_EXECUTE	126
#define EXIT_NOT_FOUND		127

/*
 * Runs argv traced by session t, with every tracee it creates (if t was
 * made with TRACY_TRACE_CHILDREN), until no tracee is left. gone(c), if
 * not NULL, is called when tracee c has ended, to free what the example
 * keeps in c->custom. Returns the exit status the tool should have (see
 * above).
 */
int example_run(struct tracy *t, char **argv,
		void (*gone)(struct tracy_child *c));

/*
 * Sets hook func (with TRACY_HOOK_* flags) on syscall 'name' in every ABI
 * that has a syscall of that name: a 64-bit tracer may trace 32-bit
 * programs, and their syscalls have numbers (and hooks) of their own.
 * Returns how many ABIs got the hook (0: no ABI has the name), or -1 with
 * errno set.
 */
int example_hook(struct tracy *t, const char *name, tracy_hook_func func,
		 unsigned int flags);

/* "ENOENT" for ENOENT; NULL for a number that names no errno. */
const char *example_errno_name(int err);

/*
 * The syscall result of e's exit stop: its errno (a positive number) if
 * it failed, or 0.
 */
int example_syscall_errno(const struct tracy_event *e);

#endif /* EXAMPLES_COMMON_H */
