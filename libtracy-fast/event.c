// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop: one wait status at a time, turned into an event for the
 * user, or handled here (new tracees, exec, group-stops, syscall stops
 * nobody hooked) and the tracee resumed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "internal.h"
#include "ptrace-compat.h"

enum outcome {
	HANDLED,	/* the tracee runs on; wait for the next status */
	REPORT,		/* return the event */
	FAILED,		/* errno says why */
};

static enum outcome resumed(struct child *c, int sig)
{
	return child_resume(c, sig) ? FAILED : HANDLED;
}

/* Everything the tracee does not control ends the session's wait. */
static enum outcome abort_session(struct session *s, const char *why)
{
	tracy_message(s, "%s: releasing every tracee", why);
	session_release_children(s);
	errno = ECANCELED;
	return FAILED;
}

static struct tracy_event *quit_event(struct child *c, int status)
{
	struct tracy_event *e = &c->pub.event;

	e->type = TRACY_EVENT_QUIT;
	e->syscall_num = 0;
	e->signal_num = WIFEXITED(status) ? WEXITSTATUS(status) :
					     WTERMSIG(status);
	e->args.return_code = status;
	tracy_verbose(c->tracee.session, TRACY_VERBOSE, "tracee %d %s %ld",
		      c->pub.pid, WIFEXITED(status) ? "exited with" :
		      "killed by signal", e->signal_num);
	child_forget(c, true);
	return e;
}

/* The result of a hook that took the tracee out of our hands. */
static enum outcome gone_event(struct child *c, long signal)
{
	c->pub.event.type = TRACY_EVENT_QUIT;
	c->pub.event.signal_num = signal;
	c->pub.event.args.return_code = -1;	/* no wait status */
	return REPORT;
}

static enum outcome syscall_hook_result(struct child *c, int result)
{
	struct session *s = c->tracee.session;

	switch (result) {
	case TRACY_HOOK_CONTINUE:
	case TRACY_HOOK_NOHOOK:
		return REPORT;
	case TRACY_HOOK_KILL_CHILD:
		if (tracy_kill_child(&c->pub))
			return FAILED;
		return gone_event(c, SIGKILL);
	case TRACY_HOOK_DETACH_CHILD:
		if (tracy_detach_child(&c->pub))
			return FAILED;
		return gone_event(c, 0);
	case TRACY_HOOK_DENY:
		if (c->pub.pre_syscall)
			return tracy_deny_syscall(&c->pub) ? FAILED : REPORT;
		return abort_session(s, "TRACY_HOOK_DENY at a syscall exit");
	case TRACY_HOOK_ABORT:
		return abort_session(s, "TRACY_HOOK_ABORT");
	default:
		tracy_message(s, "invalid syscall hook result %d", result);
		return abort_session(s, "invalid hook result");
	}
}

void fill_syscall_event(struct child *c, const struct syscall_stop *stop)
{
	struct tracy_event *e = &c->pub.event;

	e->type = TRACY_EVENT_SYSCALL;
	e->child = &c->pub;
	e->syscall_num = abi_public_nr(stop->abi, stop->nr);
	e->signal_num = 0;
	e->abi = stop->abi;
	e->args.a0 = stop->args[0];
	e->args.a1 = stop->args[1];
	e->args.a2 = stop->args[2];
	e->args.a3 = stop->args[3];
	e->args.a4 = stop->args[4];
	e->args.a5 = stop->args[5];
	e->args.syscall = e->syscall_num;
	e->args.ip = stop->ip;
	e->args.sp = stop->sp;
	e->args.return_code = stop->entry ? -ENOSYS : stop->rval;
	c->pub.pre_syscall = stop->entry;
}

/* A syscall stop: a syscall-entry or exit stop, or a seccomp stop (entry). */
static enum outcome syscall_event(struct child *c, bool seccomp_stop)
{
	struct session *s = c->tracee.session;
	struct syscall_stop stop;
	const struct hook *hook;
	char *name;

