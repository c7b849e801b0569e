// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: races between a tracer that
 * drops or replaces a mask and the tracee's threads that read it on another
 * CPU.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

/*
 * ---- races: the lifetime of a mask that running threads read ----
 *
 * These tests drop, replace or inherit a mask while threads of the tracee
 * run masked syscalls on the other CPU, hundreds of times. On their own
 * they catch a crash, a hang or a wrong mask; in a kernel with KASAN and
 * lockdep also a use after free, such as a mask freed under a tracee
 * that still reads it. With one CPU they still run, but race less.
 */

#define RACE_THREADS	3
#define RACE_ROUNDS	200
#define RACE_OPTIONS	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE)

struct race {
	int ready;			/* threads that stored their tid */
	pid_t tids[RACE_THREADS + 1];	/* [0]: the main thread */
	int forks;			/* children the fork storm made */
};

static struct race *race_map(void)
{
	struct race *r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return r == MAP_FAILED ? NULL : r;
}

/* Past every syscall table: -ENOSYS, and no stop in whitelist mode */
#define RACE_PAST_TABLE	100000

/*
 * getpid, sched_yield and a number past the table are in no stop list of
 * these tests. The entry decides the first two inline, in entry code that
 * KASAN does not instrument, and the third out of line, where KASAN sees a
 * read of a freed mask. The yield lets the tracer run often enough on a
 * CPU it shares with the spinners.
 */
static void race_spin(void)
{
	for (;;) {
		syscall(__NR_getpid);
		syscall(RACE_PAST_TABLE);
		syscall(__NR_sched_yield);
	}
}

/* Hundreds of rounds where the threads can race; fewer where they cannot. */
static int race_rounds(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) < 2 ? RACE_ROUNDS / 4 :
						   RACE_ROUNDS;
}

static void *race_thread(void *arg)
{
	struct race *r = arg;
	int i = __atomic_add_fetch(&r->ready, 1, __ATOMIC_SEQ_CST);

	r->tids[i] = syscall(__NR_gettid);
	race_spin();
	return NULL;
}

/*
 * The tracee: RACE_THREADS threads spin getpid; the main thread spins too,
 * or forks children that exit at once, as fast as it can.
 */
static void race_tracee(struct race *r, bool fork_storm)
{
	pthread_t thread;

	r->tids[0] = syscall(__NR_gettid);
	for (int i = 0; i < RACE_THREADS; i++)
		if (pthread_create(&thread, NULL, race_thread, r))
			_exit(2);
	while (fork_storm) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0 && waitpid(pid, NULL, 0) == pid)
			__atomic_add_fetch(&r->forks, 1, __ATOMIC_SEQ_CST);
	}
	race_spin();
}

static pid_t race_spawn(struct race *r, bool fork_storm)
{
	pid_t pid = fork();

	if (pid == 0) {
		race_tracee(r, fork_storm);
		_exit(0);
	}
	while (pid > 0 &&
	       __atomic_load_n(&r->ready, __ATOMIC_SEQ_CST) < RACE_THREADS)
		sched_yield();
	return pid;
}

/*
 * Stops running thread @tid of a tracee seized by the caller. Any
 * ptrace-stop will do: one that comes first, such as a fork event of the
 * fork storm, takes the place of the PTRACE_EVENT_STOP, which the kernel
 * then drops (any trap clears a pending STOP trap), so waiting on for it
 * would wait for ever.
 */
static int race_interrupt(pid_t tid)
{
	int status;

	if (sys_ptrace(PTRACE_INTERRUPT, tid, 0, 0))
		return -errno;
	if (waitpid(tid, &status, __WALL) != tid)
		return -errno;
	return WIFSTOPPED(status) ? 0 : -ECHILD;
}

/* A whitelist of getppid (and gettid if @more): nothing the threads do. */
static int race_set_mask(pid_t tid, bool more)
{
	struct list l = { { 0 } };
	int ret;

	list_add(&l, list_bit(__NR_getppid));
	if (more)
		list_add(&l, list_bit(__NR_gettid));
	ret = mask_set(tid, 0, 0, &l, LIST_BITS);
	return ret ? ret : mask_mode(tid, MODE_WHITELIST);
}

enum race_end { RACE_EXIT, RACE_DETACH };

/*
 * The helper tracer of one round: seizes every thread, gives each a mask
 * and PTRACE_SYSCALL, lets them run a little, then exits or detaches while
 * they run. Its exit status says what went wrong.
 */
static int race_tracer(struct race *r, int round, enum race_end end,
		       long options)
{
	for (int i = 0; i <= RACE_THREADS; i++) {
		pid_t tid = r->tids[i];

		if (sys_ptrace(PTRACE_SEIZE, tid, 0, options))
			return 10;
		if (race_interrupt(tid))
			return 11;
		if (race_set_mask(tid, round & 1))
			return 12;
		if (sys_ptrace(PTRACE_SYSCALL, tid, 0, 0))
			return 13;
	}
	for (int i = 0; i < round % 8; i++)
		sched_yield();
	if (end == RACE_DETACH) {
		for (int i = 0; i <= RACE_THREADS; i++) {
			if (race_interrupt(r->tids[i]))
				return 14;
			if (sys_ptrace(PTRACE_DETACH, r->tids[i], 0, 0))
				return 15;
		}
	}
	return 0;
}

