// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp backend: for tracees we start, on kernels without syscall
 * stop masks. Before execve the child installs a seccomp filter that
 * returns SECCOMP_RET_TRACE for the syscalls some hook wants and
 * SECCOMP_RET_ALLOW for the others; the tracee is resumed with PTRACE_CONT,
 * so an unhooked syscall costs the filter and no stop, and a hooked one
 * stops once, at PTRACE_EVENT_SECCOMP (its entry). A syscall whose exit a
 * hook wants (or that a hook denied) is resumed from there with
 * PTRACE_SYSCALL, which brings its exit stop and nothing else.
 *
 * The filter only loads the audit arch and the syscall number, compares
 * them with constants and returns, so the kernel's seccomp action cache
 * proves every unhooked syscall of the native and compat ABI "allow" and
 * skips the filter for it altogether. x32 and ARM's private syscalls are
 * outside that cache and run the filter.
 *
 * What a filter cannot do, and how the backend copes:
 * - It cannot be removed and it is inherited: by every child, and across
 *   exec. So the backend needs TRACY_TRACE_CHILDREN (an untraced child
 *   would get ENOSYS from every hooked syscall: the kernel's answer to
 *   SECCOMP_RET_TRACE with no tracer), and it cannot attach.
 * - Detaching would leave the tracee with that ENOSYS too: a tracee whose
 *   filter traces any syscall needs a tracer (seccomp_needs_tracer()), so
 *   a detach releases it instead (libtracy-fast/release.c): the library
 *   stays its tracer, out of the user's sight, until it ends. Our other
 *   tracees die with the tracer (PTRACE_O_EXITKILL).
 * - A hook added later that the filter does not trace: the tracees whose
 *   filter lacks it go on classic ptrace from their next resume
 *   (tracy_child.backend says so); the filter's stops that follow a
 *   syscall-entry stop are then ignored. Hooks removed need nothing: the
 *   event loop filters the stops nobody wants any more.
 * - Without CAP_SYS_ADMIN a filter needs no_new_privs: the tracee then
 *   runs with it (set-user-ID programs do not gain privileges; under a
 *   tracer that is not root they do not anyway).
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend.h"
#include "ptrace-compat.h"

/* Where a hookset keeps its filter. */
#define SECCOMP_SLOT	TRACY_BACKEND_SECCOMP

extern const struct backend_ops seccomp_backend;

#ifndef SECCOMP_GET_ACTION_AVAIL
# define SECCOMP_GET_ACTION_AVAIL	2
#endif
#ifndef SECCOMP_RET_ACTION_FULL
# define SECCOMP_RET_ACTION_FULL	0xffff0000U
#endif

/* Two instructions per syscall number and ABI, a few per audit arch. */
#define FILTER_MAX_INSNS	4096	/* the kernel's BPF_MAXINSNS */

/* A hook set as a filter: the compiled form of a hookset. */
struct seccomp_filter {
	struct sock_filter *insns;
	unsigned short ninsns;
	/* A gen of the session's hook set that it traces all of. */
	unsigned long covers_gen;
};

static void filter_free(void *data)
{
	struct seccomp_filter *filter = data;

	free(filter->insns);
	free(filter);
}

/* Entry i of a hookset's table: number i, or private syscall i - size. */
static long wire_nr(const struct tracy_syscall_table *table, uint32_t i)
{
	if (i < table->size)
		return (long)(i | table->nr_base);
	return (long)table->arch_private[i - table->size].nr;
}

static bool set_traces(const struct hookset *h, int abi, uint32_t i)
{
	return h->all || h->want[abi][i];
}

struct filter_buf {
	struct sock_filter *insns;
	unsigned int n;
};

static void emit(struct filter_buf *f, unsigned short code, unsigned char jt,
		 unsigned char jf, uint32_t k)
{
	if (f->n < FILTER_MAX_INSNS)
		f->insns[f->n] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
	f->n++;
}

/*
 * Number checks of one ABI, then its default: "traced" numbers return
 * TRACE and the rest ALLOW, or, when most are traced, the other way round
 * (numbers outside the table then return TRACE: a stop the event loop
 * drops, never a missed one).
 */
