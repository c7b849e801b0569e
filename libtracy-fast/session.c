// SPDX-License-Identifier: GPL-2.0
/* A tracing session: options, the backend, tearing down. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "internal.h"
#include "../compat/ptrace-compat.h"

static const char *const backend_names[] = {
	[TRACY_BACKEND_AUTO] = "auto",
	[TRACY_BACKEND_KMASK] = "kmask",
	[TRACY_BACKEND_SECCOMP] = "seccomp",
	[TRACY_BACKEND_CLASSIC] = "classic",
};

void tracy_message(const struct session *s, const char *fmt, ...)
{
	va_list ap;

	(void)s;
	fputs("tracy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void tracy_verbose(const struct session *s, long what, const char *fmt, ...)
{
	va_list ap;

	if (!(s->pub.opt & what))
		return;
	fputs("tracy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *tracy_backend_name(enum tracy_backend backend)
{
	if ((unsigned int)backend >= sizeof(backend_names) / sizeof(*backend_names))
		return NULL;
	return backend_names[backend];
}

/*
 * The backend a tracee starts on when session_backend() has not chosen
 * (a new child, before its parent's event says whose it is). Under AUTO
 * that is kmask, whose setup probes the kernel and hands the tracee to
 * classic when the kernel has no mask.
 */
static const struct backend_ops *backend_ops(enum tracy_backend backend)
{
	switch (backend) {
	case TRACY_BACKEND_AUTO:
	case TRACY_BACKEND_KMASK:
		return &kmask_backend;
	case TRACY_BACKEND_SECCOMP:
		return &seccomp_backend;
	case TRACY_BACKEND_CLASSIC:
		return &classic_backend;
	default:
		return NULL;
	}
}

/*
 * AUTO: kmask where the kernel has masks; else seccomp for a tracee we
 * start, if the kernel has seccomp filters and the session traces
 * children (seccomp_works_for()); else classic. An attached tracee goes
 * to kmask, whose setup probes on it; a spawned one needs the answer
 * before the fork, for the filter.
 */
const struct backend_ops *session_backend(struct session *s, bool spawned)
{
	switch (s->pub.backend) {
	case TRACY_BACKEND_AUTO:
		if (!spawned || kmask_present(s))
			return &kmask_backend;
		if (seccomp_works_for(s, spawned))
			return &seccomp_backend;
		return &classic_backend;
	case TRACY_BACKEND_SECCOMP:
		return seccomp_check(s, spawned) ? NULL : &seccomp_backend;
	default:
		return s->ops;
	}
}

int tracy_set_backend(struct tracy *t, enum tracy_backend backend)
{
	struct session *s = session_of(t);
	const struct backend_ops *ops = backend_ops(backend);

	if (!tracy_backend_name(backend)) {
		errno = EINVAL;
		return -1;
	}
	if (!ops) {
		tracy_message(s, "the %s backend is not implemented yet",
			      tracy_backend_name(backend));
		errno = ENOSYS;
		return -1;
	}
	/* Known by a tracee probed already (kmask.c); else at the next one. */
	if (backend == TRACY_BACKEND_KMASK && s->kmask_state == KMASK_ABSENT) {
		tracy_message(s, "the kmask backend needs a kernel with "
			      "PTRACE_SETSYSCALLMASK; this one has none");
		errno = ENOSYS;
		return -1;
	}
	/* Its tracees are spawned: what it needs besides can be said now. */
	if (backend == TRACY_BACKEND_SECCOMP && seccomp_check(s, true))
		return -1;
	t->backend = backend;
	s->ops = ops;
	if (backend == TRACY_BACKEND_AUTO)
		tracy_verbose(s, TRACY_VERBOSE, "backend auto: new tracees run "
			      "on kmask if the kernel has syscall stop masks; "
			      "if not, those we start on seccomp (with "
			      "TRACY_TRACE_CHILDREN), the others on classic");
	else
		tracy_verbose(s, TRACY_VERBOSE, "backend %s: new tracees run "
			      "on %s", tracy_backend_name(backend),
			      tracy_backend_name(ops->id));
	return 0;
}

static int backend_from_env(struct session *s)
{
	const char *name = getenv("TRACY_BACKEND");
	unsigned int i;

	if (!name || !*name)
		return tracy_set_backend(&s->pub, TRACY_BACKEND_AUTO);
	for (i = 0; i < sizeof(backend_names) / sizeof(*backend_names); i++)
		if (!strcmp(name, backend_names[i]))
			return tracy_set_backend(&s->pub, i);
	tracy_message(s, "TRACY_BACKEND=%s: use auto, kmask, seccomp or classic",
		      name);
	errno = EINVAL;
	return -1;
}

struct tracy *tracy_init(long opt)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->pub.opt = opt;
	s->none_event.type = TRACY_EVENT_NONE;
	/* The kernel's auto-attach gives what safe tracing was for. */
	if (opt & TRACY_USE_SAFE_TRACE)
		s->pub.opt |= TRACY_TRACE_CHILDREN;
	if (backend_from_env(s)) {
		free(s);
		return NULL;
	}
	memory_init(s);
	syscall_info_probe(s);
	return &s->pub;
}

long session_ptrace_options(const struct session *s,
			    const struct backend_ops *ops, bool spawned)
{
	long opt = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		   ops->ptrace_options;

	if (s->pub.opt & TRACY_TRACE_CHILDREN)
		opt |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		       PTRACE_O_TRACECLONE;
	/* What we started must not outlive us; what we attached to must. */
	if (spawned)
		opt |= PTRACE_O_EXITKILL;
	return opt;
}

int tracy_children_count(struct tracy *t)
{
	return session_of(t)->nlive;
}

unsigned long tracy_syscall_stops(struct tracy *t)
{
	return session_of(t)->syscall_stops;
}

/*
 * Tracees we attached to are detached, the others killed; the killed ones
 * are waited for, so that none is left a zombie of ours.
 */
void session_release_children(struct session *s)
{
	struct child *c, *next;
	int status;
	pid_t pid;

	for (c = s->children; c; c = next) {
		next = c->next;
		if (c->pub.attached) {
			child_detach(c);
			child_forget(c, false);
		} else if (!c->dying) {
			kill(c->pub.pid, SIGKILL);
			c->dying = true;
			s->nlive--;
		}
	}
	while (s->children) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0)
			break;
		c = child_find(s, pid);
		if (c && (WIFEXITED(status) || WIFSIGNALED(status)))
			child_forget(c, false);
		else if (c)
			ptrace(PTRACE_CONT, pid, 0, 0);
	}
	while (s->children)
		child_forget(s->children, false);
}

void tracy_free(struct tracy *t)
{
	struct session *s;

	if (!t)
		return;
	s = session_of(t);
	session_release_children(s);
	children_free_reaped(s);
	hooks_free(s);
	detached_free(s);
	kmask_session_free(s);
	seccomp_session_free(s);
	free(s);
}

void tracy_quit(struct tracy *t, int exitcode)
{
	tracy_free(t);
	exit(exitcode);
}
