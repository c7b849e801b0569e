// SPDX-License-Identifier: GPL-2.0
/*
 * Tests that libtracy-fast behaves as Tracy did where a Tracy program can
 * tell, once per backend: how tracy_main() ends (TRACY_HOOK_ABORT, an
 * invalid hook result, Ctrl-C, a detached tracee still running), which
 * hook names tracy_set_hook() takes, TRACY_VERBOSE_SYSCALL, the errno of
 * a bad tracee address, when child_create runs, the QUIT event, x32's
 * syscall numbers. The tests that end a tracer run it in a process of
 * its own and look at how that process ends.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HARNESS_FILE	compat
#include "harness-file.h"
#include "libtracy.h"

/* Exit statuses of a forked tracer (besides tracy_quit()'s 1). */
#define TRACER_MAIN_RETURNED_0	0
#define TRACER_FAILED		2

static struct {
	int hook_result;
	int hook_calls;
	int first_hook_calls, second_hook_calls;
	int signals[NSIG];
	/* child_create: calls, and hooks that ran for a tracee before it. */
	int created;
	pid_t created_pids[64];
	int hooks_before_create;
	int created_attached_wrong;
	int created_backend_wrong;
	enum tracy_backend backend;
} st;

static bool was_created(pid_t pid)
{
	int i;

	for (i = 0; i < st.created; i++)
		if (st.created_pids[i] == pid)
			return true;
	return false;
}

static int counting_hook(struct tracy_event *e)
{
	st.hook_calls++;
	if (!was_created(e->child->pid))
		st.hooks_before_create++;
	return st.hook_result;
}

static int first_hook(struct tracy_event *e)
{
	(void)e;
	st.first_hook_calls++;
	return TRACY_HOOK_CONTINUE;
}

static int second_hook(struct tracy_event *e)
{
	(void)e;
	st.second_hook_calls++;
	return TRACY_HOOK_CONTINUE;
}

static int signal_counter(struct tracy_event *e)
{
	if (e->signal_num > 0 && e->signal_num < NSIG)
		st.signals[e->signal_num]++;
	return TRACY_HOOK_CONTINUE;
}

static void record_create(struct tracy_child *c)
{
	if (st.created < (int)(sizeof(st.created_pids) / sizeof(pid_t)))
		st.created_pids[st.created++] = c->pid;
	st.created_backend_wrong += c->backend != st.backend;
	/* Every tracee here descends from one we started. */
	st.created_attached_wrong += c->attached != 0;
}

FIXTURE(compat) {
	char self[PATH_MAX];
	struct tracy *t;
};

FIXTURE_VARIANT(compat) {
	enum tracy_backend backend;
};

FIXTURE_VARIANT_ADD(compat, classic) {
	.backend = TRACY_BACKEND_CLASSIC,
};

FIXTURE_VARIANT_ADD(compat, seccomp) {
	.backend = TRACY_BACKEND_SECCOMP,
};

FIXTURE_VARIANT_ADD(compat, kmask) {
	.backend = TRACY_BACKEND_KMASK,
};

FIXTURE_SETUP(compat)
{
	ASSERT_TRUE(self_path(self->self, sizeof(self->self)));
	memset(&st, 0, sizeof(st));
	st.backend = variant->backend;
	self->t = NULL;
}

FIXTURE_TEARDOWN(compat)
{
	tracy_free(self->t);
	check_leaks();
}

/* A session on the backend, or NULL if it cannot be had here (SKIP). */
static struct tracy *session(enum tracy_backend backend, long opt)
{
	struct tracy *t = tracy_init(opt | backend_opt(backend));

	if (t && use_backend(t, backend) != 1) {
		tracy_free(t);
		return NULL;
	}
	return t;
}

static bool backend_here(enum tracy_backend backend)
{
	struct tracy *t = session(backend, 0);

	tracy_free(t);
	return t != NULL;
}

static struct tracy_child *exec_script(struct tracy *t, const char *self,
				       const char *script)
{
	char *argv[] = { (char *)self, TRACEE_ARG, (char *)script, NULL };

	return tracy_exec(t, argv);
}

/*
 * In a process of its own: a session on 'backend' hooking getpid with
 * st.hook_result runs "loop" in tracy_main(); the process's wait status.
 * The tracee's pid goes to *tracee.
 */
