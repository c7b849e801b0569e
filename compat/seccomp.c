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
 * - Detaching would leave the tracee with that ENOSYS too: the backend
 *   refuses to detach a tracee whose filter traces any syscall (EPERM, with
 *   a message), and our tracees die with the tracer (PTRACE_O_EXITKILL), so
 *   none is ever left to run alone with the filter.
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

#include "../libtracy-fast/internal.h"
#include "ptrace-compat.h"

#ifndef SECCOMP_GET_ACTION_AVAIL
# define SECCOMP_GET_ACTION_AVAIL	2
#endif
#ifndef SECCOMP_RET_ACTION_FULL
# define SECCOMP_RET_ACTION_FULL	0xffff0000U
#endif

/* Two instructions per syscall number and ABI, a few per audit arch. */
#define FILTER_MAX_INSNS	4096	/* the kernel's BPF_MAXINSNS */

/* What one filter traces: per ABI, table numbers and private ones. */
struct seccomp_set {
	int refs;
	unsigned long gen;	/* the session's hooks_gen it was made for */
	unsigned long covers_gen;	/* a hooks_gen it traces all of */
	bool all;		/* the default hook: every syscall */
	unsigned char *traced[TRACY_ABI_COUNT];	/* size + private entries */
	struct sock_filter *insns;
	unsigned short ninsns;
};

static void set_put(struct seccomp_set *set)
{
	int abi;

	if (!set || --set->refs)
		return;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		free(set->traced[abi]);
	free(set->insns);
	free(set);
}

void seccomp_child_free(struct child *c)
{
	set_put(c->filter);
	c->filter = NULL;
}

void seccomp_session_free(struct session *s)
{
	set_put(s->seccomp);
	s->seccomp = NULL;
}

/* Entry i of traced[abi]: number i, or private syscall i - size. */
static long wire_nr(const struct tracy_syscall_table *table, uint32_t i)
{
	if (i < table->size)
		return (long)(i | table->nr_base);
	return (long)table->arch_private[i - table->size].nr;
}

static uint32_t entries(const struct tracy_syscall_table *table)
{
	return table->size + table->nr_arch_private;
}

static bool set_traces(const struct seccomp_set *set, int abi, uint32_t i)
{
	return set->all || (set->traced[abi] && set->traced[abi][i]);
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
static void emit_abi(struct filter_buf *f, const struct seccomp_set *set,
		     int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	uint32_t i, traced = 0, n = entries(table);
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
static int filter_build(struct seccomp_set *set)
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
	set->insns = f.insns;
	set->ninsns = (unsigned short)f.n;
	return 0;
}

/* The number hooks know entry i of a table by (private ones: as is). */
static long hook_nr(const struct tracy_syscall_table *table, uint32_t i)
{
	return i < table->size ? (long)i : wire_nr(table, i);
}

static bool hooked(const struct session *s, int abi, long nr)
{
	return hook_wants(s, abi, nr, true) || hook_wants(s, abi, nr, false);
}

/* What the hook set traces now; NULL with errno. */
static struct seccomp_set *set_compute(const struct session *s)
{
	struct seccomp_set *set = calloc(1, sizeof(*set));
	uint32_t i;
	int abi;

	if (!set)
		return NULL;
	set->refs = 1;
	set->gen = set->covers_gen = s->hooks_gen;
	set->all = hooks_want_all(s);
	for (abi = 0; abi < TRACY_ABI_COUNT && !set->all; abi++) {
		const struct tracy_syscall_table *table = abi_table(abi);
		uint32_t n = entries(table);

		set->traced[abi] = calloc(n, 1);
		if (!set->traced[abi])
			goto fail;
		for (i = 0; i < n; i++)
			set->traced[abi][i] = hooked(s, abi, hook_nr(table, i));
	}
	if (!filter_build(set))
		return set;
fail:
	set_put(set);
	return NULL;
}

/* Every syscall the hook set wants now is traced by 'set'. */
static bool set_covers(const struct session *s, struct seccomp_set *set)
{
	uint32_t i;
	int abi;

	if (set->all || set->covers_gen == s->hooks_gen)
		return true;
	if (hooks_want_all(s))
		return false;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		const struct tracy_syscall_table *table = abi_table(abi);

		for (i = 0; i < entries(table); i++)
			if (!set_traces(set, abi, i) &&
			    hooked(s, abi, hook_nr(table, i)))
				return false;
	}
	set->covers_gen = s->hooks_gen;	/* no need to look again */
	return true;
}

static bool seccomp_usable(struct session *s)
{
	uint32_t action = SECCOMP_RET_TRACE;

	if (s->seccomp_state == SECCOMP_UNKNOWN) {
		/* SECCOMP_GET_ACTION_AVAIL is 4.14: filters stop after the
		 * syscall-entry stop since 4.8. */
		s->seccomp_state = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL,
					   0, &action) ?
				   SECCOMP_ABSENT : SECCOMP_PRESENT;
		tracy_verbose(s, TRACY_VERBOSE, "seccomp filters with "
			      "SECCOMP_RET_TRACE: %s",
			      s->seccomp_state == SECCOMP_PRESENT ? "present" :
			      "absent");
	}
	return s->seccomp_state == SECCOMP_PRESENT;
}

