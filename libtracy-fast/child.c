// SPDX-License-Identifier: GPL-2.0
/* Tracees: starting, attaching, adding, killing, detaching, forgetting. */
#define _GNU_SOURCE	/* pipe2, strchrnul */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace-compat.h"

struct child *child_find(struct session *s, pid_t pid)
{
	struct child *c;

	for (c = s->children; c; c = c->next)
		if (c->pub.pid == pid)
			return c;
	return NULL;
}

/* A new tracee of the session, not announced to the user yet. */
struct child *child_alloc(struct session *s, pid_t pid, bool attached,
			  const struct backend_ops *ops)
{
	struct child *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->pub.pid = pid;
	c->pub.attached = attached;
	c->pub.denied_nr = -1;
	c->pub.tracy = &s->pub;
	c->pub.backend = ops->id;
	c->pub.event.child = &c->pub;
	c->tracee.pub = &c->pub;
	c->tracee.session = s;
	c->ops = ops;
	c->mem_fd = -1;
	c->next = s->children;
	s->children = c;
	s->nlive++;
	return c;
}

/*
 * child_create runs once per tracee, when what the tracee struct says is
 * settled (for a child whose first stop came before its parent's fork
 * event: at that event) and before any hook or event of it.
 */
void child_announce(struct child *c)
{
	struct session *s = c->tracee.session;

	if (c->announced)
		return;
	c->announced = true;
	if (!s->pub.fpid)
		s->pub.fpid = c->pub.pid;
	tracy_verbose(s, TRACY_VERBOSE, "tracee %d added (%s backend)",
		      c->pub.pid, tracy_backend_name(c->ops->id));
	if (s->pub.se.child_create)
		s->pub.se.child_create(&c->pub);
}

struct child *child_new(struct session *s, pid_t pid, bool attached,
			const struct backend_ops *ops)
{
	struct child *c = child_alloc(s, pid, attached, ops);

	if (c)
		child_announce(c);
	return c;
}

struct child *child_adopt(struct child *parent, pid_t pid)
{
	struct session *s = parent->tracee.session;
	struct child *c = child_find(s, pid);

	/*
	 * It may have stopped, and been added, before its parent's event.
	 * The user never hears of a child of a released tracee.
	 */
	if (!c) {
		c = child_alloc(s, pid, parent->pub.attached, parent->ops);
		if (!c)
			return NULL;
		if (!parent->released)
			child_announce(c);
		c->first_stop_due = true;
	}
	c->pub.attached = parent->pub.attached;
	c->seized = parent->seized;
	/*
	 * Its first stop may have come first, on the session's backend; the
	 * kernel gave it its parent's mask or filter.
	 */
	c->ops = parent->ops;
	c->pub.backend = parent->pub.backend;
	c->tracee.classic = parent->tracee.classic;
	if (!c->tracee.hooks)
		c->tracee.hooks = hookset_get(parent->tracee.hooks);
	/* It has its parent's filter, and needs a tracer as much. */
	if (parent->released && !c->released) {
		c->released = true;
		c->exitkill_due = true;
		s->nlive--;
	}
	/* Added at its own first stop: its fields are settled only now. */
	if (!c->released)
		child_announce(c);
	return c;
}

void child_free(struct child *c)
{
	if (c->mem_fd >= 0)
		close(c->mem_fd);
	hookset_put(c->tracee.hooks);
	inject_child_free(c);
	free(c);
}

void children_free_reaped(struct session *s)
{
	struct child *c;

	while ((c = s->reaped)) {
		s->reaped = c->next;
		child_free(c);
	}
}

void child_forget(struct child *c, bool keep_for_event)
{
	struct session *s = c->tracee.session;
	struct child **link;

	if (c->gone)
		return;
	for (link = &s->children; *link; link = &(*link)->next)
		if (*link == c) {
			*link = c->next;
			break;
		}
	if (!c->dying && !c->released)
		s->nlive--;
	c->gone = true;
	c->stopped = false;
	if (!keep_for_event) {
		child_free(c);
		return;
	}
	c->next = s->reaped;
	s->reaped = c;
}

int child_resume(struct child *c, int sig)
{
	c->stopped = false;
	if (inject_pending(c))
		return inject_resume(c, sig);
	return c->ops->resume(&c->tracee, sig);
}

