// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of syscall injection (tracy_inject_syscall(), its asynchronous
 * kind, tracy_mmap(), tracy_munmap(), tracy_safe_fork()), once per
 * backend: at the first getppid stop of a tracee (entry or exit, hooked
 * for both or at the entry only, where kmask spares the tracee the exit
 * stop), the hook injects syscalls the tracee does not hook, and checks
 * their results; the tracee's script checks that they ran (umask) and
 * that its own getppid still ran, with its own result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HARNESS_FILE	inject
#include "harness-file.h"
#include "libtracy.h"

#ifndef CLONE_VFORK
# define CLONE_VFORK	0x00004000
#endif

#define PAGE		4096
#define NO_RESULT	LONG_MIN	/* the injection itself failed */

enum scenario {
	SYNC,		/* getpid, close(-1), umask */
	ASYNC,		/* umask, async; getpid in its callback */
	MMAP,		/* tracy_mmap(), tracy_munmap() */
	SAFE_FORK,
	BAD_SYSCALLS,	/* what cannot be injected */
	KILLED,		/* SIGKILL during a synchronous injection */
	KILLED_ASYNC,	/* the same, asynchronously */
	SIGNALED,	/* SIGUSR1 during a synchronous injection */
};

#define MAX_STOPS	16
#define MAX_QUITS	4

/* Hooks get no argument of ours: a test runs in a process of its own. */
static struct {
	enum scenario what;
	int at_entry;	/* act at the first entry (1) or exit (0) */
	long abi;		/* the tracee's */
	pid_t tracee;
	const char *self;	/* this program: a file the tracee maps */
	int acted;
	/* SYNC */
	long getpid_ret, close_ret, umask_ret;
	/* ASYNC */
	long async_ret;
	int busy_checks;	/* calls that failed with EBUSY, as due */
	int callbacks;
	long cb_nr, cb_ret, cb_getpid;
	int cb_pre;
	/* MMAP: 0, or the number of the check that failed */
	int mmap_failed;
	/* SAFE_FORK and the others: a call's result and errno */
	int call_ret, call_errno;
	pid_t forked;
	long ppoll_ret;
	int killer;
	/* The getppid stops the hook saw. */
	int nstops;
	struct stop_seen {
		pid_t pid;
		int entry;
		long ret;
	} stops[MAX_STOPS];
	/* How the tracees ended. */
	int nquits;
	struct { pid_t pid; int status; } quits[MAX_QUITS];
	/* Try an injection into the tracee just resumed, once. */
	int poke_running;
	int running_ret, running_errno;
} st;

static long nr_of(const struct tracy_event *e, const char *name)
{
	return get_syscall_number_abi(name, (int)e->abi);
}

/* The raw result of syscall 'name' injected into e's tracee. */
static long inject(struct tracy_event *e, const char *name, long a0,
		   long a1, long a2)
{
	struct tracy_sc_args a = { .a0 = a0, .a1 = a1, .a2 = a2 };
	long ret;

	if (tracy_inject_syscall(e->child, nr_of(e, name), &a, &ret))
		return NO_RESULT;
	return ret;
}

/* A process that sends sig to pid after delay_ms, as from outside. */
static pid_t send_later(pid_t pid, int sig, int delay_ms)
{
	pid_t sender = fork();

	if (!sender) {
		usleep(delay_ms * 1000);
		kill(pid, sig);
		_exit(0);
	}
	return sender;
}

/* ppoll(NULL, 0, NULL, NULL, 0): blocks until a signal comes. */
static struct tracy_sc_args ppoll_forever;

static int async_callback(struct tracy_event *e)
{
	st.callbacks++;
	st.cb_nr = e->syscall_num;
	st.cb_ret = e->args.return_code;
	st.cb_pre = e->child->pre_syscall;
	/* At this exit a synchronous injection works. */
	st.cb_getpid = inject(e, "getpid", 0, 0, 0);
	return TRACY_HOOK_CONTINUE;
}

/* -1 with errno EBUSY, as due while an asynchronous injection waits. */
static int busy(int ret)
{
	return ret == -1 && errno == EBUSY;
}

static void start_async(struct tracy_event *e)
{
	struct tracy_sc_args a = { .a0 = INJECT_UMASK };
	long ret;

	st.async_ret = tracy_inject_syscall_async(e->child, nr_of(e, "umask"),
						  &a, async_callback);
	st.busy_checks =
		busy(tracy_inject_syscall_async(e->child, nr_of(e, "getpid"),
						NULL, async_callback)) +
		busy(tracy_inject_syscall(e->child, nr_of(e, "getpid"), NULL,
					  &ret)) +
		busy(tracy_modify_syscall_args(e->child, e->syscall_num,
					       NULL)) +
		busy(tracy_modify_syscall_regs(e->child, e->syscall_num,
					       NULL));
}

