// SPDX-License-Identifier: GPL-2.0
/*
 * The generated syscall tables (arch/syscalls.h): every table is complete
 * and its lookups find every entry both ways; the table of the ABI this
 * program is built for agrees with the libc's SYS_* numbers and with the
 * kernel, which reports the arch and number of a traced syscall.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest.h"
#include "syscalls.h"

#define MAX_TRACED_STOPS	200

struct libc_syscall {
	const char *name;
	long nr;
};

/*
 * Syscalls every ABI has, among them the ones that x32 has apart from
 * x86_64 (rt_sigaction, ioctl, readv, execve, ptrace, ...), then ones that
 * only some ABIs have.
 */
static const struct libc_syscall libc_syscalls[] = {
	{ "read", SYS_read },
	{ "write", SYS_write },
	{ "openat", SYS_openat },
	{ "close", SYS_close },
	{ "execve", SYS_execve },
	{ "execveat", SYS_execveat },
	{ "clone", SYS_clone },
	{ "clone3", SYS_clone3 },
	{ "exit", SYS_exit },
	{ "exit_group", SYS_exit_group },
	{ "getpid", SYS_getpid },
	{ "getppid", SYS_getppid },
	{ "gettid", SYS_gettid },
	{ "kill", SYS_kill },
	{ "tgkill", SYS_tgkill },
	{ "wait4", SYS_wait4 },
	{ "waitid", SYS_waitid },
	{ "ptrace", SYS_ptrace },
	{ "futex", SYS_futex },
	{ "ioctl", SYS_ioctl },
	{ "readv", SYS_readv },
	{ "writev", SYS_writev },
	{ "pread64", SYS_pread64 },
	{ "mprotect", SYS_mprotect },
	{ "munmap", SYS_munmap },
	{ "brk", SYS_brk },
	{ "rt_sigaction", SYS_rt_sigaction },
	{ "rt_sigprocmask", SYS_rt_sigprocmask },
	{ "rt_sigreturn", SYS_rt_sigreturn },
	{ "prctl", SYS_prctl },
	{ "seccomp", SYS_seccomp },
	{ "process_vm_readv", SYS_process_vm_readv },
	{ "recvmsg", SYS_recvmsg },
	{ "pipe2", SYS_pipe2 },
#ifdef SYS_open
	{ "open", SYS_open },
#endif
#ifdef SYS_fork
	{ "fork", SYS_fork },
#endif
#ifdef SYS_mmap
	{ "mmap", SYS_mmap },
#endif
#ifdef SYS_mmap2
	{ "mmap2", SYS_mmap2 },
#endif
#ifdef SYS_socketcall
	{ "socketcall", SYS_socketcall },
#endif
#ifdef SYS_arch_prctl
	{ "arch_prctl", SYS_arch_prctl },
#endif
#ifdef __ARM_NR_cacheflush
	{ "cacheflush", __ARM_NR_cacheflush },
#endif
#ifdef __ARM_NR_set_tls
	{ "set_tls", __ARM_NR_set_tls },
#endif
};

#define NR_LIBC_SYSCALLS (sizeof(libc_syscalls) / sizeof(libc_syscalls[0]))

static int nr_tables(void)
{
	int n = 0;

	while (tracy_syscall_tables[n])
		n++;
	return n;
}

/* Every number below size names a syscall, or is a hole, and comes back. */
static void check_numbers(const struct tracy_syscall_table *table)
{
	long size = table->size, nr, bad = -1;
	const char *name;

	for (nr = 0; nr < size && bad < 0; nr++) {
		name = tracy_syscall_name(table, nr);
		if (name && tracy_syscall_number(table, name) != nr)
			bad = nr;
	}
	if (bad >= 0)
		ksft_print_msg("%s: %ld is %s, which is %ld\n", table->abi, bad,
			       tracy_syscall_name(table, bad),
			       tracy_syscall_number(table,
					tracy_syscall_name(table, bad)));
	if (!tracy_syscall_name(table, size - 1))
		ksft_print_msg("%s: size %ld, but %ld is a hole\n", table->abi,
			       size, size - 1);
	ksft_test_result(bad < 0 && tracy_syscall_name(table, size - 1) &&
			 !tracy_syscall_name(table, -1),
			 "%s: all %u numbers find their name and back\n",
			 table->abi, table->size);
}

