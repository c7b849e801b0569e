// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: exit stops. The no-exit list,
 * the exit stop decided at entry (also when the tracer changes the syscall
 * number or the mask there), single-steps over a syscall, and the exit stop
 * of a syscall whose entry the tracer did not get when it asks for syscall
 * stops from a stop inside it: a seccomp stop or a vfork or exec event, the
 * pattern of strace --seccomp-bpf, with and without a mask.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

/* ---- the no-exit list, and exit stops decided at entry ---- */

TEST_F(mask, noexit_list_drops_only_the_exit_stop)
{
	struct expect e = { 0 };
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid, __NR_gettid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_getpid, false);
	want_syscall(&e, __NR_getppid, true);
	run_and_expect(_metadata, self, pid, &e, "whitelist, no-exit");
	EXPECT_EQ(pid, self->sh->results[1]) {
		TH_LOG("getpid without exit stop returned %ld",
		       self->sh->results[1]);
	}

	/* The no-exit list applies in blacklist mode too. */
	pid = spawn(_metadata, self, SPAWN_TRACEME);
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	e.n = 0;
	want_syscall(&e, __NR_getppid, false);
	want_syscalls(&e, NRS(__NR_getpid, __NR_gettid));
	want_syscall(&e, __NR_getppid, false);
	want_syscall(&e, __NR_exit_group, false);
	run_and_expect(_metadata, self, pid, &e, "blacklist, no-exit");
	EXPECT_EQ(getpid(), self->sh->results[0]);
}

struct rewrite {
	int entries;
};

/* Rewrites the syscall number at the first four entry stops. */
static void rewrite_nr(struct tracer *tr, const struct stop *s)
{
	static const long new_nr[] = {
		__NR_gettid,	/* not listed */
		-1,		/* out of the table: skipped */
		__NR_getpid,	/* listed, in the no-exit list */
		__NR_getppid,	/* listed, with an exit stop */
	};
	struct __test_metadata *_metadata = tr->metadata;
	struct rewrite *rw = tr->arg;

	if (s->kind != STOP_ENTRY || rw->entries >= (int)ARRAY_SIZE(new_nr))
		return;
	EXPECT_EQ(0, set_syscall_nr(s->pid, (int)new_nr[rw->entries])) {
		TH_LOG("setting the syscall number at entry %d",
		       rw->entries);
	}
	rw->entries++;
}

TEST_F(mask, exit_stop_is_decided_at_entry_despite_new_nr)
{
	struct rewrite rw = { 0 };
	struct expect e = { 0 };
	int exit_stop;
	const struct trace *t;
	struct shared *sh = self->sh;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(sh, NRS(__NR_getppid, __NR_getppid, __NR_getppid,
				__NR_getpid, __NR_gettid));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, rewrite_nr, &rw);
	want_syscalls(&e, NRS(__NR_getppid, __NR_getppid, __NR_getppid));
	want_syscall(&e, __NR_getpid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "rewritten numbers");

	/* The rewrites took effect: the results are the new syscalls'. */
	EXPECT_EQ(pid, sh->results[0]);
	EXPECT_NE(getpid(), sh->results[1]);
	EXPECT_EQ(pid, sh->results[2]);
	EXPECT_EQ(getpid(), sh->results[3]);
	EXPECT_EQ(pid, sh->results[4]);
	exit_stop = find_stop(t, pid, STOP_EXIT, 0);
	ASSERT_LE(0, exit_stop);
	EXPECT_EQ(pid, t->stops[exit_stop].rval);
}

/* Changes the lists and the mode at the entry stops of getppid, getpid. */
static void change_lists(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;

	if (s->kind != STOP_ENTRY)
		return;
	if (s->nr == __NR_getppid) {
		EXPECT_EQ(0, set_prog_list(s->pid, 0, NRS(__NR_getpid)));
		EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_getpid, __NR_getppid)));
	} else if (s->nr == __NR_getpid) {
		EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_gettid)));
		EXPECT_EQ(0, mask_mode(s->pid, MODE_BLACKLIST));
	}
}

TEST_F(mask, exit_stop_is_decided_at_entry_despite_new_lists)
{
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_getuid));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, change_lists, NULL);
	want_syscall(&e, __NR_getppid, true);	/* listed at entry */
	want_syscall(&e, __NR_getpid, false);	/* no-exit at entry */
	want_syscall(&e, __NR_getuid, true);	/* now a blacklist */
	want_syscall(&e, __NR_exit_group, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "lists changed at entry");
}

