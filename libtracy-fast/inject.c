// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall injection: a tracee stopped at a syscall stop makes a syscall
 * of the tracer's choosing, then is put back at that stop as if nothing
 * had happened.
 *
 * At an entry stop whose exit stop is due, the syscall entered becomes
 * the injected one (Tracy's way): its exit stop gives the result; then the
 * IP goes back over the syscall instruction and the registers are
 * restored, so that the tracee enters the original syscall once more and
 * stops at its entry again.
 *
 * Where no exit stop is due (the kmask backend decides at the entry that
 * a syscall no exit hook wants gets none) and at an exit stop, the
 * tracee executes its syscall instruction once more, as the injected
 * syscall, the syscall entered being skipped; it stops at that syscall's
 * entry and exit, and is put back: at an entry, before the syscall
 * instruction, to enter the original syscall again; at an exit, at that
 * exit with the original result.
 *
 * Every resume on the way is a plain PTRACE_SYSCALL, whatever the
 * backend, and the backend's stop_all() first makes sure that no kernel
 * mask hides a stop the injection needs; the backend's own way comes
 * back at its next resume. The stops on the way are the library's: no
 * hook sees them. Signals that arrive meanwhile are held back and sent
 * again when the tracee is back at its stop. A process the injected
 * syscall forks under fork tracing becomes a tracee like any other.
 *
 * The asynchronous kind begins the same way and leaves the resume to the
 * user; the event loop hands the stops of the tracee to
 * inject_async_stop() until the injected syscall returns, calls the
 * callback at its exit stop, and puts the tracee back after that.
 */
#define _GNU_SOURCE	/* rt_tgsigqueueinfo, tkill */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace-compat.h"

#ifndef CLONE_VFORK
# define CLONE_VFORK	0x00004000
#endif

/* The kernel's restart codes, which a tracee never sees as results. */
#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

enum inject_phase {
	INJECT_TO_ENTRY,	/* the injected syscall is yet to be entered */
	INJECT_TO_EXIT,		/* it is entered */
	INJECT_CALLBACK,	/* it returned: the async callback runs */
};

struct inject {
	const char *fn;		/* the public call, for messages */
	int abi;
	long nr;		/* the injected syscall: table number */
	long args[6];
	bool at_entry;		/* began at an entry stop */
	/* The number is for the entry stop of the instruction made again. */
	bool nr_due;
	enum inject_phase phase;
	struct arch_regs saved;	/* registers at the stop it began at */
	long orig_nr;		/* that syscall's number, with nr_base */
	long result;
	pid_t forked;		/* a process the injected syscall forked */
	siginfo_t *held;	/* signals held back */
	int nheld;
	/* The asynchronous kind. */
	tracy_hook_func callback;
	struct tracy_event event;	/* the event of the stop it began at */
	bool resumed;		/* the tracee was resumed into it */
	bool cancelled;		/* put back by inject_cancel() */
};

bool inject_pending(const struct child *c)
{
	return c->inject && c->inject->phase != INJECT_CALLBACK;
}

void inject_child_free(struct child *c)
{
	if (!c->inject)
		return;
	free(c->inject->held);
	free(c->inject);
	c->inject = NULL;
	c->pub.inj.injecting = 0;
	c->pub.inj.cb = NULL;
}

static int refuse(const struct child *c, const char *fn, int err,
		  const char *why)
{
	tracy_message(c ? c->tracee.session : NULL, "%s: %s", fn, why);
	errno = err;
	return -1;
}

/*
 * Syscalls that cannot be injected: execve does not come back to the
 * stop it left, and a vfork parent waits, inside the injection, for a
 * child that waits for the tracer at its first stop.
 */
static int check_syscall(struct child *c, const char *fn, long nr,
			 const long args[6])
{
	const char *name = tracy_syscall_name(abi_table(c->pub.event.abi), nr);
	uint64_t flags = 0;

	if (nr < 0)
		return refuse(c, fn, EINVAL, "no such syscall number");
	if (!name)
		return 0;	/* the kernel answers -ENOSYS */
	if (!strcmp(name, "execve") || !strcmp(name, "execveat"))
		return refuse(c, fn, EINVAL, "an injected execve would not "
			      "come back to the stop it left");
	if (!strcmp(name, "clone3") &&
	    tracy_read_mem(&c->pub, &flags, (void *)args[0], sizeof(flags)) !=
	    sizeof(flags))
		flags = 0;	/* the kernel answers -EFAULT */
	if (!strcmp(name, "clone"))
		flags = (unsigned long)args[0];
	if (!strcmp(name, "vfork") || (flags & CLONE_VFORK))
		return refuse(c, fn, EINVAL, "an injected vfork would wait for "
			      "a child that waits for the tracer");
	return 0;
}

int inject_check(struct tracy_child *child, const char *fn, long nr,
		 const long args[6], bool async)
{
	struct child *c = child ? child_of(child) : NULL;
	char why[96];

	if (!c)
		return refuse(c, fn, EINVAL, "no tracee");
	if (c->gone || c->dying || !c->stopped) {
		snprintf(why, sizeof(why), "tracee %d is not stopped",
			 child->pid);
		return refuse(c, fn, ESRCH, why);
	}
	if (child->event.type != TRACY_EVENT_SYSCALL ||
	    !abi_table(child->event.abi)) {
		snprintf(why, sizeof(why), "tracee %d is not at a syscall stop",
			 child->pid);
		return refuse(c, fn, EINVAL, why);
	}
	/* A synchronous one may run in the callback of an asynchronous one. */
	if (c->inject && (async || c->inject->phase != INJECT_CALLBACK)) {
		snprintf(why, sizeof(why), "tracee %d is in an injection "
			 "already", child->pid);
		return refuse(c, fn, EBUSY, why);
	}
	return args ? check_syscall(c, fn, nr, args) : 0;
}

static void inject_init(struct child *c, struct inject *inj, const char *fn,
			long nr, const long args[6])
{
	memset(inj, 0, sizeof(*inj));
	inj->fn = fn;
	inj->abi = (int)c->pub.event.abi;
	inj->nr = nr;
	memcpy(inj->args, args, sizeof(inj->args));
	inj->at_entry = c->pub.pre_syscall;
	tracy_verbose(c->tracee.session, TRACY_VERBOSE_SYSCALL, "%d: %s injects %s "
		      "(%ld) at a syscall %s", c->pub.pid, fn,
		      tracy_syscall_name(abi_table(inj->abi), nr) ?: "?", nr,
		      inj->at_entry ? "entry" : "exit");
}

/*
 * At the entry stop of a syscall skipped before a rewind: is the number
 * of the syscall no longer -1? Where the instruction made again reads
 * its number from the register the kernel skips by (riscv's a7), the
 * rewind undid the skip; the skip must stay, and the number wait for
 * the entry stop of that instruction (inject_step()). Asked of the
 * kernel (PTRACE_GET_SYSCALL_INFO); without it, the skip is taken as
 * kept.
 */
static bool skip_lost(struct child *c)
{
	struct tracy_syscall_info info;

	return c->tracee.session->syscall_info &&
	       syscall_info_at_entry(c, &info) == 1 &&
	       (int64_t)info.entry.nr != -1;
}

/* Sets up the tracee's registers for the injected syscall. */
static int inject_begin(struct child *c, struct inject *inj)
{
	const struct tracy_syscall_table *table = abi_table(inj->abi);
	long nr = inj->nr | (long)table->nr_base;
	pid_t pid = c->pub.pid;
	struct arch_regs regs;

	if (arch_get_regs(pid, &inj->saved))
		return -1;
	inj->orig_nr = arch_reg_get(&inj->saved, inj->abi, ARCH_REG_NR);
	regs = inj->saved;
	if (c->ops->stop_all && c->ops->stop_all(&c->tracee))
		return -1;
	if (inj->at_entry && c->tracee.in_syscall) {
		if (syscall_write(c, &regs, inj->abi, nr, inj->args))
			return -1;
		inj->phase = INJECT_TO_EXIT;
	} else {
		/*
		 * Skip the syscall entered, or at an exit keep the kernel
		 * from restarting the syscall that returned; the syscall
		 * instruction, made again, takes the arguments from the
		 * registers.
		 */
		regs_set_args(&regs, inj->abi, inj->args);
		if (arch_set_syscall_nr(pid, &regs, inj->abi, -1))
			return -1;
		arch_syscall_rewind(&regs, inj->abi, nr);
		if (arch_set_regs(pid, &regs))
			return -1;
		if (inj->at_entry && skip_lost(c)) {
			if (arch_set_syscall_nr(pid, &regs, inj->abi, -1) ||
			    arch_set_regs(pid, &regs))
				return -1;
			inj->nr_due = true;
		}
		inj->phase = INJECT_TO_ENTRY;
	}
	/* For the reading of stops that cannot tell an entry from an exit. */
	c->tracee.in_syscall = inj->phase == INJECT_TO_EXIT;
	return 0;
}

/*
 * Gives pid the registers the tracee goes on with after the injection:
 * those of the stop it began at, back before the syscall instruction if
 * that was an entry. 'task': registers read from pid, for the register a
 * syscall stop lends the tracer, where pid is not the tracee.
 */
static int set_final_regs(pid_t pid, const struct inject *inj,
			  const struct arch_regs *task)
{
	struct arch_regs regs = inj->saved;

	if (task)
		arch_regs_keep_scratch(&regs, task);
	if (!inj->at_entry) {
		/* The number, for the kernel to restart the syscall if due. */
		if (arch_set_syscall_nr(pid, &regs, inj->abi, inj->orig_nr))
			return -1;
	} else {
		/* No restart of the injected syscall on top of ours. */
		if (arch_set_syscall_nr(pid, &regs, inj->abi, -1))
			return -1;
		arch_syscall_rewind(&regs, inj->abi, inj->orig_nr);
	}
	return arch_set_regs(pid, &regs);
}

/*
 * The registers of the stop it began at, as they were, and the syscall's
 * number and arguments, which at an entry stop are not all registers.
 */
static int undo_regs(struct child *c, const struct inject *inj)
{
	struct arch_regs regs = inj->saved;
	long args[6];

	regs_get_args(&regs, inj->abi, args);
	return syscall_write(c, &regs, inj->abi, inj->orig_nr, args);
}

static int resume_raw(struct child *c, int sig)
{
	c->stopped = false;
	return ptrace(PTRACE_SYSCALL, c->pub.pid, 0, (void *)(long)sig) ?
		-1 : 0;
}

int inject_resume(struct child *c, int sig)
{
	c->inject->resumed = true;
	return resume_raw(c, sig);
}

/*
 * Waits for the next stop of c: 0 and its wait status, or -1 with errno
 * ESRCH if c ended instead. That end is left for the event loop to
 * report: peeked at with WNOWAIT, never reaped here.
 */
static int wait_stop(struct child *c, const struct inject *inj, int *status)
{
	pid_t pid = c->pub.pid;
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	while (waitid(P_PID, pid, &info, WEXITED | WSTOPPED | __WALL |
		      WNOWAIT))
		if (errno != EINTR)
			return -1;
	if (info.si_code != CLD_TRAPPED && info.si_code != CLD_STOPPED) {
		tracy_message(c->tracee.session, "%s: tracee %d ended during the "
			      "injection", inj->fn, pid);
		errno = ESRCH;
		return -1;
	}
	if (waitpid(pid, status, __WALL) != pid)
		return -1;
	if (!WIFSTOPPED(*status)) {
		/* Killed between the two waits: its end is gone with it. */
		child_forget(c, true);
		errno = ESRCH;
		return -1;
	}
	c->stopped = true;
	return 0;
}

static int hold_signal(struct inject *inj, const siginfo_t *info)
{
	siginfo_t *held = realloc(inj->held, (inj->nheld + 1) * sizeof(*held));

	if (!held)
		return -1;
	held[inj->nheld++] = *info;
	inj->held = held;
	return 0;
}

/* The thread group of thread tid, from /proc; tid itself if unknown. */
static pid_t tgid_of(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = tid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

/*
 * The signals held back, to the thread they stopped: a signal queued
 * with sigqueue() (a negative si_code the kernel lets us send) keeps its
 * siginfo; the others come as if from tkill() by the tracer.
 */
static void send_held(struct child *c, struct inject *inj)
{
	pid_t tid = c->pub.pid, tgid = 0;
	int i;

	for (i = 0; i < inj->nheld; i++) {
		siginfo_t *info = &inj->held[i];

		if (info->si_code < 0 && info->si_code != SI_TKILL) {
			if (!tgid)
				tgid = tgid_of(tid);
			if (!syscall(SYS_rt_tgsigqueueinfo, tgid, tid,
				     info->si_signo, info))
				continue;
		}
		if (syscall(SYS_tkill, tid, info->si_signo))
			tracy_message(c->tracee.session, "%s: cannot send %s back to "
				      "tracee %d: %s", inj->fn,
				      get_signal_name(info->si_signo), tid,
				      strerror(errno));
	}
	free(inj->held);
	inj->held = NULL;
	inj->nheld = 0;
}

/*
 * A stop on the way that is not a syscall stop: a signal is held back, a
 * new process or thread becomes a tracee, anything else lets the tracee
 * go on. 0, or -1 with errno.
 */
static int other_stop(struct child *c, struct inject *inj, int status)
{
	unsigned long msg;
	siginfo_t info;

	switch (status >> 16) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, c->pub.pid, 0, &msg) ||
		    !child_adopt(c, (pid_t)msg))
			return -1;
		inj->forked = (pid_t)msg;
		return 0;
	case 0:
		/* A group-stop of a tracee not seized has no siginfo. */
		if (ptrace(PTRACE_GETSIGINFO, c->pub.pid, 0, &info))
			return errno == EINVAL ? 0 : -1;
		return hold_signal(inj, &info);
	default:
		return 0;
	}
}