/* The file this program is, mapped in the tracee from page 1 on. */
static int check_file_mmap(struct tracy_event *e, tracy_child_addr_t scratch)
{
	static unsigned char want[PAGE], got[PAGE];
	size_t len = strlen(st.self) + 1;
	tracy_child_addr_t map;
	long fd;
	int own;

	own = open(st.self, O_RDONLY);
	if (own < 0 || pread(own, want, PAGE, PAGE) != PAGE)
		return 1;
	close(own);
	if (tracy_write_mem(e->child, scratch, (void *)st.self, len) !=
	    (ssize_t)len)
		return 2;
	fd = inject(e, "openat", AT_FDCWD, (long)(uintptr_t)scratch, O_RDONLY);
	if (fd < 0)
		return 3;
	if (tracy_mmap(e->child, &map, NULL, PAGE, PROT_READ, MAP_PRIVATE,
		       (int)fd, 1))
		return 4;
	if (tracy_read_mem(e->child, got, map, PAGE) != PAGE ||
	    memcmp(want, got, PAGE))
		return 5;
	if (tracy_munmap(e->child, NULL, map, PAGE) ||
	    inject(e, "close", fd, 0, 0))
		return 6;
	return 0;
}

/* 0, or the number of the check that failed. */
static int check_mmap(struct tracy_event *e)
{
	static unsigned char out[3 * PAGE], in[sizeof(out)];
	tracy_child_addr_t addr, bad;
	long ret;
	size_t i;
	int file;

	for (i = 0; i < sizeof(out); i++)
		out[i] = (unsigned char)(i * 7 + 1);
	if (tracy_mmap(e->child, &addr, NULL, sizeof(out),
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0))
		return 10;
	if (tracy_write_mem(e->child, addr, out, sizeof(out)) != sizeof(out))
		return 11;
	if (tracy_read_mem(e->child, in, addr, sizeof(in)) != sizeof(in) ||
	    memcmp(in, out, sizeof(in)))
		return 12;
	file = check_file_mmap(e, addr);
	if (file)
		return 20 + file;
	if (tracy_munmap(e->child, &ret, addr, sizeof(out)) || ret)
		return 13;
	errno = 0;
	if (tracy_read_mem(e->child, in, addr, 1) != -1 || errno != EIO)
		return 14;
	/* Neither MAP_PRIVATE nor MAP_SHARED: EINVAL from the tracee. */
	errno = 0;
	if (tracy_mmap(e->child, &bad, NULL, PAGE, PROT_READ, MAP_ANONYMOUS,
		       -1, 0) != -1 || errno != EINVAL ||
	    bad != (tracy_child_addr_t)(long)-EINVAL)
		return 15;
	errno = 0;
	if (tracy_munmap(e->child, &ret, (char *)addr + 1, PAGE) != -1 ||
	    errno != EINVAL || ret != -EINVAL)
		return 16;
	return 0;
}

/* -1 with errno EINVAL, and nothing injected. */
static int refused(int ret)
{
	return ret == -1 && errno == EINVAL;
}

static void check_bad_syscalls(struct tracy_event *e)
{
	struct tracy_sc_args vfork_flags = { .a0 = CLONE_VFORK | SIGCHLD };
	long ret = 0, vfork_nr = nr_of(e, "vfork");

	st.call_ret =
		refused(tracy_inject_syscall(e->child, -1, NULL, &ret)) +
		refused(tracy_inject_syscall(e->child, nr_of(e, "execve"),
					     NULL, &ret)) +
		refused(tracy_inject_syscall(e->child, nr_of(e, "clone"),
					     &vfork_flags, &ret)) +
		refused(tracy_inject_syscall_async(e->child, -1, NULL, NULL)) +
		/* arm64 has no vfork: count it as refused there. */
		(vfork_nr < 0 ||
		 refused(tracy_inject_syscall(e->child, vfork_nr, NULL, &ret)));
}

