// SPDX-License-Identifier: GPL-2.0
/*
 * The backends, and which one a tracee gets: one table, one policy.
 *
 * A backend forced by tracy_set_backend() is the one every new tracee
 * gets, or an error says why it cannot be. One forced by TRACY_BACKEND
 * is, until it cannot be: that is said once, and the session goes on
 * under auto, for the environment must never break a program. Under
 * auto, a new
 * tracee gets the first backend of the table that can take it: kmask
 * where the kernel has syscall stop masks, then seccomp for a tracee
 * tracy_exec() starts in a session that traces children, then classic,
 * which always can. A tracee auto-attached through fork, vfork or clone
 * gets its parent's, as it gets its parent's mask or filter from the
 * kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

extern const struct backend_ops kmask_backend;		/* kmask.c */
extern const struct backend_ops seccomp_backend;	/* compat/seccomp.c */
extern const struct backend_ops classic_backend;	/* compat/classic.c */

/* In the order auto tries them: the fastest first, one that always works last. */
static const struct backend_ops *const backends[] = {
	&kmask_backend,
	&seccomp_backend,
	&classic_backend,
};

#define NBACKENDS	(sizeof(backends) / sizeof(*backends))

const struct backend_ops *backend_by_id(int id)
{
	unsigned int i;

	for (i = 0; i < NBACKENDS; i++)
		if ((int)backends[i]->id == id)
			return backends[i];
	return NULL;
}

const struct backend_ops *backend_default(void)
{
	return backends[NBACKENDS - 1];
}

const char *tracy_backend_name(enum tracy_backend backend)
{
	const struct backend_ops *ops = backend_by_id(backend);

	if (backend == TRACY_BACKEND_AUTO)
		return "auto";
	return ops ? ops->name : NULL;
}

int backend_by_name(const char *name)
{
	unsigned int i;

	if (!strcmp(name, "auto"))
		return TRACY_BACKEND_AUTO;
	for (i = 0; i < NBACKENDS; i++)
		if (!strcmp(name, backends[i]->name))
			return backends[i]->id;
	return -1;
}

void backend_names(char *buf, size_t size)
{
	unsigned int i;

	snprintf(buf, size, "auto");
	for (i = 0; i < NBACKENDS; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s %s",
			 i + 1 < NBACKENDS ? "," : " or", backends[i]->name);
}

const char *backend_unusable(const struct backend_ops *ops, struct session *s,
			     bool spawned, pid_t pid)
{
	return ops->unusable ? ops->unusable(s, spawned, pid) : NULL;
}

void backend_env_refused(struct session *s, const char *why)
{
	tracy_message(s, "TRACY_BACKEND=%s: the %s backend %s; the automatic "
		      "choice instead", tracy_backend_name(s->pub.backend),
		      tracy_backend_name(s->pub.backend), why);
	s->pub.backend = TRACY_BACKEND_AUTO;
	s->backend_from_env = false;
}

const struct backend_ops *backend_choose(struct session *s, bool spawned,
					 pid_t pid)
{
	const struct backend_ops *ops;
	const char *why;
	unsigned int i;

	if (s->pub.backend != TRACY_BACKEND_AUTO) {
		ops = backend_by_id(s->pub.backend);
		why = backend_unusable(ops, s, spawned, pid);
		if (!why)
			return s->ops = ops;
		if (!s->backend_from_env) {
			tracy_message(s, "the %s backend %s", ops->name, why);
			return NULL;
		}
		backend_env_refused(s, why);
	}
	for (i = 0; i < NBACKENDS; i++) {
		why = backend_unusable(backends[i], s, spawned, pid);
		if (!why)
			return s->ops = backends[i];
		tracy_verbose(s, TRACY_VERBOSE, "auto: not the %s backend, which "
			      "%s", backends[i]->name, why);
	}
	errno = ENOSYS;
	return NULL;
}
