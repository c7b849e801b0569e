/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tests of the syscall mask of ptrace (PTRACE_SETSYSCALLMASK,
 * PTRACE_GETSYSCALLMASK, PTRACE_SYSCALLWHITELIST, PTRACE_SYSCALLBLACKLIST)
 * share: the requests, the ABIs, a traced child that runs a script, a
 * tracer that records every stop, and the fixture.
 *
 * Each test traces a child that stops itself, then runs a script of raw
 * syscalls, with poison arguments, that the test writes into shared
 * memory; the tracer records every stop with PTRACE_GET_SYSCALL_INFO and
 * the test compares the stops with the ones the contract
 * (Documentation/userspace-api/ptrace-syscall-mask.rst) predicts. A
 * kernel without the mask answers EIO: then every test that needs it
 * SKIPs.
 *
 * The same programs can be built for every ABI a kernel runs (x86_64,
 * i386, x32, arm64, arm), so the tests also run as compat tracers of
 * compat tracees; a build for x86_64 also checks that int $0x80 syscalls
 * use the i386 lists.
 *
 * The requests and struct ptrace_syscall_mask come from the kernel's
 * <linux/ptrace.h> (KHDR_INCLUDES), never from glibc's <sys/ptrace.h>,
 * which would clash with it: ptrace is called through syscall(2).
 */
#ifndef SYSCALL_MASK_H
#define SYSCALL_MASK_H

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <linux/types.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

/* ---- lists ---- */

#define MODE_BLACKLIST		0
#define MODE_WHITELIST		1

/* Lists as these tests keep them: big enough for any syscall table. */
#define LIST_WORDS		64
#define LIST_BITS		(LIST_WORDS * 64)

struct list {
	__u64 w[LIST_WORDS];
};

static inline void list_add(struct list *l, unsigned int bit)
{
	if (bit < LIST_BITS)
		l->w[bit / 64] |= 1ULL << (bit % 64);
}

static inline bool list_has(const struct list *l, unsigned int bit)
{
	return bit < LIST_BITS && (l->w[bit / 64] >> (bit % 64)) & 1;
}

/* What the tracee passes in the arguments a syscall does not use. */
#define POISON		0xbad0L

/* ---- the requests ---- */

static inline long sys_ptrace(long request, pid_t pid, unsigned long addr,
			      unsigned long data)
{
	return syscall(__NR_ptrace, request, pid, addr, data);
}

static inline int ptrace_result(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

static inline int mask_set(pid_t pid, __u32 arch, __u32 flags,
			   const struct list *l, __u32 nr_bits)
{
	struct ptrace_syscall_mask m = {
		.arch = arch,
		.flags = flags,
		.nr_bits = nr_bits,
		.bitmap = (unsigned long)l->w,
	};

	return ptrace_result(sys_ptrace(PTRACE_SETSYSCALLMASK, pid, sizeof(m),
				 (unsigned long)&m));
}

/* @nr_bits: in, the bits to read; out, the kernel's table size. */
static inline int mask_get(pid_t pid, __u32 arch, __u32 flags, struct list *l,
			   __u32 *nr_bits)
{
	struct ptrace_syscall_mask m = {
		.arch = arch,
		.flags = flags,
		.nr_bits = *nr_bits,
		.bitmap = (unsigned long)l->w,
	};
	int ret = ptrace_result(sys_ptrace(PTRACE_GETSYSCALLMASK, pid, sizeof(m),
				    (unsigned long)&m));

	if (ret >= 0)
		*nr_bits = m.nr_bits;
	return ret;
}

static inline int mask_mode(pid_t pid, int mode)
{
	return ptrace_result(sys_ptrace(mode == MODE_WHITELIST ?
				 PTRACE_SYSCALLWHITELIST :
				 PTRACE_SYSCALLBLACKLIST, pid, 0, 0));
}

static inline int mask_seed(pid_t pid, bool add, unsigned long nr)
{
	return ptrace_result(sys_ptrace(PTRACE_SETSYSCALLMASK, pid, add, nr));
}

/* ---- the ABIs: everything that differs by architecture ---- */

struct abi {
	const char *name;	/* as in build names: <program>-<name> */
	__u32 audit_arch;	/* the lists it uses */
	int getpid, getppid;	/* bit numbers in those lists */
};

/* The ABIs of the running kernel (kernel_abis_init() asks it). */
struct kernel_abis {
	const struct abi *native;
	const struct abi *compat;	/* NULL: the kernel runs no other ABI */
};

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
# error "syscall_mask: unknown ABI, add it to the chain in syscall_mask.h"
#endif

static struct kernel_abis kabi;

static inline const struct abi *abi_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(abis); i++)
		if (!strcmp(abis[i].name, name))
			return &abis[i];
	return NULL;
}

static inline const struct abi *program_abi(void)
{
	return abi_by_name(PROGRAM_ABI);
}

static inline bool is_x32(void)
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
static inline bool have_x32_syscalls(void)
{
#if defined(__x86_64__)
	return syscall(__X32_SYSCALL_BIT | 39) == getpid();
#else
	return false;
#endif
}

