// SPDX-License-Identifier: GPL-2.0
/*
 * The ABIs: which one this program is, which ones the kernel runs, and the
 * few things that differ between architectures. Everything that depends on
 * the compiler's target sits in the one #if chain below.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall_mask.h"

/* Bit numbers of getpid and getppid, from each ABI's syscall table. */
static const struct abi abis[] = {
	{ "x86_64", AUDIT_ARCH_X86_64, 39, 110 },
	{ "x32", AUDIT_ARCH_X86_64, 39, 110 },	/* __X32_SYSCALL_BIT removed */
	{ "i386", AUDIT_ARCH_I386, 20, 64 },
	{ "arm64", AUDIT_ARCH_AARCH64, 172, 173 },
	{ "arm", AUDIT_ARCH_ARM, 20, 64 },
	{ "riscv64", AUDIT_ARCH_RISCV64, 172, 173 },
};

#if defined(__x86_64__) && defined(__ILP32__)
# define PROGRAM_ABI		"x32"
# define FOREIGN_ARCH		AUDIT_ARCH_AARCH64
# define IS_X32
# define HAVE_INT80
# define SYSCALL_NUM(regs)	((regs).orig_rax)
#elif defined(__x86_64__)
# define PROGRAM_ABI		"x86_64"
# define FOREIGN_ARCH		AUDIT_ARCH_AARCH64
# define HAVE_INT80
# define SYSCALL_NUM(regs)	((regs).orig_rax)
#elif defined(__i386__)
# define PROGRAM_ABI		"i386"
# define FOREIGN_ARCH		AUDIT_ARCH_AARCH64
# define SYSCALL_NUM(regs)	((regs).orig_eax)
#elif defined(__aarch64__)
# define PROGRAM_ABI		"arm64"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
# define SYSCALL_NUM_REGSET	NT_ARM_SYSTEM_CALL
#elif defined(__arm__) && defined(__ARM_EABI__)
# define PROGRAM_ABI		"arm"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
#elif defined(__riscv) && __riscv_xlen == 64
# define PROGRAM_ABI		"riscv64"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
# define SYSCALL_NUM_PRSTATUS(regs)	((regs).a7)
#else
# error "syscall_mask: unknown ABI, add it to the chain in syscall_mask_abi.c"
#endif

struct kernel_abis kabi;

const struct abi *abi_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(abis); i++)
		if (!strcmp(abis[i].name, name))
			return &abis[i];
	return NULL;
}

const struct abi *program_abi(void)
{
	return abi_by_name(PROGRAM_ABI);
}

bool is_x32(void)
{
#ifdef IS_X32
	return true;
#else
	return false;
#endif
}

/*
 * Whether the kernel runs x32 syscalls, by behaviour: getpid with the x32
 * bit is ENOSYS on a kernel without the x32 ABI.
 */
bool have_x32_syscalls(void)
{
#if defined(__x86_64__)
	return syscall(__X32_SYSCALL_BIT | 39) == getpid();
#else
	return false;
#endif
}

unsigned int list_bit(long nr)
{
#ifdef IS_X32
	nr &= ~__X32_SYSCALL_BIT;
#endif
	return (unsigned int)nr;
}

__u32 foreign_audit_arch(void)
{
	return FOREIGN_ARCH;
}

int set_syscall_nr(pid_t pid, int nr)
{
#if defined(SYSCALL_NUM)
	struct user_regs_struct regs;

	if (sys_ptrace(PTRACE_GETREGS, pid, 0, (unsigned long)&regs))
		return -errno;
	SYSCALL_NUM(regs) = nr;
	if (sys_ptrace(PTRACE_SETREGS, pid, 0, (unsigned long)&regs))
		return -errno;
	return 0;
#elif defined(SYSCALL_NUM_REGSET)
	int value = nr;
	struct iovec iov = { &value, sizeof(value) };

	if (sys_ptrace(PTRACE_SETREGSET, pid, SYSCALL_NUM_REGSET,
		       (unsigned long)&iov))
		return -errno;
	return 0;
#elif defined(PTRACE_SET_SYSCALL)
	if (sys_ptrace(PTRACE_SET_SYSCALL, pid, 0, (unsigned long)nr))
		return -errno;
	return 0;
#elif defined(SYSCALL_NUM_PRSTATUS)
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };

	if (sys_ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, (unsigned long)&iov))
		return -errno;
	SYSCALL_NUM_PRSTATUS(regs) = nr;
	if (sys_ptrace(PTRACE_SETREGSET, pid, NT_PRSTATUS, (unsigned long)&iov))
		return -errno;
	return 0;