/* ---- single-step ---- */

/*
 * Steps over getppid from its entry stop. The kernel reports the step at
 * the syscall's exit, before any user instruction: where the entry stop
 * was. A step report is no exit stop: the mask must not drop it.
 */
static void check_step_over_syscall(struct __test_metadata *_metadata,
				    pid_t pid)
{
	struct ptrace_syscall_info entry, step;
	int status;

	ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == (SIGTRAP | 0x80)) {
		TH_LOG("no entry stop: wait status %#x", status);
	}
	ASSERT_LT(0, sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(entry),
				(unsigned long)&entry));
	ASSERT_EQ(PTRACE_SYSCALL_INFO_ENTRY, entry.op);
	ASSERT_EQ((__u64)__NR_getppid, entry.entry.nr);
	if (sys_ptrace(PTRACE_SINGLESTEP, pid, 0, 0) && errno == EIO)
		SKIP(return, "no PTRACE_SINGLESTEP on this kernel");
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP) {
		TH_LOG("after the step: wait status %#x", status);
	}
	ASSERT_LT(0, sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(step),
				(unsigned long)&step));
	EXPECT_EQ(entry.instruction_pointer, step.instruction_pointer) {
		TH_LOG("the step was not reported at the syscall's exit");
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_CONT, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Needs nothing: checks what the next test relies on. */
TEST_F(mask, step_from_entry_stop_is_reported_at_exit)
{
	standard_script(self->sh);
	check_step_over_syscall(_metadata, self->tracee);
}

TEST_F(mask, step_report_stays_without_exit_stop)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, set_prog_list(self->tracee, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, set_prog_list(self->tracee, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(self->tracee, MODE_WHITELIST));
	check_step_over_syscall(_metadata, self->tracee);
}

static void clear_mask_at_getppid(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;

	if (s->kind != STOP_ENTRY || s->nr != __NR_getppid)
		return;
	EXPECT_EQ(0, clear_mask(s->pid));
	expect_clean_mask(_metadata, s->pid, "cleared at an entry stop");
}

/*
 * A tracer that goes back to no mask while it goes on tracing gets every
 * stop again, exit stops included; the syscall it did so in keeps the
 * exit stop decided at its entry.
 */
TEST_F(mask, cleared_mask_at_entry_gives_classic_stops)
{
	struct expect e = { 0 };
	const struct trace *t;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_gettid));
	set_some_mask(_metadata, self->tracee);
	t = run(_metadata, self, self->tracee, PTRACE_SYSCALL,
		clear_mask_at_getppid, NULL);
	want_syscall(&e, __NR_getppid, false);	/* no-exit at entry */
	want_syscalls(&e, NRS(__NR_getpid, __NR_gettid));
	want_syscall(&e, __NR_exit_group, false);
	expect_stops(_metadata, t, self->tracee, NULL, 0, &e,
		     "mask cleared at entry");
}

/*
 * Resumes with PTRACE_CONT from the first exit stop on, and with
 * PTRACE_SYSCALL again from the PTRACE_EVENT_EXEC stop on: execve is
 * entered without syscall stops, which come back in its middle.
 */
static void syscall_stops_back_at_exec(struct tracer *tr, const struct stop *s)
{
	bool *exec_seen = tr->arg;

	if (s->kind == STOP_EXIT && !*exec_seen)
		tr->resume = PTRACE_CONT;
	if (s->kind == STOP_EVENT && s->nr == PTRACE_EVENT_EXEC) {
		*exec_seen = true;
		tr->resume = PTRACE_SYSCALL;
	}
}

/*
 * The tracee runs getppid, then execs this program, which runs getppid.
 * Without a mask it runs under PTRACE_CONT until the exec event; with
 * @masked, a whitelist that lists execve, it is traced until the exit stop
 * of getppid, then runs execve under PTRACE_CONT. From the exec event on
 * it is traced again, and gets the exit stop of execve either way.
 */
static void check_exec_event_resume(struct __test_metadata *_metadata,
				    FIXTURE_DATA(mask) * self, bool masked)
{
	static const int nrs[] = { __NR_getppid, NR_UNPAIRED };
	bool exec_seen = false;
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	script_syscalls(self->sh, NRS(__NR_getppid));
	script_add(self->sh, OP_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getppid");
	if (masked) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid,
						       __NR_execve)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
		want_syscall(&e, __NR_getppid, true);
	}
	/* execve's, though it got no entry stop */
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, true);	/* of the new image */
	t = run(_metadata, self, pid, masked ? PTRACE_SYSCALL : PTRACE_CONT,
		syscall_stops_back_at_exec, &exec_seen);
	EXPECT_TRUE(exec_seen);
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     masked ? "mask, PTRACE_SYSCALL at the exec event" :
		     "no mask, PTRACE_SYSCALL at the exec event");
}

