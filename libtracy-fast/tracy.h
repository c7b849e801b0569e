/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libtracy-fast: the API of the Tracy project (a system call tracer and
 * injector), with its names, types and meanings, made fast.
 *
 * A program that uses Tracy's API (its functions, macros, hook results,
 * and the fields of its structs that are not Tracy's own bookkeeping)
 * builds against this header, with ll.h and tracyarch.h beside it,
 * unchanged. What Tracy never had is marked "Addition". Every function of
 * Tracy's API is implemented.
 *
 * It behaves as Tracy did but where Tracy had a bug (libtracy-fast(7),
 * "Differences from Tracy", lists them all). The ones a program most
 * likely meets:
 * - TRACY_HOOK_ABORT (and any invalid hook result) kills or detaches every
 *   tracee; tracy_main() then ends the program with status 1, as Tracy
 *   did, but tracy_wait_event() in a loop of the program's own returns
 *   NULL with errno ECANCELED instead of calling exit().
 * - tracy_exec() reports a program it cannot execute (errno from execvp)
 *   by returning NULL, instead of a tracee that exits with status 1.
 * - tracy_set_hook() refuses a name that is no syscall of any ABI (EINVAL);
 *   Tracy set a hook that never ran.
 * - An x32 syscall's event says TRACY_ABI_X32, not TRACY_ABI_AMD64.
 * - Tracy's internal state (struct tracy's childs and hooks lists,
 *   struct tracy_child's mem_fd, frozen_by_vfork and the like) is not
 *   there.
 */
#ifndef TRACY_H
#define TRACY_H

/* What Tracy's tracy.h gives its programs, they get here too. */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>

/*
 * siginfo_t is POSIX.1b: glibc hides it from a strict -std=c89 or c99
 * build that asks for no POSIX (Tracy's did, with -D_GNU_SOURCE).
 */
#if defined(__GLIBC__) && !defined(__USE_POSIX199309)
# include <bits/types/siginfo_t.h>
#endif

#include "ll.h"
#include "tracyarch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Options for tracy_init() ---- */

/* Trace the children of tracees (fork, vfork, clone) as well. */
#define TRACY_TRACE_CHILDREN	(1 << 0)
#define TRACY_VERBOSE		(1 << 1)
#define TRACY_VERBOSE_SIGNAL	(1 << 2)
/* Tracy's line for every syscall stop; every syscall then stops. */
#define TRACY_VERBOSE_SYSCALL	(1 << 3)
/*
 * Tracy: use ptrace's memory API when the /proc one fails. Here memory
 * access always falls back (process_vm_readv, /proc/PID/mem, PEEKDATA);
 * the option is accepted and changes nothing.
 */
#define TRACY_MEMORY_FALLBACK	(1 << 4)
/*
 * Tracy: trace children through its own fork injection (safe_fork), so
 * that no child runs a single instruction untraced. Here the kernel does
 * that for every fork, vfork and clone (PTRACE_O_TRACEFORK and co attach
 * the child before it runs), so the option means TRACY_TRACE_CHILDREN.
 */
#define TRACY_USE_SAFE_TRACE	(1L << 31)

#define TRACY_PRINT_SIGNALS(t)	((t)->opt & TRACY_VERBOSE_SIGNAL)
#define TRACY_PRINT_SYSCALLS(t)	((t)->opt & TRACY_VERBOSE_SYSCALL)

/* ---- ABIs: the syscall conventions a tracee can use ---- */

#if defined(__x86_64__)
# define TRACY_ABI_AMD64	0
# define TRACY_ABI_X86		1	/* i386, int $0x80 included */
# define TRACY_ABI_X32		2
# define TRACY_ABI_COUNT	3
/* Tracy's spelling. */
# define TRACY_ABI_x86		TRACY_ABI_X86
# define TRACY_ABI_x32		TRACY_ABI_X32
# ifdef __ILP32__
#  define TRACY_ABI_NATIVE	TRACY_ABI_X32
# else
#  define TRACY_ABI_NATIVE	TRACY_ABI_AMD64
# endif
#elif defined(__i386__)
# define TRACY_ABI_X86		0
# define TRACY_ABI_COUNT	1
# define TRACY_ABI_NATIVE	TRACY_ABI_X86
#elif defined(__aarch64__)
# define TRACY_ABI_AARCH64	0
# define TRACY_ABI_AARCH32	1	/* the arm EABI of AArch32 tasks */
# define TRACY_ABI_COUNT	2
# define TRACY_ABI_EABI		TRACY_ABI_AARCH32
# define TRACY_ABI_NATIVE	TRACY_ABI_AARCH64
#elif defined(__arm__)
# define TRACY_ABI_EABI		0
# define TRACY_ABI_COUNT	1
# define TRACY_ABI_NATIVE	TRACY_ABI_EABI
#else
/* An architecture with one ABI (riscv64): its tracees use only that one. */
# define TRACY_ABI_COUNT	1
# define TRACY_ABI_NATIVE	0
#endif