static void emit_abi(struct filter_buf *f, const struct hookset *set,
		     int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	uint32_t i, traced = 0, n = hookset_entries(table);
	bool few;

	for (i = 0; i < n; i++)
		traced += set_traces(set, abi, i);
	few = traced <= n / 2;
	for (i = 0; i < n; i++) {
		if (set_traces(set, abi, i) != few)
			continue;
		emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, (uint32_t)wire_nr(table, i));
		emit(f, BPF_RET | BPF_K, 0, 0,
		     few ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW);
	}
	emit(f, BPF_RET | BPF_K, 0, 0, few ? SECCOMP_RET_ALLOW : SECCOMP_RET_TRACE);
}

/*
 * The program: per audit arch, a test that jumps over its part unless
 * the arch matches; in the part, x32 (numbers with nr_base set) goes
 * apart from the ABI that shares its arch. A syscall of an arch we do
 * not know returns TRACE.
 */
static int filter_build(struct seccomp_filter *filter,
			const struct hookset *set)
{
	struct filter_buf f;
	bool done[TRACY_ABI_COUNT] = { false };
	unsigned int skip, base_part = 0;
	int abi, other;

	f.insns = calloc(FILTER_MAX_INSNS, sizeof(*f.insns));
	if (!f.insns)
		return -1;
	f.n = 0;
	emit(&f, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	     offsetof(struct seccomp_data, arch));
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		const struct tracy_syscall_table *table = abi_table(abi);
		int base = -1, x32 = -1;

		if (done[abi])
			continue;
		for (other = abi; other < TRACY_ABI_COUNT; other++) {
			const struct tracy_syscall_table *t = abi_table(other);

			if (t->audit_arch != table->audit_arch)
				continue;
			done[other] = true;
			if (t->nr_base)
				x32 = other;
			else
				base = other;
		}
		emit(&f, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, table->audit_arch);
		skip = f.n;
		emit(&f, BPF_JMP | BPF_JA, 0, 0, 0);	/* to the next arch */
		emit(&f, BPF_LD | BPF_W | BPF_ABS, 0, 0,
		     offsetof(struct seccomp_data, nr));
		if (x32 >= 0) {
			emit(&f, BPF_JMP | BPF_JGE | BPF_K, 0, 1,
			     abi_table(x32)->nr_base);
			base_part = f.n;
			emit(&f, BPF_JMP | BPF_JA, 0, 0, 0);	/* to x32's part */
		}
		if (base >= 0)
			emit_abi(&f, set, base);
		else
			emit(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
		if (x32 >= 0) {
			if (f.n < FILTER_MAX_INSNS)
				f.insns[base_part].k = f.n - base_part - 1;
			emit_abi(&f, set, x32);
		}
		if (f.n < FILTER_MAX_INSNS)
			f.insns[skip].k = f.n - skip - 1;
	}
	emit(&f, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	if (f.n > FILTER_MAX_INSNS) {
		free(f.insns);
		errno = E2BIG;
		return -1;
	}
	filter->insns = f.insns;
	filter->ninsns = (unsigned short)f.n;
	return 0;
}

/* The filter of hook set h; NULL with errno. */
static void *seccomp_compile(const struct hookset *h)
{
	struct seccomp_filter *filter = calloc(1, sizeof(*filter));

	if (!filter)
		return NULL;
	filter->covers_gen = h->gen;
	if (!filter_build(filter, h))
		return filter;
	free(filter);
	return NULL;
}

/* Every syscall the hook set wants now is traced by t's filter. */
static bool filter_covers(const struct tracee *t)
{
	const struct hookset *now = session_hookset(t->session);
	struct seccomp_filter *filter = t->hooks->compiled[SECCOMP_SLOT];

	if (filter->covers_gen == now->gen)
		return true;
	if (!hookset_covers(t->hooks, now))
		return false;
	filter->covers_gen = now->gen;	/* no need to look again */
	return true;
}

enum seccomp_state {
	SECCOMP_UNKNOWN,
	SECCOMP_PRESENT,	/* filters, SECCOMP_RET_TRACE */
	SECCOMP_ABSENT,
};

static bool seccomp_present(struct session *s)
{
	int *state = session_backend_state(s, &seccomp_backend);
	uint32_t action = SECCOMP_RET_TRACE;

	if (*state == SECCOMP_UNKNOWN) {
		/* SECCOMP_GET_ACTION_AVAIL is 4.14: filters stop after the
		 * syscall-entry stop since 4.8. */
		*state = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0,
				 &action) ? SECCOMP_ABSENT : SECCOMP_PRESENT;
		tracy_verbose(s, TRACY_VERBOSE, "seccomp filters with "
			      "SECCOMP_RET_TRACE: %s",
			      *state == SECCOMP_PRESENT ? "present" : "absent");
	}
	return *state == SECCOMP_PRESENT;
}

