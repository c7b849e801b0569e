/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the PTRACE_SETSYSCALLMASK selftest: the ABIs
 * (syscall_mask_abi.c), the tracee and the tracer (syscall_mask_tracee.c,
 * syscall_mask_tracer.c) and the request fuzzer (syscall_mask_fuzz.c).
 * Only syscall_mask.c includes kselftest_harness.h, which defines global
 * symbols; the other files report through return values.
 *
 * The requests and struct ptrace_syscall_mask come from the kernel's
 * <linux/ptrace.h> (KHDR_INCLUDES), never from glibc's <sys/ptrace.h>,
 * which would clash with it: ptrace is called through syscall(2).
 */
#ifndef SYSCALL_MASK_H
#define SYSCALL_MASK_H

#include <linux/ptrace.h>
#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "kselftest.h"

#define MODE_BLACKLIST		0
#define MODE_WHITELIST		1

/* Lists as this test keeps them: big enough for any syscall table. */
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

/* ---- syscall_mask_abi.c: the ABIs, everything that differs by arch ---- */

struct abi {
	const char *name;	/* as in program names: ptrace-<name> */
	__u32 audit_arch;	/* the lists it uses */
	int getpid, getppid;	/* bit numbers in those lists */
};

/* The ABIs of the running kernel (kernel_abis_init() asks it). */
struct kernel_abis {
	const struct abi *native;
	const struct abi *compat;	/* NULL: the kernel runs no other ABI */
};

extern struct kernel_abis kabi;

void kernel_abis_init(void);
const struct abi *abi_by_name(const char *name);
const struct abi *program_abi(void);
/* The ABI the kernel runs besides this program's, or NULL. */
const struct abi *other_kernel_abi(void);
/* The build of this program for that ABI, next to this one: its path. */
const struct abi *other_abi_program(char *path, size_t size);
/* The bit of this program's syscall @nr in its ABI's lists. */
unsigned int list_bit(long nr);
/* The audit arch of an architecture this kernel cannot run. */
__u32 foreign_audit_arch(void);
/* Rewrites the syscall number of @pid, stopped at a syscall entry. */
int set_syscall_nr(pid_t pid, int nr);
/* A syscall through int $0x80 (i386 ABI), where have_int80(). */
long int80_syscall(long nr);
bool have_int80(void);
bool is_x32(void);
/* An x86_64 or x32 program on a kernel with the x32 ABI. */
bool have_x32_syscalls(void);

/* ---- syscall_mask_tracee.c: the traced child and its script ---- */

#define MAX_CALLS	32
#define POISON		0xbad0L
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
	char exec_path[512];
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

void script_reset(struct shared *sh);
void script_add(struct shared *sh, int op, long nr, int children);
void script_add_args(struct shared *sh, long nr, long a0, long a1, long a2,
		     long a3);
void script_exec_args(struct shared *sh, const char *path, const char *names);
void script_go(struct shared *sh);
pid_t spawn_tracee(struct shared *sh, int how);
int run_named_syscalls(int argc, char **argv);

/* ---- syscall_mask_tracer.c: requests, snapshots, the tracing loop ---- */

long sys_ptrace(long request, pid_t pid, unsigned long addr,
		unsigned long data);
/* These return -errno on failure. */
int mask_set(pid_t pid, __u32 arch, __u32 flags, const struct list *l,
	     __u32 nr_bits);
int mask_get(pid_t pid, __u32 arch, __u32 flags, struct list *l,
	     __u32 *nr_bits);
int mask_mode(pid_t pid, int mode);
int mask_seed(pid_t pid, bool add, unsigned long nr);

struct mask_state {
	int mode;
	struct {
		__u32 arch;
		__u32 nr_bits;
		struct list lists[2];	/* [0] stop list, [1] no-exit list */
	} abi[2];			/* the kernel's native and compat ABI */
	int nabi;
};

int mask_snapshot(pid_t pid, struct mask_state *s);
bool mask_state_equal(const struct mask_state *a, const struct mask_state *b);
void mask_state_describe(const struct mask_state *s, char *buf, size_t size);

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

int trace_run(struct tracer *t, pid_t pid);
/* Syscall stops (entry, exit, seccomp) of @pid, only the @nrs if n > 0. */
int trace_select(const struct trace *t, pid_t pid, const int *nrs, int n,
		 struct stop *out, int max);
bool stops_equal(const struct stop *seen, int nseen,
		 const struct stop *want, int nwant);
void stops_describe(const struct stop *s, int n, char *buf, size_t size);

/* ---- arena: pages of every kind, for pointers that must fail ---- */

struct arena {
	size_t page;
	char *rw, *rw_end;	/* readable and writable, then a hole */
	char *ro, *ro_end;	/* read-only, then a hole */
};

int arena_init(struct arena *a);
size_t arena_readable(const struct arena *a, __u64 ptr);
size_t arena_writable(const struct arena *a, __u64 ptr);

/* ---- syscall_mask_fuzz.c ---- */

struct fuzz_result {
	int requests, succeeded;
	char error[512];
};

int fuzz_requests(pid_t pid, const struct arena *a, __u64 seed, int count,
		  struct fuzz_result *res);
/* /dev/kmsg from its end; -1 with errno when it cannot be read. */
int kmsg_open(void);
/* New kernel log lines that tell of a kernel bug; the first in @first. */
int kmsg_bad_lines(int fd, char *first, size_t size);

#endif /* SYSCALL_MASK_H */