/* ---- Events ---- */

#define TRACY_EVENT_NONE	0	/* no tracee left */
#define TRACY_EVENT_SYSCALL	1
#define TRACY_EVENT_SIGNAL	2
#define TRACY_EVENT_INTERNAL	3
/*
 * A tracee is gone. signal_num: its exit status, or the signal that
 * killed it; syscall_num 0; args.return_code (Addition): the raw wait
 * status. A hook that returned TRACY_HOOK_KILL_CHILD or _DETACH_CHILD
 * turns its event into this, with signal_num SIGKILL or 0 (Tracy said
 * SIGKILL for both) and args.return_code -1; the event of the tracee's
 * actual end is not reported. tracy_remove_child(e->child), as Tracy's
 * programs call it here, is harmless.
 */
#define TRACY_EVENT_QUIT	4

/* ---- Hook results ---- */

#define TRACY_HOOK_CONTINUE	0
#define TRACY_HOOK_KILL_CHILD	1
#define TRACY_HOOK_DETACH_CHILD	2
#define TRACY_HOOK_ABORT	3
#define TRACY_HOOK_NOHOOK	4
#define TRACY_HOOK_SUPPRESS	5	/* signal hooks: do not deliver it */
/* At a syscall entry: the syscall fails with EPERM (tracy_deny_syscall). */
#define TRACY_HOOK_DENY		6

struct tracy;
struct tracy_child;

/* Pointers for tracee and tracer memory. */
typedef void *tracy_child_addr_t, *tracy_parent_addr_t;

struct tracy_sc_args {
	long a0, a1, a2, a3, a4, a5;
	long return_code, syscall, ip, sp;
};

struct tracy_event {
	int type;			/* TRACY_EVENT_* */
	struct tracy_child *child;
	long syscall_num;		/* number in the table of 'abi' */
	long signal_num;
	long abi;			/* TRACY_ABI_* of this stop */
	/*
	 * A syscall's. At a TRACY_EVENT_SIGNAL (Addition): ip and sp, the
	 * tracee's instruction and stack pointers at the stop; the rest as
	 * the tracee's last event left them.
	 */
	struct tracy_sc_args args;
	siginfo_t siginfo;		/* TRACY_EVENT_SIGNAL */
};

typedef int (*tracy_hook_func)(struct tracy_event *e);
typedef void (*tracy_child_creation)(struct tracy_child *c);

/*
 * child_create(c) runs when a tracee is added, before any event of it;
 * set c->custom there.
 */
struct tracy_special_events {
	tracy_child_creation child_create;
};

/* Addition: the mechanism that decides which syscalls stop a tracee. */
enum tracy_backend {
	TRACY_BACKEND_AUTO = 0,	/* the fastest that works, per tracee */
	TRACY_BACKEND_KMASK,	/* PTRACE_SETSYSCALLMASK, patched kernels */
	TRACY_BACKEND_SECCOMP,	/* SECCOMP_RET_TRACE, tracees we start */
	TRACY_BACKEND_CLASSIC	/* PTRACE_SYSCALL, filtered in userspace */
};

struct tracy {
	long opt;			/* the options of tracy_init() */
	pid_t fpid;			/* the first tracee */
	tracy_hook_func defhook;
	tracy_hook_func signal_hook;
	struct tracy_special_events se;
	enum tracy_backend backend;	/* Addition: forced one, or AUTO */
};

/*
 * Tracy's state of an asynchronous injection (tracy_inject_syscall_async),
 * in child->inj: injecting while it is under way, injected while its
 * callback runs (a hook that is also the callback tells the two calls
 * apart by it), pre: it began at a syscall entry, syscall_num and cb: the
 * injected syscall and the callback, reg: the registers it began with.
 * Read it; the library alone writes it.
 */