static void act(struct tracy_event *e)
{
	switch (st.what) {
	case SYNC:
		st.getpid_ret = inject(e, "getpid", 0, 0, 0);
		st.close_ret = inject(e, "close", -1, 0, 0);
		st.umask_ret = inject(e, "umask", INJECT_UMASK, 0, 0);
		break;
	case ASYNC:
		start_async(e);
		break;
	case MMAP:
		st.mmap_failed = check_mmap(e);
		break;
	case SAFE_FORK:
		st.call_ret = tracy_safe_fork(e->child, &st.forked);
		st.call_errno = errno;
		break;
	case BAD_SYSCALLS:
		check_bad_syscalls(e);
		break;
	case KILLED:
	case SIGNALED:
		st.killer = send_later(e->child->pid, st.what == KILLED ?
				       SIGKILL : SIGUSR1, 100);
		errno = 0;
		st.call_ret = tracy_inject_syscall(e->child, nr_of(e, "ppoll"),
						   &ppoll_forever,
						   &st.ppoll_ret);
		st.call_errno = errno;
		break;
	case KILLED_ASYNC:
		st.killer = send_later(e->child->pid, SIGKILL, 100);
		st.call_ret = tracy_inject_syscall_async(e->child,
							 nr_of(e, "ppoll"),
							 &ppoll_forever,
							 async_callback);
		break;
	}
}

/* Records each getppid stop, and acts at the first one wanted. */
static int getppid_hook(struct tracy_event *e)
{
	if (st.nstops < MAX_STOPS) {
		st.stops[st.nstops].pid = e->child->pid;
		st.stops[st.nstops].entry = e->child->pre_syscall;
		st.stops[st.nstops].ret = e->args.return_code;
		st.nstops++;
	}
	if (st.acted || e->child->pid != st.tracee ||
	    e->child->pre_syscall != st.at_entry)
		return TRACY_HOOK_CONTINUE;
	st.acted = 1;
	act(e);
	return TRACY_HOOK_CONTINUE;
}

/* Runs the tracees to their end and notes how each ended; -1: error. */
static int run_all(struct tracy *t)
{
	struct tracy_event *e;
	long ret;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e)
			return -1;
		if (e->type == TRACY_EVENT_NONE)
			return 0;
		if (e->type == TRACY_EVENT_QUIT) {
			if (st.nquits < MAX_QUITS) {
				st.quits[st.nquits].pid = e->child->pid;
				st.quits[st.nquits].status =
					(int)e->args.return_code;
				st.nquits++;
			}
			continue;
		}
		if (tracy_continue(e, 0))
			return -1;
		if (st.poke_running && e->type == TRACY_EVENT_SYSCALL) {
			st.poke_running = 0;
			errno = 0;
			st.running_ret = tracy_inject_syscall(e->child,
							      e->syscall_num,
							      NULL, &ret);
			st.running_errno = errno;
		}
	}
}

/* The wait status tracee pid ended with, or -1. */
static int quit_status(pid_t pid)
{
	int i;

	for (i = 0; i < st.nquits; i++)
		if (st.quits[i].pid == pid)
			return st.quits[i].status;
	return -1;
}

/* The n-th getppid stop of pid, entries (1) or exits (0). */
static const struct stop_seen *stop_of(pid_t pid, int entry, int n)
{
	int i;

	for (i = 0; i < st.nstops; i++)
		if (st.stops[i].pid == pid && st.stops[i].entry == entry &&
		    n-- == 0)
			return &st.stops[i];
	return NULL;
}

static int count_stops(pid_t pid, int entry)
{
	int i, n = 0;

	for (i = 0; i < st.nstops; i++)
		n += st.stops[i].pid == pid && st.stops[i].entry == entry;
	return n;
}

FIXTURE(inject) {
	struct tracy *t;
	char self[PATH_MAX];
	char compat[PATH_MAX + 32];
	char *program;		/* the tracee: self or compat */
};

FIXTURE_VARIANT(inject) {
	enum tracy_backend backend;
};

FIXTURE_VARIANT_ADD(inject, classic) {
	.backend = TRACY_BACKEND_CLASSIC,
};

FIXTURE_VARIANT_ADD(inject, seccomp) {
	.backend = TRACY_BACKEND_SECCOMP,
};

FIXTURE_VARIANT_ADD(inject, kmask) {
	.backend = TRACY_BACKEND_KMASK,
};

FIXTURE_SETUP(inject)
{
	ASSERT_TRUE(self_path(self->self, sizeof(self->self)));
	memset(&st, 0, sizeof(st));
	st.self = self->self;
	self->t = NULL;
}

FIXTURE_TEARDOWN(inject)
{
	tracy_free(self->t);
	if (st.killer > 0)
		waitpid(st.killer, NULL, 0);
	check_leaks();
}

/* How a scenario is run: which tracee, ABI and script, and where. */
struct run {
	enum scenario what;
	int at_entry;
	bool entry_only;	/* hook getppid at its entry only */
	bool compat;		/* the 32-bit build as the tracee */
	bool no_syscall_info;	/* stops read from the registers only */
	/* Arguments changed in the registers, as before Linux 6.16. */
	bool no_set_syscall_info;
	long opt;		/* more tracy_init() options */
	const char *script;
};

