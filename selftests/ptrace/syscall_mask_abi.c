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
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "syscall_mask.h"

#define GUEST_INFO	"/etc/tracy-fast/guest"

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
# define X32_SYSCALL_BIT	0x40000000L
# define HAVE_SYSEMU		true
# define HAVE_INT80
# define SYSCALL_NUM(regs)	((regs).orig_rax)
#elif defined(__x86_64__)
# define PROGRAM_ABI		"x86_64"
# define FOREIGN_ARCH		AUDIT_ARCH_AARCH64
# define HAVE_SYSEMU		true
# define HAVE_INT80
# define SYSCALL_NUM(regs)	((regs).orig_rax)
#elif defined(__i386__)
# define PROGRAM_ABI		"i386"
# define FOREIGN_ARCH		AUDIT_ARCH_AARCH64
# define HAVE_SYSEMU		true
# define SYSCALL_NUM(regs)	((regs).orig_eax)
#elif defined(__aarch64__)
# define PROGRAM_ABI		"arm64"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
# define HAVE_SYSEMU		true
# ifndef NT_ARM_SYSTEM_CALL
#  define NT_ARM_SYSTEM_CALL	0x404
# endif
# define SYSCALL_NUM_REGSET	NT_ARM_SYSTEM_CALL
#elif defined(__arm__) && defined(__ARM_EABI__)
# define PROGRAM_ABI		"arm"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
# define HAVE_SYSEMU		false
# define PTRACE_SET_SYSCALL_REQUEST	23
#elif defined(__riscv) && __riscv_xlen == 64
# define PROGRAM_ABI		"riscv64"
# define FOREIGN_ARCH		AUDIT_ARCH_X86_64
# define HAVE_SYSEMU		false
# define SYSCALL_NUM_PRSTATUS(regs)	((regs).a7)
# include <asm/ptrace.h>		/* struct user_regs_struct */
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
#ifdef X32_SYSCALL_BIT
	return true;
#else
	return false;
#endif
}

unsigned int list_bit(long nr)
{
#ifdef X32_SYSCALL_BIT
	nr &= ~X32_SYSCALL_BIT;
#endif
	return (unsigned int)nr;
}

__u32 foreign_audit_arch(void)
{
	return FOREIGN_ARCH;
}

bool have_sysemu(void)
{
	return HAVE_SYSEMU;
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
#elif defined(PTRACE_SET_SYSCALL_REQUEST)
	if (sys_ptrace(PTRACE_SET_SYSCALL_REQUEST, pid, 0, (unsigned long)nr))
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

/* The value of "key=" in GUEST_INFO, or "" */
static void guest_info(const char *key, char *value, size_t size)
{
	char line[256];
	size_t len = strlen(key);
	FILE *f = fopen(GUEST_INFO, "r");

	value[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, len) || line[len] != '=')
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(value, size, "%s", line + len + 1);
	}
	fclose(f);
}

static bool guest_runs(const char *abi)
{
	char list[sizeof(kabi.guest_abis) + 2];

	snprintf(list, sizeof(list), " %s ", kabi.guest_abis);
	for (char *p = strstr(list, abi); p; p = strstr(p + 1, abi))
		if (p[-1] == ' ' && p[strlen(abi)] == ' ')
			return true;
	return false;
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
 * In a guest, GUEST_INFO names the kernel's architecture and the ABIs it
 * runs. Elsewhere uname -m names the kernel's machine, and a 64-bit kernel
 * is assumed to run its 32-bit ABI.
 */
void kernel_abis_init(void)
{
	char arch[64];
	struct utsname uts;

	guest_info("arch", arch, sizeof(arch));
	guest_info("abis", kabi.guest_abis, sizeof(kabi.guest_abis));
	kabi.in_guest = arch[0] != '\0';
	if (!kabi.in_guest && !uname(&uts)) {
		snprintf(arch, sizeof(arch), "%s", machine_arch(uts.machine));
		snprintf(kabi.guest_abis, sizeof(kabi.guest_abis), "%s %s",
			 arch, !strcmp(arch, "x86_64") ? "i386" :
			 !strcmp(arch, "arm64") ? "arm" : "");
	}
	kabi.native = abi_by_name(arch);
	if (!strcmp(arch, "x86_64") && guest_runs("i386"))
		kabi.compat = abi_by_name("i386");
	else if (!strcmp(arch, "arm64") && guest_runs("arm"))
		kabi.compat = abi_by_name("arm");
}