struct tracy_inject_data {
	int injecting, injected;
	int pre;
	int syscall_num;
	struct TRACY_REGS_NAME reg;
	tracy_hook_func cb;
};

struct tracy_child {
	pid_t pid;
	/* We attached to it (or to its ancestor): detach, never kill. */
	int attached;
	/* 1 at a syscall-entry stop, 0 at an exit stop. */
	int pre_syscall;
	/* The syscall tracy_deny_syscall() denied at this entry, or -1. */
	long denied_nr;
	/* For the user's hooks. */
	void *custom;
	struct tracy *tracy;
	/* Addition: the backend this tracee runs on. */
	enum tracy_backend backend;
	/* The last event of this tracee. */
	struct tracy_event event;
	/* Its asynchronous injection. */
	struct tracy_inject_data inj;
};

/* ---- Session ---- */

/*
 * A new session, or NULL with errno set. The environment variable
 * TRACY_BACKEND=auto|kmask|seccomp|classic forces a backend (Addition),
 * as tracy_set_backend() does, but it never makes a program fail: a name
 * that is no backend, or a backend that cannot work for the session, a
 * tracee or the kernel (the cases below), is said once on stderr, and the
 * session goes on under auto. auto picks per tracee: kmask if the kernel
 * has syscall stop masks (probed once, before the first tracee); if not,
 * seccomp for a tracee tracy_exec() starts in a session with
 * TRACY_TRACE_CHILDREN and a kernel with seccomp filters; classic for the
 * rest (attached tracees, sessions that do not trace children).
 * tracy_child.backend tells which, and TRACY_VERBOSE says why.
 *
 * kmask forced by tracy_set_backend() on a kernel without masks fails the
 * first tracy_exec()/tracy_attach() with ENOSYS, and tracy_set_backend()
 * from then on. A forced seccomp fails with EINVAL in a session without
 * TRACY_TRACE_CHILDREN (a child it did not trace would keep the filter and
 * get ENOSYS from every hooked syscall) and in tracy_attach() (a filter
 * can only be installed by the tracee itself), and with ENOSYS on a
 * kernel without seccomp filters. A tracee on seccomp whose filter traces
 * a syscall is not detached for real (it would get ENOSYS from that
 * syscall): tracy_detach_child() releases it (see there). When a hook is
 * set that its filter does not trace, it goes on classic
 * ptrace (tracy_child.backend says so). compat/seccomp.c says more.
 */
struct tracy *tracy_init(long opt);
/*
 * Kills the tracees we started, detaches from those we attached to, and
 * waits for the released ones (tracy_detach_child()) to end, serving them.
 */
void tracy_free(struct tracy *t);
/* tracy_free(t), then exit(exitcode). */
void tracy_quit(struct tracy *t, int exitcode);
/*
 * The ready event loop: runs the hooks of every stop until no tracee is
 * left, tracees it started and a hook detached included (they are still
 * our children: it waits for their end). Returns 0, or -1 on an error.
 * As Tracy's: TRACY_HOOK_ABORT or an invalid hook result ends the program
 * (tracy_quit(t, 1)); SIGINT goes on to t->fpid if the session started
 * it, and else (only attached tracees, or it is gone) makes it return 0
 * at once, with SIGINT back at its default; tracy_free() then detaches.
 */
int tracy_main(struct tracy *t);
int tracy_children_count(struct tracy *t);
/*
 * Addition: the syscall stops (entries and exits) the kernel made in the
 * session's tracees so far, those no hook wanted included. What a backend
 * saves shows here: classic stops at every syscall, kmask only where a
 * hook (or the default hook) wants it.
 */
unsigned long tracy_syscall_stops(struct tracy *t);

/* Addition: force a backend for the tracees added from now on. */
int tracy_set_backend(struct tracy *t, enum tracy_backend backend);
/* Addition: "auto", "kmask", "seccomp" or "classic". */
const char *tracy_backend_name(enum tracy_backend backend);

/* ---- Tracees ---- */

/*
 * Starts argv[0] (looked up in PATH) traced and running. NULL with errno
 * set if it cannot be executed (ENOENT, EACCES, ENOEXEC, ...) or traced;
 * unlike execvp(), a file the kernel cannot execute is not given to
 * /bin/sh.
 */
