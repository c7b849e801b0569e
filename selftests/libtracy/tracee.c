// SPDX-License-Identifier: GPL-2.0
/*
 * The tracee's scripts: exact syscalls, through syscall(2) so that the C
 * library adds none of its own, whose results say whether the tracer did
 * what the test asked of it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libtracy.h"

static int basic(void)
{
	long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY);

	if (fd < 0 || syscall(SYS_write, fd, MARK, MARK_LEN) != MARK_LEN)
		return TRACEE_WRONG;
	syscall(SYS_getpid);
	return 0;
}

/* The tracer denies getpid with EPERM. */
static int deny(void)
{
	long ret = syscall(SYS_getpid);

	return ret == -1 && errno == EPERM ? 0 : TRACEE_WRONG;
}

/* The tracer checks the buffer at the write and fills it anew. */
static int memory(void)
{
	char *block = malloc(MEM_LEN + 1), *buf = block + 1;
	int fd = open("/dev/null", O_WRONLY);
	long i;

	if (!block || fd < 0)
		return TRACEE_USAGE;
	for (i = 0; i < MEM_LEN; i++)
		buf[i] = mem_pattern(0, i);
	syscall(SYS_write, fd, buf, MEM_LEN);
	for (i = 0; i < MEM_LEN; i++)
		if ((unsigned char)buf[i] != mem_pattern(1, i))
			return TRACEE_WRONG;
	return 0;
}

static int forked(int use_vfork)
{
	int status;
	pid_t pid = use_vfork ? vfork() : fork();

	if (pid < 0)
		return TRACEE_USAGE;
	if (!pid) {
		syscall(SYS_getpid);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		return TRACEE_WRONG;
	syscall(SYS_getpid);
	return 0;
}

/* getpid, then "fork": a fork right after a syscall the tracer saw. */
static int getpid_then_fork(void)
{
	syscall(SYS_getpid);
	return forked(0);
}

static void *thread_getpid(void *arg)
{
	(void)arg;
	syscall(SYS_getpid);
	return NULL;
}

static int thread(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, thread_getpid, NULL) ||
	    pthread_join(th, NULL))
		return TRACEE_USAGE;
	syscall(SYS_getpid);
	return 0;
}

/* A thread that is not the leader executes this program's "basic". */
static void *thread_execs(void *arg)
{
	char *argv[] = { "/proc/self/exe", TRACEE_ARG, "basic", NULL };

	(void)arg;
	execv(argv[0], argv);
	_exit(TRACEE_USAGE);
}

static int thread_exec(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, thread_execs, NULL))
		return TRACEE_USAGE;
	pthread_join(th, NULL);	/* the exec ends this thread */
	return TRACEE_USAGE;
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* The tracer suppresses SIGUSR1. */
static int signal_suppressed(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	return got_usr1 ? TRACEE_WRONG : 0;
}

/*
 * A signal the tracer lets through reaches its handler; a group-stop
 * (SIGSTOP) ends when the tracer resumes the tracee; then getpid.
 */
static int signal_delivered_and_stop(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	raise(SIGSTOP);
	syscall(SYS_getpid);
	return got_usr1 ? 0 : TRACEE_WRONG;
}

static int interrupted_pipe[2];

static void write_a_byte(int sig)
{
	(void)sig;
	syscall(SYS_write, interrupted_pipe[1], "x", 1);
}

/*
 * A read of INTERRUPTED_LEN bytes from an empty pipe, which the SIGUSR1
 * the tracer sends at its entry interrupts; the handler writes a byte
 * into the pipe, and the read, restarted (SA_RESTART), returns it. Then
 * getpid.
 */
static int read_interrupted(void)
{
	struct sigaction sa = { .sa_handler = write_a_byte,
				.sa_flags = SA_RESTART };
	char buf[INTERRUPTED_LEN];

	if (pipe(interrupted_pipe) || sigaction(SIGUSR1, &sa, NULL))
		return TRACEE_USAGE;
	if (syscall(SYS_read, interrupted_pipe[0], buf, sizeof(buf)) != 1)
		return TRACEE_WRONG;
	syscall(SYS_getpid);
	return 0;
}

