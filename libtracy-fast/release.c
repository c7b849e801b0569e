// SPDX-License-Identifier: GPL-2.0
/*
 * Tracees let go that still need us. A tracee under a seccomp filter that
 * traces syscalls cannot be detached: without a tracer each syscall the
 * filter traces fails with ENOSYS, and the filter cannot be removed. So
 * when the user detaches one (tracy_detach_child(), TRACY_HOOK_DETACH_CHILD)
 * it is released instead: gone for the user (no event, not counted),
 * still traced by us, and its stops are answered out of sight, each as
 * if no tracer were there: the filter's stops let the syscall run, a
 * signal is delivered, a group-stop stays stopped, a child it makes is
 * released too (it has the filter). tracy_wait_event() and tracy_main()
 * serve it until it ends, and tracy_free() waits for it to end, serving
 * it, rather than kill it.
 *
 * It loses PTRACE_O_EXITKILL, so that a tracer that ends without
 * tracy_free() (killed, or exit() without it) does not take it along:
 * the kernel then detaches it, and it runs on, but each syscall its
 * filter traces fails with ENOSYS from then on.
 */
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "internal.h"
#include "ptrace-compat.h"

/* The options of a released tracee: the session's, but EXITKILL. */
static int drop_exitkill(struct child *c)
{
	long opt = session_ptrace_options(c->tracee.session, c->ops, false);

	return ptrace(PTRACE_SETOPTIONS, c->pub.pid, 0, (void *)opt) ? -1 : 0;
}

int child_release(struct child *c, int sig)
{
	struct session *s = c->tracee.session;

	inject_cancel(c);
	c->released = true;
	s->nlive--;
	tracy_verbose(s, TRACY_VERBOSE, "tracee %d let go, but on the %s "
		      "backend it still needs a tracer: the library stays one, "
		      "out of sight", c->pub.pid, c->ops->name);
	if (!c->stopped) {
		c->exitkill_due = true;	/* set at its next stop */
		return 0;
	}
	c->stopped = false;
	if (drop_exitkill(c))
		return -1;
	return ptrace(PTRACE_CONT, c->pub.pid, 0, (void *)(long)sig) ? -1 : 0;
}

/* The signal of a signal-delivery-stop, 0 for any other stop. */
static int delivered_signal(struct child *c, int status)
{
	siginfo_t info;

	if (status >> 16 || WSTOPSIG(status) == (SIGTRAP | 0x80))
		return 0;
	/* No siginfo: a group-stop of a tracee that is not seized. */
	if (ptrace(PTRACE_GETSIGINFO, c->pub.pid, 0, &info))
		return 0;
	return WSTOPSIG(status);
}

int released_stop(struct child *c, int status)
{
	int event = status >> 16, sig = WSTOPSIG(status);
	struct child *old;
	unsigned long msg;

	if (c->exitkill_due) {
		c->exitkill_due = false;
		if (drop_exitkill(c))
			return -1;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, c->pub.pid, 0, &msg))
			return -1;
		if (!child_adopt(c, (pid_t)msg))
			return -1;
		break;
	case PTRACE_EVENT_EXEC:
		/* A thread that was not the leader exec'd: the leader is gone. */
		if (ptrace(PTRACE_GETEVENTMSG, c->pub.pid, 0, &msg))
			return -1;
		if ((pid_t)msg != c->pub.pid && (old = child_find(
				c->tracee.session, (pid_t)msg)))
			child_forget(old, false);
		break;
	case PTRACE_EVENT_STOP:
		/* A seized tracee in a group-stop stays stopped. */
		if (is_group_stop_signal(sig))
			return ptrace(PTRACE_LISTEN, c->pub.pid, 0, 0) ? -1 : 0;
		break;
	case 0:
		if (c->first_stop_due && sig == SIGSTOP) {
			c->first_stop_due = false;
			break;
		}
		return ptrace(PTRACE_CONT, c->pub.pid, 0,
			      (void *)(long)delivered_signal(c, status)) ? -1 : 0;
	}
	return ptrace(PTRACE_CONT, c->pub.pid, 0, 0) ? -1 : 0;
}

/* Is a tracee left that the caller waits for? */
static bool waiting_for(const struct session *s, bool all)
{
	const struct child *c;

	for (c = s->children; c; c = c->next)
		if (all || !c->released)
			return true;
	return false;
}

void children_wait_gone(struct session *s, bool all)
{
	struct child *c;
	int status;
	pid_t pid;

	while (waiting_for(s, all)) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0)
			break;
		c = child_find(s, pid);
		if (c && (WIFEXITED(status) || WIFSIGNALED(status)))
			child_forget(c, false);
		else if (c && c->released)
			released_stop(c, status);
		/* Its parent's event, if it comes, says whose it is. */
		else if (WIFSTOPPED(status))
			ptrace(PTRACE_CONT, pid, 0, 0);
	}
}