struct tracy_child *tracy_exec(struct tracy *t, char **argv);
/*
 * Addition: the credentials of the programs tracy_exec() starts from now
 * on, as strace -u gives them: set in the child just before it executes
 * the program (after a seccomp filter went in with the tracer's
 * privileges), the supplementary groups first (setgroups(); groups NULL:
 * left as they are), then gid and uid, as real, effective and saved IDs
 * (setresgid(), setresuid(); -1: left as it is). Only a privileged
 * tracer may change them: tracy_exec() then fails with the error of the
 * call that could not (EPERM). 0, or -1 with errno (EINVAL: more than
 * NGROUPS_MAX groups; ENOMEM).
 */
int tracy_set_exec_credentials(struct tracy *t, uid_t uid, gid_t gid,
			       size_t ngroups, const gid_t *groups);
/*
 * Attaches to a running process (PTRACE_SEIZE), leaving it running. One
 * that ends before it can stop (it was exiting) is a tracee all the same,
 * on the classic backend: its end is its first event (TRACY_EVENT_QUIT).
 */
struct tracy_child *tracy_attach(struct tracy *t, pid_t pid);
/* Adds a tracee that is already ours (ptrace-stopped or about to stop). */
struct tracy_child *tracy_add_child(struct tracy *t, int pid);
/*
 * Waits for the next event of tracee 'pid' (-1: any), running hooks and
 * handling internal stops on the way. Returns the event, an event of type
 * TRACY_EVENT_NONE when no tracee is left, or NULL with errno set.
 */
struct tracy_event *tracy_wait_event(struct tracy *t, pid_t pid);
/*
 * Resumes the tracee of event s, delivering the signal of a signal event
 * unless sigoverride is non-zero or the signal hook suppressed it.
 */
int tracy_continue(struct tracy_event *s, int sigoverride);
int tracy_kill_child(struct tracy_child *c);
/*
 * Lets the tracee go (also TRACY_HOOK_DETACH_CHILD): no more events of it.
 * It runs on to its end, untouched from its own point of view. On kmask
 * and classic it is detached (PTRACE_DETACH). On seccomp, whose filter
 * cannot be removed and would make each syscall it traces fail with
 * ENOSYS without a tracer, it is released instead: the library stays its
 * tracer out of sight (as it does for its children, which have the
 * filter too), lets each syscall the filter stops run, delivers its
 * signals, and tracy_wait_event(), tracy_main() and tracy_free() serve
 * it until it ends; tracy_children_count() no longer counts it. If the
 * tracer process ends without tracy_free() (killed, or exit() without
 * it), the kernel detaches it: it runs on, but each syscall its filter
 * traces fails with ENOSYS from then on. ESRCH for a tracee that is gone,
 * killed or let go already.
 */
int tracy_detach_child(struct tracy_child *c);
/* Forgets a tracee (one that is gone, or one we detached from). */
int tracy_remove_child(struct tracy_child *c);

/* ---- Names ---- */

/*
 * NULL for a number the ABI has no syscall of. Numbers are the kernel's,
 * as Tracy's: x32's carry __X32_SYSCALL_BIT (so do events).
 */
char *get_syscall_name_abi(int syscall, int abi);
/* -1 for a name the ABI has no syscall of. */
int get_syscall_number_abi(const char *syscall, int abi);
char *get_signal_name(int signal);
/* The same, in the ABI this program is built for (TRACY_ABI_NATIVE). */
char *get_syscall_name(int syscall);
int get_syscall_number(const char *syscall);

/* ---- Hooks ---- */

/*
 * Calls func at the entry and the exit stop (child->pre_syscall tells
 * which) of syscall 'syscall' of ABI 'abi'. As Tracy: a syscall of
 * another ABI only is taken (0; its hook never runs), and a syscall that
 * has a hook keeps it (-1, EEXIST). -1 with errno EINVAL, and nothing
 * changed, for an unknown ABI or a name that is no syscall of any ABI.
 */
int tracy_set_hook(struct tracy *t, const char *syscall, long abi,
		   tracy_hook_func func);

/* Addition: flags of tracy_set_hook_flags(). */
/*
 * Call the hook at the entry stop only. The backends can then spare the
 * tracee the exit stop (the kernel's no-exit list, seccomp's single stop).
 */
