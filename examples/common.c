// SPDX-License-Identifier: GPL-2.0
/* What the example tracers share: see common.h. */
#define _GNU_SOURCE	/* strerrorname_np */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "common.h"

/* The largest errno the kernel returns as a syscall result. */
#define MAX_ERRNO	4095

/* What a shell would say of the first tracee's end. */
static int command_status(const struct tracy_event *quit)
{
	int status = (int)quit->args.return_code;

	/* A hook killed it (or let it go): there is no wait status. */
	if (status == -1)
		return quit->signal_num ? 128 + (int)quit->signal_num : 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static int exec_failure_status(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return EXIT_NOT_FOUND;
	case EACCES:
	case ENOEXEC:
	case EISDIR:
	case ETXTBSY:
		return EXIT_CANNOT_EXECUTE;
	default:
		return EXIT_TOOL_FAILED;
	}
}

int example_run(struct tracy *t, char **argv,
		void (*gone)(struct tracy_child *c))
{
	struct tracy_child *first = tracy_exec(t, argv);
	struct tracy_event *e;
	int status = EXIT_TOOL_FAILED;
	pid_t pid;

	/* tracy_exec() has said why on stderr. */
	if (!first)
		return exec_failure_status(errno);
	pid = first->pid;
	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e) {
			perror("tracing failed");
			return EXIT_TOOL_FAILED;
		}
		if (e->type == TRACY_EVENT_NONE)
			return status;
		if (e->type == TRACY_EVENT_QUIT) {
			if (e->child->pid == pid)
				status = command_status(e);
			if (gone)
				gone(e->child);
			continue;
		}
		/* A tracee that died under us reports its end next. */
		if (tracy_continue(e, 0) && errno != ESRCH) {
			perror("tracing failed");
			return EXIT_TOOL_FAILED;
		}
	}
}

int example_hook(struct tracy *t, const char *name, tracy_hook_func func,
		 unsigned int flags)
{
	int abi, hooked = 0;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		/* Asked first: tracy_set_hook() complains of unknown names. */
		if (get_syscall_number_abi(name, abi) < 0)
			continue;
		if (tracy_set_hook_flags(t, name, abi, func, flags))
			return -1;
		hooked++;
	}
	return hooked;
}

const char *example_errno_name(int err)
{
	return err > 0 ? strerrorname_np(err) : NULL;
}

int example_syscall_errno(const struct tracy_event *e)
{
	long ret = e->args.return_code;

	return ret < 0 && ret >= -MAX_ERRNO ? (int)-ret : 0;
}