static int tracer_with_hook_result(enum tracy_backend backend,
				   const char *self, int result, pid_t *tracee)
{
	int fds[2], status;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (!pid) {
		struct tracy *t = session(backend, 0);
		struct tracy_child *c;

		close(fds[0]);
		st.hook_result = result;
		if (!t || tracy_set_hook(t, "getpid", TRACY_ABI_NATIVE,
					 counting_hook))
			_exit(TRACER_FAILED);
		c = exec_script(t, self, "loop");
		if (!c || write(fds[1], &c->pid, sizeof(c->pid)) < 0)
			_exit(TRACER_FAILED);
		if (tracy_main(t))
			_exit(TRACER_FAILED);
		tracy_free(t);
		_exit(TRACER_MAIN_RETURNED_0);
	}
	close(fds[1]);
	*tracee = 0;
	if (read(fds[0], tracee, sizeof(*tracee)) < 0)
		*tracee = 0;
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* A process that no longer runs: gone, or a zombie waiting for init. */
static bool ended(pid_t pid)
{
	char path[64], state = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
		state = 0;
	fclose(f);
	return state == 'Z' || state == 'X';
}

/* As Tracy's event loop: tracy_quit(t, 1), the tracee killed first. */
TEST_F(compat, abort_in_tracy_main_ends_the_program)
{
	pid_t tracee;
	int status;

	if (!backend_here(variant->backend))
		SKIP(return, "backend not available here");
	status = tracer_with_hook_result(variant->backend, self->self,
					 TRACY_HOOK_ABORT, &tracee);
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("tracer status %#x", status);
	EXPECT_EQ(1, WEXITSTATUS(status));
	ASSERT_LT(0, tracee);
	EXPECT_TRUE(ended(tracee));
}

TEST_F(compat, invalid_hook_result_in_tracy_main_ends_the_program)
{
	pid_t tracee;
	int status;

	if (!backend_here(variant->backend))
		SKIP(return, "backend not available here");
	status = tracer_with_hook_result(variant->backend, self->self, 42,
					 &tracee);
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("tracer status %#x", status);
	EXPECT_EQ(1, WEXITSTATUS(status));
	ASSERT_LT(0, tracee);
	EXPECT_TRUE(ended(tracee));
}

/* A program with a loop of its own gets ECANCELED, and goes on. */
TEST_F(compat, abort_in_own_loop_is_ecanceled)
{
	struct tracy_event *e;
	struct tracy_child *c;
	pid_t pid;

	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	st.hook_result = TRACY_HOOK_ABORT;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    counting_hook));
	c = exec_script(self->t, self->self, "loop");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	errno = 0;
	e = tracy_wait_event(self->t, -1);
	EXPECT_TRUE(e == NULL);
	EXPECT_EQ(ECANCELED, errno);
	EXPECT_EQ(1, st.hook_calls);
	EXPECT_EQ(0, tracy_children_count(self->t));
	EXPECT_TRUE(ended(pid));
}

/*
 * In a process of its own: runs "loop" started (or, attach, attached to)
 * in tracy_main(), and writes the tracee's pid once tracy_main() runs.
 * Exits 0 if tracy_main() returned 0 after the tracee got SIGINT (start)
 * or at once (attach).
 */
static pid_t ctrl_c_tracer(enum tracy_backend backend, const char *self,
			   pid_t attach_to, int fd)
{
	pid_t pid = fork();
	struct tracy_child *c;
	struct tracy *t;

	if (pid)
		return pid;
	/*
	 * As a shell starts a program in the foreground. One started in the
	 * background by a non-interactive shell (make test &) inherits
	 * SIGINT ignored, and so would the tracee, which then outlives it.
	 */
	signal(SIGINT, SIG_DFL);
	t = session(backend, 0);
	if (!t || tracy_set_signal_hook(t, signal_counter))
		_exit(TRACER_FAILED);
	c = attach_to ? tracy_attach(t, attach_to) :
			exec_script(t, self, "loop");
	if (!c || write(fd, &c->pid, sizeof(c->pid)) < 0)
		_exit(TRACER_FAILED);
	if (tracy_main(t))
		_exit(TRACER_FAILED);
	/* Tracy's programs free the session after tracy_main(). */
	tracy_free(t);
	_exit(attach_to || st.signals[SIGINT] ? TRACER_MAIN_RETURNED_0 :
						TRACER_FAILED);
}

/* Does pid catch SIGINT (tracy_main() runs)? From /proc/PID/status. */
static bool catches_sigint(pid_t pid)
{
	unsigned long long caught = 0;
	char path[64], line[128];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		sscanf(line, "SigCgt: %llx", &caught);
	fclose(f);
	return caught & (1ULL << (SIGINT - 1));
}