/* Resumes c up to its next syscall stop, and reads that. */
static int run_to_syscall_stop(struct child *c, struct inject *inj,
			       struct syscall_stop *stop)
{
	int status;

	for (;;) {
		/* A tracee killed in its stop: wait_stop() sees its end. */
		if (resume_raw(c, 0) && errno != ESRCH)
			return -1;
		if (wait_stop(c, inj, &status))
			return -1;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			break;
		if (other_stop(c, inj, status))
			return -1;
	}
	c->tracee.session->syscall_stops++;
	return syscall_stop_read(c, stop, false);
}

static int unexpected_stop(struct child *c, const struct inject *inj,
			   const struct syscall_stop *stop)
{
	tracy_message(c->tracee.session, "%s: tracee %d made an unexpected %s stop "
		      "of syscall %ld (ABI %d) during the injection", inj->fn,
		      c->pub.pid, stop->entry ? "entry" : "exit", stop->nr,
		      stop->abi);
	errno = EPROTO;
	return -1;
}

/* At the entry stop of the instruction made again: its number. */
static int set_nr_due(struct child *c, const struct inject *inj)
{
	long nr = inj->nr | (long)abi_table(inj->abi)->nr_base;
	struct arch_regs regs;

	if (arch_get_regs(c->pub.pid, &regs) ||
	    arch_set_syscall_nr(c->pub.pid, &regs, inj->abi, nr))
		return -1;
	return arch_set_regs(c->pub.pid, &regs);
}