#define TRACY_HOOK_ENTRY_ONLY	(1u << 0)

/* Addition: tracy_set_hook() with TRACY_HOOK_* flags. */
int tracy_set_hook_flags(struct tracy *t, const char *syscall, long abi,
			 tracy_hook_func func, unsigned int flags);
int tracy_unset_hook(struct tracy *t, const char *syscall, long abi);
/* Called for every signal but ptrace's own SIGTRAPs and the first SIGSTOP. */
int tracy_set_signal_hook(struct tracy *t, tracy_hook_func f);
/* Called for every syscall stop that has no hook of its own. */
int tracy_set_default_hook(struct tracy *t, tracy_hook_func f);
/* Runs the hook of 'syscall' in the ABI of e; TRACY_HOOK_NOHOOK if none. */
int tracy_execute_hook(struct tracy *t, const char *syscall,
		       struct tracy_event *e);

/* ---- Tracee memory ---- */

/*
 * Through process_vm_readv/writev, else /proc/PID/mem, else
 * PTRACE_PEEKDATA/POKEDATA. TRACY_MEMORY=process_vm|proc_mem|peekpoke in
 * the environment at tracy_init() forces one (Addition, for tests).
 * Return the number of bytes copied (short at an unmapped page), or -1
 * with errno EIO (as Tracy's /proc/PID/mem read) if not even the first
 * byte could be.
 */
ssize_t tracy_read_mem(struct tracy_child *c, tracy_parent_addr_t dest,
		       tracy_child_addr_t src, size_t n);
ssize_t tracy_write_mem(struct tracy_child *c, tracy_child_addr_t dest,
			tracy_parent_addr_t src, size_t n);
/* The NUL-terminated string at src, malloc()ed, or NULL with errno set. */
char *tracy_read_string(struct tracy_child *c, tracy_child_addr_t src);

/*
 * mmap() in the tracee, injected (see tracy_inject_syscall(): the tracee
 * must be stopped at a syscall stop): mmap2 on the ABIs that have it
 * (i386, arm), mmap on the others. pgoffset is the file offset in units
 * of 4096 bytes, as mmap2 counts it, on every ABI. 0 and the address in
 * *ret, or -1 with errno if the injection or the mapping failed; then
 * *ret is the raw result, -errno, as Tracy gives it. ret may be NULL.
 */
int tracy_mmap(struct tracy_child *child, tracy_child_addr_t *ret,
	       tracy_child_addr_t addr, size_t length, int prot, int flags,
	       int fd, off_t pgoffset);
/*
 * munmap() in the tracee, injected: 0, or -1 with errno if the injection
 * or the unmapping failed. *ret (if ret is not NULL): the raw result.
 */
int tracy_munmap(struct tracy_child *child, long *ret,
		 tracy_child_addr_t addr, size_t length);

/* ---- Syscall control ---- */

/*
 * Makes the tracee run syscall syscall_number, a number of the ABI of its
 * event (child->event.abi), with the arguments a->a0..a5 (a NULL: all 0),
 * and stores its raw result, -errno on failure, in *return_code (if not
 * NULL). The tracee must be stopped at a syscall stop: in a hook, or after
 * tracy_wait_event() returned its syscall event; the call blocks while
 * the injected syscall runs. The tracee is left at that same stop with
 * the registers it had: at an entry, the original syscall still runs when
 * it is resumed, with its own result. No hook sees the injected syscall,
 * on any backend.
 *
 * A signal that arrives meanwhile is held back and sent again at the end
 * (one sent with sigqueue() keeps its siginfo; the others arrive as if
 * from tkill() by the tracer). An injected syscall that a signal
 * interrupts returns -EINTR: it is not restarted. A process it forks
 * under TRACY_TRACE_CHILDREN is traced, and returns from the injected
 * syscall (tracy_safe_fork() makes a copy that goes on with the tracee).
 *
 * Returns 0, or -1 with errno: EINVAL for a NULL child, a tracee that is
 * not at a syscall stop (a signal event), a negative number, or a syscall
 * that would not come back (execve, execveat, vfork, clone or clone3 with
 * CLONE_VFORK); ESRCH for a tracee that is not stopped, or that ended
 * during the injection (its end is its next event); EBUSY while an
 * asynchronous injection of the tracee is under way.
 */
