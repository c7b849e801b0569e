/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of libtracy-fast share and its users do not see: the
 * session and tracee records around the public structs, the backends'
 * interface, and the helpers each file offers the others.
 */
#ifndef TRACY_FAST_INTERNAL_H
#define TRACY_FAST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "tracy.h"
#include "../arch/syscalls.h"
#include "../arch/tracy-regs.h"

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct session;
struct child;
struct syscall_stop;

/*
 * A backend decides which syscalls stop a tracee. The event loop is the
 * same for all: it still filters every syscall stop through the hook set,
 * so a backend may stop a tracee more often than needed, never less.
 */
struct backend_ops {
	enum tracy_backend id;
	/* PTRACE_O_* the backend needs on top of the session's. */
	long ptrace_options;
	/* tracy_exec(), before the fork; 0, or -1 with errno. */
	int (*prepare_spawn)(struct session *s);
	/*
	 * In the forked child, after PTRACE_TRACEME and before execve (a
	 * seccomp filter goes in here). Async-signal-safe; 0 or -errno.
	 */
	int (*prepare_exec)(const struct session *s);
	/* tracy_exec(): the tracee c was started, before setup. */
	void (*spawned)(struct child *c);
	/* A new tracee, ptrace-stopped; 0, or -1 with errno. */
	int (*setup)(struct child *c);
	/* Resumes a stopped tracee with signal sig; 0, or -1 with errno. */
	int (*resume)(struct child *c, int sig);
	/* The hook set changed; 0, or -1 with errno. */
	int (*hooks_changed)(struct session *s);
	/*
	 * At the entry stop 'entry': will the syscall get its exit stop?
	 * NULL: always (classic ptrace).
	 */
	bool (*exit_stop_due)(const struct child *c,
			      const struct syscall_stop *entry);
	/*
	 * A thread 'old' that was not the leader exec'd and is now 'c',
	 * under the leader's pid; old is forgotten next. NULL: nothing to do.
	 */
	void (*exec_takeover)(struct child *c, struct child *old);
	/*
	 * Until the next resume(), make every syscall of the stopped tracee
	 * stop at its entry and exit when it is resumed with PTRACE_SYSCALL
	 * (an injection needs the stops of syscalls no hook wants). The
	 * exit decision of the syscall the tracee is in is the kernel's
	 * already. 0, or -1 with errno. NULL: they do already.
	 */
	int (*stop_all)(struct child *c);
};

extern const struct backend_ops classic_backend;	/* compat/classic.c */
extern const struct backend_ops kmask_backend;		/* kmask.c */
extern const struct backend_ops seccomp_backend;	/* compat/seccomp.c */

enum kmask_state {
	KMASK_UNKNOWN,		/* no tracee probed yet */
	KMASK_PRESENT,
	KMASK_ABSENT,		/* PTRACE_GETSYSCALLMASK: EIO */
};

enum seccomp_state {
	SECCOMP_UNKNOWN,
	SECCOMP_PRESENT,	/* filters, SECCOMP_RET_TRACE */
	SECCOMP_ABSENT,
};

struct kmask_set;
struct seccomp_set;
struct inject;

struct hook {
	tracy_hook_func func;
	unsigned int flags;	/* TRACY_HOOK_ENTRY_ONLY */
};

/* The hooks of one ABI, allocated at its first hook. */
struct abi_hooks {
	struct hook *by_nr;	/* table->size entries */
	struct hook *private;	/* table->nr_arch_private entries */
};

enum mem_path {
	MEM_PROCESS_VM,		/* process_vm_readv/writev (3.2) */
	MEM_PROC_MEM,		/* /proc/PID/mem */
	MEM_PEEKPOKE,		/* PTRACE_PEEKDATA/POKEDATA */
	MEM_PATHS,
};

struct session {
	struct tracy pub;
	struct child *children;	/* newest first */
	int nlive;		/* children that are neither dying nor gone */
	/* Gone with the last events: freed at the next tracy_wait_event(). */
	struct child *reaped;
	struct abi_hooks hooks[TRACY_ABI_COUNT];
	/* Bumped at every change of the hook set (default hook included). */
	unsigned long hooks_gen;
	const struct backend_ops *ops;
	enum kmask_state kmask_state;
	/* The kernel mask of the hook set, made for some hooks_gen. */
	struct kmask_set *kmask;
	enum seccomp_state seccomp_state;
	/* The seccomp filter of the hook set, made for some hooks_gen. */
	struct seccomp_set *seccomp;
	/* Syscall stops the kernel made, reported or not. */
	unsigned long syscall_stops;
	/* The fastest memory path not known to fail; forced: only that. */
	enum mem_path mem_path;
	bool mem_forced;
	/* PTRACE_GET_SYSCALL_INFO works (5.3) and is not switched off. */
	bool syscall_info;
	/* Processes tracy_exec() started and we detached from, running. */
	pid_t *detached;
	int ndetached;
	struct tracy_event none_event;
};