static inline unsigned int list_bit(long nr)
{
#ifdef IS_X32
	nr &= ~__X32_SYSCALL_BIT;
#endif
	return (unsigned int)nr;
}

static inline __u32 foreign_audit_arch(void)
{
	return FOREIGN_ARCH;
}

static inline int set_syscall_nr(pid_t pid, int nr)
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

static inline bool have_int80(void)
{
#ifdef HAVE_INT80
	return kabi.compat && kabi.compat->audit_arch == AUDIT_ARCH_I386;
#else
	return false;
#endif
}

static inline long int80_syscall(long nr)
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

static inline const struct abi *other_kernel_abi(void)
{
	const struct abi *mine = program_abi();

	if (!kabi.compat)
		return NULL;
	return mine->audit_arch == kabi.native->audit_arch ? kabi.compat :
							      kabi.native;
}

/* The guests install this program for each ABI as <dir>/<name>-<abi>. */
static inline const struct abi *other_abi_program(char *path, size_t size)
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
static inline const char *machine_arch(const char *machine)
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
static inline int kernel_runs(__u32 arch)
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
static inline void kernel_abis_init(void)
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

/* ---- the state of a mask ---- */

struct mask_state {
	int mode;
	struct {
		__u32 arch;
		__u32 nr_bits;
		struct list lists[2];	/* [0] stop list, [1] no-exit list */
	} abi[2];			/* the kernel's native and compat ABI */
	int nabi;
};

/* Both lists of every ABI the kernel runs, and the mode. */
static inline int mask_snapshot(pid_t pid, struct mask_state *s)
{
	const struct abi *abis[2] = { kabi.native, kabi.compat };
	int ret = 0;

	memset(s, 0, sizeof(*s));
	s->mode = -1;
	for (int i = 0; i < 2 && abis[i]; i++, s->nabi++) {
		s->abi[i].arch = abis[i]->audit_arch;
		for (int flags = 0; flags < 2; flags++) {
			s->abi[i].nr_bits = LIST_BITS;
			ret = mask_get(pid, abis[i]->audit_arch, flags,
				       &s->abi[i].lists[flags],
				       &s->abi[i].nr_bits);
			if (ret < 0)
				return ret;
			s->mode = ret;
		}
	}
	return 0;
}