int tracy_inject_syscall(struct tracy_child *child, long syscall_number,
			 struct tracy_sc_args *a, long *return_code);
/*
 * Sets up the same injection and returns at once: 0, or -1 with errno as
 * above. The injected syscall runs when the tracee is resumed (by the
 * event loop after the hook that calls this, or by tracy_continue()).
 * At its exit stop callback (if not NULL) is called as a hook would be,
 * with an event of the injected syscall: pre_syscall 0, the result in
 * args.return_code. The callback may read and write the tracee's memory
 * and inject synchronously. Then the tracee is put back at the stop the
 * injection began at and resumed, with neither a hook call nor an event
 * for that stop again. The callback's result counts as a hook's at a
 * syscall exit: TRACY_HOOK_CONTINUE, _KILL_CHILD, _DETACH_CHILD, _ABORT
 * (TRACY_HOOK_DENY aborts). Until then tracy_modify_syscall_*(),
 * tracy_deny_syscall*() and another injection fail with EBUSY. A tracee
 * that ends first is reported as usual, and the callback is not called.
 */
int tracy_inject_syscall_async(struct tracy_child *child, long syscall_number,
			       struct tracy_sc_args *a,
			       tracy_hook_func callback);
/*
 * At a syscall entry: sets the syscall number and, if a is not NULL, the
 * arguments a0..a5. 0, or -1 with errno set.
 */
int tracy_modify_syscall_args(struct tracy_child *child, long syscall_number,
			      struct tracy_sc_args *a);
/*
 * Sets the syscall number and, if a is not NULL, return_code, ip and sp.
 */
int tracy_modify_syscall_regs(struct tracy_child *child, long syscall_number,
			      struct tracy_sc_args *a);
/*
 * At a syscall entry: the syscall does not run and returns -EPERM. The
 * exit event still reports the original number, with return_code -EPERM.
 */
int tracy_deny_syscall(struct tracy_child *child);
/* Addition: the same with another errno (a positive number). */
int tracy_deny_syscall_errno(struct tracy_child *child, int err);

/*
 * Makes the tracee fork at its syscall stop, injecting clone(SIGCHLD)
 * with PTRACE_O_TRACEFORK on for that time, so that the kernel attaches
 * the new process to us before its first instruction, whether or not the
 * session traces children. The copy goes on from the tracee's registers:
 * from an entry stop both enter that syscall, from an exit stop both get
 * its result. Its first stop is set up by the event loop as any new
 * tracee's, with the session's hooks. Returns 0 and the new pid in
 * *new_child (if not NULL), or -1 with errno as tracy_inject_syscall(),
 * or the fork's own. Unlike Tracy's, it does not take over a fork the
 * tracee is making: TRACY_TRACE_CHILDREN traces those from their first
 * instruction, through the kernel.
 */
int tracy_safe_fork(struct tracy_child *c, pid_t *new_child);

/* ---- Addition: race-free syscall arguments ---- */

/*
 * A hook that checks a syscall's argument in the tracee's memory races
 * with the tracee's other threads, which can change it between the check
 * and the kernel's read. A shared region is memory the tracer writes and
 * the tracee can only read: the hook copies the argument there, points
 * the syscall at the copy and checks the copy, which is what the kernel
 * reads. The tracee can neither write the region (its mapping is shared
 * read-only, of a sealed memfd, without the right to be made writable)
 * nor, through /proc/self/mem, write into it.
 *
 * It can still unmap the region, or map memory of its own at its address
 * (munmap, mmap with MAP_FIXED, mremap, shmat with SHM_REMAP), from
 * another thread, between the copy and the kernel's read; a tracer that
 * cares denies those syscalls on the region's range in hooks of its own.
 * Syscalls made through io_uring do not stop a tracee at all.
 *
 * The region belongs to the tracee's address space: its threads share
 * it, a process it forks gets the same memory (give each process its
 * own region, and do not use one for two tracees at a time), and exec
 * leaves the tracee without it.
 */
struct tracy_shared;

/*
 * Makes a region of 'size' bytes (rounded up to pages; at most 1 GiB) in
 * the tracee, stopped at a syscall stop, by injecting memfd_create, mmap
 * and close (and an mmap and munmap of a page for the memfd's name), and
 * maps it here. NULL with errno if that fails, or if the tracee mapped
 * the memfd itself meanwhile (EACCES).
 */