/* Started with tracy_set_exec_credentials(): the CRED_* ids, and only them. */
static int ids(void)
{
	uid_t uid[3];
	gid_t gid[3], groups[4];

	if (getresuid(&uid[0], &uid[1], &uid[2]) ||
	    getresgid(&gid[0], &gid[1], &gid[2]))
		return TRACEE_WRONG;
	if (uid[0] != CRED_UID || uid[1] != CRED_UID || uid[2] != CRED_UID ||
	    gid[0] != CRED_GID || gid[1] != CRED_GID || gid[2] != CRED_GID)
		return TRACEE_WRONG;
	if (getgroups(4, groups) != 2 || groups[0] != CRED_GROUP0 ||
	    groups[1] != CRED_GROUP1)
		return TRACEE_WRONG;
	return 0;
}

/* Until killed: what the test attaches to. */
static int __attribute__((noreturn)) loop(void)
{
	for (;;) {
		syscall(SYS_getpid);
		usleep(1000);
	}
}

/* One getpid, then a while without syscalls: a tracer detaches at it. */
static int getpid_then_sleep(void)
{
	struct timespec t = { 0, SLEEP_AFTER_GETPID_MS * 1000000L };

	syscall(SYS_getpid);
	while (nanosleep(&t, &t) && errno == EINTR)
		;
	return DETACHED_EXIT;
}

/* MANY_GETPIDS getpid, one getppid, MANY_GETPIDS getpid again. */
static int many(void)
{
	int i;

	for (i = 0; i < MANY_GETPIDS; i++)
		syscall(SYS_getpid);
	syscall(SYS_getppid);
	for (i = 0; i < MANY_GETPIDS; i++)
		syscall(SYS_getpid);
	return 0;
}

/*
 * readv of READV_LEN bytes from /dev/zero (an x32-only syscall, 515, in
 * the x32 build: beyond the x86_64 table), then MANY_GETPIDS getpid.
 */
