/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of libtracy-fast share and its users do not see: the
 * session and tracee records around the public structs, and the helpers
 * each file offers the others. The backends see only backend.h.
 */
#ifndef TRACY_FAST_INTERNAL_H
#define TRACY_FAST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "backend.h"
#include "tracy-regs.h"

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct child;
struct syscall_stop;
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
	/* The snapshot of the hook set now. */
	struct hookset *hookset;
	/*
	 * The backend chosen last: a tracee whose parent is not known yet
	 * starts on it (backend_choose()).
	 */
	const struct backend_ops *ops;
	/* pub.backend was forced by TRACY_BACKEND, not by the API. */
	bool backend_from_env;
	/* Per backend id: what it keeps (session_backend_state()). */
	int backend_state[BACKEND_SLOTS];
	/* Syscall stops the kernel made, reported or not. */
	unsigned long syscall_stops;
	/* The fastest memory path not known to fail; forced: only that. */
	enum mem_path mem_path;
	bool mem_forced;
	/* PTRACE_GET_SYSCALL_INFO works (5.3) and is not switched off. */
	bool syscall_info;
	/*
	 * PTRACE_SET_SYSCALL_INFO (6.16) is not known to fail and is not
	 * switched off; its use was said (TRACY_VERBOSE).
	 */
	bool set_syscall_info;
	bool set_syscall_info_said;
	/* What tracy_exec() gives its programs (tracy_set_exec_credentials()). */
	struct exec_credentials {
		uid_t uid;		/* -1: unchanged */
		gid_t gid;
		gid_t *groups;		/* NULL: unchanged */
		size_t ngroups;
	} creds;
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
	struct tracee tracee;	/* session, in_syscall, ... */
	struct child *next;
	const struct backend_ops *ops;
	/* The last stop was a syscall-entry stop (a seccomp stop may follow). */
	bool after_entry_stop;
	bool first_stop_due;	/* auto-attached: its first stop is ours */
	bool spawned;		/* tracy_exec() started it: our own child */
	bool announced;		/* child_create has been called */
	bool seized;		/* PTRACE_SEIZE lineage: group-stops LISTEN */
	bool stopped;		/* in a ptrace-stop we reported */
	bool dying;		/* killed: its end is not an event */
	/*
	 * Let go by the user but still traced (release.c): its stops and its
	 * end are no events, and it is not counted.
	 */
	bool released;
	bool exitkill_due;	/* released: PTRACE_O_EXITKILL still to drop */
	bool gone;		/* out of the list: no more events */
	bool suppress;		/* the signal hook suppressed the signal */
	struct syscall_stop entry;	/* the last entry stop */
	bool entry_known;
	int mem_fd;		/* /proc/PID/mem, -1: not open */
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
/* Kills or detaches every tracee (TRACY_HOOK_ABORT, tracy_free()). */
void session_release_children(struct session *s);
/* The PTRACE_O_* options of a new tracee on backend ops (NULL: none yet). */
long session_ptrace_options(const struct session *s,
			    const struct backend_ops *ops, bool spawned);

/* backend.c */
/* The backend of enum tracy_backend id (not AUTO), or NULL. */
const struct backend_ops *backend_by_id(int id);
/* The last of the table, which can take any tracee. */
const struct backend_ops *backend_default(void);
/* The enum tracy_backend of "auto" or a backend's name, or -1. */
int backend_by_name(const char *name);
/* "auto, kmask, ... or classic", for a message. */
void backend_names(char *buf, size_t size);
/* ops->unusable(), if it has one. */
const char *backend_unusable(const struct backend_ops *ops, struct session *s,
			     bool spawned, pid_t pid);
/*
 * The backend TRACY_BACKEND forced cannot work ('why'): says so, and puts
 * the session under auto.
 */
void backend_env_refused(struct session *s, const char *why);
/*
 * The backend of a new tracee: spawned by tracy_exec() (called before the
 * fork), or attached (pid: seized and stopped; -1: not yet). NULL with
 * errno and a message if a backend tracy_set_backend() forced cannot
 * take it.
 */
const struct backend_ops *backend_choose(struct session *s, bool spawned,
					 pid_t pid);

/* child.c */
struct child *child_find(struct session *s, pid_t pid);
struct child *child_new(struct session *s, pid_t pid, bool attached,
			const struct backend_ops *ops);
/*
 * A tracee not announced yet (a child whose first stop came before its
 * parent's fork event); child_announce() calls the session's
 * child_create for it, once. child_new() does both.
 */
struct child *child_alloc(struct session *s, pid_t pid, bool attached,
			  const struct backend_ops *ops);
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
/* The backend's setup of a new tracee, stopped; 0, or -1 with errno. */
int child_setup(struct child *c);
/* At the entry stop 'entry': will the syscall get its exit stop? */
bool child_exit_stop_due(const struct child *c,
			 const struct syscall_stop *entry);
/* A thread that was not the leader exec'd: c is it now, under old's pid. */
void child_exec_takeover(struct child *c, struct child *old);

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

/* hookset.c */
/* A new snapshot of the session's hooks, after a change; 0, or -1 with errno. */
int hookset_update(struct session *s);
/* The same after a change of the hook of syscall nr of ABI abi only. */
int hookset_update_one(struct session *s, int abi, long nr);

/* abi.c */
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
/* Does signal sig stop a process (a group-stop)? */
bool is_group_stop_signal(int sig);

/* stop.c */
void syscall_info_probe(struct session *s);
/*
 * Reads the syscall stop c is in (seccomp: a PTRACE_EVENT_SECCOMP stop);
 * 0, or -1 with errno.
 */
int syscall_stop_read(struct child *c, struct syscall_stop *stop,
		      bool seccomp);

/* control.c */
/*
 * PTRACE_GET_SYSCALL_INFO into info: 1 if c is at an entry or seccomp
 * stop, 0 if not (or the kernel has no such request), -1 with errno.
 */
struct tracy_syscall_info;	/* ptrace-compat.h */
int syscall_info_at_entry(struct child *c, struct tracy_syscall_info *info);
/* The arguments of a (all 0 if a is NULL). */
void syscall_args_of(const struct tracy_sc_args *a, long args[6]);
/* The six syscall arguments of ABI abi in regs, read or written. */
void regs_get_args(const struct arch_regs *regs, int abi, long args[6]);
void regs_set_args(struct arch_regs *regs, int abi, const long args[6]);
/*
 * Writes regs back to c, which is stopped at a syscall stop, with the
 * syscall number nr (nr_base included; -1 skips the syscall) and the
 * arguments args[6] (NULL: those of regs) of ABI abi; new arguments at
 * an entry stop with PTRACE_SET_SYSCALL_INFO where the kernel has it.
 * 0, or -1 with errno.
 */
int syscall_write(struct child *c, struct arch_regs *regs, int abi, long nr,
		  const long *args);
/* Sets the return value of the syscall c is stopped in. */
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

/* release.c */
/*
 * Lets the tracee go for the user, but keeps tracing it, for it needs a
 * tracer (backend_ops.needs_tracer); resumed with sig if stopped. 0, or
 * -1 with errno.
 */
int child_release(struct child *c, int sig);
/* Answers a stop of a released tracee (wait status 'status'); 0 or -1. */
int released_stop(struct child *c, int status);
/*
 * Waits for the session's tracees to end, answering the stops of the
 * released ones and resuming the others, until only released ones are
 * left (all: false) or none (all: true).
 */
void children_wait_gone(struct session *s, bool all);

/* memory.c */
void memory_init(struct session *s);
void memory_child_exec(struct child *c);

#endif /* TRACY_FAST_INTERNAL_H */