/* Sends SIGINT to the tracer once it runs tracy_main(); its status. */
static int interrupt(pid_t tracer, int fd, pid_t *tracee)
{
	int status, tries;

	if (read(fd, tracee, sizeof(*tracee)) != sizeof(*tracee))
		*tracee = 0;
	for (tries = 0; tries < 1000 && !catches_sigint(tracer); tries++)
		usleep(10000);
	/* valgrind catches every signal itself: give it time besides. */
	usleep(300000);
	kill(tracer, SIGINT);
	if (waitpid(tracer, &status, 0) != tracer)
		return -1;
	return status;
}

TEST_F(compat, ctrl_c_goes_to_the_started_tracee)
{
	pid_t tracer, tracee;
	int fds[2], status;

	if (!backend_here(variant->backend))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, pipe(fds));
	tracer = ctrl_c_tracer(variant->backend, self->self, 0, fds[1]);
	close(fds[1]);
	ASSERT_LT(0, tracer);
	status = interrupt(tracer, fds[0], &tracee);
	close(fds[0]);
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("tracer status %#x", status);
	EXPECT_EQ(TRACER_MAIN_RETURNED_0, WEXITSTATUS(status))
		TH_LOG("the tracee did not get SIGINT, or tracy_main failed");
	EXPECT_TRUE(ended(tracee));
}

/* Only an attached tracee: the loop ends, tracy_free() detaches it. */
TEST_F(compat, ctrl_c_ends_the_loop_and_detaches)
{
	char *argv[] = { self->self, TRACEE_ARG, "loop", NULL };
	pid_t tracer, tracee, loop;
	int fds[2], status;
	char path[64], line[128];
	int tracer_pid = -1;
	FILE *f;

	if (variant->backend == TRACY_BACKEND_SECCOMP)
		SKIP(return, "seccomp cannot attach (seccomp_cannot_attach)");
	if (!backend_here(variant->backend))
		SKIP(return, "backend not available here");
	loop = fork();
	ASSERT_LE(0, loop);
	if (!loop) {
		execv(argv[0], argv);
		_exit(TRACEE_USAGE);
	}
	ASSERT_EQ(0, pipe(fds));
	tracer = ctrl_c_tracer(variant->backend, self->self, loop, fds[1]);
	close(fds[1]);
	ASSERT_LT(0, tracer);
	status = interrupt(tracer, fds[0], &tracee);
	close(fds[0]);
	EXPECT_EQ(loop, tracee);
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("tracer status %#x", status);
	EXPECT_EQ(TRACER_MAIN_RETURNED_0, WEXITSTATUS(status));
	/* It runs on, traced by nobody. */
	EXPECT_EQ(0, waitpid(loop, &status, WNOHANG));
	snprintf(path, sizeof(path), "/proc/%d/status", loop);
	f = fopen(path, "r");
	ASSERT_TRUE(f != NULL);
	while (fgets(line, sizeof(line), f))
		sscanf(line, "TracerPid: %d", &tracer_pid);
	fclose(f);
	EXPECT_EQ(0, tracer_pid);
	kill(loop, SIGKILL);
	waitpid(loop, &status, 0);
}

/*
 * A started tracee detached by a hook is still our child: tracy_main()
 * returns when it has ended (and reaped it), as Tracy's loop did.
 */
TEST_F(compat, tracy_main_waits_for_a_detached_tracee)
{
	struct timespec t0, t1;
	struct tracy_child *c;
	long ms;
	pid_t pid;

	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	st.hook_result = TRACY_HOOK_DETACH_CHILD;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    counting_hook));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	c = exec_script(self->t, self->self, "getpid_sleep");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, tracy_main(self->t));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	EXPECT_EQ(1, st.hook_calls);
	EXPECT_LE(SLEEP_AFTER_GETPID_MS, ms);
	/* Ended and reaped: no zombie of ours is left. */
	errno = 0;
	EXPECT_EQ(-1, waitpid(pid, NULL, WNOHANG));
	EXPECT_EQ(ECHILD, errno);
}