/*
 * Can the library give a syscall new arguments at its entry, the way r
 * lets it? Not in the registers alone on riscv, which takes the first
 * from orig_a0: only PTRACE_SET_SYSCALL_INFO sets that (libtracy-fast(7),
 * "Changing a system call").
 */
static bool entry_args_settable(const struct run *r)
{
#ifdef __riscv
	return !r->no_syscall_info && !r->no_set_syscall_info;
#else
	(void)r;
	return true;
#endif
}
#define NO_ENTRY_ARGS	"riscv: the registers cannot set the first argument"

/*
 * A session on the variant's backend, and the program and ABI of the
 * tracee (self->program, st.abi); false: SKIP (the backend or the 32-bit
 * build is missing here).
 */
static bool prepare(struct __test_metadata *_metadata,
		    FIXTURE_DATA(inject) *self,
		    const FIXTURE_VARIANT(inject) *variant, const struct run *r)
{
	int usable;

	self->program = self->self;
	st.abi = TRACY_ABI_NATIVE;
	if (r->compat) {
#ifdef COMPAT_ABI
		if (!compat_program(self->self, self->compat,
				    sizeof(self->compat)))
			return false;
		self->program = self->compat;
		st.abi = COMPAT_ABI;
#else
		return false;
#endif
	}
	if (r->no_syscall_info)
		setenv("TRACY_SYSCALL_INFO", "0", 1);
	else if (r->no_set_syscall_info)
		setenv("TRACY_SYSCALL_INFO", "get", 1);
	self->t = tracy_init(backend_opt(variant->backend) | r->opt);
	ASSERT_TRUE(self->t != NULL);
	usable = use_backend(self->t, variant->backend);
	ASSERT_LE(0, usable);
	st.what = r->what;
	st.at_entry = r->at_entry;
	return usable;
}

/*
 * Runs r->script in a tracee to the end of every tracee; false: SKIP
 * (this kernel runs no 32-bit programs). Its pid in st.tracee.
 */
static bool run_tracee(struct __test_metadata *_metadata,
		       FIXTURE_DATA(inject) *self, const struct run *r)
{
	char *argv[] = { self->program, TRACEE_ARG, (char *)r->script, NULL };
	struct tracy_child *c = tracy_exec(self->t, argv);

	if (!c && r->compat && errno == ENOEXEC)
		return false;
	ASSERT_TRUE(c != NULL);
	st.tracee = c->pid;
	ASSERT_EQ(0, run_all(self->t));
	return true;
}

/* Runs a scenario of getppid_hook(); false: SKIP. */
static bool run_scenario(struct __test_metadata *_metadata,
			 FIXTURE_DATA(inject) *self,
			 const FIXTURE_VARIANT(inject) *variant,
			 const struct run *r)
{
	if (!prepare(_metadata, self, variant, r))
		return false;
	ASSERT_EQ(0, tracy_set_hook_flags(self->t, "getppid", st.abi,
					  getppid_hook, r->entry_only ?
					  TRACY_HOOK_ENTRY_ONLY : 0));
	if (!run_tracee(_metadata, self, r))
		return false;
	ASSERT_EQ(1, st.acted) TH_LOG("no getppid stop to act at");
	return true;
}

/* The tracee ended with exit status 0: its script saw what it should. */
static void check_tracee_ok(struct __test_metadata *_metadata)
{
	int status = quit_status(st.tracee);

	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("status %#x", status);
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("the tracee saw the wrong results");
}

/* Its getppid calls: seen at entry, and at exit unless entry_only. */
static void check_getppids(struct __test_metadata *_metadata,
			   const struct run *r)
{
	int i;

	/* No stop seen twice: the injection's stops are the library's. */
	EXPECT_EQ(2, count_stops(st.tracee, 1));
	if (r->entry_only) {
		EXPECT_EQ(0, count_stops(st.tracee, 0));
		return;
	}
	ASSERT_EQ(2, count_stops(st.tracee, 0));
	for (i = 0; i < 2; i++)
		EXPECT_EQ(getpid(), stop_of(st.tracee, 0, i)->ret)
			TH_LOG("getppid %d returned the wrong result", i);
}

static void sync_injection(struct __test_metadata *_metadata,
			   FIXTURE_DATA(inject) *self,
			   const FIXTURE_VARIANT(inject) *variant,
			   struct run r)
{
	r.what = SYNC;
	r.script = r.script ? r.script : "inject";
	if (r.at_entry && !entry_args_settable(&r))
		SKIP(return, NO_ENTRY_ARGS);
	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend or 32-bit build not available here");
	EXPECT_EQ(st.tracee, st.getpid_ret);
	EXPECT_EQ(-EBADF, st.close_ret);
	EXPECT_EQ(TRACEE_UMASK, st.umask_ret);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
}

