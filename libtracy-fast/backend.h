/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The backends' interface: what the core of libtracy-fast (sessions, the
 * event loop, hooks) asks of a backend, the mechanism that decides which
 * syscalls stop a tracee at all, and all a backend may use of the core.
 * A backend includes this file and nothing else of the library.
 *
 * The core filters every syscall stop through the hook set, so a backend
 * may stop a tracee more often than needed, never less. It learns what
 * the hooks want from a snapshot of the hook set (struct hookset), made by
 * the core once per change and shared; the backend turns a snapshot into
 * its own form once (compile), and finds it again with hookset_compiled().
 *
 * One table, backends[] in backend.c, lists the backends in the order the
 * automatic choice tries them, the fastest first; it drives their names,
 * TRACY_BACKEND, tracy_set_backend() and that choice. Adding a backend is
 * one file and one entry in that table (and the name of the choice in
 * enum tracy_backend, the public API):
 *
 *	// compat/mine.c
 *	#include "backend.h"
 *
 *	static const char *mine_unusable(struct session *s, bool spawned,
 *					 pid_t pid)
 *	{
 *		if (spawned)
 *			return NULL;
 *		errno = EINVAL;
 *		return "cannot attach";
 *	}
 *
 *	static int mine_resume(struct tracee *t, int sig)
 *	{
 *		return ptrace(PTRACE_SYSCALL, t->pub->pid, 0,
 *			      (void *)(long)sig) ? -1 : 0;
 *	}
 *
 *	const struct backend_ops mine_backend = {
 *		.id = TRACY_BACKEND_MINE,
 *		.name = "mine",
 *		.unusable = mine_unusable,
 *		.resume = mine_resume,
 *	};
 *
 *	// libtracy-fast/backend.c
 *	extern const struct backend_ops mine_backend;
 *	static const struct backend_ops *const backends[] = {
 *		&kmask_backend, &mine_backend, ...
 *
 * Every operation but resume may be left NULL: the comments say what the
 * core does then.
 */
#ifndef TRACY_FAST_BACKEND_H
#define TRACY_FAST_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "tracy.h"
#include "syscalls.h"

struct session;		/* the core's */
struct backend_ops;

/* Slots of hookset.compiled and session state: above every backend id. */
#define BACKEND_SLOTS	8

#define HOOKSET_ENTRY	1	/* some hook wants the syscall's entry stop */
#define HOOKSET_EXIT	2	/* and its exit stop */

/*
 * A snapshot of the hook set: immutable, shared, counted. Entry i of an
 * ABI is syscall i below abi_table(abi)->size, and private syscall
 * i - size above (ARM's 0x0f0000 range).
 */
struct hookset {
	int refs;
	/* The session's count of hook set changes when it was made. */
	unsigned long gen;
	/* A default hook: every syscall, those of no table included. */
	bool all;
	/* HOOKSET_ENTRY | HOOKSET_EXIT per entry of abi_table(abi). */
	unsigned char *want[TRACY_ABI_COUNT];
	/* Per backend id: its form of the snapshot, or NULL (not made yet). */
	void *compiled[BACKEND_SLOTS];
};

/* What the core and a tracee's backend share of the tracee's record. */
struct tracee {
	struct tracy_child *pub;	/* pid, backend, pre_syscall, ... */
	struct session *session;
	/*
	 * Between a syscall-entry stop and the exit stop the kernel will
	 * make (where the registers cannot tell an entry from an exit, the
	 * core counts on it).
	 */
	bool in_syscall;
	/*
	 * The syscall entered was denied (tracy_deny_syscall()) with this
	 * errno, which its exit stop, if it gets one, sets; 0: not denied.
	 */
	int deny_errno;
	/*
	 * The backend gave up sparing it stops: every syscall stops at its
	 * entry and exit, as in classic ptrace (seccomp: its filter lacks a
	 * hook set since). Inherited by its children and across exec.
	 */
	bool classic;
	/*
	 * The hook set its kernel state was made of (a mask, a seccomp
	 * filter), or NULL: none, or not known yet. Held by the core: put
	 * when the tracee goes, passed on across exec, and given to a new
	 * child that has none (the kernel gives it its parent's).
	 */
	struct hookset *hooks;
};

struct backend_ops {
	enum tracy_backend id;		/* below BACKEND_SLOTS */
	const char *name;		/* TRACY_BACKEND=name */
	/* PTRACE_O_* the backend needs on top of the session's. */
	long ptrace_options;
	/*
	 * Why the backend cannot take a new tracee of session s: started by
	 * tracy_exec() (spawned; asked before the fork), or attached to.
	 * pid: a tracee stopped for us, to probe the kernel on if need be;
	 * 0: none, probe another way; -1: do not probe, say what is known.
	 * NULL if it can; else a reason that completes "the <name> backend
	 * ...", and errno (ENOSYS: the kernel lacks something; EINVAL: the
	 * session or the tracee does). NULL: it always can.
	 */
	const char *(*unusable)(struct session *s, bool spawned, pid_t pid);
	/*
	 * Its form of snapshot h, made once per snapshot by
	 * hookset_compiled(); NULL with errno. compiled_free() frees it.
	 * NULL: the backend needs none.
	 */
	void *(*compile)(const struct hookset *h);
	void (*compiled_free)(void *compiled);
	/*
	 * In the child tracy_exec() forked, after PTRACE_TRACEME and before
	 * execve: compiled is the form of the session's snapshot of now,
	 * made before the fork; the tracee then starts with that snapshot
	 * as its hooks. Async-signal-safe; 0 or -errno. NULL: nothing.
	 */
	int (*prepare_exec)(const void *compiled);
	/* A new tracee, ptrace-stopped; 0, or -1 with errno. NULL: nothing. */
	int (*setup)(struct tracee *t);
	/* Resumes a stopped tracee with signal sig; 0, or -1 with errno. */
	int (*resume)(struct tracee *t, int sig);
	/*
	 * At the entry stop of syscall nr of ABI abi: will it get its exit
	 * stop? NULL: always (classic ptrace).
	 */
	bool (*exit_stop_due)(const struct tracee *t, int abi, long nr);
	/*
	 * Until the next resume(), make every syscall of the stopped tracee
	 * stop at its entry and exit when it is resumed with PTRACE_SYSCALL
	 * (an injection needs the stops of syscalls no hook wants). The
	 * exit decision of the syscall the tracee is in is the kernel's
	 * already. 0, or -1 with errno. NULL: they do already.
	 */
	int (*stop_all)(struct tracee *t);
	/*
	 * Would the tracee still need a tracer once detached (a seccomp
	 * filter that traces syscalls, which would then fail with ENOSYS)?
	 * A detach then lets it go out of the user's sight but keeps
	 * tracing it (release.c). NULL: never.
	 */
	bool (*needs_tracer)(const struct tracee *t);
};

/* The core, for the backends. */

/* The session's snapshot of its hook set now. */
struct hookset *session_hookset(const struct session *s);
/* The options of tracy_init() (TRACY_TRACE_CHILDREN, ...). */
long session_options(const struct session *s);
/*
 * A word the backend keeps per session, 0 at first (what it probed of
 * the kernel).
 */
int *session_backend_state(struct session *s, const struct backend_ops *ops);

struct hookset *hookset_get(struct hookset *h);
void hookset_put(struct hookset *h);
/* HOOKSET_ENTRY | HOOKSET_EXIT of syscall nr (table or private number). */
unsigned int hookset_want(const struct hookset *h, int abi, long nr);
/* The number of entries of a table in a hookset's want[]. */
uint32_t hookset_entries(const struct tracy_syscall_table *table);
/* Does h want no syscall at all? */
bool hookset_empty(const struct hookset *h);
/* Does h want every syscall other wants (entry or exit)? */
bool hookset_covers(const struct hookset *h, const struct hookset *other);
/* ops' form of h, made at the first call; NULL with errno. */
void *hookset_compiled(struct hookset *h, const struct backend_ops *ops);

/* The syscall table of TRACY_ABI_* abi, or NULL. */
const struct tracy_syscall_table *abi_table(long abi);

/* "tracy: " and the message, on stderr. */
void tracy_message(const struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same if the session's options have 'what' (TRACY_VERBOSE...). */
void tracy_verbose(const struct session *s, long what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* TRACY_FAST_BACKEND_H */