/*
 * A syscall stop on the way: 1 when the injected syscall has returned,
 * 0 if not yet, -1 (errno) for a stop that has no place here.
 */
static int inject_step(struct child *c, struct inject *inj,
		       const struct syscall_stop *stop)
{
	long r;

	if (inj->phase == INJECT_TO_ENTRY) {
		/* The exit of the syscall skipped, where it gets one. */
		if (!stop->entry)
			return 0;
		if (inj->nr_due && stop->abi == inj->abi &&
		    set_nr_due(c, inj))
			return -1;
		if (stop->abi != inj->abi ||
		    (stop->nr != inj->nr && !inj->nr_due))
			return unexpected_stop(c, inj, stop);
		inj->nr_due = false;
		inj->phase = INJECT_TO_EXIT;
		c->tracee.in_syscall = true;
		return 0;
	}
	if (stop->entry)
		return unexpected_stop(c, inj, stop);
	c->tracee.in_syscall = false;
	/* Interrupted by a signal: the kernel would restart it; we do not. */
	r = stop->rval;
	if (r == -ERESTARTSYS || r == -ERESTARTNOINTR ||
	    r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK)
		r = -EINTR;
	inj->result = r;
	return 1;
}

/*
 * Puts the tracee, at the injected syscall's exit stop, back at the stop
 * where the injection began. 0, or -1 with errno.
 */