/* A name no ABI here has, but another ABI has: accepted, never called. */
TEST_F(compat, hook_on_a_syscall_of_another_abi)
{
	static const char *const candidates[] = {
		"stat64", "newfstatat", "arch_prctl",
	};
	const char *name = NULL;
	struct tracy_child *c;
	unsigned int i;

	for (i = 0; i < sizeof(candidates) / sizeof(*candidates) && !name; i++)
		if (get_syscall_number_abi(candidates[i], TRACY_ABI_NATIVE) < 0)
			name = candidates[i];
	ASSERT_TRUE(name != NULL);
	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	EXPECT_EQ(0, tracy_set_hook(self->t, name, TRACY_ABI_NATIVE,
				    first_hook)) TH_LOG("%s refused", name);
	errno = 0;
	EXPECT_EQ(-1, tracy_set_hook(self->t, "no_such_syscall",
				     TRACY_ABI_NATIVE, first_hook));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    counting_hook));
	c = exec_script(self->t, self->self, "getppid_twice");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, tracy_main(self->t));
	EXPECT_EQ(0, st.first_hook_calls);
	EXPECT_EQ(4, st.hook_calls);
	EXPECT_EQ(0, tracy_unset_hook(self->t, name, TRACY_ABI_NATIVE));
}

/* As Tracy: the first hook of a syscall stays, a second is refused. */
TEST_F(compat, second_hook_for_a_syscall_is_refused)
{
	struct tracy_child *c;

	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    first_hook));
	errno = 0;
	EXPECT_EQ(-1, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				     second_hook));
	EXPECT_EQ(EEXIST, errno);
	c = exec_script(self->t, self->self, "getppid_twice");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, tracy_main(self->t));
	EXPECT_EQ(4, st.first_hook_calls);
	EXPECT_EQ(0, st.second_hook_calls);
	/* Once unset, another may take its place. */
	EXPECT_EQ(0, tracy_unset_hook(self->t, "getppid", TRACY_ABI_NATIVE));
	EXPECT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    second_hook));
}

/* Counts the lines of out that name syscall 'name' with "Pre: pre". */
static int verbose_lines(const char *out, const char *name, int pre)
{
	char needle[64];
	const char *p;
	int n = 0;

	snprintf(needle, sizeof(needle), "System call: %s (", name);
	for (p = out; (p = strstr(p, needle)); p++) {
		const char *end = strchr(p, '\n');
		const char *at = strstr(p, "Pre: ");

		if (at && (!end || at < end) && at[5] == '0' + pre)
			n++;
	}
	return n;
}

/* Every syscall printed, hooked or not: the tracee stops at each. */
TEST_F(compat, verbose_syscall_prints_every_syscall)
{
	char path[] = "/tmp/tracy-verbose-XXXXXX", *out;
	struct tracy_child *c;
	int fd, saved;
	long size;
	FILE *f;

	self->t = session(variant->backend, TRACY_VERBOSE_SYSCALL);
	if (!self->t)
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    counting_hook));
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	unlink(path);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	c = exec_script(self->t, self->self, "getppid_twice");
	EXPECT_TRUE(c != NULL);
	EXPECT_EQ(0, c ? tracy_main(self->t) : -1);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	size = lseek(fd, 0, SEEK_END);
	ASSERT_LT(0, size);
	out = calloc(1, size + 1);
	ASSERT_TRUE(out != NULL);
	f = fdopen(fd, "r");
	rewind(f);
	EXPECT_EQ(1, (long)fread(out, size, 1, f));
	fclose(f);
	EXPECT_EQ(2, verbose_lines(out, "getppid", 1)) TH_LOG("%s", out);
	EXPECT_EQ(2, verbose_lines(out, "getppid", 0));
	/* No hook: printed all the same. The tracee ends with _exit(). */
	EXPECT_EQ(1, verbose_lines(out, "exit_group", 1));
	EXPECT_EQ(4, st.hook_calls);
	free(out);
}

/*
 * child_create runs once per tracee, before tracy_exec() returns or a
 * hook sees the tracee, with the tracee's backend and attached settled.
 */
TEST_F(compat, child_create_runs_before_anything_of_the_tracee)
{
	struct tracy_child *c;

	self->t = session(variant->backend, TRACY_TRACE_CHILDREN);
	if (!self->t)
		SKIP(return, "backend not available here");
	self->t->se.child_create = record_create;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    counting_hook));
	c = exec_script(self->t, self->self, "fork");
	ASSERT_TRUE(c != NULL);
	/* As Tracy: before tracy_exec() returns. */
	EXPECT_EQ(1, st.created);
	EXPECT_EQ(c->pid, st.created_pids[0]);
	ASSERT_EQ(0, tracy_main(self->t));
	EXPECT_LE(2, st.created);
	EXPECT_LE(2, st.hook_calls);
	EXPECT_EQ(0, st.hooks_before_create);
	EXPECT_EQ(0, st.created_backend_wrong);
	EXPECT_EQ(0, st.created_attached_wrong);
}

/*
 * The QUIT event of a tracee's end: its child, exit status or signal in
 * signal_num, syscall_num 0; tracy_remove_child() on it is harmless, as
 * Tracy's programs call it.
 */