static inline bool mask_state_equal(const struct mask_state *a,
				    const struct mask_state *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static inline size_t describe_list(const struct list *l, char *buf, size_t size)
{
	size_t len = 0;

	for (unsigned int bit = 0; bit < LIST_BITS && len < size; bit++)
		if (list_has(l, bit))
			len += snprintf(buf + len, size - len, "%s%u",
					len ? "," : "", bit);
	return len < size ? len : size;
}

static inline void mask_state_describe(const struct mask_state *s, char *buf,
				       size_t size)
{
	size_t len = snprintf(buf, size, "mode %d", s->mode);

	for (int i = 0; i < s->nabi && len < size; i++) {
		for (int flags = 0; flags < 2 && len < size; flags++) {
			len += snprintf(buf + len, size - len, "; %#x %s [",
					s->abi[i].arch,
					flags ? "no-exit" : "stop");
			if (len >= size)
				break;
			len += describe_list(&s->abi[i].lists[flags],
					     buf + len, size - len);
			if (len < size)
				len += snprintf(buf + len, size - len,
						"] of %u", s->abi[i].nr_bits);
		}
	}
}

/* ---- the traced child and its script ---- */

#define MAX_CALLS	32
#define TRACEE_ARG	"--tracee"

enum call_op {
	OP_SYSCALL,	/* syscall(nr, args..., poison...) */
	OP_INT80,	/* the same through int $0x80 */
	OP_SPIN,	/* yield until shared->go */
	OP_FORK,	/* the next 'children' calls run in a fork()ed child */
	OP_THREAD,	/* ... in a new thread */
	OP_VFORK_EXEC,	/* vfork() and exec exec_path with exec_args */
	OP_EXEC,	/* exec exec_path with exec_args */
};

struct call {
	int op;
	int children;
	long nr;
	long args[4];	/* then poison */
};

struct stop {
	pid_t pid;
	int kind;
	int nr;		/* exits: the nr of the entry, or NR_UNPAIRED */
	__u32 arch;	/* 0 in expectations: any */
	long long rval;
};

enum stop_kind {
	STOP_ENTRY = 1,	/* syscall-entry-stop */
	STOP_EXIT,	/* syscall-exit-stop */
	STOP_SECCOMP,	/* PTRACE_EVENT_SECCOMP */
	STOP_EVENT,	/* another PTRACE_EVENT_*, in nr */
	STOP_NEW,	/* the first stop of a new tracee */
	STOP_GONE,	/* exited or killed, wait status in rval */
};

#define NR_UNPAIRED	(-0x7fff)
#define MAX_STOPS	256

struct trace {
	int nstops;
	int nsyscall_stops;
	int exit_status;	/* of the first tracee */
	struct stop stops[MAX_STOPS];
	char error[256];
};

/* Shared between the test, its tracees and its helper tracers. */
struct shared {
	int go;			/* script_go(): OP_SPIN may end */
	int ncalls;
	struct call calls[MAX_CALLS];
	long results[MAX_CALLS];
	int errnos[MAX_CALLS];
	char exec_path[PATH_MAX];
	int nexec_args;
	char exec_args[8][16];
	struct ptrace_syscall_mask child_mask;
	__u64 child_bits[LIST_WORDS];
	struct trace trace, other_trace;
};

enum spawn_how {
	SPAWN_TRACEME = 1,	/* PTRACE_TRACEME, stop with SIGSTOP, script */
	SPAWN_FREE = 2,		/* untraced, runs the script */
	SPAWN_LOOP = 4,		/* untraced, getpid forever, getppid now and then */
	SPAWN_SECCOMP = 8,	/* with a filter: SECCOMP_RET_TRACE for getppid */
};

static const struct {
	const char *name;
	long nr;
} named_syscalls[] = {
	{ "getpid", __NR_getpid },
	{ "getppid", __NR_getppid },
	{ "gettid", __NR_gettid },
};

static inline void script_reset(struct shared *sh)
{
	sh->ncalls = 0;
	sh->go = 0;
	sh->nexec_args = 0;
	memset(sh->results, 0, sizeof(sh->results));
	memset(sh->errnos, 0, sizeof(sh->errnos));
}

static inline void script_add(struct shared *sh, int op, long nr, int children)
{
	if (sh->ncalls < MAX_CALLS)
		sh->calls[sh->ncalls++] = (struct call){
			op, children, nr,
			{ POISON, POISON + 1, POISON + 2, POISON + 3 },
		};
}

static inline void script_add_args(struct shared *sh, long nr, long a0, long a1,
				   long a2, long a3)
{
	if (sh->ncalls < MAX_CALLS)
		sh->calls[sh->ncalls++] = (struct call){
			OP_SYSCALL, 0, nr, { a0, a1, a2, a3 },
		};
}

/* Lets a tracee spinning in OP_SPIN, in another process, go on. */
static inline void script_go(struct shared *sh)
{
	__atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
}

/* @names: blank-separated syscall names for the exec'd image. */
static inline void script_exec_args(struct shared *sh, const char *path,
				    const char *names)
{
	char copy[128], *word, *save;

	snprintf(sh->exec_path, sizeof(sh->exec_path), "%s", path);
	snprintf(copy, sizeof(copy), "%s", names);
	sh->nexec_args = 0;
	for (word = strtok_r(copy, " ", &save); word && sh->nexec_args < 8;
	     word = strtok_r(NULL, " ", &save))
		snprintf(sh->exec_args[sh->nexec_args++],
			 sizeof(sh->exec_args[0]), "%s", word);
}

static inline int run_named_syscalls(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(named_syscalls); k++)
			if (!strcmp(argv[i], named_syscalls[k].name))
				break;
		if (k == ARRAY_SIZE(named_syscalls))
			return 2;
		syscall(named_syscalls[k].nr, POISON, POISON, POISON);
	}
	return 0;
}

static inline void exec_script_image(struct shared *sh, char **argv)
{
	execv(sh->exec_path, argv);
	_exit(127);
}

static inline void build_exec_argv(struct shared *sh, char **argv)
{
	int n = 0;

	argv[n++] = sh->exec_path;
	argv[n++] = TRACEE_ARG;
	for (int i = 0; i < sh->nexec_args; i++)
		argv[n++] = sh->exec_args[i];
	argv[n] = NULL;
}

static inline void run_calls(struct shared *sh, int from, int to);

/*
 * Apart from run_calls(), which vfork() would clobber. GCC and clang do
 * not inline a function that calls vfork(), or any returns_twice function.
 */
static inline pid_t vfork_exec(struct shared *sh, char **argv)
{
	pid_t pid = vfork();

	if (pid == 0)
		exec_script_image(sh, argv);
	return pid;
}

struct thread_calls {
	struct shared *sh;
	int from, to;
};

static inline void *thread_main(void *arg)
{
	struct thread_calls *tc = arg;

	run_calls(tc->sh, tc->from, tc->to);
	return NULL;
}

static inline void record_result(struct shared *sh, int i, long ret)
{
	sh->results[i] = ret;
	sh->errnos[i] = ret == -1 ? errno : 0;
}

