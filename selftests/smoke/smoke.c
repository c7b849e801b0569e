// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke test of a tracy-fast guest: is this the kernel we built, and does
 * it give this ABI everything the tracer, the tests and the benchmarks rely
 * on? In a guest, /etc/tracy-fast/guest (qemu/guest.mk) says what uname
 * must answer. On the host there is no such file, and those checks SKIP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest.h"

/*
 * The ABI this program was built for, and how the kernel should name it:
 * the build says, from arch/<arch>/arch.mk (abi-cflags, arch/arches.mk).
 */
#define ABI_NAME	TRACY_FAST_ABI
#define ABI_AUDIT_ARCH	TRACY_FAST_AUDIT_ARCH

#define GUEST_INFO		"/etc/tracy-fast/guest"
#define SECCOMP_TEST_ERRNO	42
#define MAX_TRACED_STOPS	200

static char expected_machine[65];
static char expected_release_suffix[65];

/* Reads the machine and release_suffix lines of GUEST_INFO, if it exists. */
static void read_guest_info(void)
{
	char line[256];
	FILE *f = fopen(GUEST_INFO, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "machine=%64s", expected_machine);
		sscanf(line, "release_suffix=%64s", expected_release_suffix);
	}
	fclose(f);
}

static void check_uname(void)
{
	struct utsname uts;

	if (uname(&uts)) {
		ksft_test_result_fail("uname: %s\n", strerror(errno));
		return;
	}
	ksft_print_msg("uname -m: %s\n", uts.machine);
	ksft_print_msg("uname -r: %s\n", uts.release);
	ksft_print_msg("ABI of this program: %s\n", ABI_NAME);

	if (!expected_machine[0])
		ksft_test_result_skip("uname -m: not in a tracy-fast guest\n");
	else
		ksft_test_result(!strcmp(uts.machine, expected_machine),
				 "uname -m is %s\n", expected_machine);

	if (!expected_release_suffix[0]) {
		ksft_test_result_skip("uname -r: not in a tracy-fast guest\n");
	} else {
		size_t len = strlen(uts.release);
		size_t suffix = strlen(expected_release_suffix);

		ksft_test_result(len >= suffix &&
				 !strcmp(uts.release + len - suffix,
					 expected_release_suffix),
				 "uname -r ends in %s\n",
				 expected_release_suffix);
	}
}

static void check_filesystems(void)
{
	struct stat st;
	char buf[64];
	int fd;

	ksft_test_result(!access("/proc/self/status", R_OK),
			 "/proc is mounted\n");
	ksft_test_result(!stat("/sys/kernel", &st) && S_ISDIR(st.st_mode),
			 "/sys is mounted\n");
	ksft_test_result(!stat("/dev/null", &st) && S_ISCHR(st.st_mode),
			 "/dev has device nodes\n");

	snprintf(buf, sizeof(buf), "%s/smoke-%d",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", getpid());
	fd = open(buf, O_RDWR | O_CREAT | O_EXCL, 0600);
	ksft_test_result(fd >= 0 && write(fd, "x", 1) == 1 && !unlink(buf),
			 "a temporary file can be written\n");
	if (fd >= 0)
		close(fd);
}

static void check_futex(void)
{
	int word = 0;

	ksft_test_result(syscall(SYS_futex, &word, FUTEX_WAKE, 1,
				 NULL, NULL, 0) == 0,
			 "futex works\n");
}

static void check_process_vm_readv(void)
{
	char source[] = "cross memory attach", target[sizeof(source)] = "";
	struct iovec local = { target, sizeof(target) };
	struct iovec remote = { source, sizeof(source) };
	ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);

	ksft_test_result(got == sizeof(source) && !strcmp(source, target),
			 "process_vm_readv works\n");
}

/* A filter that fails getppid() with SECCOMP_TEST_ERRNO, run in a child. */
static void check_seccomp_filter(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | SECCOMP_TEST_ERRNO),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };
	unsigned int trace = SECCOMP_RET_TRACE;
	int status;
	pid_t pid;

	ksft_test_result(!syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0,
				  &trace),
			 "seccomp offers SECCOMP_RET_TRACE\n");

	pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
			_exit(1);
		_exit(syscall(__NR_getppid) == -1 &&
		      errno == SECCOMP_TEST_ERRNO ? 0 : 2);
	}
	ksft_test_result(pid > 0 && waitpid(pid, &status, 0) == pid &&
			 WIFEXITED(status) && WEXITSTATUS(status) == 0,
			 "a seccomp filter fails getppid with errno %d\n",
			 SECCOMP_TEST_ERRNO);
}

/*
 * Traces a child through its syscalls up to getppid and checks that the
 * kernel reports every syscall entry in this program's ABI.
 */
/*
 * The guest sees every CPU QEMU gives it (boot.py says how many on the
 * kernel command line): the race tests need two, and an x86 kernel
 * without ACPI boots with one (SeaBIOS's MP table lists one CPU).
 */
static void check_cpus(void)
{
	char cmdline[1024] = "";
	const char *arg;
	long given, online = sysconf(_SC_NPROCESSORS_ONLN);
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t got = fd < 0 ? -1 : read(fd, cmdline, sizeof(cmdline) - 1);

	if (fd >= 0)
		close(fd);
	arg = got > 0 ? strstr(cmdline, "tracyfast.cpus=") : NULL;
	ksft_print_msg("CPUs online: %ld\n", online);
	if (!arg) {
		ksft_test_result_skip("CPUs: not in a tracy-fast guest\n");
		return;
	}
	given = strtol(arg + strlen("tracyfast.cpus="), NULL, 10);
	ksft_test_result(online == given,
			 "CPUs: the guest sees the CPUs it was given\n");
}

static void check_ptrace_abi(void)
{
	struct __ptrace_syscall_info info;
	bool wrong_arch = false, seen_getppid = false;
	int status, stops;
	pid_t pid = fork();

	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(1);
		raise(SIGSTOP);
		syscall(__NR_getppid);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL))) {
		ksft_test_result_fail("ptrace: cannot trace a child\n");
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		return;
	}
	for (stops = 0; stops < MAX_TRACED_STOPS; stops++) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) ||
		    waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
			break;
		if (WSTOPSIG(status) != (SIGTRAP | 0x80))
			continue;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info),
			   &info) <= 0 || info.op != PTRACE_SYSCALL_INFO_ENTRY)
			continue;
		if (info.arch != ABI_AUDIT_ARCH) {
			ksft_print_msg("syscall %llu reported as arch %#x\n",
				       (unsigned long long)info.entry.nr,
				       info.arch);
			wrong_arch = true;
		}
		if (info.entry.nr == __NR_getppid)
			seen_getppid = true;
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ksft_test_result(seen_getppid && !wrong_arch,
			 "ptrace sees getppid, every syscall in arch %#x\n",
			 ABI_AUDIT_ARCH);
}

int main(void)
{
	read_guest_info();
	ksft_print_header();
	ksft_set_plan(12);
	check_uname();
	check_filesystems();
	check_futex();
	check_process_vm_readv();
	check_seccomp_filter();
	check_ptrace_abi();
	check_cpus();
	ksft_finished();
}