TEST_F(compat, quit_event_fields)
{
	struct tracy_event *e;
	struct tracy_child *c;
	pid_t pid;
	int i;

	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    counting_hook));
	for (i = 0; i < 2; i++) {
		c = exec_script(self->t, self->self, i ? "loop" : "deny");
		ASSERT_TRUE(c != NULL);
		pid = c->pid;
		for (;;) {
			e = tracy_wait_event(self->t, -1);
			ASSERT_TRUE(e != NULL);
			if (e->type == TRACY_EVENT_QUIT)
				break;
			if (i)
				kill(pid, SIGTERM);
			ASSERT_EQ(0, tracy_continue(e, 0));
		}
		EXPECT_EQ(pid, e->child->pid);
		EXPECT_EQ(0, e->syscall_num);
		/* "deny" got no EPERM here: its own status, TRACEE_WRONG. */
		EXPECT_EQ(i ? SIGTERM : TRACEE_WRONG, e->signal_num);
		EXPECT_EQ(0, tracy_remove_child(e->child));
		EXPECT_EQ(0, tracy_children_count(self->t));
		e = tracy_wait_event(self->t, -1);
		ASSERT_TRUE(e != NULL);
		EXPECT_EQ(TRACY_EVENT_NONE, e->type);
	}
}

/* A bad tracee address fails with EIO, as Tracy's /proc/PID/mem read. */
static int bad_address_hook(struct tracy_event *e)
{
	char byte = 0;

	errno = 0;
	st.hook_calls += tracy_read_mem(e->child, &byte, (void *)8, 1) == -1 &&
			 errno == EIO;
	errno = 0;
	st.hook_calls += tracy_write_mem(e->child, (void *)8, &byte, 1) == -1 &&
			 errno == EIO;
	errno = 0;
	st.hook_calls += tracy_read_string(e->child, (void *)8) == NULL &&
			 errno == EIO;
	return TRACY_HOOK_CONTINUE;
}

TEST_F(compat, memory_errors_are_eio)
{
	struct tracy_child *c;

	self->t = session(variant->backend, 0);
	if (!self->t)
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook_flags(self->t, "getppid", TRACY_ABI_NATIVE,
					  bad_address_hook,
					  TRACY_HOOK_ENTRY_ONLY));
	c = exec_script(self->t, self->self, "getppid_twice");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, tracy_main(self->t));
	/* Three checks at each of the two entries. */
	EXPECT_EQ(6, st.hook_calls);
}

/* TEST()'s wrapper has a variant parameter it does not use. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* x32 syscalls carry __X32_SYSCALL_BIT, as in Tracy's x32 table. */
TEST(x32_numbers_as_tracy)
{
#if defined(__x86_64__)
	long write_nr = get_syscall_number_abi("write", TRACY_ABI_X32);

	EXPECT_EQ(0x40000000L | 1, write_nr);
	EXPECT_STREQ("write", get_syscall_name_abi(0x40000001, TRACY_ABI_X32));
	EXPECT_EQ(0x40000000L | 512,
		  get_syscall_number_abi("rt_sigaction", TRACY_ABI_X32));
	EXPECT_EQ(1, get_syscall_number_abi("write", TRACY_ABI_AMD64));
#else
	SKIP(return, "no x32 ABI on this architecture");
#endif
}

/* What Tracy's programs call besides the API proper. */
TEST(tracy_extras)
{
	struct tracy_ll *ll = ll_init();
	struct tracy_ll_item *item;
	int a, b;

	ASSERT_TRUE(ll != NULL);
	EXPECT_EQ(0, ll_add(ll, 1, &a));
	EXPECT_EQ(0, ll_add(ll, 2, &b));
	EXPECT_EQ(-1, ll_add(ll, 1, &b));
	item = ll_find(ll, 2);
	ASSERT_TRUE(item != NULL);
	EXPECT_TRUE(item->data == &b);
	EXPECT_TRUE(ll->head->data == &a && ll->head->next == item);
	EXPECT_EQ(0, ll_del(ll, 1));
	EXPECT_EQ(-1, ll_del(ll, 1));
	EXPECT_TRUE(ll->head == item && !item->prev);
	EXPECT_EQ(0, ll_free(ll));
	EXPECT_STREQ("getpid", get_syscall_name(get_syscall_number("getpid")));
	EXPECT_EQ(get_syscall_number_abi("getpid", TRACY_ABI_NATIVE),
		  get_syscall_number("getpid"));
	check_leaks();
}