/* What a syscall stop was about, whichever way it was read. */
struct syscall_stop {
	bool entry;
	int abi;		/* TRACY_ABI_*, -1: none we know */
	long nr;		/* table number: nr_base taken off */
	long args[6];
	long ip, sp;
	long rval;		/* exit stops */
};

struct child {
	struct tracy_child pub;
	struct child *next;
	struct session *session;
	const struct backend_ops *ops;
	bool in_syscall;	/* between an entry and its exit stop */
	/* The last stop was a syscall-entry stop (a seccomp stop may follow). */
	bool after_entry_stop;
	bool first_stop_due;	/* auto-attached: its first stop is ours */
	bool spawned;		/* tracy_exec() started it: our own child */
	bool announced;		/* child_create has been called */
	bool seized;		/* PTRACE_SEIZE lineage: group-stops LISTEN */
	bool stopped;		/* in a ptrace-stop we reported */
	bool dying;		/* killed: its end is not an event */
	bool gone;		/* out of the list: no more events */
	bool suppress;		/* the signal hook suppressed the signal */
	int deny_errno;		/* the syscall entered was denied */
	struct syscall_stop entry;	/* the last entry stop */
	bool entry_known;
	int mem_fd;		/* /proc/PID/mem, -1: not open */
	struct kmask_set *kmask;	/* the kernel mask it has, or NULL */
	/* seccomp: the filter it has (NULL: not known yet), */
	struct seccomp_set *filter;
	/* and whether it lacks a hook, so that it runs on classic ptrace. */
	bool classic_mode;
	struct inject *inject;	/* its asynchronous injection, or NULL */
};

static inline struct session *session_of(struct tracy *t)
{
	return container_of(t, struct session, pub);
}

static inline struct child *child_of(struct tracy_child *c)
{
	return container_of(c, struct child, pub);
}