static int put_back(struct child *c, struct inject *inj)
{
	struct syscall_stop stop;

	if (set_final_regs(c->pub.pid, inj, NULL))
		return -1;
	if (!inj->at_entry)
		return 0;
	/* Into the original syscall again, up to its entry stop. */
	if (run_to_syscall_stop(c, inj, &stop))
		return -1;
	if (!stop.entry)
		return unexpected_stop(c, inj, &stop);
	/* Entered under no mask: the kernel gives it its exit stop. */
	c->tracee.in_syscall = child_exit_stop_due(c, &c->entry);
	/*
	 * A syscall-entry stop: a seccomp filter that traces the syscall
	 * stops it once more, and the event loop must not call its hook
	 * again for that stop.
	 */
	c->after_entry_stop = true;
	return 0;
}

/*
 * The process the injected syscall forked: it goes on from the
 * registers the tracee goes on from, and with the session's ptrace
 * options rather than the fork tracing it inherited. Its first stop is
 * peeked at, not reaped: the event loop sets it up as any new tracee.
 */
static int put_back_forked(struct child *c, const struct inject *inj)
{
	pid_t pid = inj->forked;
	struct arch_regs task;
	siginfo_t info;
	long opt;

	memset(&info, 0, sizeof(info));
	while (waitid(P_PID, pid, &info, WEXITED | WSTOPPED | __WALL |
		      WNOWAIT))
		if (errno != EINTR)
			return -1;
	if (info.si_code != CLD_TRAPPED && info.si_code != CLD_STOPPED)
		return 0;	/* gone already: the event loop says so */
	if (arch_get_regs(pid, &task) || set_final_regs(pid, inj, &task))
		return -1;
	opt = session_ptrace_options(c->tracee.session, c->ops, !c->pub.attached);
	return ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)opt) ? -1 : 0;
}

