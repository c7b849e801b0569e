/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the libtracy-fast test: the tracee's scripts
 * (tracee.c), which the test runs by executing itself with TRACEE_ARG,
 * and the helpers of common.c. libtracy.c includes kselftest_harness.h
 * and runs the tests; the other files of tests include it through
 * harness-file.h and hand their fixtures to libtracy.c.
 */
#ifndef LIBTRACY_TEST_H
#define LIBTRACY_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include "tracy.h"

#define TRACEE_ARG	"--tracee"

/* What the "basic" script writes, to /dev/null. */
#define MARK		"tracy-fast"
#define MARK_LEN	10

/* The "memory" script's buffer: odd-aligned, over several pages. */
#define MEM_LEN		10001
static inline unsigned char mem_pattern(int which, long i)
{
	return (unsigned char)(which ? i * 13 + 5 : i * 7 + 3);
}

/* The "many" script: getpid calls before and after its one getppid. */
#define MANY_GETPIDS	500
/* What the "readv" script reads. */
#define READV_LEN	16
/* What the "read_interrupted" script asks its read for. */
#define INTERRUPTED_LEN	23

/* The "getpid_sleep" script: its sleep after the getpid, its status. */
#define SLEEP_AFTER_GETPID_MS	300
#define DETACHED_EXIT		7

/* The "detached_child" script: what its child writes, and its status. */
#define DETACH_LINES	20
#define DETACH_DELAY_US	200000
#define DETACHED_STATUS	42

/* Exit statuses of the scripts beyond 0 (what the test expected). */
/* The credentials the "ids" script must run with (any ids will do). */
#define CRED_UID	4321
#define CRED_GID	4322
#define CRED_GROUP0	4323
#define CRED_GROUP1	4324

#define TRACEE_WRONG	3	/* a result the tracer should have changed */
#define TRACEE_USAGE	64

/*
 * The "shared" script: what the tracer writes in the shared region, and a
 * path that does not exist, which the tracer turns into /dev/null in its
 * copy.
 */
#define SHARED_TEXT	"written by the tracer"
#define SHARED_MISSING	"/nonexistent/tracy-fast-shared"

/* The umask the "inject" script sets, and the one the tracer injects. */
#define TRACEE_UMASK	022
#define INJECT_UMASK	027

/* Runs script argv[2]; its exit status. */
int tracee_main(int argc, char **argv);

/*
 * The 32-bit ABI that 64-bit kernels of this architecture also run, and
 * the build of this test for it, which traces as a 32-bit tracee.
 */
#if defined(__x86_64__) && !defined(__ILP32__)
# define COMPAT_ABI_NAME	"i386"
# define COMPAT_ABI		TRACY_ABI_X86
#elif defined(__aarch64__)
# define COMPAT_ABI_NAME	"arm"
# define COMPAT_ABI		TRACY_ABI_AARCH32
#endif

/* This program's path, from /proc/self/exe; false if it cannot be read. */
bool self_path(char *path, size_t size);
/*
 * Under AddressSanitizer (make test-asan): the harness ends every test
 * with _exit(), which skips LeakSanitizer's check at exit, so a test
 * checks the tracer for leaks itself once its session is freed. A leak
 * ends the test's process with an error status: the test fails.
 */
void check_leaks(void);
/* Does the kernel have syscall stop masks? */
bool kernel_has_kmask(void);
/* Does it have PTRACE_SET_SYSCALL_INFO (Linux 6.16)? */
bool kernel_has_set_syscall_info(void);
/* Can this process install seccomp filters that return SECCOMP_RET_TRACE? */
bool kernel_has_seccomp_trace(void);
/*
 * Puts session t on backend b: 1, or 0 if this kernel or library cannot
 * (SKIP), or -1 on an error.
 */
int use_backend(struct tracy *t, enum tracy_backend b);
/*
 * The tracy_init() options a test session on backend b needs: the
 * seccomp backend refuses sessions that do not trace children.
 */
long backend_opt(enum tracy_backend b);
#ifdef COMPAT_ABI
/* Where make (build/progs/) or the guest (/bin) puts the 32-bit build. */
bool compat_program(const char *self, char *path, size_t size);
#endif

/* The fixtures of the other files, which libtracy.c runs with its own. */
struct __fixture_metadata;
struct __fixture_metadata *inject_fixtures(void);
struct __fixture_metadata *environment_fixtures(void);
struct __fixture_metadata *detach_fixtures(void);
struct __fixture_metadata *compat_fixtures(void);

#endif /* LIBTRACY_TEST_H */