TEST_F(inject, at_entry)
{
	sync_injection(_metadata, self, variant, (struct run){ .at_entry = 1 });
}

TEST_F(inject, at_exit)
{
	sync_injection(_metadata, self, variant, (struct run){ .at_entry = 0 });
}

/* kmask gives the syscall no exit stop: the injection cannot use it. */
TEST_F(inject, at_entry_only_hook)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .entry_only = true });
}

/* Entries and exits told apart by the registers, as before Linux 5.3. */
TEST_F(inject, at_entry_without_syscall_info)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .no_syscall_info = true });
}

TEST_F(inject, at_exit_without_syscall_info)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 0, .no_syscall_info = true });
}

TEST_F(inject, at_entry_only_hook_without_syscall_info)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .entry_only = true,
				     .no_syscall_info = true });
}

/*
 * The arguments of the injected syscall (close(-1)) set in the
 * registers, as on kernels without PTRACE_SET_SYSCALL_INFO.
 */
TEST_F(inject, at_entry_without_set_syscall_info)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1,
				     .no_set_syscall_info = true });
}

TEST_F(inject, at_entry_only_hook_without_set_syscall_info)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .entry_only = true,
				     .no_set_syscall_info = true });
}

/* Does the text of file descriptor fd have 'needle' in it? */
static bool fd_has(int fd, const char *needle)
{
	char buf[8192];
	ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);

	if (len < 0)
		return false;
	buf[len] = '\0';
	return strstr(buf, needle) != NULL;
}

/*
 * The injection at an entry, with TRACY_VERBOSE and stderr in a file:
 * does the library say that it changed the syscall with
 * PTRACE_SET_SYSCALL_INFO? false, SKIP: the backend is missing here.
 */
static bool injected_with_set_syscall_info(struct __test_metadata *_metadata,
					   FIXTURE_DATA(inject) *self,
					   const FIXTURE_VARIANT(inject) *variant,
					   struct run r, bool *said)
{
	char path[] = "/tmp/tracy-set-info-XXXXXX";
	int fd, saved;

	r.what = SYNC;
	r.script = "inject";
	r.opt = TRACY_VERBOSE;
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	unlink(path);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	ASSERT_LE(0, saved);
	dup2(fd, STDERR_FILENO);
	if (!run_scenario(_metadata, self, variant, &r)) {
		dup2(saved, STDERR_FILENO);
		close(saved);
		close(fd);
		return false;
	}
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	*said = fd_has(fd, "with PTRACE_SET_SYSCALL_INFO");
	close(fd);
	EXPECT_EQ(-EBADF, st.close_ret);
	check_tracee_ok(_metadata);
	return true;
}

/* The request is used where the kernel has it (Linux 6.16), and only there. */
TEST_F(inject, set_syscall_info_where_the_kernel_has_it)
{
	bool said = false;

	if (!injected_with_set_syscall_info(_metadata, self, variant,
					    (struct run){ .at_entry = 1 },
					    &said))
		SKIP(return, "backend not available here");
	EXPECT_EQ(kernel_has_set_syscall_info(), said);
}

/* TRACY_SYSCALL_INFO=get switches it off. */
TEST_F(inject, set_syscall_info_switched_off)
{
	bool said = true;

	struct run r = { .at_entry = 1, .no_set_syscall_info = true };

	if (!entry_args_settable(&r))
		SKIP(return, NO_ENTRY_ARGS);
	if (!injected_with_set_syscall_info(_metadata, self, variant, r,
					    &said))
		SKIP(return, "backend not available here");
	EXPECT_FALSE(said);
}

TEST_F(inject, compat_at_entry)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .compat = true });
}

TEST_F(inject, compat_at_exit)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 0, .compat = true });
}

TEST_F(inject, compat_at_entry_only_hook)
{
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .entry_only = true,
				     .compat = true });
}

/* svc in ARM state (4 bytes) rather than Thumb (2): arm builds only. */
TEST_F(inject, arm_state_svc)
{
#ifdef __arm__
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 1, .script = "inject_arm" });
	memset(&st, 0, sizeof(st));
	st.self = self->self;
	tracy_free(self->t);
	sync_injection(_metadata, self, variant,
		       (struct run){ .at_entry = 0, .script = "inject_arm" });
#else
	SKIP(return, "no ARM state on this architecture");
#endif
}