int child_setup(struct child *c)
{
	return c->ops->setup ? c->ops->setup(&c->tracee) : 0;
}

bool child_exit_stop_due(const struct child *c,
			 const struct syscall_stop *entry)
{
	return !c->ops->exit_stop_due ||
	       c->ops->exit_stop_due(&c->tracee, entry->abi, entry->nr);
}

void child_exec_takeover(struct child *c, struct child *old)
{
	struct hookset *hooks = c->tracee.hooks;

	c->tracee.hooks = old->tracee.hooks;
	old->tracee.hooks = hooks;
	c->tracee.in_syscall = old->tracee.in_syscall;
	c->tracee.classic = old->tracee.classic;
	c->pub.backend = old->pub.backend;
}

int child_detach(struct child *c)
{
	pid_t pid = c->pub.pid;
	int status, sig = 0;

	inject_cancel(c);
	if (!c->stopped) {
		if (!c->seized) {
			/* Only a seized tracee can be stopped without a signal. */
			kill(pid, SIGSTOP);
		} else if (ptrace(PTRACE_INTERRUPT, pid, 0, 0)) {
			return -1;
		}
		if (waitpid(pid, &status, __WALL) != pid)
			return -1;
		if (!WIFSTOPPED(status)) {
			errno = ESRCH;
			return -1;
		}
		/* A signal-delivery-stop: do not lose the signal. */
		if (!(status >> 16) && WSTOPSIG(status) != (SIGTRAP | 0x80) &&
		    !(!c->seized && WSTOPSIG(status) == SIGSTOP))
			sig = WSTOPSIG(status);
	}
	return ptrace(PTRACE_DETACH, pid, 0, (void *)(long)sig) ? -1 : 0;
}

/*
 * execvp() without its fallback of running a file it cannot execute
 * (ENOEXEC) as a shell script: a tracer asked to trace a binary of an ABI
 * the kernel lacks must say so, not trace /bin/sh. Returns the errno.
 */
static int exec_search(char **argv, const char *path)
{
	size_t name_len = strlen(argv[0]), len;
	const char *dir, *end;
	char file[4096];
	int err = ENOENT;

	if (strchr(argv[0], '/')) {
		execv(argv[0], argv);
		return errno;
	}
	for (dir = path; dir; dir = *end ? end + 1 : NULL) {
		end = strchrnul(dir, ':');
		len = end - dir;
		if (len + 1 + name_len + 1 > sizeof(file))
			continue;
		/* Only what is async-signal-safe after fork(): no snprintf. */
		memcpy(file, dir, len);
		if (len)
			file[len++] = '/';
		memcpy(file + len, argv[0], name_len + 1);
		execv(file, argv);
		/* As execvp(): a file that is there but not executable wins. */
		if (errno != ENOENT && errno != ENOTDIR)
			err = errno;
	}
	return err;
}

int tracy_set_exec_credentials(struct tracy *t, uid_t uid, gid_t gid,
			       size_t ngroups, const gid_t *groups)
{
	struct exec_credentials *cr = &session_of(t)->creds;
	gid_t *copy = NULL;

	if (groups) {
		if (ngroups > NGROUPS_MAX) {
			errno = EINVAL;
			return -1;
		}
		copy = malloc(ngroups ? ngroups * sizeof(*copy) : 1);
		if (!copy)
			return -1;
		memcpy(copy, groups, ngroups * sizeof(*copy));
	}
	free(cr->groups);
	cr->uid = uid;
	cr->gid = gid;
	cr->groups = copy;
	cr->ngroups = groups ? ngroups : 0;
	return 0;
}

/* In the forked child: the credentials asked for. 0, or the errno. */
static int set_credentials(const struct exec_credentials *cr)
{
	if (cr->groups && setgroups(cr->ngroups, cr->groups))
		return errno;
	if (setresgid(cr->gid, cr->gid, cr->gid) ||
	    setresuid(cr->uid, cr->uid, cr->uid))
		return errno;
	return 0;
}

/*
 * The forked child: be traced, stop for the tracer, then execute, as
 * the user of the credentials asked for (after the backend's set-up,
 * which may need the tracer's privileges).
 */