	if (syscall_stop_read(c, &stop, seccomp_stop))
		return FAILED;
	if (!seccomp_stop)
		c->after_entry_stop = stop.entry;
	s->syscall_stops++;
	/* Where the regs cannot tell, entry and exit stops alternate. */
	c->tracee.in_syscall = stop.entry && child_exit_stop_due(c, &stop);
	if (stop.entry) {
		c->entry = stop;
		c->entry_known = true;
		c->tracee.deny_errno = 0;
		c->pub.denied_nr = -1;
	} else {
		/*
		 * The exit took its entry: an exit stop with no entry stop
		 * before it (kmask: after a fork, vfork, clone or exec event
		 * of a syscall whose entry the mask skipped) is not about the
		 * syscall entered last, and the registers tell what it is.
		 */
		c->entry_known = false;
	}
	if (!stop.entry && c->tracee.deny_errno) {
		/* The kernel saw -1; the user sees the syscall and its errno. */
		stop.abi = c->entry.abi;
		stop.nr = abi_table_nr(stop.abi, c->pub.denied_nr);
		stop.rval = -c->tracee.deny_errno;
		c->tracee.deny_errno = 0;
		if (syscall_set_return(c, stop.abi, stop.rval))
			return FAILED;
	}
	if (!hook_wants(s, stop.abi, stop.nr, stop.entry))
		return resumed(c, 0);

	fill_syscall_event(c, &stop);
	/* Tracy's line, on stdout, for every syscall stop. */
	if (TRACY_PRINT_SYSCALLS(&s->pub)) {
		name = get_syscall_name_abi(stop.nr, stop.abi);
		printf(_y("%04d System call: %s (%ld) Pre: %d") "\n",
		       c->pub.pid, name ? name : "(null)",
		       c->pub.event.syscall_num, c->pub.pre_syscall);
	}
	hook = hook_find(s, stop.abi, stop.nr);
	if (hook)
		return syscall_hook_result(c, hook->func(&c->pub.event));
	if (s->pub.defhook)
		return syscall_hook_result(c, s->pub.defhook(&c->pub.event));
	return REPORT;
}

/*
 * Is this syscall stop the exit of the syscall c entered at its last
 * stop, and one that no hook wants? Then stop_event() counts it and
 * resumes the tracee without asking the kernel what the stop is (no
 * PTRACE_GET_SYSCALL_INFO, nor the registers): that request was most of
 * what the event loop cost per stop over a bare PTRACE_SYSCALL loop.
 *
 * Why that is safe:
 * - What the stop is, ptrace itself says: a syscall-entry stop left with
 *   PTRACE_SYSCALL is followed by the syscall-exit stop of that syscall,
 *   a PTRACE_EVENT stop or the tracee's end, and by no other stop
 *   (ptrace(2), "Syscall-stops"). after_entry_stop says that the last
 *   stop of c was a syscall-entry stop: stop_event() clears it at every
 *   other stop, and inject.c sets it only where it leaves the tracee at
 *   an entry stop again. A backend without exit_stop_due() (classic)
 *   leaves every stop with PTRACE_SYSCALL, as inject_resume() does; the
 *   others decide per syscall whether its exit stops (a mask, a filter
 *   resumed with PTRACE_CONT), so their stops are read as before.
 * - What the exit is about is known: its ABI, number and arguments are
 *   its entry's (c->entry), where stop_from_info() takes them too. The
 *   rest of a read (the return value, ip and sp) only goes into an
 *   event, and there is none. An exit that a hook, the default hook or
 *   TRACY_VERBOSE_SYSCALL wants is read as before, and so is the exit of
 *   a denied syscall, whose result is set there.
 */
static bool exit_unwanted(const struct child *c, bool after_entry_stop)
{
	return after_entry_stop && !c->ops->exit_stop_due && c->entry_known &&
	       !c->tracee.deny_errno &&
	       !hook_wants(c->tracee.session, c->entry.abi, c->entry.nr, false);
}

static enum outcome signal_event(struct child *c, int sig)
{
	struct tracy_event *e = &c->pub.event;
	struct session *s = c->tracee.session;
	struct arch_regs regs;
	siginfo_t info;