static int readv_then_getpids(void)
{
	char buf[READV_LEN];
	struct iovec iov = { buf, sizeof(buf) };
	long fd = syscall(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
	int i;

	if (fd < 0 || syscall(SYS_readv, fd, &iov, 1) != READV_LEN)
		return TRACEE_WRONG;
	for (i = 0; i < MANY_GETPIDS; i++)
		syscall(SYS_getpid);
	return 0;
}

#if defined(__x86_64__) && !defined(__ILP32__)
/* getpid of the i386 ABI, from a 64-bit process. */
static int int80(void)
{
	long ret = 20;	/* __NR_getpid of i386 */

	asm volatile ("int $0x80" : "+a"(ret) : : "memory");
	return ret == getpid() ? 0 : TRACEE_WRONG;
}
#else
static int int80(void)
{
	return TRACEE_USAGE;
}
#endif

/* getppid through syscall(2), or on arm from code in ARM state too. */
static long getppid_syscall(void)
{
	return syscall(SYS_getppid);
}

static long (*getppid_call)(void) = getppid_syscall;

#ifdef __arm__
/* svc is 4 bytes long in ARM state, 2 in Thumb state (the default). */
static long __attribute__((target("arm"), noinline)) getppid_arm_state(void)
{
	register long r7 asm("r7") = SYS_getppid;
	register long r0 asm("r0");

	asm volatile ("svc #0" : "=r"(r0) : "r"(r7) : "memory");
	return r0;
}
#endif

/*
 * getppid twice, with the same result, where the tracer injects at the
 * first: the original syscall still runs, and gets its own result.
 */
static int getppid_twice(void)
{
	long first = getppid_call(), second = getppid_call();
	bool same = first > 0 && first == second;

	/* A copy the tracer forked off us must see us as its parent. */
	while (wait(NULL) > 0)
		;
	return same ? 0 : TRACEE_WRONG;
}

/* The tracer also injects umask(INJECT_UMASK): it must have run here. */
static int inject(void)
{
	umask(TRACEE_UMASK);
	if (getppid_twice())
		return TRACEE_WRONG;
	return umask(0) == INJECT_UMASK ? 0 : TRACEE_WRONG;
}

#ifdef __arm__
static int inject_arm_state(void)
{
	getppid_call = getppid_arm_state;
	return inject();
}
#else
static int inject_arm_state(void)
{
	return TRACEE_USAGE;
}
#endif

/*
 * getppid returns the address of a region the tracer shares with us
 * (tracy_shared_create()): we can read it, not write it nor make it
 * writable; and an openat of a path that does not exist opens the copy
 * the tracer makes of the path there, which the tracer changed.
 */
static int shared(void)
{
	char *region = (char *)syscall(SYS_getppid), byte = 'x';
	long page = sysconf(_SC_PAGESIZE), fd;
	int mem;

	if (strcmp(region, SHARED_TEXT))
		return TRACEE_WRONG;
	if (!mprotect(region, page, PROT_READ | PROT_WRITE) || errno != EACCES)
		return TRACEE_WRONG;
	mem = open("/proc/self/mem", O_RDWR);
	if (mem < 0 || pwrite64(mem, &byte, 1, (uintptr_t)region) == 1)
		return TRACEE_WRONG;
	close(mem);
	fd = syscall(SYS_openat, AT_FDCWD, SHARED_MISSING, O_RDONLY);
	return fd >= 0 ? 0 : TRACEE_WRONG;
}

/* SIGUSR1 comes during an injection at the first getppid: not lost. */
static int getppid_usr1(void)
{
	signal(SIGUSR1, on_usr1);
	if (getppid_twice())
		return TRACEE_WRONG;
	return got_usr1 ? 0 : TRACEE_WRONG;
}

/*
 * What the child of "detached_child" does once let go: DETACH_LINES lines
 * to stdout, each after a getppid that must work (without a tracer, a
 * seccomp filter that traces getppid makes it fail with ENOSYS); a child
 * of its own that does the same once and writes "grandchild"; "done".
 */
static void __attribute__((noreturn)) run_detached(void)
{
	int i, status;
	pid_t pid;

	/* Long enough for the tracer to end meanwhile. */
	usleep(DETACH_DELAY_US);
	for (i = 0; i < DETACH_LINES; i++) {
		if (syscall(SYS_getppid) < 0)
			_exit(TRACEE_WRONG);
		printf("line %d\n", i);
		fflush(stdout);
	}
	pid = fork();
	if (!pid) {
		if (syscall(SYS_getppid) < 0)
			_exit(TRACEE_WRONG);
		printf("grandchild\n");
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
		_exit(TRACEE_WRONG);
	printf("done\n");
	fflush(stdout);
	_exit(DETACHED_STATUS);
}

/*
 * The tracer lets the child go at its first getppid (a detach), and the
 * child runs on (run_detached()) to DETACHED_STATUS; the parent writes
 * the child's status, as it saw it.
 */
static int detached_child(void)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return TRACEE_USAGE;
	if (!pid) {
		syscall(SYS_getppid);
		run_detached();
	}
	if (waitpid(pid, &status, 0) != pid)
		return TRACEE_WRONG;
	printf("child status %#x\n", status);
	fflush(stdout);
	return 0;
}

int tracee_main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(void);
	} scripts[] = {
		{ "basic", basic }, { "deny", deny }, { "memory", memory },
		{ "thread", thread }, { "signal", signal_suppressed },
		{ "loop", loop }, { "int80", int80 }, { "many", many },
		{ "readv", readv_then_getpids },
		{ "thread_exec", thread_exec },
		{ "getppid_twice", getppid_twice }, { "inject", inject },
		{ "inject_arm", inject_arm_state },
		{ "getppid_usr1", getppid_usr1 }, { "shared", shared },
		{ "signal_stop", signal_delivered_and_stop },
		{ "getpid_sleep", getpid_then_sleep },
		{ "detached_child", detached_child }, { "ids", ids },
		{ "read_interrupted", read_interrupted },
		{ "getpid_fork", getpid_then_fork },
	};
	unsigned int i;

	if (argc < 3)
		return TRACEE_USAGE;
	if (!strcmp(argv[2], "fork") || !strcmp(argv[2], "vfork"))
		return forked(argv[2][0] == 'v');
	for (i = 0; i < sizeof(scripts) / sizeof(*scripts); i++)
		if (!strcmp(argv[2], scripts[i].name))
			return scripts[i].run();
	return TRACEE_USAGE;
}
