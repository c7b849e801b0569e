// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: the lifetime of a mask. Detach
 * and the exit of the tracer clear it; a fork, vfork or thread child that
 * the tracer follows inherits it, one it does not follow starts without;
 * execve keeps it.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

/* The spinning tracee's script after the spin: every stop expected. */
static void expect_all_stops(struct __test_metadata *_metadata,
			     const struct trace *t, pid_t pid)
{
	static const int nrs[] = { __NR_getppid, __NR_getpid };
	struct expect e = { 0 };

	want_syscalls(&e, NRS(__NR_getppid, __NR_getpid, __NR_getppid));
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "a later tracer");
}

static void spin_script(struct shared *sh)
{
	script_reset(sh);
	script_add(sh, OP_SPIN, 0, 0);
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
}

/* A second tracer: attaches, checks the mask is clean, traces to the end. */
static void later_tracer(struct __test_metadata *_metadata,
			 FIXTURE_DATA(mask) * self, pid_t pid)
{
	struct tracer t = {
		.resume = PTRACE_SYSCALL, .out = &self->sh->other_trace,
	};

	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, pid, "after the first tracer detached");
	script_go(self->sh);
	EXPECT_EQ(0, trace_run(&t, pid)) {
		TH_LOG("second tracer: %s", t.out->error);
	}
}

TEST_F(mask, detach_clears_the_mask)
{
	struct mask_state s;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	spin_script(self->sh);
	set_some_mask(_metadata, pid);
	ASSERT_EQ(0, mask_snapshot(pid, &s));
	ASSERT_EQ(MODE_WHITELIST, s.mode);
	ASSERT_EQ(0, sys_ptrace(PTRACE_DETACH, pid, 0, 0));
	wait_helper(_metadata, helper(_metadata, self, later_tracer, pid));
	expect_all_stops(_metadata, &self->sh->other_trace, pid);
}

/* The first tracer: seizes, sets a mask, exits with the tracee stopped. */
static void exiting_tracer(struct __test_metadata *_metadata,
			   FIXTURE_DATA(mask) * self, pid_t pid)
{
	struct mask_state s;

	(void)self;
	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD);
	set_some_mask(_metadata, pid);
	EXPECT_EQ(0, mask_snapshot(pid, &s));
	EXPECT_EQ(MODE_WHITELIST, s.mode);
}

TEST_F(mask, tracer_exit_clears_the_mask)
{
	const struct trace *t;
	pid_t pid;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	spin_script(self->sh);
	pid = spawn(_metadata, self, SPAWN_FREE);
	wait_helper(_metadata, helper(_metadata, self, exiting_tracer, pid));
	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, pid, "after the first tracer exited");
	script_go(self->sh);
	t = run(_metadata, self, pid, PTRACE_SYSCALL, NULL, NULL);
	expect_all_stops(_metadata, t, pid);
}

static void compare_new_tracee(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;
	struct mask_check *mc = tr->arg;

	if (s->kind != STOP_NEW)
		return;
	mc->checks++;
	expect_mask(_metadata, s->pid, &mc->want,
		    "a new tracee, against its parent's");
	/* The copy is the child's own: this must not reach the parent. */
	EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid, __NR_getppid)));
}

/*
 * @op makes a new tracee that runs getppid, gettid, getpid; then the
 * parent does. The new tracee starts with its parent's mask, and changes
 * to it at its first stop leave the parent's alone.
 */