static inline void run_calls(struct shared *sh, int from, int to)
{
	char *argv[12];

	for (int i = from; i < to; i++) {
		const struct call *c = &sh->calls[i];
		struct thread_calls tc = { sh, i + 1, i + 1 + c->children };
		pthread_t thread;
		pid_t pid;

		switch (c->op) {
		case OP_SYSCALL:
			record_result(sh, i, syscall(c->nr, c->args[0],
						     c->args[1], c->args[2],
						     c->args[3], POISON + 4,
						     POISON + 5));
			break;
		case OP_INT80:
			sh->results[i] = int80_syscall(c->nr);
			break;
		case OP_SPIN:
			while (!__atomic_load_n(&sh->go, __ATOMIC_ACQUIRE))
				syscall(__NR_sched_yield);
			break;
		case OP_FORK:
			pid = fork();
			if (pid == 0) {
				run_calls(sh, tc.from, tc.to);
				_exit(0);
			}
			record_result(sh, i, waitpid(pid, NULL, 0));
			i += c->children;
			break;
		case OP_THREAD:
			record_result(sh, i, pthread_create(&thread, NULL,
							    thread_main, &tc));
			if (!sh->results[i])
				pthread_join(thread, NULL);
			i += c->children;
			break;
		case OP_VFORK_EXEC:
			build_exec_argv(sh, argv);
			pid = vfork_exec(sh, argv);
			record_result(sh, i, waitpid(pid, NULL, 0));
			break;
		case OP_EXEC:
			build_exec_argv(sh, argv);
			exec_script_image(sh, argv);
			break;
		}
	}
}

/* SECCOMP_RET_TRACE for getppid, everything else allowed. */
static inline int install_trace_filter(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

static inline void tracee_main(struct shared *sh, int how)
{
	/* Die with the test; let a helper process of the test attach. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY);
	if ((how & SPAWN_SECCOMP) && install_trace_filter())
		_exit(3);
	if (how & SPAWN_LOOP) {
		for (;;) {
			for (int i = 0; i < 50; i++)
				syscall(__NR_getpid);
			syscall(__NR_getppid);
		}
	}
	if (how & SPAWN_TRACEME) {
		if (syscall(__NR_ptrace, PTRACE_TRACEME, 0, 0, 0))
			_exit(4);
		syscall(__NR_kill, syscall(__NR_getpid), SIGSTOP);
	}
	run_calls(sh, 0, sh->ncalls);
	_exit(0);
}

static inline pid_t spawn_tracee(struct shared *sh, int how)
{
	pid_t pid = fork();

	if (pid == 0)
		tracee_main(sh, how);
	return pid;
}

/* ---- the tracing loop ---- */

struct tracer;
typedef void (*stop_hook)(struct tracer *t, const struct stop *s);

struct tracer {
	long resume;		/* PTRACE_SYSCALL, PTRACE_SYSEMU, PTRACE_CONT */
	/*
	 * Leave the tracee stopped after so many syscall stops; 0: run
	 * until every tracee is gone.
	 */
	int max_stops;
	stop_hook hook;
	void *metadata;		/* the test's, for hooks */
	void *arg;
	struct trace *out;
};

#define MAX_TRACEES	16

struct tracee {
	pid_t pid;
	bool in_syscall;	/* the last syscall stop was an entry */
	int nr;			/* of that entry */
};

static inline int trace_fail(struct trace *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->error, sizeof(out->error), fmt, ap);
	va_end(ap);
	return -1;
}

static inline struct stop *trace_record(struct trace *out, pid_t pid, int kind,
					int nr, __u32 arch, long long rval)
{
	struct stop *s;

	if (out->nstops >= MAX_STOPS)
		return NULL;
	s = &out->stops[out->nstops++];
	*s = (struct stop){ pid, kind, nr, arch, rval };
	return s;
}

static inline struct tracee *find_tracee(struct tracee *ts, int *n, pid_t pid,
					 bool *is_new)
{
	*is_new = false;
	for (int i = 0; i < *n; i++)
		if (ts[i].pid == pid)
			return &ts[i];
	if (*n == MAX_TRACEES)
		return NULL;
	*is_new = true;
	ts[*n] = (struct tracee){ .pid = pid };
	return &ts[(*n)++];
}

static inline struct stop *record_syscall_stop(struct trace *out,
					       struct tracee *tr)
{
	struct ptrace_syscall_info info;
	int nr;

	memset(&info, 0, sizeof(info));
	if (sys_ptrace(PTRACE_GET_SYSCALL_INFO, tr->pid, sizeof(info),
		       (unsigned long)&info) <= 0)
		return NULL;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		tr->in_syscall = true;
		tr->nr = (int)info.entry.nr;
		return trace_record(out, tr->pid, STOP_ENTRY, tr->nr,
				    info.arch, 0);
	case PTRACE_SYSCALL_INFO_EXIT:
		nr = tr->in_syscall ? tr->nr : NR_UNPAIRED;
		tr->in_syscall = false;
		return trace_record(out, tr->pid, STOP_EXIT, nr, info.arch,
				    info.exit.rval);
	case PTRACE_SYSCALL_INFO_SECCOMP:
		return trace_record(out, tr->pid, STOP_SECCOMP,
				    (int)info.seccomp.nr, info.arch, 0);
	}
	return NULL;
}

/*
 * Resumes @first and runs it, and every tracee that appears, to the end
 * (or to t->max_stops syscall stops). The first stop of a new tracee is
 * its initial SIGSTOP or PTRACE_EVENT_STOP, which is not delivered.
 */