/* session.c */
void tracy_message(const struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tracy_verbose(const struct session *s, long what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Kills or detaches every tracee (TRACY_HOOK_ABORT, tracy_free()). */
void session_release_children(struct session *s);
/* The PTRACE_O_* options of a new tracee on backend ops. */
long session_ptrace_options(const struct session *s,
			    const struct backend_ops *ops, bool spawned);
/* The backend of a new tracee, spawned or attached; NULL with errno. */
const struct backend_ops *session_backend(struct session *s, bool spawned);

/* child.c */
struct child *child_find(struct session *s, pid_t pid);
struct child *child_new(struct session *s, pid_t pid, bool attached,
			const struct backend_ops *ops);
/* Calls the session's child_create for c, once. */
void child_announce(struct child *c);
/*
 * The tracee 'pid' that the kernel attached to us as a child of parent
 * (PTRACE_EVENT_FORK/VFORK/CLONE), added if new; NULL with errno.
 */
struct child *child_adopt(struct child *parent, pid_t pid);
/* Takes a child out of the list; frees it now, or at the next wait. */
void child_forget(struct child *c, bool keep_for_event);
void child_free(struct child *c);
void children_free_reaped(struct session *s);
int child_resume(struct child *c, int sig);
/* PTRACE_DETACH, stopping a running tracee first; 0, or -1 with errno. */
int child_detach(struct child *c);

/*
 * main.c: a SIGINT ended tracy_main()'s loop. tracy_wait_event() then
 * returns (EINTR) rather than wait on: the signal may have come between
 * two stops it handled itself, where no waitpid() was there to interrupt.
 */
bool main_loop_ended(void);

/* detached.c */
/* pid, a process tracy_exec() started, was detached: wait for it later. */
void detached_add(struct session *s, pid_t pid);
/* pid ended, reaped by a wait for any child. */
void detached_reaped(struct session *s, pid_t pid);
/*
 * No tracee is left: waits, as Tracy's loop did, for the processes we
 * started and detached from to end, so that none outlives the loop as a
 * zombie of ours (pid -1: all; else nothing). 0, or -1 with errno EINTR.
 */
int detached_wait(struct session *s, pid_t pid);
void detached_free(struct session *s);

/* hooks.c */
const struct hook *hook_find(const struct session *s, int abi, long nr);
/*
 * Does the session want every syscall stop (a default hook, or
 * TRACY_VERBOSE_SYSCALL, which prints them all)?
 */
bool hooks_want_all(const struct session *s);
/* Does the hook set want this syscall stop reported? */
bool hook_wants(const struct session *s, int abi, long nr, bool entry);
void hooks_free(struct session *s);

/* abi.c */
const struct tracy_syscall_table *abi_table(long abi);
/* The TRACY_ABI_* of a stop of AUDIT_ARCH_* 'arch', syscall wire number nr. */
int abi_from_audit_arch(uint32_t arch, long nr);
/* The table number of wire number nr in ABI abi. */
long abi_table_nr(int abi, long nr);
/*
 * The number the API gives for table number nr: the wire number, as Tracy
 * numbers syscalls (x32's carry __X32_SYSCALL_BIT).
 */
long abi_public_nr(int abi, long nr);

/* event.c: c's event, a syscall event of the stop; pre_syscall follows. */
void fill_syscall_event(struct child *c, const struct syscall_stop *stop);

/* stop.c */
void syscall_info_probe(struct session *s);
/*
 * Reads the syscall stop c is in (seccomp: a PTRACE_EVENT_SECCOMP stop);
 * 0, or -1 with errno.
 */
int syscall_stop_read(struct child *c, struct syscall_stop *stop,
		      bool seccomp);

/* control.c: sets the return value of the syscall c is stopped in. */
int syscall_set_return(struct child *c, int abi, long value);
/* Sets argument n (0..5) of the syscall c is stopped at the entry of. */
int syscall_set_arg(struct child *c, int abi, int n, long value);

/* inject.c */
/*
 * Runs syscall nr (a table number of the ABI of c's syscall stop) with
 * arguments args[6] in the tracee, which is stopped at a syscall stop,
 * and puts it back at that stop: 0 and its result (-errno on failure),
 * or -1 with errno. If forked is not NULL and the syscall forks a
 * process, that process, traced, goes on from the same registers as the
 * tracee, and *forked is its pid (0: none).
 */
int inject_sync(struct child *c, const char *fn, long nr, const long args[6],
		long *result, pid_t *forked);
/*
 * inject_sync() of syscall 'name' of the ABI of child's stop, after the
 * checks of the public calls (inject_check()).
 */
int inject_by_name(struct tracy_child *child, const char *fn,
		   const char *name, const long args[6], long *result,
		   pid_t *forked);
/*
 * The checks of the public injection calls: 0 if child is stopped at a
 * syscall stop where syscall nr can be injected, or -1 with errno and a
 * message that names fn.
 */
int inject_check(struct tracy_child *child, const char *fn, long nr,
		 const long args[6], bool async);
/* Is an asynchronous injection under way (started, callback not run)? */
bool inject_pending(const struct child *c);
/* Resumes c during its asynchronous injection; 0, or -1 with errno. */
int inject_resume(struct child *c, int sig);
/*
 * A stop of c (wait status 'status') during its asynchronous injection:
 * 0 when c is resumed and there is nothing to report; 1 when the
 * injection is over, c back at the stop where it began, and the
 * callback returned *result; -1 with errno.
 */
int inject_async_stop(struct child *c, int status, int *result);
/*
 * Before c is detached: an asynchronous injection it was not resumed
 * into yet is undone; one under way cannot be, and is said so.
 */
void inject_cancel(struct child *c);
void inject_child_free(struct child *c);

/* kmask.c */
void kmask_child_free(struct child *c);
void kmask_session_free(struct session *s);
/* Does the kernel have syscall stop masks? Probed once, on a spare child. */
bool kmask_present(struct session *s);

/* compat/seccomp.c */
void seccomp_child_free(struct child *c);
void seccomp_session_free(struct session *s);
/* Can a tracee use the seccomp backend? 0, or -1 with errno and a message. */
int seccomp_check(struct session *s, bool spawned);
bool seccomp_works_for(struct session *s, bool spawned);
void seccomp_child_inherit(struct child *c, const struct child *parent);
/* 0 if c may be detached; -1 with errno EPERM and a message if not. */
int seccomp_may_detach(const struct child *c);

/* memory.c */
void memory_init(struct session *s);
void memory_child_exec(struct child *c);

#endif /* TRACY_FAST_INTERNAL_H */