	if (ptrace(PTRACE_GETSIGINFO, c->pub.pid, 0, &info)) {
		/* No siginfo: a group-stop of a tracee that is not seized. */
		return errno == EINVAL ? resumed(c, 0) : FAILED;
	}
	/* Where the tracee is (the layout of the registers says how to read). */
	if (arch_get_regs(c->pub.pid, &regs))
		return FAILED;
	e->args.ip = arch_reg_get(&regs, TRACY_ABI_NATIVE, ARCH_REG_IP);
	e->args.sp = arch_reg_get(&regs, TRACY_ABI_NATIVE, ARCH_REG_SP);
	e->type = TRACY_EVENT_SIGNAL;
	e->child = &c->pub;
	e->syscall_num = 0;
	e->signal_num = sig;
	e->siginfo = info;
	c->suppress = false;
	tracy_verbose(s, TRACY_VERBOSE_SIGNAL, "%d gets %s", c->pub.pid,
		      get_signal_name(sig));
	if (!s->pub.signal_hook)
		return REPORT;
	switch (s->pub.signal_hook(e)) {
	case TRACY_HOOK_CONTINUE:
	case TRACY_HOOK_NOHOOK:
		return REPORT;
	case TRACY_HOOK_SUPPRESS:
		c->suppress = true;
		return REPORT;
	case TRACY_HOOK_KILL_CHILD:
		return tracy_kill_child(&c->pub) ? FAILED : gone_event(c, SIGKILL);
	case TRACY_HOOK_DETACH_CHILD:
		return tracy_detach_child(&c->pub) ? FAILED : gone_event(c, 0);
	case TRACY_HOOK_ABORT:
		return abort_session(s, "TRACY_HOOK_ABORT");
	default:
		return abort_session(s, "invalid signal hook result");
	}
}

/* fork, vfork, clone: the new tracee may have stopped before this. */
static enum outcome new_child_event(struct child *parent)
{
	unsigned long msg;

	if (ptrace(PTRACE_GETEVENTMSG, parent->pub.pid, 0, &msg) ||
	    !child_adopt(parent, (pid_t)msg))
		return FAILED;
	return resumed(parent, 0);
}

static enum outcome exec_event(struct child *c)
{
	unsigned long former;
	struct child *old;

	if (ptrace(PTRACE_GETEVENTMSG, c->pub.pid, 0, &former))
		return FAILED;
	/* A thread that was not the leader exec'd: it is the leader now. */
	if ((pid_t)former != c->pub.pid) {
		old = child_find(c->tracee.session, (pid_t)former);
		if (old)
			child_exec_takeover(c, old);
		/*
		 * The execve the exit stop will be about is old's: after the
		 * exec the registers may no longer say (arm64 forgets the
		 * syscall number, and x86 cannot tell x32 from x86_64).
		 */
		c->entry_known = old && old->entry_known;
		if (c->entry_known)
			c->entry = old->entry;
		if (old)
			child_forget(old, false);
	}
	memory_child_exec(c);
	/*
	 * Inside execve: the next syscall stop is its exit, if its entry
	 * stopped with an exit stop due (always, in classic ptrace).
	 */
	if (!c->ops->exit_stop_due)
		c->tracee.in_syscall = true;
	return resumed(c, 0);
}

/* A stop during an asynchronous injection: inject.c takes it. */
static enum outcome injection_stop(struct child *c, int status)
{
	int result;

	switch (inject_async_stop(c, status, &result)) {
	case 0:
		return HANDLED;
	case 1:
		/* The callback's result, as a hook's at a syscall exit. */
		if (result == TRACY_HOOK_CONTINUE ||
		    result == TRACY_HOOK_NOHOOK)
			return resumed(c, 0);
		if (result == TRACY_HOOK_DENY)
			return abort_session(c->tracee.session, "TRACY_HOOK_DENY "
					     "from an injection callback");
		return syscall_hook_result(c, result);
	default:
		return FAILED;
	}
}