static inline int trace_run(struct tracer *t, pid_t first)
{
	struct tracee ts[MAX_TRACEES] = { { .pid = first } };
	struct trace *out = t->out;
	int ntracees = 1, live = 1;

	out->nstops = 0;
	out->nsyscall_stops = 0;
	out->exit_status = -1;
	out->error[0] = '\0';
	if (sys_ptrace(t->resume, first, 0, 0))
		return trace_fail(out, "resuming %d: %s", first,
				  strerror(errno));
	while (live > 0) {
		struct tracee *tr;
		struct stop *s = NULL;
		int status, sig, event, inject = 0;
		bool is_new;
		pid_t pid = waitpid(-1, &status, __WALL);

		if (pid < 0)
			return trace_fail(out, "waitpid: %s", strerror(errno));
		tr = find_tracee(ts, &ntracees, pid, &is_new);
		if (!tr)
			return trace_fail(out, "more than %d tracees",
					  MAX_TRACEES);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			trace_record(out, pid, STOP_GONE, 0, 0, status);
			live -= !is_new;
			if (pid == first)
				out->exit_status = status;
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		event = status >> 16;
		if (is_new) {
			live++;
			s = trace_record(out, pid, STOP_NEW, 0, 0, 0);
		} else if (sig == (SIGTRAP | 0x80)) {
			s = record_syscall_stop(out, tr);
			if (!s)
				return trace_fail(out,
						  "stop %d of %d: no syscall info",
						  out->nstops, pid);
			out->nsyscall_stops++;
		} else if (sig == SIGTRAP && event == PTRACE_EVENT_SECCOMP) {
			s = record_syscall_stop(out, tr);
			if (!s)
				return trace_fail(out,
						  "seccomp stop of %d: no info",
						  pid);
		} else if (sig == SIGTRAP && event) {
			s = trace_record(out, pid, STOP_EVENT, event, 0, 0);
		} else if (!(event == PTRACE_EVENT_STOP)) {
			inject = sig;
		}
		if (out->nstops >= MAX_STOPS)
			return trace_fail(out, "more than %d stops", MAX_STOPS);
		if (s && t->hook)
			t->hook(t, s);
		if (t->max_stops && out->nsyscall_stops >= t->max_stops)
			return 0;
		if (sys_ptrace(t->resume, pid, 0, inject) && errno != ESRCH)
			return trace_fail(out, "resuming %d: %s", pid,
					  strerror(errno));
	}
	return 0;
}

static inline int trace_select(const struct trace *t, pid_t pid, const int *nrs,
			       int n, struct stop *out, int max)
{
	int count = 0;

	for (int i = 0; i < t->nstops && count < max; i++) {
		const struct stop *s = &t->stops[i];
		bool wanted = n == 0;

		if (s->pid != pid || s->kind < STOP_ENTRY ||
		    s->kind > STOP_SECCOMP)
			continue;
		for (int k = 0; k < n; k++)
			wanted |= s->nr == nrs[k];
		if (wanted)
			out[count++] = *s;
	}
	return count;
}

static inline bool stops_equal(const struct stop *seen, int nseen,
			       const struct stop *want, int nwant)
{
	if (nseen != nwant)
		return false;
	for (int i = 0; i < nseen; i++)
		if (seen[i].kind != want[i].kind || seen[i].nr != want[i].nr ||
		    (want[i].arch && seen[i].arch != want[i].arch))
			return false;
	return true;
}

static inline const char *arch_name(__u32 arch)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64: return "x86_64";
	case AUDIT_ARCH_I386: return "i386";
	case AUDIT_ARCH_AARCH64: return "arm64";
	case AUDIT_ARCH_ARM: return "arm";
	case AUDIT_ARCH_RISCV64: return "riscv64";
	case 0: return "any";
	}
	return "?";
}

static inline void stops_describe(const struct stop *s, int n, char *buf,
				  size_t size)
{
	static const char kinds[] = "?EXS";
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		if (s[i].nr == NR_UNPAIRED)
			len += snprintf(buf + len, size - len, " X(unpaired)");
		else
			len += snprintf(buf + len, size - len, " %c%d/%s",
					kinds[s[i].kind <= 3 ? s[i].kind : 0],
					s[i].nr, arch_name(s[i].arch));
	}
	if (!n)
		snprintf(buf, size, " (none)");
}

/* ---- arena: pages of every kind, for pointers that must fail ---- */

struct arena {
	size_t page;
	char *rw, *rw_end;	/* readable and writable, then a hole */
	char *ro, *ro_end;	/* read-only, then a hole */
};

