// SPDX-License-Identifier: GPL-2.0
/*
 * What the test files of libtracy-fast share and the harness does not
 * come into: probing the kernel, picking a backend, finding this program
 * and its 32-bit build, checking for leaks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "tracy.h"
#include "libtracy.h"

bool self_path(char *path, size_t size)
{
	ssize_t len = readlink("/proc/self/exe", path, size - 1);

	if (len <= 0)
		return false;
	path[len] = '\0';
	return true;
}

void check_leaks(void)
{
#ifdef __SANITIZE_ADDRESS__
	__lsan_do_leak_check();
#endif
}

/*
 * A child of ours that we trace, stopped by a SIGSTOP before it makes a
 * getppid, for a probe; -1 if none.
 */
static pid_t stopped_child(void)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		if (!ptrace(PTRACE_TRACEME, 0, 0, 0)) {
			raise(SIGSTOP);
			syscall(SYS_getppid);
		}
		_exit(0);
	}
	if (pid > 0 &&
	    (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)))
		return -1;
	return pid;
}

/* *known if probed already, else what ask() finds of a stopped_child(). */
static bool probed(int *known, bool (*ask)(pid_t pid))
{
	int status;
	pid_t pid;

	if (*known >= 0)
		return *known;
	pid = stopped_child();
	*known = pid > 0 && ask(pid);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return *known;
}

static bool asks_kmask(pid_t pid)
{
	struct {
		uint32_t arch, flags, nr_bits, reserved;
		uint64_t bitmap;
	} m;

	memset(&m, 0, sizeof(m));
	return ptrace((enum __ptrace_request)0x42f1 /* GETSYSCALLMASK */,
		      pid, (void *)sizeof(m), &m) >= 0;
}

/*
 * Probed as a tracer would, not with the library under test:
 * PTRACE_GETSYSCALLMASK on a stopped child, EIO if not.
 */
bool kernel_has_kmask(void)
{
	static int known = -1;

	return probed(&known, asks_kmask);
}

/*
 * At the entry stop of the child's getppid, PTRACE_GET_SYSCALL_INFO (88
 * bytes, struct ptrace_syscall_info of Linux 6.16) goes back unchanged
 * with PTRACE_SET_SYSCALL_INFO.
 */
static bool asks_set_syscall_info(pid_t pid)
{
	uint64_t info[11];
	int status;

	memset(info, 0, sizeof(info));
	return !ptrace(PTRACE_SETOPTIONS, pid, 0,
		       (void *)PTRACE_O_TRACESYSGOOD) &&
		!ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
		waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
		WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		ptrace((enum __ptrace_request)0x420e /* GET_SYSCALL_INFO */,
		       pid, (void *)sizeof(info), info) > 0 &&
		!ptrace((enum __ptrace_request)0x4212 /* SET_SYSCALL_INFO */,
			pid, (void *)sizeof(info), info);
}

/* Probed as a tracer would, as kernel_has_kmask(). */
bool kernel_has_set_syscall_info(void)
{
	static int known = -1;

	return probed(&known, asks_set_syscall_info);
}

/*
 * Asked of the kernel directly, as the library does (valgrind, for one,
 * does not pass the seccomp syscall through: then no).
 */
bool kernel_has_seccomp_trace(void)
{
	uint32_t action = SECCOMP_RET_TRACE;

	return !syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
}

long backend_opt(enum tracy_backend backend)
{
	return backend == TRACY_BACKEND_SECCOMP ? TRACY_TRACE_CHILDREN : 0;
}

int use_backend(struct tracy *t, enum tracy_backend backend)
{
	if (tracy_set_backend(t, backend))
		return errno == ENOSYS ? 0 : -1;
	return backend != TRACY_BACKEND_KMASK || kernel_has_kmask();
}

#ifdef COMPAT_ABI
bool compat_program(const char *self, char *path, size_t size)
{
	const char *dir_end = strrchr(self, '/');
	int len = dir_end ? (int)(dir_end - self) : 0;

	snprintf(path, size, "%.*s/libtracy-" COMPAT_ABI_NAME, len, self);
	if (!access(path, X_OK))
		return true;
	snprintf(path, size, "%.*s/../" COMPAT_ABI_NAME "/libtracy-"
		 COMPAT_ABI_NAME, len, self);
	return !access(path, X_OK);
}
#endif