int inject_sync(struct child *c, const char *fn, long nr, const long args[6],
		long *result, pid_t *forked)
{
	struct syscall_stop stop;
	struct inject inj;
	int ret;

	inject_init(c, &inj, fn, nr, args);
	if (inject_begin(c, &inj))
		return -1;
	do
		ret = run_to_syscall_stop(c, &inj, &stop) ? -1 :
		      inject_step(c, &inj, &stop);
	while (!ret);
	if (ret > 0)
		ret = put_back(c, &inj);
	if (!ret && forked) {
		*forked = inj.forked;
		if (inj.forked)
			ret = put_back_forked(c, &inj);
	}
	if (c->stopped)
		send_held(c, &inj);
	free(inj.held);
	if (ret)
		return -1;
	*result = inj.result;
	return 0;
}

int inject_by_name(struct tracy_child *child, const char *fn,
		   const char *name, const long args[6], long *result,
		   pid_t *forked)
{
	const struct tracy_syscall_table *table =
		child ? abi_table(child->event.abi) : NULL;
	long nr = table ? tracy_syscall_number(table, name) : -1;

	if (inject_check(child, fn, nr, args, false))
		return -1;
	return inject_sync(child_of(child), fn, nr, args, result, forked);
}

int tracy_inject_syscall(struct tracy_child *child, long syscall_number,
			 struct tracy_sc_args *a, long *return_code)
{
	static const char fn[] = "tracy_inject_syscall";
	long args[6], result;

	syscall_args_of(a, args);
	if (child)
		syscall_number = abi_table_nr((int)child->event.abi,
					      syscall_number);
	if (inject_check(child, fn, syscall_number, args, false) ||
	    inject_sync(child_of(child), fn, syscall_number, args, &result,
			NULL))
		return -1;
	if (return_code)
		*return_code = result;
	return 0;
}