struct tracy_shared *tracy_shared_create(struct tracy_child *child,
					 size_t size);
/* The tracer's view, writable; the tracee's address; the size. */
void *tracy_shared_local(const struct tracy_shared *sh);
tracy_child_addr_t tracy_shared_remote(const struct tracy_shared *sh);
size_t tracy_shared_size(const struct tracy_shared *sh);
/*
 * At a syscall entry: copies the NUL-terminated string that argument
 * 'arg' (0..5) points to into the region at 'offset', and makes the
 * argument point to the copy (child->event.args too). Returns the bytes
 * used, NUL included, so that a second string can follow, or -1 with
 * errno: EINVAL (no region, no such argument, not at a syscall entry),
 * E2BIG (it does not fit), the errno of reading the tracee's memory.
 */
ssize_t tracy_shared_string_arg(struct tracy_child *child,
				struct tracy_shared *sh, int arg,
				size_t offset);
/*
 * Unmaps the region here and frees sh; also in the tracee (an injected
 * munmap) if child is not NULL, which needs it at a syscall stop: 0, or
 * -1 with errno if that failed (sh is freed all the same).
 */
int tracy_shared_destroy(struct tracy_child *child, struct tracy_shared *sh);

/* ---- Debugging ---- */

/*
 * Prints the syscall arguments, number, return register, IP and SP of
 * the stopped tracee to stdout; 0, or -1 with errno.
 */
int tracy_debug_current(struct tracy_child *child);
/* Prints the caller's stack to stderr (where the C library can). */
void tracy_backtrace(void);

#ifdef __cplusplus
}
#endif

/* ---- Tracy's macros ---- */

/* Colours of Tracy's messages; define GRIJSKIJKER for none. */
#ifndef GRIJSKIJKER
# define _r(s)	"\033[1;31m" s "\033[0m"
# define _g(s)	"\033[1;32m" s "\033[0m"
# define _y(s)	"\033[1;33m" s "\033[0m"
# define _b(s)	"\033[1;34m" s "\033[0m"
#else
# define _r(s)	s
# define _g(s)	s
# define _y(s)	s
# define _b(s)	s
#endif

/*
 * ptrace(req, pid, addr, data); if it fails, says where and why on
 * stderr, prints a backtrace, and runs 'then' (PTRACE_CHECK: return ret).
 * req may be a macro of <asm/ptrace.h>, an int: C++ wants glibc's enum.
 */
#ifdef __GLIBC__
# define TRACY_PTRACE_REQUEST(req)	((enum __ptrace_request)(req))
#else
# define TRACY_PTRACE_REQUEST(req)	(req)
#endif
#define _PTRACE_CHECK(req, req_name, pid, addr, data, then)		\
	do {								\
		if (ptrace(TRACY_PTRACE_REQUEST(req), pid, addr, data)) { \
			perror("ptrace(" req_name ")");			\
			fprintf(stderr, "  at %s:%d: pid %s = %d, "	\
				"addr %s, data %s\n", __FILE__,		\
				__LINE__, #pid, (int)(pid), #addr, #data); \
			tracy_backtrace();				\
			then						\
		}							\
	} while (0)
#define PTRACE_CHECK(req, pid, addr, data, ret)				\
	_PTRACE_CHECK(req, #req, pid, addr, data, return ret;)
#define PTRACE_CHECK_NORETURN(req, pid, addr, data)			\
	_PTRACE_CHECK(req, #req, pid, addr, data, ;)

/* Stores src_var, of src_type, into dest_var as the bits of a dest_type. */
#define FORCE_CAST(dest_type, dest_var, src_type, src_var)		\
	do {								\
		union { src_type from; dest_type to; } force_cast_;	\
		force_cast_.from = (src_var);				\
		(dest_var) = force_cast_.to;				\
	} while (0)

/* A compile error where condition is true. */
#define TRACY_BUILD_BUG(condition)	\
	((void)sizeof(char[1 - 2 * !!(condition)]))

/* The name of the event's syscall, or NULL. */
#define SYSCALL_FROM_EVENT(event)	\
	get_syscall_name_abi((int)(event)->syscall_num, (int)(event)->abi)

#endif /* TRACY_H */
