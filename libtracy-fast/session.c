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
#include "ptrace-compat.h"

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

int tracy_set_backend(struct tracy *t, enum tracy_backend backend)
{
	struct session *s = session_of(t);
	const struct backend_ops *ops = backend_by_id(backend);
	const char *why;

	if (backend == TRACY_BACKEND_AUTO) {
		t->backend = backend;
		s->backend_from_env = false;
		tracy_verbose(s, TRACY_VERBOSE, "backend auto: each new tracee "
			      "runs on the fastest backend that can take it");
		return 0;
	}
	if (!ops) {
		errno = EINVAL;
		return -1;
	}
	/* What the backend needs of every tracee it takes can be said now. */
	why = backend_unusable(ops, s, true, -1);
	if (why) {
		tracy_message(s, "the %s backend %s", ops->name, why);
		return -1;
	}
	t->backend = backend;
	s->ops = ops;
	s->backend_from_env = false;
	tracy_verbose(s, TRACY_VERBOSE, "backend %s: new tracees run on it",
		      ops->name);
	return 0;
}

/*
 * TRACY_BACKEND forces a backend as tracy_set_backend() does, but never at
 * the cost of the program: a value that is no backend, or a backend that
 * cannot work here (known now, or for a tracee later: backend_choose()),
 * is said once on stderr, and the automatic choice is made instead.
 */
static void backend_from_env(struct session *s)
{
	const char *name = getenv("TRACY_BACKEND");
	const struct backend_ops *ops;
	const char *why;
	char names[128];
	int id;

	if (!name || !*name)
		return;
	id = backend_by_name(name);
	if (id < 0) {
		backend_names(names, sizeof(names));
		tracy_message(s, "TRACY_BACKEND=%s is no backend (%s): the "
			      "automatic choice instead", name, names);
		return;
	}
	if (id == TRACY_BACKEND_AUTO)
		return;
	ops = backend_by_id(id);
	s->pub.backend = ops->id;
	s->ops = ops;
	s->backend_from_env = true;
	why = backend_unusable(ops, s, true, -1);
	if (why)
		backend_env_refused(s, why);
	else
		tracy_verbose(s, TRACY_VERBOSE, "TRACY_BACKEND=%s: new tracees "
			      "run on it", name);
}

struct tracy *tracy_init(long opt)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->pub.opt = opt;
	s->none_event.type = TRACY_EVENT_NONE;
	s->ops = backend_default();
	s->creds.uid = (uid_t)-1;
	s->creds.gid = (gid_t)-1;
	/* The kernel's auto-attach gives what safe tracing was for. */
	if (opt & TRACY_USE_SAFE_TRACE)
		s->pub.opt |= TRACY_TRACE_CHILDREN;
	if (hookset_update(s)) {
		free(s);
		return NULL;
	}
	backend_from_env(s);
	memory_init(s);
	syscall_info_probe(s);
	return &s->pub;
}

long session_ptrace_options(const struct session *s,
			    const struct backend_ops *ops, bool spawned)
{
	long opt = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		   (ops ? ops->ptrace_options : 0);

	if (s->pub.opt & TRACY_TRACE_CHILDREN)
		opt |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		       PTRACE_O_TRACECLONE;
	/* What we started must not outlive us; what we attached to must. */
	if (spawned)
		opt |= PTRACE_O_EXITKILL;
	return opt;
}

struct hookset *session_hookset(const struct session *s)
{
	return s->hookset;
}

long session_options(const struct session *s)
{
	return s->pub.opt;
}

int *session_backend_state(struct session *s, const struct backend_ops *ops)
{
	return &s->backend_state[ops->id];
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
 * Tracees we attached to are detached, the others killed, but for the
 * released ones, which the user let go already (release.c); the killed
 * ones are waited for, so that none is left a zombie of ours.
 */
void session_release_children(struct session *s)
{
	struct child *c, *next;

	for (c = s->children; c; c = next) {
		next = c->next;
		if (c->released)
			continue;
		if (c->pub.attached) {
			child_detach(c);
			child_forget(c, false);
		} else if (!c->dying) {
			kill(c->pub.pid, SIGKILL);
			c->dying = true;
			s->nlive--;
		}
	}
	children_wait_gone(s, false);
	for (c = s->children; c; c = next) {
		next = c->next;
		if (!c->released)
			child_forget(c, false);
	}
}

/* The released tracees run on to their end, still served. */
void tracy_free(struct tracy *t)
{
	struct session *s;

	if (!t)
		return;
	s = session_of(t);
	session_release_children(s);
	children_wait_gone(s, true);
	while (s->children)
		child_forget(s->children, false);
	children_free_reaped(s);
	hooks_free(s);
	detached_free(s);
	hookset_put(s->hookset);
	free(s->creds.groups);
	free(s);
}

void tracy_quit(struct tracy *t, int exitcode)
{
	tracy_free(t);
	exit(exitcode);
}