int seccomp_check(struct session *s, bool spawned)
{
	if (!spawned) {
		tracy_message(s, "the seccomp backend cannot attach: a filter "
			      "can only be installed by the tracee itself");
		errno = EINVAL;
		return -1;
	}
	if (!(s->pub.opt & TRACY_TRACE_CHILDREN)) {
		tracy_message(s, "the seccomp backend needs TRACY_TRACE_CHILDREN:"
			      " an untraced child would inherit the filter and "
			      "get ENOSYS from every hooked syscall");
		errno = EINVAL;
		return -1;
	}
	if (!seccomp_usable(s)) {
		tracy_message(s, "the seccomp backend needs a kernel with "
			      "seccomp filters and SECCOMP_RET_TRACE");
		errno = ENOSYS;
		return -1;
	}
	return 0;
}

bool seccomp_works_for(struct session *s, bool spawned)
{
	return spawned && (s->pub.opt & TRACY_TRACE_CHILDREN) &&
	       seccomp_usable(s);
}

/* Before the fork: the filter of the hook set, built where malloc is safe. */
static int seccomp_prepare_spawn(struct session *s)
{
	struct seccomp_set *set;

	if (s->seccomp && s->seccomp->gen == s->hooks_gen)
		return 0;
	set = set_compute(s);
	if (!set)
		return -1;
	set_put(s->seccomp);
	s->seccomp = set;
	return 0;
}

/* In the forked child: only system calls from here on. */
static int seccomp_prepare_exec(const struct session *s)
{
	struct sock_fprog prog = {
		.len = s->seccomp->ninsns,
		.filter = s->seccomp->insns,
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

/* The tracee tracy_exec() started has the session's filter of now. */
static void seccomp_spawned(struct child *c)
{
	struct seccomp_set *set = c->session->seccomp;

	set->refs++;
	c->filter = set;
}

/* A filter that lacks a hook now: from here on, classic ptrace. */
static void go_classic(struct child *c, const char *why)
{
	c->classic_mode = true;
	c->pub.backend = TRACY_BACKEND_CLASSIC;
	tracy_verbose(c->session, TRACY_VERBOSE, "tracee %d runs on the "
		      "classic backend from now on: %s", c->pub.pid, why);
}

static int seccomp_resume(struct child *c, int sig)
{
	enum __ptrace_request req = PTRACE_CONT;

	if (!c->classic_mode && c->filter &&
	    !set_covers(c->session, c->filter))
		go_classic(c, "its seccomp filter lacks a syscall hooked since");
	/* A denied syscall gets its exit stop, to set its result there. */
	if (c->deny_errno && c->pub.pre_syscall)
		c->in_syscall = true;
	/* A filter not known yet (a child before its parent's event): all. */
	if (c->classic_mode || !c->filter || c->in_syscall)
		req = PTRACE_SYSCALL;
	return ptrace(req, c->pub.pid, 0, (void *)(long)sig) ? -1 : 0;
}

static bool seccomp_exit_stop_due(const struct child *c,
				  const struct syscall_stop *entry)
{
	return c->classic_mode || !c->filter ||
	       hook_wants(c->session, entry->abi, entry->nr, false);
}

static void seccomp_exec_takeover(struct child *c, struct child *old)
{
	struct seccomp_set *set = c->filter;

	c->filter = old->filter;
	old->filter = set;
	c->classic_mode = old->classic_mode;
	c->pub.backend = old->pub.backend;
	c->in_syscall = old->in_syscall;
}

/* A new tracee of parent: the kernel gave it parent's filter. */
void seccomp_child_inherit(struct child *c, const struct child *parent)
{
	if (parent->filter && c->filter != parent->filter) {
		set_put(c->filter);
		parent->filter->refs++;
		c->filter = parent->filter;
	}
	c->classic_mode = parent->classic_mode;
	c->pub.backend = parent->pub.backend;
}

/* Detaching would leave ENOSYS for every syscall the filter traces. */
int seccomp_may_detach(const struct child *c)
{
	const struct seccomp_set *set = c->filter;
	uint32_t i;
	int abi;

	if (c->ops != &seccomp_backend || !set)
		return 0;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		for (i = 0; i < entries(abi_table(abi)); i++)
			if (set_traces(set, abi, i))
				goto refuse;
	return 0;
refuse:
	tracy_message(c->session, "cannot detach %d: its seccomp filter would "
		      "make every hooked syscall fail with ENOSYS without a "
		      "tracer (use the kmask or classic backend to detach)",
		      c->pub.pid);
	errno = EPERM;
	return -1;
}

const struct backend_ops seccomp_backend = {
	.id = TRACY_BACKEND_SECCOMP,
	.ptrace_options = PTRACE_O_TRACESECCOMP,
	.prepare_spawn = seccomp_prepare_spawn,
	.prepare_exec = seccomp_prepare_exec,
	.spawned = seccomp_spawned,
	.resume = seccomp_resume,
	.exit_stop_due = seccomp_exit_stop_due,
	.exec_takeover = seccomp_exec_takeover,
};