static void __attribute__((noreturn))
exec_child(const struct backend_ops *ops, const void *compiled,
	   const struct exec_credentials *cr, char **argv, const char *path,
	   int report_fd)
{
	int err = 0;

	if (ptrace(PTRACE_TRACEME, 0, 0, 0) || raise(SIGSTOP))
		err = errno;
	if (!err && ops->prepare_exec)
		err = -ops->prepare_exec(compiled);
	if (!err)
		err = set_credentials(cr);
	if (!err)
		err = exec_search(argv, path);
	if (write(report_fd, &err, sizeof(err)) != sizeof(err))
		_exit(126);
	_exit(127);
}

/*
 * Runs the stopped child up to its exec (a PTRACE_EVENT_EXEC stop), or
 * learns from report_fd why it could not execute. 0, or -1 with errno.
 */
static int run_to_exec(pid_t pid, int report_fd)
{
	int status, sig = 0, err;

	for (;;) {
		if (ptrace(PTRACE_CONT, pid, 0, (void *)(long)sig))
			return -1;
		if (waitpid(pid, &status, __WALL) != pid)
			return -1;
		if (WIFSTOPPED(status) && status >> 8 ==
		    (SIGTRAP | (PTRACE_EVENT_EXEC << 8)))
			return 0;
		if (!WIFSTOPPED(status))
			break;
		/* A ptrace event (seccomp's, at execve) is no signal. */
		sig = status >> 16 ? 0 : WSTOPSIG(status);
	}
	if (read(report_fd, &err, sizeof(err)) != sizeof(err))
		err = ECHILD;
	errno = err;
	return -1;
}

struct tracy_child *tracy_exec(struct tracy *t, char **argv)
{
	const char *path = getenv("PATH") ? getenv("PATH") : "/bin:/usr/bin";
	struct session *s = session_of(t);
	struct hookset *hooks = s->hookset;
	const struct backend_ops *ops;
	int fds[2], status, err;
	void *compiled = NULL;
	struct child *c;
	pid_t pid;

	if (!argv || !argv[0] || !argv[0][0]) {
		errno = EINVAL;
		return NULL;
	}
	ops = backend_choose(s, true, 0);
	if (!ops)
		return NULL;
	/* What the child installs is made here, where malloc is safe. */
	if (ops->prepare_exec && ops->compile &&
	    !(compiled = hookset_compiled(hooks, ops)))
		return NULL;
	if (pipe2(fds, O_CLOEXEC))
		return NULL;
	pid = fork();
	if (pid < 0) {
		err = errno;
		goto out_close;
	}
	if (!pid) {
		close(fds[0]);
		exec_child(ops, compiled, &s->creds, argv, path, fds[1]);
	}
	close(fds[1]);
	fds[1] = -1;
	if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, pid, 0,
		   (void *)session_ptrace_options(s, ops, true)) ||
	    run_to_exec(pid, fds[0])) {
		err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		tracy_message(s, "cannot execute %s: %s", argv[0],
			      strerror(err));
		goto out_close;
	}
	close(fds[0]);
	c = child_new(s, pid, false, ops);
	if (!c) {
		err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		errno = err;
		return NULL;
	}
	c->spawned = true;
	if (ops->prepare_exec)
		c->tracee.hooks = hookset_get(hooks);
	/* Stopped inside execve: the next syscall stop is its exit. */
	c->tracee.in_syscall = true;
	c->stopped = true;
	if (child_setup(c) || child_resume(c, 0)) {
		err = errno;
		tracy_kill_child(&c->pub);
		errno = err;
		return NULL;
	}
	return &c->pub;

out_close:
	close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	errno = err;
	return NULL;
}

/*
 * Waits for the first stop of a tracee just seized and interrupted: 1, or
 * 0 if it ended first (its end, only looked at, stays to be collected by
 * the event loop), or -1 with errno.
 */