static void async_injection(struct __test_metadata *_metadata,
			    FIXTURE_DATA(inject) *self,
			    const FIXTURE_VARIANT(inject) *variant,
			    struct run r)
{
	r.what = ASYNC;
	r.script = "inject";
	if (r.at_entry && !entry_args_settable(&r))
		SKIP(return, NO_ENTRY_ARGS);
	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend or 32-bit build not available here");
	EXPECT_EQ(0, st.async_ret);
	EXPECT_EQ(4, st.busy_checks) TH_LOG("not EBUSY during the injection");
	ASSERT_EQ(1, st.callbacks);
	EXPECT_EQ(get_syscall_number_abi("umask", (int)st.abi), st.cb_nr);
	EXPECT_EQ(0, st.cb_pre);
	EXPECT_EQ(TRACEE_UMASK, st.cb_ret);
	EXPECT_EQ(st.tracee, st.cb_getpid);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
}

TEST_F(inject, async_at_entry)
{
	async_injection(_metadata, self, variant,
			(struct run){ .at_entry = 1 });
}

TEST_F(inject, async_at_exit)
{
	async_injection(_metadata, self, variant,
			(struct run){ .at_entry = 0 });
}

TEST_F(inject, async_at_entry_only_hook)
{
	async_injection(_metadata, self, variant,
			(struct run){ .at_entry = 1, .entry_only = true });
}

TEST_F(inject, async_at_entry_without_set_syscall_info)
{
	async_injection(_metadata, self, variant,
			(struct run){ .at_entry = 1,
				      .no_set_syscall_info = true });
}

TEST_F(inject, compat_async_at_entry)
{
	async_injection(_metadata, self, variant,
			(struct run){ .at_entry = 1, .compat = true });
}

static void mmap_munmap(struct __test_metadata *_metadata,
			FIXTURE_DATA(inject) *self,
			const FIXTURE_VARIANT(inject) *variant, bool compat)
{
	struct run r = { .what = MMAP, .at_entry = 1, .compat = compat,
			 .script = "getppid_twice" };

	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend or 32-bit build not available here");
	EXPECT_EQ(0, st.mmap_failed) TH_LOG("check %d failed", st.mmap_failed);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
}

TEST_F(inject, mmap_and_munmap)
{
	mmap_munmap(_metadata, self, variant, false);
}

TEST_F(inject, compat_mmap_and_munmap)
{
	mmap_munmap(_metadata, self, variant, true);
}

/*
 * The session does not trace children, yet the fork is traced: the
 * copy's first syscall, the getppid it enters again, is seen.
 */
static void safe_fork(struct __test_metadata *_metadata,
		      FIXTURE_DATA(inject) *self,
		      const FIXTURE_VARIANT(inject) *variant, struct run r)
{
	const struct stop_seen *first;
	int status;

	r.what = SAFE_FORK;
	r.script = "getppid_twice";
	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend or 32-bit build not available here");
	ASSERT_EQ(0, st.call_ret) TH_LOG("errno %d", st.call_errno);
	ASSERT_LT(0, st.forked);
	EXPECT_NE(st.tracee, st.forked);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
	/* Its getppid calls return the tracee's pid: it is the parent. */
	EXPECT_EQ(r.at_entry ? 2 : 1, count_stops(st.forked, 1));
	EXPECT_EQ(r.at_entry ? 2 : 1, count_stops(st.forked, 0));
	first = stop_of(st.forked, 0, 0);
	ASSERT_TRUE(first != NULL) TH_LOG("the fork was not traced");
	EXPECT_EQ(st.tracee, first->ret);
	status = quit_status(st.forked);
	ASSERT_TRUE(WIFEXITED(status)) TH_LOG("status %#x", status);
	/*
	 * From the exit, the copy got the tracee's first result (our pid),
	 * and its own second one (the tracee's): they differ.
	 */
	EXPECT_EQ(r.at_entry ? 0 : TRACEE_WRONG, WEXITSTATUS(status));
}

TEST_F(inject, safe_fork_at_entry)
{
	safe_fork(_metadata, self, variant, (struct run){ .at_entry = 1 });
}

TEST_F(inject, safe_fork_at_exit)
{
	safe_fork(_metadata, self, variant, (struct run){ .at_entry = 0 });
}

TEST_F(inject, compat_safe_fork)
{
	safe_fork(_metadata, self, variant,
		  (struct run){ .at_entry = 1, .compat = true });
}

/* What cannot be injected is refused, and nothing changes. */
TEST_F(inject, refused_syscalls)
{
	struct run r = { .what = BAD_SYSCALLS, .at_entry = 1,
			 .script = "getppid_twice" };

	st.poke_running = 1;
	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend not available here");
	EXPECT_EQ(5, st.call_ret) TH_LOG("not all refused with EINVAL");
	/* A tracee resumed is not stopped any more. */
	EXPECT_EQ(-1, st.running_ret);
	EXPECT_EQ(ESRCH, st.running_errno);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
}