static void check_inheritance(struct __test_metadata *_metadata,
			      FIXTURE_DATA(mask) * self, int op)
{
	struct mask_check mc = { 0 };
	struct expect e = { 0 };
	const struct trace *t;
	int born;
	struct shared *sh = self->sh;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_reset(sh);
	script_add(sh, op, 0, op == OP_VFORK_EXEC ? 0 : 3);
	if (op == OP_VFORK_EXEC) {
		script_exec_args(sh, "/proc/self/exe", "getppid gettid getpid");
	} else {
		script_add(sh, OP_SYSCALL, __NR_getppid, 0);
		script_add(sh, OP_SYSCALL, __NR_gettid, 0);
		script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	}
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
	script_add(sh, OP_SYSCALL, __NR_gettid, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_gettid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid)));
	if (other_kernel_abi()) {
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch, 0,
				      NRS(5, 6)));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &mc.want));

	t = run(_metadata, self, pid, PTRACE_SYSCALL, compare_new_tracee, &mc);
	EXPECT_EQ(1, mc.checks);
	/*
	 * fork, vfork or clone gets no entry stop, but PTRACE_SYSCALL from
	 * its event stop asks for its exit stop.
	 */
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "the parent");
	born = find_stop(t, 0, STOP_NEW, 0);
	ASSERT_LE(0, born);
	e.n = 0;
	/* The vfork child's execve, from its exec event stop likewise. */
	if (op == OP_VFORK_EXEC)
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, false);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, t->stops[born].pid, NULL, 0, &e,
		     "the new tracee");
	EXPECT_EQ(0, sh->results[0] < 0) {
		TH_LOG("the tracee could not make its child: %ld",
		       sh->results[0]);
	}
}

TEST_F(mask, fork_child_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_FORK);
}

TEST_F(mask, vfork_child_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_VFORK_EXEC);
}

TEST_F(mask, thread_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_THREAD);
}

/* The result of call @i of the script, once it is there (up to 10 s). */
static long wait_for_result(struct shared *sh, int i)
{
	long ret;

	for (int tries = 0; tries < 10000; tries++) {
		ret = __atomic_load_n(&sh->results[i], __ATOMIC_ACQUIRE);
		if (ret)
			return ret;
		usleep(1000);
	}
	return 0;
}

/*
 * A child that is not auto-attached (no PTRACE_O_TRACEFORK) starts without
 * a mask, whatever its parent's: a tracer that attaches to it later finds
 * classic ptrace.
 */
TEST_F(mask, child_not_auto_attached_has_no_mask)
{
	struct shared *sh = self->sh;
	pid_t pid = self->tracee, child;
	int status;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	/* The child tells its pid, then spins until script_go(). */
	script_reset(sh);
	script_add(sh, OP_FORK, 0, 2);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SPIN, 0, 0);
	set_some_mask(_metadata, pid);
	ASSERT_EQ(0, sys_ptrace(PTRACE_CONT, pid, 0, 0));
	child = wait_for_result(sh, 1);
	ASSERT_LT(0, child) {
		TH_LOG("no child of the tracee ran: fork returned %ld",
		       sh->results[0]);
	}
	seize(_metadata, child, PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, child, "a child forked untraced");

	/* Both run to their end, the child untraced again. */
	ASSERT_EQ(0, kill(pid, SIGSTOP));
	ASSERT_EQ(pid, waitpid(pid, &status, __WALL));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	script_go(sh);
	ASSERT_EQ(0, sys_ptrace(PTRACE_DETACH, child, 0, 0));
	run(_metadata, self, pid, PTRACE_CONT, NULL, NULL);
	EXPECT_EQ(child, sh->results[0]);
}

static void compare_after_exec(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;
	struct mask_check *mc = tr->arg;

	if (s->kind != STOP_EVENT || s->nr != PTRACE_EVENT_EXEC)
		return;
	mc->checks++;
	expect_mask(_metadata, s->pid, &mc->want,
		    "after execve, against before");
}

TEST_F(mask, exec_keeps_the_mask)
{
	struct mask_check mc = { 0 };
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	exec_script(self->sh, "/proc/self/exe", "getppid gettid getpid");
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_gettid,
					       __NR_execve)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &mc.want));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, compare_after_exec, &mc);
	EXPECT_EQ(1, mc.checks);
	want_syscall(&e, __NR_execve, true);
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "across execve");
}

/* The exec'd images of the tests run the syscalls named on the command line. */
int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], TRACEE_ARG))
		return run_named_syscalls(argc - 2, argv + 2);
	return test_harness_run(argc, argv);
}