bool is_group_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static enum outcome stop_event(struct child *c, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	bool after_entry_stop = c->after_entry_stop;

	if (c->dying)
		return ptrace(PTRACE_CONT, c->pub.pid, 0, 0) ? FAILED : HANDLED;
	if (c->released)
		return released_stop(c, status) ? FAILED : HANDLED;
	c->stopped = true;
	c->after_entry_stop = false;
	if (inject_pending(c))
		return injection_stop(c, status);
	if (sig == (SIGTRAP | 0x80)) {
		if (!exit_unwanted(c, after_entry_stop))
			return syscall_event(c, false);
		/* As syscall_event() would: the exit took its entry. */
		c->tracee.session->syscall_stops++;
		c->tracee.in_syscall = false;
		c->entry_known = false;
		return resumed(c, 0);
	}
	if (c->first_stop_due && (sig == SIGSTOP || event == PTRACE_EVENT_STOP)) {
		c->first_stop_due = false;
		if (child_setup(c))
			return FAILED;
		return resumed(c, 0);
	}
	switch (event) {
	case 0:
		return signal_event(c, sig);
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		return new_child_event(c);
	case PTRACE_EVENT_EXEC:
		return exec_event(c);
	case PTRACE_EVENT_SECCOMP:
		/* Its syscall-entry stop was the event (classic ptrace). */
		if (after_entry_stop)
			return resumed(c, 0);
		return syscall_event(c, true);
	case PTRACE_EVENT_STOP:
		/* A seized tracee in a group-stop stays stopped. */
		if (is_group_stop_signal(sig)) {
			c->stopped = false;
			return ptrace(PTRACE_LISTEN, c->pub.pid, 0, 0) ?
				FAILED : HANDLED;
		}
		return resumed(c, 0);
	default:
		return resumed(c, 0);
	}
}

/*
 * The tracee that made the new tracee pid, as /proc says: the leader of
 * its thread group if it is a thread, else its parent. NULL: none of ours.
 */
static struct child *maker_of(struct session *s, pid_t pid)
{
	char path[64], line[128];
	int tgid = 0, ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f) && !ppid)
		if (sscanf(line, "Tgid: %d", &tgid) != 1)
			sscanf(line, "PPid: %d", &ppid);
	fclose(f);
	return child_find(s, tgid && tgid != pid ? tgid : ppid);
}

/*
 * A stop of a pid we do not know yet: a new tracee, before its parent's
 * event. It is its maker's, if /proc tells (so that a child of a
 * released tracee is never announced, nor run to a hook); else it
 * starts on the backend chosen last, and its parent's event, when it
 * comes, says whose it is.
 */
static struct child *unknown_stopped(struct session *s, pid_t pid, int status)
{
	bool seized = status >> 16 == PTRACE_EVENT_STOP;
	struct child *maker = maker_of(s, pid), *c;

	if (maker)
		return child_adopt(maker, pid);
	/* Announced at its parent's event, or before its first hook. */
	c = child_alloc(s, pid, seized, s->ops);

	if (c) {
		c->first_stop_due = true;
		c->seized = seized;
	}
	return c;
}

struct tracy_event *tracy_wait_event(struct tracy *t, pid_t pid)
{
	struct session *s = session_of(t);
	enum outcome outcome;
	struct child *c;
	int status;
	pid_t got;

	children_free_reaped(s);
	for (;;) {
		if (main_loop_ended()) {
			errno = EINTR;
			return NULL;
		}
		if (!s->children)
			return detached_wait(s, pid) ? NULL : &s->none_event;
		got = waitpid(pid, &status, __WALL);
		/* No tracee left at all: they went without a word (detached). */
		if (got < 0 && errno == ECHILD && pid == -1) {
			while (s->children)
				child_forget(s->children, false);
			return &s->none_event;
		}
		if (got < 0)
			return NULL;
		c = child_find(s, got);
		if (!c && !WIFSTOPPED(status)) {
			detached_reaped(s, got);
			continue;	/* a child of ours we detached from */
		}
		if (!c && !(c = unknown_stopped(s, got, status)))
			return NULL;
		if (!WIFSTOPPED(status)) {
			if (c->dying || c->released) {
				child_forget(c, false);
				continue;
			}
			child_announce(c);
			return quit_event(c, status);
		}
		/* Its first stop is ours; any other may run hooks. */
		if (!c->first_stop_due && !c->released)
			child_announce(c);
		outcome = stop_event(c, status);
		if (outcome == REPORT)
			return &c->pub.event;
		/* A tracee that died under us reports its end next. */
		if (outcome == FAILED && errno != ESRCH)
			return NULL;
	}
}

int tracy_continue(struct tracy_event *e, int sigoverride)
{
	struct child *c;
	int sig = 0;

	if (!e || !e->child) {
		errno = EINVAL;
		return -1;
	}
	c = child_of(e->child);
	if (c->gone || c->dying || !c->stopped)
		return 0;
	if (e->type == TRACY_EVENT_SIGNAL && !sigoverride && !c->suppress)
		sig = (int)e->signal_num;
	c->suppress = false;
	return child_resume(c, sig);
}