/* Tracees we start, in sessions that trace children, on kernels with filters. */
static const char *seccomp_unusable(struct session *s, bool spawned, pid_t pid)
{
	(void)pid;
	errno = EINVAL;
	if (!spawned)
		return "cannot attach: a filter can only be installed by the "
		       "tracee itself";
	if (!(session_options(s) & TRACY_TRACE_CHILDREN))
		return "needs TRACY_TRACE_CHILDREN: an untraced child would "
		       "inherit the filter and get ENOSYS from every hooked "
		       "syscall";
	errno = ENOSYS;
	if (!seccomp_present(s))
		return "needs a kernel with seccomp filters and "
		       "SECCOMP_RET_TRACE";
	return NULL;
}

/* In the forked child: only system calls from here on. */
static int seccomp_prepare_exec(const void *compiled)
{
	const struct seccomp_filter *filter = compiled;
	struct sock_fprog prog = {
		.len = filter->ninsns,
		.filter = filter->insns,
	};

	if (!prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 0;
	if (errno != EACCES)
		return -errno;
	/* Without CAP_SYS_ADMIN the kernel wants no_new_privs first. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return -errno;
	return 0;
}

/* A filter that lacks a hook now: from here on, classic ptrace. */
static void go_classic(struct tracee *t, const char *why)
{
	t->classic = true;
	t->pub->backend = TRACY_BACKEND_CLASSIC;
	tracy_verbose(t->session, TRACY_VERBOSE, "tracee %d runs on the "
		      "classic backend from now on: %s", t->pub->pid, why);
}

static int seccomp_resume(struct tracee *t, int sig)
{
	enum __ptrace_request req = PTRACE_CONT;

	if (!t->classic && t->hooks && !filter_covers(t))
		go_classic(t, "its seccomp filter lacks a syscall hooked since");
	/* A denied syscall gets its exit stop, to set its result there. */
	if (t->deny_errno && t->pub->pre_syscall)
		t->in_syscall = true;
	/* A filter not known yet (a child before its parent's event): all. */
	if (t->classic || !t->hooks || t->in_syscall)
		req = PTRACE_SYSCALL;
	return ptrace(req, t->pub->pid, 0, (void *)(long)sig) ? -1 : 0;
}

static bool seccomp_exit_stop_due(const struct tracee *t, int abi, long nr)
{
	return t->classic || !t->hooks ||
	       hookset_want(session_hookset(t->session), abi, nr) &
	       HOOKSET_EXIT;
}

/*
 * Without a tracer, every syscall the filter traces would fail with
 * ENOSYS. A filter not known yet (a child before its parent's event) is
 * its parent's, which traces something.
 */
static bool seccomp_needs_tracer(const struct tracee *t)
{
	return !t->hooks || !hookset_empty(t->hooks);
}

const struct backend_ops seccomp_backend = {
	.id = TRACY_BACKEND_SECCOMP,
	.name = "seccomp",
	.ptrace_options = PTRACE_O_TRACESECCOMP,
	.unusable = seccomp_unusable,
	.compile = seccomp_compile,
	.compiled_free = filter_free,
	.prepare_exec = seccomp_prepare_exec,
	.resume = seccomp_resume,
	.exit_stop_due = seccomp_exit_stop_due,
	.needs_tracer = seccomp_needs_tracer,
};