/* At a signal stop: refused; the signal hook then suppresses SIGUSR1. */
static int signal_stop_hook(struct tracy_event *e)
{
	tracy_child_addr_t addr;
	pid_t pid;
	long ret;

	st.call_ret =
		refused(tracy_inject_syscall(e->child, 0, NULL, &ret)) +
		refused(tracy_inject_syscall_async(e->child, 0, NULL, NULL)) +
		refused(tracy_mmap(e->child, &addr, NULL, PAGE, PROT_READ,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) +
		refused(tracy_munmap(e->child, &ret, NULL, PAGE)) +
		refused(tracy_safe_fork(e->child, &pid));
	return TRACY_HOOK_SUPPRESS;
}

TEST_F(inject, refused_at_signal_stop)
{
	char *argv[] = { self->self, TRACEE_ARG, "signal", NULL };
	tracy_child_addr_t addr;
	struct tracy_child *c;
	long ret = 0;
	int usable;
	pid_t pid;

	self->t = tracy_init(backend_opt(variant->backend));
	ASSERT_TRUE(self->t != NULL);
	usable = use_backend(self->t, variant->backend);
	ASSERT_LE(0, usable);
	if (!usable)
		SKIP(return, "backend not available here");
	/* No tracee at all. */
	EXPECT_TRUE(refused(tracy_inject_syscall(NULL, 0, NULL, &ret)));
	EXPECT_TRUE(refused(tracy_inject_syscall_async(NULL, 0, NULL, NULL)));
	EXPECT_TRUE(refused(tracy_mmap(NULL, &addr, NULL, PAGE, PROT_READ,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
	EXPECT_TRUE(refused(tracy_munmap(NULL, &ret, NULL, PAGE)));
	EXPECT_TRUE(refused(tracy_safe_fork(NULL, &pid)));
	ASSERT_EQ(0, tracy_set_signal_hook(self->t, signal_stop_hook));
	c = tracy_exec(self->t, argv);
	ASSERT_TRUE(c != NULL);
	st.tracee = c->pid;
	ASSERT_EQ(0, run_all(self->t));
	EXPECT_EQ(5, st.call_ret) TH_LOG("not all refused with EINVAL");
	check_tracee_ok(_metadata);
}

/* SIGKILL from outside while the injected syscall blocks: no hang. */
TEST_F(inject, tracee_killed_during_injection)
{
	struct run r = { .what = KILLED, .at_entry = 1,
			 .script = "getppid_twice" };
	int status;

	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend not available here");
	EXPECT_EQ(-1, st.call_ret);
	EXPECT_EQ(ESRCH, st.call_errno);
	status = quit_status(st.tracee);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		TH_LOG("status %#x", status);
}

TEST_F(inject, tracee_killed_during_async_injection)
{
	struct run r = { .what = KILLED_ASYNC, .at_entry = 1,
			 .script = "getppid_twice" };
	int status;

	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend not available here");
	EXPECT_EQ(0, st.call_ret);
	EXPECT_EQ(0, st.callbacks);
	status = quit_status(st.tracee);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		TH_LOG("status %#x", status);
}

/*
 * SIGUSR1 interrupts the injected ppoll: -EINTR, not a restart code; the
 * signal is held back, then delivered, and the tracee's handler runs.
 */
TEST_F(inject, signal_during_injection)
{
	struct run r = { .what = SIGNALED, .at_entry = 1,
			 .script = "getppid_usr1" };

	if (!run_scenario(_metadata, self, variant, &r))
		SKIP(return, "backend not available here");
	EXPECT_EQ(0, st.call_ret) TH_LOG("errno %d", st.call_errno);
	EXPECT_EQ(-EINTR, st.ppoll_ret);
	check_getppids(_metadata, &r);
	check_tracee_ok(_metadata);
}

/* The region of the "shared" script, made at its getppid. */
static struct tracy_shared *region;

static struct {
	int set_ret;		/* of the getppid result */
	ssize_t copied;		/* tracy_shared_string_arg() */
	int copy_seen;		/* the copy in the region, a1 on it */
	int errors;		/* calls that failed as due */
	long open_ret;
	int destroy_ret;
} sh;

/* At its entry, makes the region; at its exit, returns its address. */
static int shared_getppid_hook(struct tracy_event *e)
{
	struct tracy_sc_args a = e->args;

	if (e->child->pre_syscall) {
		region = tracy_shared_create(e->child, 100);
		if (region)
			strcpy(tracy_shared_local(region), SHARED_TEXT);
		return TRACY_HOOK_CONTINUE;
	}
	if (region) {
		a.return_code = (long)(uintptr_t)tracy_shared_remote(region);
		sh.set_ret = tracy_modify_syscall_regs(e->child, e->syscall_num,
						       &a);
	}
	return TRACY_HOOK_CONTINUE;
}

/* At the openat of SHARED_MISSING: the kernel opens the copy, changed. */
static int shared_openat_hook(struct tracy_event *e)
{
	char *path, *copy;

	if (!region || !e->child->pre_syscall) {
		if (region && sh.copied > 0) {
			sh.open_ret = e->args.return_code;
			sh.destroy_ret = tracy_shared_destroy(e->child, region);
			region = NULL;
		}
		return TRACY_HOOK_CONTINUE;
	}
	path = tracy_read_string(e->child, (void *)e->args.a1);
	if (!path || strcmp(path, SHARED_MISSING)) {
		free(path);
		return TRACY_HOOK_CONTINUE;
	}
	free(path);
	copy = tracy_shared_local(region);
	sh.copied = tracy_shared_string_arg(e->child, region, 1, 0);
	sh.copy_seen = !strcmp(copy, SHARED_MISSING) &&
		e->args.a1 == (long)(uintptr_t)tracy_shared_remote(region);
	errno = 0;
	sh.errors = tracy_shared_string_arg(e->child, region, 6, 0) == -1 &&
		    errno == EINVAL;
	errno = 0;
	sh.errors += tracy_shared_string_arg(e->child, region, 1,
					     tracy_shared_size(region) - 4) ==
		     -1 && errno == E2BIG;
	strcpy(copy, "/dev/null");
	return TRACY_HOOK_CONTINUE;
}

static void shared_region(struct __test_metadata *_metadata,
			  FIXTURE_DATA(inject) *self,
			  const FIXTURE_VARIANT(inject) *variant, struct run r)
{
	r.script = "shared";
	if (!entry_args_settable(&r))
		SKIP(return, NO_ENTRY_ARGS);
	sh.open_ret = -1;
	if (!prepare(_metadata, self, variant, &r))
		SKIP(return, "backend or 32-bit build not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", st.abi,
				    shared_getppid_hook));
	ASSERT_EQ(0, tracy_set_hook(self->t, "openat", st.abi,
				    shared_openat_hook));
	if (!run_tracee(_metadata, self, &r))
		SKIP(return, "this kernel runs no 32-bit programs");
	EXPECT_EQ(0, sh.set_ret);
	EXPECT_EQ((ssize_t)sizeof(SHARED_MISSING), sh.copied);
	EXPECT_EQ(1, sh.copy_seen);
	EXPECT_EQ(2, sh.errors);
	EXPECT_LE(0, sh.open_ret) TH_LOG("the kernel did not open the copy");
	EXPECT_EQ(0, sh.destroy_ret);
	check_tracee_ok(_metadata);
}

TEST_F(inject, shared_region)
{
	shared_region(_metadata, self, variant, (struct run){ 0 });
}

/* The copy's address set in the registers, as before Linux 6.16. */
TEST_F(inject, shared_region_without_set_syscall_info)
{
	shared_region(_metadata, self, variant,
		      (struct run){ .no_set_syscall_info = true });
}

TEST_F(inject, compat_shared_region)
{
	shared_region(_metadata, self, variant, (struct run){ .compat = true });
}

#if defined(__x86_64__) && !defined(__ILP32__)
/* int $0x80 in a 64-bit process: i386 numbers, a 64-bit rip. */
static int int80_hook(struct tracy_event *e)
{
	if (e->child->pre_syscall == st.at_entry && !st.acted++)
		st.getpid_ret = inject(e, "getpid", 0, 0, 0);
	return TRACY_HOOK_CONTINUE;
}

TEST_F(inject, int80_in_64bit_process)
{
	char *argv[] = { self->self, TRACEE_ARG, "int80", NULL };
	struct tracy_child *c;
	int usable;

	for (st.at_entry = 0; st.at_entry < 2; st.at_entry++) {
		tracy_free(self->t);
		self->t = tracy_init(backend_opt(variant->backend));
		ASSERT_TRUE(self->t != NULL);
		usable = use_backend(self->t, variant->backend);
		ASSERT_LE(0, usable);
		if (!usable)
			SKIP(return, "backend not available here");
		ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_X86,
					    int80_hook));
		st.acted = 0;
		st.nquits = 0;
		c = tracy_exec(self->t, argv);
		ASSERT_TRUE(c != NULL);
		st.tracee = c->pid;
		ASSERT_EQ(0, run_all(self->t));
		EXPECT_EQ(st.tracee, st.getpid_ret);
		check_tracee_ok(_metadata);
	}
}
#endif