#endif
}

bool have_int80(void)
{
#ifdef HAVE_INT80
	return kabi.compat && kabi.compat->audit_arch == AUDIT_ARCH_I386;
#else
	return false;
#endif
}

long int80_syscall(long nr)
{
#ifdef HAVE_INT80
	long ret;

	/* The i386 entry preserves r8-r11 since 4.17, not before. */
	__asm__ __volatile__ ("int $0x80"
			      : "=a" (ret)
			      : "0" (nr), "b" (POISON), "c" (POISON),
				"d" (POISON)
			      : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
#else
	(void)nr;
	return -EOPNOTSUPP;	/* only called where have_int80() */
#endif
}

const struct abi *other_kernel_abi(void)
{
	const struct abi *mine = program_abi();

	if (!kabi.compat)
		return NULL;
	return mine->audit_arch == kabi.native->audit_arch ? kabi.compat :
							      kabi.native;
}

/* The guests install this program for each ABI as <dir>/<name>-<abi>. */
const struct abi *other_abi_program(char *path, size_t size)
{
	const struct abi *other = other_kernel_abi();
	char suffix[32];
	ssize_t len;
	size_t slen;

	if (!other)
		return NULL;
	len = readlink("/proc/self/exe", path, size - 1);
	if (len < 0)
		return NULL;
	path[len] = '\0';
	slen = snprintf(suffix, sizeof(suffix), "-%s", PROGRAM_ABI);
	if ((size_t)len < slen || strcmp(path + len - slen, suffix) ||
	    len - slen + strlen(other->name) + 2 > size)
		return NULL;
	sprintf(path + len - slen, "-%s", other->name);
	return access(path, X_OK) ? NULL : other;
}

/* Our name of the architecture that uname -m calls @machine, or "". */
static const char *machine_arch(const char *machine)
{
	if (!strcmp(machine, "x86_64"))
		return "x86_64";
	if (!strcmp(machine, "aarch64"))
		return "arm64";
	if (machine[0] == 'i' && strstr(machine, "86"))
		return "i386";
	if (!strncmp(machine, "arm", 3))
		return "arm";
	if (!strcmp(machine, "riscv64"))
		return "riscv64";
	return "";
}

/*
 * Whether the kernel runs the ABI of @arch, asked of the kernel itself:
 * PTRACE_GETSYSCALLMASK answers EINVAL for an ABI it does not run. 1 yes,
 * 0 no, -1 cannot tell (a kernel without the mask).
 */
static int kernel_runs(__u32 arch)
{
	__u32 nr_bits = LIST_BITS;
	struct list l;
	int status, ret = -EIO;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		sys_ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status))
		ret = mask_get(pid, arch, 0, &l, &nr_bits);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return ret == -EINVAL ? 0 : ret >= 0 ? 1 : -1;
}

/*
 * The kernel's ABIs, by behaviour where the mask can tell (a 32-bit
 * program may run on a 64-bit kernel, which may or may not run 32-bit
 * programs), and otherwise from uname -m, assuming that a 64-bit kernel
 * runs its 32-bit ABI. arm64 kernels call themselves armv8l to AArch32
 * programs.
 */
void kernel_abis_init(void)
{
	const struct abi *mine = program_abi();
	const struct abi *wide = NULL, *narrow = NULL;
	struct utsname uts;
	int runs;

	if (!strcmp(mine->name, "i386"))
		wide = abi_by_name("x86_64");
	else if (!strcmp(mine->name, "arm"))
		wide = abi_by_name("arm64");

	kabi.native = wide ? mine : abi_by_name(is_x32() ? "x86_64" :
							  mine->name);
	if (wide) {
		runs = kernel_runs(wide->audit_arch);
		if (runs < 0 && !uname(&uts))
			runs = !strcmp(uts.machine, "armv8l") ||
			       !strcmp(machine_arch(uts.machine), wide->name);
		if (runs > 0)
			kabi.native = wide;
	}

	if (!strcmp(kabi.native->name, "x86_64"))
		narrow = abi_by_name("i386");
	else if (!strcmp(kabi.native->name, "arm64"))
		narrow = abi_by_name("arm");
	if (narrow && (narrow == mine || kernel_runs(narrow->audit_arch)))
		kabi.compat = narrow;
}