/* [rw rw rw][hole][ro][hole] */
static inline int arena_init(struct arena *a)
{
	size_t page = sysconf(_SC_PAGESIZE);
	char *base = mmap(NULL, 6 * page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		return -errno;
	a->page = page;
	a->rw = base;
	a->rw_end = base + 3 * page;
	a->ro = base + 4 * page;
	a->ro_end = base + 5 * page;
	memset(a->ro, 0xff, page);
	if (mprotect(a->rw_end, page, PROT_NONE) ||
	    mprotect(a->ro, page, PROT_READ) ||
	    mprotect(a->ro_end, page, PROT_NONE))
		return -errno;
	return 0;
}

static inline size_t bytes_before(__u64 ptr, const char *start, const char *end)
{
	if (ptr >= (unsigned long)start && ptr < (unsigned long)end)
		return (unsigned long)end - ptr;
	return 0;
}

static inline size_t arena_readable(const struct arena *a, __u64 ptr)
{
	return bytes_before(ptr, a->rw, a->rw_end) +
	       bytes_before(ptr, a->ro, a->ro_end);
}

static inline size_t arena_writable(const struct arena *a, __u64 ptr)
{
	return bytes_before(ptr, a->rw, a->rw_end);
}

/* ---- what the tests share ---- */

#define OPTIONS		(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | \
			 PTRACE_O_TRACEEXEC)
#define INHERIT_OPTIONS	(OPTIONS | PTRACE_O_TRACEFORK | \
			 PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)
/* Syscall tables are bigger than this; none is bigger than LIST_BITS. */
#define MIN_TABLE_BITS	300U
#define ARM_PRIVATE_NR	0x0f07f0	/* -ENOSYS on arm and AArch32 */
#define MASK_SIZE	sizeof(struct ptrace_syscall_mask)

#define NO_MASK		"no syscall mask in this kernel (EIO)"

/* A few syscall or bit numbers: NRS(__NR_getpid, __NR_gettid). */
struct nrs {
	size_t n;
	long nr[8];
};

#define NRS(...)	((struct nrs){					\
	ARRAY_SIZE(((const long[]){ __VA_ARGS__ })), { __VA_ARGS__ } })

static inline __u32 prog_arch(void)
{
	return program_abi()->audit_arch;
}

/* ---- the fixture: a child stopped before its script ---- */

FIXTURE(mask) {
	struct shared *sh;
	struct arena arena;
	pid_t tracee;
	pid_t pids[8];		/* every process this test forked */
	int npids;
	int probe_errno;	/* of PTRACE_GETSYSCALLMASK on the tracee */
};

static inline pid_t spawn(struct __test_metadata *_metadata,
			  FIXTURE_DATA(mask) * self, int how)
{
	int status;
	pid_t pid;

	ASSERT_GT((int)ARRAY_SIZE(self->pids), self->npids);
	pid = spawn_tracee(self->sh, how);
	ASSERT_LT(0, pid) {
		TH_LOG("fork: %s", strerror(errno));
	}
	self->pids[self->npids++] = pid;
	if (!(how & SPAWN_TRACEME))
		return pid;
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP) {
		TH_LOG("the child did not stop itself: wait status %#x",
		       status);
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, OPTIONS)) {
		TH_LOG("PTRACE_SETOPTIONS: %s", strerror(errno));
	}
	return pid;
}

/* A helper process: runs @fn, then exits. */
static inline pid_t helper(struct __test_metadata *_metadata,
			   FIXTURE_DATA(mask) * self,
			   void (*fn)(struct __test_metadata *,
				      FIXTURE_DATA(mask) *, pid_t),
			   pid_t target)
{
	pid_t pid;

	ASSERT_GT((int)ARRAY_SIZE(self->pids), self->npids);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		fn(_metadata, self, target);
		_exit(0);
	}
	self->pids[self->npids++] = pid;
	return pid;
}

static inline void wait_helper(struct __test_metadata *_metadata, pid_t pid)
{
	int status;

	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		TH_LOG("helper ended with wait status %#x", status);
	}
}