static int wait_seized(pid_t pid, int *sig)
{
	siginfo_t info;
	int status;

	memset(&info, 0, sizeof(info));
	if (waitid(P_PID, pid, &info, WEXITED | WSTOPPED | WNOWAIT | __WALL))
		return -1;
	if (info.si_code == CLD_EXITED || info.si_code == CLD_KILLED ||
	    info.si_code == CLD_DUMPED)
		return 0;
	if (waitpid(pid, &status, __WALL) != pid)
		return -1;
	if (!WIFSTOPPED(status)) {
		errno = ESRCH;
		return -1;
	}
	/* A signal that beat the interrupt: deliver it on resuming. */
	*sig = status >> 16 ? 0 : WSTOPSIG(status);
	if (*sig == (SIGTRAP | 0x80))
		*sig = 0;
	return 1;
}

/*
 * A process that ended between its seize and its first stop (it was
 * exiting already) is a tracee all the same, as strace has it: its end
 * is its first event. It never runs again: the backend that always
 * works is its.
 */
static struct tracy_child *attached_ended(struct session *s, pid_t pid)
{
	struct child *c = child_new(s, pid, true, backend_default());
	int status, err;

	if (!c) {
		err = errno;
		waitpid(pid, &status, __WALL);
		errno = err;
		return NULL;
	}
	c->seized = true;
	return &c->pub;
}

struct tracy_child *tracy_attach(struct tracy *t, pid_t pid)
{
	struct session *s = session_of(t);
	const struct backend_ops *ops;
	int sig = 0, stopped, err;
	struct child *c;

	/* A forced backend that cannot attach says so before any ptrace. */
	if (t->backend != TRACY_BACKEND_AUTO && !backend_choose(s, false, -1))
		return NULL;
	if (ptrace(PTRACE_SEIZE, pid, 0,
		   (void *)session_ptrace_options(s, NULL, false))) {
		err = errno;
		tracy_message(s, "cannot attach to %d: %s", pid, strerror(err));
		errno = err;
		return NULL;
	}
	/* ESRCH: it is ending; its end is what the wait gets. */
	if ((ptrace(PTRACE_INTERRUPT, pid, 0, 0) && errno != ESRCH) ||
	    (stopped = wait_seized(pid, &sig)) < 0)
		goto detach;
	if (!stopped)
		return attached_ended(s, pid);
	/* The kernel is probed, if need be, on the tracee stopped. */
	if (!(ops = backend_choose(s, false, pid)) ||
	    (ops->ptrace_options && ptrace(PTRACE_SETOPTIONS, pid, 0,
			(void *)session_ptrace_options(s, ops, false))))
		goto detach;
	c = child_new(s, pid, true, ops);
	if (!c)
		goto detach;
	c->seized = true;
	c->stopped = true;
	if (child_setup(c) || child_resume(c, sig)) {
		err = errno;
		tracy_detach_child(&c->pub);
		errno = err;
		return NULL;
	}
	return &c->pub;

detach:
	err = errno;
	ptrace(PTRACE_DETACH, pid, 0, (void *)(long)sig);
	errno = err;
	return NULL;
}

struct tracy_child *tracy_add_child(struct tracy *t, int pid)
{
	struct session *s = session_of(t);
	struct child *c = child_find(s, pid);

	if (!c)
		c = child_new(s, pid, false, s->ops);
	return c ? &c->pub : NULL;
}

int tracy_kill_child(struct tracy_child *tc)
{
	struct child *c = child_of(tc);

	/* A released tracee is the user's no more. */
	if (c->gone || c->dying || c->released)
		return 0;
	if (kill(tc->pid, SIGKILL) && errno != ESRCH)
		return -1;
	/* Its end is reaped by the event loop, without an event. */
	c->dying = true;
	c->stopped = false;
	c->tracee.session->nlive--;
	return 0;
}

int tracy_detach_child(struct tracy_child *tc)
{
	struct child *c = child_of(tc);
	int ret;

	if (c->gone || c->dying || c->released) {
		errno = ESRCH;
		return -1;
	}
	if (c->ops->needs_tracer && c->ops->needs_tracer(&c->tracee))
		return child_release(c, tc->event.type == TRACY_EVENT_SIGNAL &&
				     c->stopped ? (int)tc->event.signal_num : 0);
	ret = child_detach(c);
	if (!ret && c->spawned)
		detached_add(c->tracee.session, tc->pid);
	child_forget(c, true);
	return ret;
}

int tracy_remove_child(struct tracy_child *tc)
{
	child_forget(child_of(tc), true);
	return 0;
}