/* Tracy's view of it, in child->inj, for programs that read it. */
static void tracy_inj_begin(struct tracy_child *child,
			    const struct inject *inj)
{
	struct tracy_inject_data *d = &child->inj;

	memset(d, 0, sizeof(*d));
	d->injecting = 1;
	d->pre = inj->at_entry;
	d->syscall_num = (int)abi_public_nr(inj->abi, inj->nr);
	d->cb = inj->callback;
	if (inj->saved.size == sizeof(d->reg))
		memcpy(&d->reg, inj->saved.words, sizeof(d->reg));
}

int tracy_inject_syscall_async(struct tracy_child *child, long syscall_number,
			       struct tracy_sc_args *a,
			       tracy_hook_func callback)
{
	static const char fn[] = "tracy_inject_syscall_async";
	struct inject *inj;
	struct child *c;
	long args[6];

	syscall_args_of(a, args);
	if (child)
		syscall_number = abi_table_nr((int)child->event.abi,
					      syscall_number);
	if (inject_check(child, fn, syscall_number, args, true))
		return -1;
	c = child_of(child);
	inj = malloc(sizeof(*inj));
	if (!inj)
		return -1;
	inject_init(c, inj, fn, syscall_number, args);
	inj->callback = callback;
	inj->event = child->event;
	if (inject_begin(c, inj)) {
		free(inj);
		return -1;
	}
	c->inject = inj;
	tracy_inj_begin(child, inj);
	return 0;
}

/*
 * The injected syscall returned: the callback sees its exit, as a hook
 * would, with the tracee still at that stop; then the tracee is put back
 * and the event is the one of the stop the injection began at again.
 */
static int run_callback(struct child *c, struct inject *inj,
			const struct syscall_stop *stop, int *result)
{
	struct tracy_event *e = &c->pub.event;
	/* The callback sees the injected syscall's exit, with its result. */
	struct syscall_stop injected = {
		.entry = false, .abi = inj->abi, .nr = inj->nr,
		.ip = stop->ip, .sp = stop->sp, .rval = inj->result,
	};
	int ret = 0;

	inj->phase = INJECT_CALLBACK;
	memcpy(injected.args, inj->args, sizeof(injected.args));
	fill_syscall_event(c, &injected);
	c->pub.inj.injecting = 0;
	c->pub.inj.injected = 1;
	*result = inj->callback ? inj->callback(e) : TRACY_HOOK_CONTINUE;
	c->pub.inj.injected = 0;
	if (!inj->cancelled && !c->gone && !c->dying)
		ret = put_back(c, inj);
	*e = inj->event;
	c->pub.pre_syscall = inj->at_entry;
	if (c->stopped)
		send_held(c, inj);
	inject_child_free(c);
	return ret ? -1 : 1;
}

int inject_async_stop(struct child *c, int status, int *result)
{
	struct inject *inj = c->inject;
	struct syscall_stop stop;
	int ret;

	if (WSTOPSIG(status) != (SIGTRAP | 0x80))
		ret = other_stop(c, inj, status);
	else if (syscall_stop_read(c, &stop, false))
		ret = -1;
	else {
		c->tracee.session->syscall_stops++;
		ret = inject_step(c, inj, &stop);
		if (ret > 0)
			return run_callback(c, inj, &stop, result);
	}
	if (!ret && !resume_raw(c, 0))
		return 0;
	/* Lost track of the tracee: the injection is over, the tracee's. */
	inject_child_free(c);
	return -1;
}

void inject_cancel(struct child *c)
{
	struct inject *inj = c->inject;
	int ret = 0;

	if (!inj)
		return;
	if (!c->stopped || (inj->resumed && inj->phase != INJECT_CALLBACK))
		ret = -1;
	else if (inj->phase == INJECT_CALLBACK)
		ret = set_final_regs(c->pub.pid, inj, NULL);
	else
		ret = undo_regs(c, inj);
	if (ret)
		tracy_message(c->tracee.session, "%s: tracee %d leaves in the middle "
			      "of the injection, in its registers",
			      inj->fn, c->pub.pid);
	inj->cancelled = true;
	/* The callback that runs now frees it when it returns. */
	if (inj->phase != INJECT_CALLBACK)
		inject_child_free(c);
}