/*
 * Needs nothing: classic ptrace reports the exit of a syscall entered
 * while syscall stops were off, when they come on in its middle. Not on
 * the 32-bit ARM kernel: its syscall return path looks at the flags of
 * syscall work only when other work is pending, so it may report the
 * exit stop or not.
 */
TEST_F(mask, classic_exit_stop_after_syscall_resume_at_exec_event)
{
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	check_exec_event_resume(_metadata, self, false);
}

/*
 * With a mask as without: execve got no entry stop because syscall stops
 * were off, and the tracer asks for them at the exec event: it gets the
 * exit stop of execve, although the mask lists execve.
 */
TEST_F(mask, exit_stop_after_syscall_resume_at_exec_event)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	check_exec_event_resume(_metadata, self, true);
}

/* ---- syscall stops on and off at a stop inside a syscall ---- */

struct inside_resume {
	int kind;	/* the stop inside the syscall: STOP_SECCOMP, STOP_EVENT */
	int event;	/* its PTRACE_EVENT_*, for STOP_EVENT */
	long resume;	/* how the tracer resumes from it */
	pid_t pid;	/* the tracee it applies to */
	int seen;
};

/*
 * Resumes with inside_resume::resume from the stop inside the syscall, and
 * from the exit stop that may follow with PTRACE_CONT, as strace
 * --seccomp-bpf does with PTRACE_SYSCALL from a seccomp stop.
 */
static void resume_inside_syscall(struct tracer *tr, const struct stop *s)
{
	struct inside_resume *ir = tr->arg;

	if (s->pid != ir->pid)
		return;
	if (s->kind == ir->kind &&
	    (s->kind != STOP_EVENT || s->nr == ir->event)) {
		ir->seen++;
		tr->resume = ir->resume;
	} else if (s->kind == STOP_EXIT && ir->seen) {
		tr->resume = PTRACE_CONT;
	}
}

enum seccomp_mask {
	SECCOMP_NO_MASK,	/* classic ptrace */
	SECCOMP_MASK_SKIPS,	/* a whitelist without getppid */
	SECCOMP_MASK_NOEXIT,	/* getppid in the stop and no-exit lists */
};

/*
 * The tracee runs getppid, getpid, getppid under a SECCOMP_RET_TRACE filter
 * for getppid. The tracer starts with @start and resumes from each seccomp
 * stop with PTRACE_SYSCALL, then from the exit stop with PTRACE_CONT.
 */
static void check_seccomp_then_syscall(struct __test_metadata *_metadata,
				       FIXTURE_DATA(mask) * self,
				       enum seccomp_mask how, long start)
{
	static const int nrs[] = { __NR_getppid, NR_UNPAIRED };
	struct inside_resume ir = {
		.kind = STOP_SECCOMP, .resume = PTRACE_SYSCALL,
	};
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid;

	if (how != SECCOMP_NO_MASK &&
	    mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_getppid));
	pid = spawn(_metadata, self, SPAWN_TRACEME | SPAWN_SECCOMP);
	ir.pid = pid;
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0,
				OPTIONS | PTRACE_O_TRACESECCOMP));
	if (how == SECCOMP_MASK_SKIPS) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getpid)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	} else if (how == SECCOMP_MASK_NOEXIT) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
		ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_getppid)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	}
	for (int i = 0; i < 2; i++) {
		if (start == PTRACE_SYSCALL && how == SECCOMP_MASK_NOEXIT) {
			/* Reported at entry, no exit stop: decided there. */
			want(&e, STOP_ENTRY, __NR_getppid, prog_arch());
			want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
			continue;
		}
		want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	}
	t = run(_metadata, self, pid, start, resume_inside_syscall, &ir);
	EXPECT_EQ(2, ir.seen);
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "PTRACE_SYSCALL from a seccomp stop");
	/* getppid of the tracee, which this process forked */
	EXPECT_EQ(getpid(), self->sh->results[0]);
	EXPECT_EQ(getpid(), self->sh->results[2]);
}

/* strace --seccomp-bpf: PTRACE_CONT, seccomp stop, PTRACE_SYSCALL, exit */
TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_classic)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_NO_MASK,
				   PTRACE_CONT);
}

TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_with_mask)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_SKIPS,
				   PTRACE_CONT);
}

/* The entry stop was not reported: the no-exit list does not apply. */
TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_despite_noexit)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_NOEXIT,
				   PTRACE_CONT);
}

/* Syscall stops on all along, the mask skipped the entry of getppid. */
TEST_F(mask, seccomp_stop_in_masked_syscall_then_syscall_gets_exit_stop)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_SKIPS,
				   PTRACE_SYSCALL);
}

/*
 * getppid is reported at entry and listed as no-exit: PTRACE_SYSCALL from
 * its seccomp stop gives no exit stop, as decided at entry.
 */
TEST_F(mask, seccomp_stop_keeps_the_entry_decision_of_a_reported_syscall)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_NOEXIT,
				   PTRACE_SYSCALL);
}

/* The syscalls vfork() may make: vfork, or clone where there is none. */
static struct nrs vfork_nrs(void)
{
#ifdef __NR_vfork
	return NRS(__NR_vfork, __NR_clone);
#else
	return NRS(__NR_clone);
#endif
}

/*
 * The tracee vforks a child that execs this program. The tracer starts
 * with @start and resumes from the PTRACE_EVENT_VFORK stop of the parent
 * with @at_event. @whitelist_vfork: a whitelist mask that lists the
 * syscall of vfork() (vfork or clone); otherwise one that does not.
 * The exit stop of the vfork follows iff syscall stops come on at the
 * event or the entry was reported and they stay on.
 */
static void check_vfork_event_resume(struct __test_metadata *_metadata,
				     FIXTURE_DATA(mask) * self, long start,
				     long at_event, bool whitelist_vfork)
{
	static const int nrs[] = { NR_UNPAIRED };
	struct inside_resume ir = {
		.kind = STOP_EVENT, .event = PTRACE_EVENT_VFORK,
		.resume = at_event,
	};
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;
	bool exit_stop;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	/* Syscall stops on at entry: arm's syscall work path looks at them */
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM && start != PTRACE_SYSCALL)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	ir.pid = pid;
	script_reset(self->sh);
	script_add(self->sh, OP_VFORK_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getpid");
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, whitelist_vfork ? vfork_nrs() :
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));

	exit_stop = at_event == PTRACE_SYSCALL;
	if (exit_stop)
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	t = run(_metadata, self, pid, start, resume_inside_syscall, &ir);
	EXPECT_EQ(1, ir.seen);
	/* A reported entry pairs its exit: look at unpaired exits only. */
	if (start == PTRACE_SYSCALL && whitelist_vfork)
		e.n = 0;
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "syscall stops changed at the vfork event");
	EXPECT_LT(0, self->sh->results[0]);
}

/* Off at entry, on at the event: the exit stop, though the mask skips */
TEST_F(mask, vfork_event_syscall_resume_gets_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_CONT, PTRACE_SYSCALL,
				 false);
}

/* On at entry, skipped by the mask, on at the event: the exit stop */
TEST_F(mask, vfork_event_syscall_resume_in_masked_syscall_gets_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_SYSCALL,
				 PTRACE_SYSCALL, false);
}

/* On at entry, skipped by the mask, off at the event: no exit stop */
TEST_F(mask, vfork_event_cont_in_masked_syscall_gets_no_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_SYSCALL, PTRACE_CONT,
				 false);
}

/* On at entry and reported, off at the event: no exit stop either */
TEST_F(mask, vfork_event_cont_drops_the_exit_stop)
{
	struct inside_resume ir = {
		.kind = STOP_EVENT, .event = PTRACE_EVENT_VFORK,
		.resume = PTRACE_CONT,
	};
	const struct trace *t;
	pid_t pid = self->tracee;
	int entry, i;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	ir.pid = pid;
	script_reset(self->sh);
	script_add(self->sh, OP_VFORK_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getpid");
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, vfork_nrs()));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, resume_inside_syscall, &ir);
	EXPECT_EQ(1, ir.seen);
	entry = find_stop(t, pid, STOP_ENTRY, 0);
	ASSERT_LE(0, entry);
	for (i = entry + 1; i < t->nstops; i++)
		if (t->stops[i].pid == pid)
			EXPECT_NE(STOP_EXIT, t->stops[i].kind);
}

/* The exec'd images of the tests run the syscalls named on the command line. */
int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], TRACEE_ARG))
		return run_named_syscalls(argc - 2, argv + 2);
	return test_harness_run(argc, argv);
}
