// SPDX-License-Identifier: GPL-2.0
/*
 * Tracees tracy_exec() started and the session let go of (a hook's
 * TRACY_HOOK_DETACH_CHILD, tracy_detach_child()) run on as our own
 * children. Tracy's event loop went on waiting for them before it said
 * that no tracee was left; so does this one, which also keeps them from
 * staying zombies of the tracer.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "internal.h"

void detached_add(struct session *s, pid_t pid)
{
	pid_t *more = realloc(s->detached, (s->ndetached + 1) * sizeof(pid));

	/* Out of memory: it is not waited for, and nothing else is lost. */
	if (!more)
		return;
	s->detached = more;
	s->detached[s->ndetached++] = pid;
}

void detached_reaped(struct session *s, pid_t pid)
{
	int i;

	for (i = 0; i < s->ndetached; i++)
		if (s->detached[i] == pid) {
			s->detached[i] = s->detached[--s->ndetached];
			return;
		}
}

int detached_wait(struct session *s, pid_t pid)
{
	int status;

	if (pid != -1)
		return 0;
	while (s->ndetached) {
		pid = s->detached[s->ndetached - 1];
		if (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			return -1;
		/* Ended, or reaped by someone else (ECHILD): gone either way. */
		detached_reaped(s, pid);
	}
	return 0;
}

void detached_free(struct session *s)
{
	free(s->detached);
	s->detached = NULL;
	s->ndetached = 0;
}