FIXTURE_SETUP(mask)
{
	struct list l;
	__u32 nr_bits = LIST_BITS;

	self->sh = mmap(NULL, sizeof(*self->sh), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(self->sh != MAP_FAILED);
	ASSERT_EQ(0, arena_init(&self->arena));
	if (!kabi.native)
		kernel_abis_init();
	ASSERT_TRUE(!!kabi.native) {
		TH_LOG("unknown kernel architecture");
	}
	script_reset(self->sh);
	self->tracee = spawn(_metadata, self, SPAWN_TRACEME);
	self->probe_errno = -mask_get(self->tracee, 0, 0, &l, &nr_bits);
	if (self->probe_errno < 0)
		self->probe_errno = 0;	/* it returned the mode */
}

FIXTURE_TEARDOWN(mask)
{
	bool ours[ARRAY_SIZE(self->pids)];
	siginfo_t info;

	/* Only the children not reaped yet: a reaped pid may be reused. */
	for (int i = 0; i < self->npids; i++) {
		ours[i] = !waitid(P_PID, self->pids[i], &info, WEXITED |
				  WSTOPPED | WNOHANG | WNOWAIT | __WALL);
		if (ours[i])
			kill(self->pids[i], SIGKILL);
	}
	for (int i = 0; i < self->npids; i++) {
		int status;

		while (ours[i] && waitpid(self->pids[i], &status, __WALL) ==
		       self->pids[i] && !WIFEXITED(status) &&
		       !WIFSIGNALED(status))
			;
	}
}

/*
 * Whether the kernel lacks the mask, which makes a test that needs it
 * SKIP. The probe of FIXTURE_SETUP may only fail with EIO.
 */
static inline bool mask_absent(struct __test_metadata *_metadata,
			       int probe_errno)
{
	if (probe_errno == EIO)
		return true;
	ASSERT_EQ(0, probe_errno) {
		TH_LOG("PTRACE_GETSYSCALLMASK on a stopped tracee: %s",
		       strerror(probe_errno));
	}
	return false;
}

/* ---- setting and checking masks ---- */

static inline int set_list(pid_t pid, __u32 arch, int flags, struct nrs bits)
{
	struct list l = { { 0 } };

	for (size_t i = 0; i < bits.n; i++)
		list_add(&l, (unsigned int)bits.nr[i]);
	return mask_set(pid, arch, flags, &l, LIST_BITS);
}

/* The lists of this program's ABI, from its own syscall numbers. */
static inline int set_prog_list(pid_t pid, int flags, struct nrs nrs)
{
	for (size_t i = 0; i < nrs.n; i++)
		nrs.nr[i] = list_bit(nrs.nr[i]);
	return set_list(pid, prog_arch(), flags, nrs);
}

/* Back to no mask: blacklist mode, both lists of every ABI empty. */
static inline int clear_mask(pid_t pid)
{
	const struct abi *abis[] = { kabi.native, kabi.compat };
	struct list empty = { { 0 } };
	int ret = mask_mode(pid, MODE_BLACKLIST);

	for (int i = 0; i < 2 && abis[i] && !ret; i++)
		for (int flags = 0; flags < 2 && !ret; flags++)
			ret = mask_set(pid, abis[i]->audit_arch, flags, &empty,
				       0);
	return ret;
}

/* The size of the table of @arch, checked for sanity. */
static inline __u32 table_bits(struct __test_metadata *_metadata, pid_t pid,
			       __u32 arch)
{
	struct list l;
	__u32 nr_bits = LIST_BITS;

	ASSERT_LE(0, mask_get(pid, arch, 0, &l, &nr_bits));
	ASSERT_LE(MIN_TABLE_BITS, nr_bits) {
		TH_LOG("arch %#x: a table of %u syscalls?", arch, nr_bits);
	}
	ASSERT_GE((__u32)LIST_BITS, nr_bits) {
		TH_LOG("arch %#x: a table of %u syscalls?", arch, nr_bits);
	}
	return nr_bits;
}

static inline void expect_list(struct __test_metadata *_metadata, pid_t pid,
			       __u32 arch, int flags, const struct list *want,
			       const char *what)
{
	struct list got;
	__u32 nr_bits = LIST_BITS;
	int ret = mask_get(pid, arch, flags, &got, &nr_bits);

	ASSERT_LE(0, ret) {
		TH_LOG("%s: PTRACE_GETSYSCALLMASK: %s", what, strerror(-ret));
	}
	for (unsigned int bit = 0; bit < nr_bits; bit++) {
		EXPECT_EQ(list_has(want, bit), list_has(&got, bit)) {
			TH_LOG("%s: arch %#x %s list, bit %u", what, arch,
			       flags ? "no-exit" : "stop", bit);
			return;
		}
	}
}

/* The mask of @pid is @want; @what says when or whose. */
static inline void expect_mask(struct __test_metadata *_metadata, pid_t pid,
			       const struct mask_state *want, const char *what)
{
	struct mask_state now;
	char want_s[600], now_s[600];

	ASSERT_EQ(0, mask_snapshot(pid, &now));
	EXPECT_TRUE(mask_state_equal(want, &now)) {
		mask_state_describe(want, want_s, sizeof(want_s));
		mask_state_describe(&now, now_s, sizeof(now_s));
		TH_LOG("%s: the mask is %s; expected %s", what, now_s, want_s);
	}
}

/* ---- expected stops ---- */

struct expect {
	int n;
	struct stop s[64];
};

static inline void want(struct expect *e, int kind, long nr, __u32 arch)
{
	if (e->n < (int)ARRAY_SIZE(e->s))
		e->s[e->n++] = (struct stop){ .kind = kind, .nr = (int)nr,
					      .arch = arch };
}

/* An entry stop of this program's syscall @nr, and an exit stop if @exit. */
static inline void want_syscall(struct expect *e, long nr, bool exit)
{
	want(e, STOP_ENTRY, nr, prog_arch());
	if (exit)
		want(e, STOP_EXIT, nr, prog_arch());
}

/* Entry and exit stops of each of this program's syscalls @nrs. */
static inline void want_syscalls(struct expect *e, struct nrs nrs)
{
	for (size_t i = 0; i < nrs.n; i++)
		want_syscall(e, nrs.nr[i], true);
}

/* The syscall stops of @pid, only of the syscalls @nrs if n > 0. */
static inline void expect_stops(struct __test_metadata *_metadata,
				const struct trace *t, pid_t pid,
				const int *nrs, int n, const struct expect *e,
				const char *what)
{
	static struct stop seen[MAX_STOPS];
	static char seen_s[2048], want_s[2048];
	int nseen = trace_select(t, pid, nrs, n, seen, MAX_STOPS);

	EXPECT_TRUE(stops_equal(seen, nseen, e->s, e->n)) {
		stops_describe(e->s, e->n, want_s, sizeof(want_s));
		stops_describe(seen, nseen, seen_s, sizeof(seen_s));
		TH_LOG("%s: stops expected (E entry, X exit, S seccomp):%s",
		       what, want_s);
		TH_LOG("%s: stops seen:%s", what, seen_s);
	}
}

/* Where in @t stop number @index of @kind of @pid (0: any) is, or -1. */
static inline int find_stop(const struct trace *t, pid_t pid, int kind,
			    int index)
{
	for (int i = 0; i < t->nstops; i++)
		if ((!pid || t->stops[i].pid == pid) &&
		    t->stops[i].kind == kind && index-- == 0)
			return i;
	return -1;
}

/* Runs @pid and every tracee it makes to the end. */
static inline const struct trace *run(struct __test_metadata *_metadata,
				      FIXTURE_DATA(mask) * self, pid_t pid,
				      long resume, stop_hook hook, void *arg)
{
	struct tracer t = {
		.resume = resume, .hook = hook, .metadata = _metadata,
		.arg = arg, .out = &self->sh->trace,
	};
	int status;

	ASSERT_EQ(0, trace_run(&t, pid)) {
		TH_LOG("tracing %d: %s", pid, t.out->error);
	}
	status = t.out->exit_status;
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		TH_LOG("the tracee ended with wait status %#x", status);
	}
	return t.out;
}

