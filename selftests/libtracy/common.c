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
 * Probed as a tracer would, not with the library under test:
 * PTRACE_GETSYSCALLMASK on a stopped child, EIO if not.
 */
bool kernel_has_kmask(void)
{
	static int known = -1;
	struct {
		uint32_t arch, flags, nr_bits, reserved;
		uint64_t bitmap;
	} m;
	int status;
	pid_t pid;

	if (known >= 0)
		return known;
	pid = fork();
	if (pid < 0)
		return false;
	if (!pid) {
		if (!ptrace(PTRACE_TRACEME, 0, 0, 0))
			raise(SIGSTOP);
		_exit(0);
	}
	memset(&m, 0, sizeof(m));
	known = waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
		ptrace((enum __ptrace_request)0x42f1 /* GETSYSCALLMASK */,
		       pid, (void *)sizeof(m), &m) >= 0;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return known;
}

/*
 * Probed as a tracer would: a child at the entry stop of a getppid,
 * whose PTRACE_GET_SYSCALL_INFO (88 bytes, struct ptrace_syscall_info
 * of Linux 6.16) goes back unchanged with PTRACE_SET_SYSCALL_INFO.
 */
bool kernel_has_set_syscall_info(void)
{
	static int known = -1;
	uint64_t info[11];
	int status;
	pid_t pid;

	if (known >= 0)
		return known;
	pid = fork();
	if (pid < 0)
		return false;
	if (!pid) {
		if (!ptrace(PTRACE_TRACEME, 0, 0, 0)) {
			raise(SIGSTOP);
			syscall(SYS_getppid);
		}
		_exit(0);
	}
	memset(info, 0, sizeof(info));
	known = waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
		!ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD) &&
		!ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
		waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
		WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		ptrace((enum __ptrace_request)0x420e /* GET_SYSCALL_INFO */,
		       pid, (void *)sizeof(info), info) > 0 &&
		!ptrace((enum __ptrace_request)0x4212 /* SET_SYSCALL_INFO */,
			pid, (void *)sizeof(info), info);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return known;
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