/*
 * Every name, in strcmp() order (binary search needs it), finds its
 * number and back; and every number names one of them.
 */
static void check_names(const struct tracy_syscall_table *table)
{
	const struct tracy_syscall *entry = table->by_name;
	uint32_t i, named = table->nr_arch_private;
	long size = table->size, nr;
	bool ok = true;

	for (nr = 0; nr < size; nr++)
		named += !!tracy_syscall_name(table, nr);
	for (i = 0; i < table->nr_by_name && ok; i++) {
		const char *name = entry[i].name;

		nr = tracy_syscall_number(table, name);
		ok = nr == (long)entry[i].nr && tracy_syscall_name(table, nr) &&
		     !strcmp(tracy_syscall_name(table, nr), name) &&
		     (i == 0 || strcmp(entry[i - 1].name, name) < 0);
		if (!ok)
			ksft_print_msg("%s: %s is %ld, which is %s\n",
				       table->abi, name, nr,
				       tracy_syscall_name(table, nr));
	}
	if (named != table->nr_by_name)
		ksft_print_msg("%s: %u numbers have a name, %u names\n",
			       table->abi, named, table->nr_by_name);
	ksft_test_result(ok && named == table->nr_by_name &&
			 tracy_syscall_number(table, "no_such_syscall") == -1 &&
			 tracy_syscall_number(table, "") == -1,
			 "%s: all %u names find their number and back\n",
			 table->abi, table->nr_by_name);
}

static void check_libc(const struct tracy_syscall_table *table,
		       const struct libc_syscall *libc)
{
	long nr = tracy_syscall_number(table, libc->name);
	long wire = nr >= 0 && nr < (long)table->size ?
		    nr + (long)table->nr_base : nr;

	/* ARM's private syscalls are best read in hex: 0x0f0005. */
	ksft_test_result(wire == libc->nr,
			 nr < (long)table->size ? "%s: %s is %ld%s, as in libc\n"
						: "%s: %s is %#lx%s, as in libc\n",
			 table->abi, libc->name, nr,
			 table->nr_base ? " + nr_base" : "");
	if (wire != libc->nr)
		ksft_print_msg("%s: libc says %#lx, the table %#lx with nr_base\n",
			       libc->name, libc->nr, wire);
}

/*
 * Traces a child up to its getppid and checks that the kernel reports it
 * with the table's audit arch and number.
 */
static void check_kernel(const struct tracy_syscall_table *table)
{
	struct __ptrace_syscall_info info;
	long getppid = tracy_syscall_number(table, "getppid");
	bool seen = false, no_info = false;
	int status, stops, info_errno = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(1);
		raise(SIGSTOP);
		syscall(SYS_getppid);
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
	for (stops = 0; stops < MAX_TRACED_STOPS && !seen && !no_info;
	     stops++) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) ||
		    waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
			break;
		if (WSTOPSIG(status) != (SIGTRAP | 0x80))
			continue;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info),
			   &info) <= 0) {
			info_errno = errno;
			no_info = true;
			break;
		}
		seen = info.op == PTRACE_SYSCALL_INFO_ENTRY &&
		       info.arch == table->audit_arch &&
		       info.entry.nr == (uint64_t)getppid + table->nr_base;
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (no_info)
		ksft_test_result_skip("the kernel has no PTRACE_GET_SYSCALL_INFO (%s)\n",
				      strerror(info_errno));
	else
		ksft_test_result(seen, "the kernel reports getppid as %s %ld%s\n",
				 table->audit_arch_name, getppid,
				 table->nr_base ? " + nr_base" : "");
}

int main(void)
{
	const struct tracy_syscall_table *native = &tracy_syscalls_native;
	unsigned int i;

	ksft_print_header();
	ksft_set_plan(2 * nr_tables() + NR_LIBC_SYSCALLS + 1);
	ksft_print_msg("ABI of this program: %s (%s, nr_base %#x), size %u\n",
		       native->abi, native->audit_arch_name, native->nr_base,
		       native->size);
	for (i = 0; tracy_syscall_tables[i]; i++) {
		check_numbers(tracy_syscall_tables[i]);
		check_names(tracy_syscall_tables[i]);
	}
	for (i = 0; i < NR_LIBC_SYSCALLS; i++)
		check_libc(native, &libc_syscalls[i]);
	check_kernel(native);
	ksft_finished();
}