/* Runs @pid and the tracees it makes to the end: @e are @pid's stops. */
static inline void run_and_expect(struct __test_metadata *_metadata,
				  FIXTURE_DATA(mask) * self, pid_t pid,
				  const struct expect *e, const char *what)
{
	const struct trace *t = run(_metadata, self, pid, PTRACE_SYSCALL,
				    NULL, NULL);

	expect_stops(_metadata, t, pid, NULL, 0, e, what);
}

/* A script of plain syscalls of this program's ABI. */
static inline void script_syscalls(struct shared *sh, struct nrs nrs)
{
	script_reset(sh);
	for (size_t i = 0; i < nrs.n; i++)
		script_add(sh, OP_SYSCALL, nrs.nr[i], 0);
}

static inline void standard_script(struct shared *sh)
{
	script_syscalls(sh, NRS(__NR_getppid, __NR_getpid, __NR_gettid,
				__NR_getppid));
}

/* A whitelist with something in every list of every ABI the kernel runs. */
static inline void set_some_mask(struct __test_metadata *_metadata, pid_t pid)
{
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	if (other_kernel_abi()) {
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch, 0,
				      NRS(1, 2, 3)));
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch,
				      PTRACE_SYSCALLMASK_NOEXIT, NRS(4)));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
}

/* @pid has no mask: blacklist mode, every list empty. */
static inline void expect_clean_mask(struct __test_metadata *_metadata,
				     pid_t pid, const char *what)
{
	struct mask_state s, clean;
	char desc[600];
	int ret = mask_snapshot(pid, &s);

	EXPECT_EQ(0, ret) {
		TH_LOG("%s: PTRACE_GETSYSCALLMASK: %s", what, strerror(-ret));
		return;
	}
	clean = s;
	clean.mode = MODE_BLACKLIST;
	for (int i = 0; i < clean.nabi; i++)
		memset(clean.abi[i].lists, 0, sizeof(clean.abi[i].lists));
	EXPECT_TRUE(mask_state_equal(&s, &clean)) {
		mask_state_describe(&s, desc, sizeof(desc));
		TH_LOG("%s: %s", what, desc);
	}
}

/* Seizes a process that runs freely and stops it. */
static inline void seize(struct __test_metadata *_metadata, pid_t pid,
			 unsigned long options)
{
	int status;

	ASSERT_EQ(0, sys_ptrace(PTRACE_SEIZE, pid, 0, options)) {
		TH_LOG("PTRACE_SEIZE: %s", strerror(errno));
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_INTERRUPT, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, __WALL));
	ASSERT_TRUE(WIFSTOPPED(status) && status >> 16 == PTRACE_EVENT_STOP) {
		TH_LOG("after PTRACE_INTERRUPT: wait status %#x", status);
	}
}

/* A mask some stops must find, and how many such stops there were. */
struct mask_check {
	struct mask_state want;
	int checks;
};

/* A script that execs @path, which then runs the syscalls @names. */
static inline void exec_script(struct shared *sh, const char *path,
			       const char *names)
{
	script_reset(sh);
	script_add(sh, OP_EXEC, 0, 0);
	script_exec_args(sh, path, names);
}

#endif /* SYSCALL_MASK_H */