static void race_tracer_ends(struct __test_metadata *_metadata,
			     FIXTURE_DATA(mask) * self, enum race_end end,
			     bool fork_storm)
{
	long options = fork_storm ? RACE_OPTIONS | PTRACE_O_TRACEFORK :
				    RACE_OPTIONS;
	struct race *r;
	pid_t tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		TH_LOG("one CPU: the tracee's threads do not really race");
	r = race_map();
	ASSERT_TRUE(!!r);
	tracee = race_spawn(r, fork_storm);
	ASSERT_LT(0, tracee);
	self->pids[self->npids++] = tracee;

	for (int round = 0; round < race_rounds(); round++) {
		pid_t helper = fork();
		int status;

		ASSERT_LE(0, helper);
		if (helper == 0)
			_exit(race_tracer(r, round, end, options));
		ASSERT_EQ(helper, waitpid(helper, &status, 0));
		ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status)) {
			TH_LOG("round %d: the tracer ended with %#x", round,
			       status);
		}
		/* The tracee runs on, untraced and unharmed. */
		ASSERT_EQ(0, waitpid(tracee, &status, WNOHANG | __WALL)) {
			TH_LOG("round %d: the tracee ended with %#x", round,
			       status);
		}
	}
	if (fork_storm)
		EXPECT_LT(0, __atomic_load_n(&r->forks, __ATOMIC_SEQ_CST));
	kill(tracee, SIGKILL);
	munmap(r, sizeof(*r));
}

TEST_F_TIMEOUT(mask, race_tracer_exits_while_masked_threads_run, 300)
{
	race_tracer_ends(_metadata, self, RACE_EXIT, false);
}

TEST_F_TIMEOUT(mask, race_tracer_detaches_while_sibling_threads_run, 300)
{
	race_tracer_ends(_metadata, self, RACE_DETACH, false);
}

/* Auto-attached children take a reference on the mask as the tracer exits. */
TEST_F_TIMEOUT(mask, race_fork_storm_while_tracer_exits, 300)
{
	race_tracer_ends(_metadata, self, RACE_EXIT, true);
}

/*
 * The threads share one mask (they inherit it through PTRACE_O_TRACECLONE
 * while traced). The tracer replaces the mask of one thread at a time,
 * which drops that thread's reference to the shared mask while the others
 * still read it.
 */
TEST_F_TIMEOUT(mask, race_mask_replaced_while_siblings_share_it, 300)
{
	struct mask_state want, seen;
	struct race *r;
	pid_t tracee;
	int status;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	r = race_map();
	ASSERT_TRUE(!!r);
	tracee = fork();
	ASSERT_LE(0, tracee);
	if (tracee == 0) {
		raise(SIGSTOP);
		race_tracee(r, false);
	}
	self->pids[self->npids++] = tracee;
	ASSERT_EQ(tracee, waitpid(tracee, &status, WUNTRACED));
	ASSERT_EQ(0, sys_ptrace(PTRACE_SEIZE, tracee, 0,
				RACE_OPTIONS | PTRACE_O_EXITKILL));
	ASSERT_EQ(0, race_set_mask(tracee, false));
	kill(tracee, SIGCONT);
	/*
	 * Follow the clones until every thread runs, each with the mask. Not
	 * blocking: the last thread may count itself ready just after the
	 * check, and then no stop is left to wake a blocking wait.
	 */
	while (__atomic_load_n(&r->ready, __ATOMIC_SEQ_CST) < RACE_THREADS) {
		pid_t tid = waitpid(-1, &status, __WALL | WNOHANG);

		ASSERT_LE(0, tid);
		if (!tid) {
			sched_yield();
			continue;
		}
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, tid, 0, 0));
	}

	for (int round = 0; round < race_rounds(); round++) {
		pid_t tid = r->tids[round % (RACE_THREADS + 1)];

		ASSERT_EQ(0, race_interrupt(tid)) {
			TH_LOG("round %d: thread %d did not stop", round, tid);
		}
		ASSERT_EQ(0, race_set_mask(tid, round & 1));
		ASSERT_EQ(0, mask_snapshot(tid, &seen));
		ASSERT_EQ(0, race_set_mask(tid, round & 1));
		ASSERT_EQ(0, mask_snapshot(tid, &want));
		EXPECT_TRUE(mask_state_equal(&want, &seen));
		ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, tid, 0, 0));
	}
	kill(tracee, SIGKILL);
	/*
	 * Traced threads that die wait for their tracer, this test, to reap
	 * them, and until they are reaped the leader cannot be: the fixture's
	 * teardown, which waits for the leader only, would wait for ever.
	 */
	for (int i = 1; i <= RACE_THREADS; i++)
		while (waitpid(r->tids[i], &status, __WALL) == r->tids[i] &&
		       !WIFEXITED(status) && !WIFSIGNALED(status))
			;
	munmap(r, sizeof(*r));
}

TEST_HARNESS_MAIN
