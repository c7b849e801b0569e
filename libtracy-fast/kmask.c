// SPDX-License-Identifier: GPL-2.0
/*
 * The kmask backend: the kernel's syscall stop mask (PTRACE_SETSYSCALLMASK,
 * ../shared/DESIGN.md, "The kernel API") decides which syscalls stop a
 * tracee at all, so unhooked syscalls run at native speed. For exec'd and
 * attached tracees alike, and the hooks can change at any time.
 *
 * Detection is by behaviour: PTRACE_GETSYSCALLMASK on the first tracee
 * that is set up. EIO means the kernel lacks the patch: under
 * TRACY_BACKEND_AUTO that tracee, and every later one, runs on the classic
 * backend (the tracee's backend field says so, and TRACY_VERBOSE prints
 * it); a forced kmask backend fails with ENOSYS instead.
 *
 * The mask follows the hook set. Per ABI the kernel runs (one list per
 * AUDIT_ARCH_*: x86_64 and x32 share the x86_64 lists), the stop list holds
 * the syscalls that some hook of an ABI of that arch wants at entry, and
 * the no-exit list those that are wanted at entry but by no hook at exit
 * (TRACY_HOOK_ENTRY_ONLY). The mode is whitelist, except when a hook can
 * not be expressed as a list bit: a default hook (everything stops:
 * blacklist mode with empty lists, that is classic ptrace), or a hook on a
 * syscall outside every kernel list (x32's own syscalls from 512, ARM's
 * private ones from 0x0f0000). Then the mode is blacklist and the stop
 * list holds the syscalls nobody wants.
 *
 * The library itself needs no syscall stop: it follows exec through
 * PTRACE_EVENT_EXEC and new tracees through PTRACE_EVENT_FORK/VFORK/CLONE,
 * which the mask does not filter, and it reads the ABI of each stop from
 * the stop itself. Only an injection (inject.c) needs stops of syscalls
 * no hook may want: it lifts the mask for its duration (kmask_stop_all()).
 *
 * A mask can only be set while the tracee is in a ptrace-stop, so a change
 * of the hook set reaches each tracee when it is next resumed: at once for
 * a tracee that is stopped now (one whose hook is running), at its next
 * stop for one that runs. Until then a running tracee keeps its old mask:
 * it may make a stop nobody wants any more (filtered by the event loop as
 * always), and it may run, without a stop, a syscall that a new hook wants.
 *
 * Mask sets are immutable and shared: one per generation of the hook set,
 * referenced by the tracees that have it, so that the exit decision of a
 * syscall entered under an older set is still known (exit_stop_due()).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "../compat/ptrace-compat.h"

/* Bits per list we keep: more than any syscall table has. */
#define KMASK_BITS	1024
#define KMASK_WORDS	(KMASK_BITS / 64)

struct kmask_list {
	uint32_t arch;		/* AUDIT_ARCH_* */
	uint32_t nr_bits;
	bool absent;		/* the kernel does not run this ABI */
	uint64_t stop[KMASK_WORDS];
	uint64_t noexit[KMASK_WORDS];
};

struct kmask_set {
	int refs;
	unsigned long gen;	/* the session's hooks_gen it was made for */
	bool whitelist;
	int nlists;
	struct kmask_list lists[TRACY_ABI_COUNT];
};

static void kmask_put(struct kmask_set *set)
{
	if (set && !--set->refs)
		free(set);
}

void kmask_child_free(struct child *c)
{
	kmask_put(c->kmask);
	c->kmask = NULL;
}

void kmask_session_free(struct session *s)
{
	kmask_put(s->kmask);
	s->kmask = NULL;
}

static bool test_bit(const uint64_t *words, uint32_t nr)
{
	return words[nr / 64] >> (nr % 64) & 1;
}

static void set_bit(uint64_t *words, uint32_t nr)
{
	words[nr / 64] |= 1ULL << (nr % 64);
}

/* A hook of the ABI on a syscall that no kernel list can hold. */
static bool hook_out_of_lists(const struct session *s, int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	const struct abi_hooks *hooks = &s->hooks[abi];
	uint32_t i;

	if (hooks->by_nr)
		for (i = table->mask_size; i < table->size; i++)
			if (hooks->by_nr[i].func)
				return true;
	if (hooks->private)
		for (i = 0; i < table->nr_arch_private; i++)
			if (hooks->private[i].func)
				return true;
	return false;
}

static struct kmask_list *list_of(struct kmask_set *set, uint32_t arch)
{
	int i;

	for (i = 0; i < set->nlists; i++)
		if (set->lists[i].arch == arch)
			return &set->lists[i];
	set->lists[set->nlists].arch = arch;
	return &set->lists[set->nlists++];
}

/* The mask set of the session's hook set now; NULL with errno. */
static struct kmask_set *kmask_compute(const struct session *s)
{
	struct kmask_set *set = calloc(1, sizeof(*set));
	struct kmask_list *list;
	bool entry, exit;
	uint32_t nr;
	int abi, l;

	if (!set)
		return NULL;
	set->refs = 1;
	set->gen = s->hooks_gen;
	set->whitelist = !hooks_want_all(s);
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		const struct tracy_syscall_table *table = abi_table(abi);
		uint32_t bits = table->mask_size < KMASK_BITS ?
				table->mask_size : KMASK_BITS;

		if (hook_out_of_lists(s, abi))
			set->whitelist = false;
		list = list_of(set, table->audit_arch);
		if (list->nr_bits < bits)
			list->nr_bits = bits;
	}
	for (l = 0; l < set->nlists; l++) {
		list = &set->lists[l];
		for (nr = 0; nr < list->nr_bits; nr++) {
			entry = exit = false;
			for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
				const struct tracy_syscall_table *t = abi_table(abi);

				if (t->audit_arch != list->arch ||
				    nr >= t->mask_size)
					continue;
				entry |= hook_wants(s, abi, nr, true);
				exit |= hook_wants(s, abi, nr, false);
			}
			if (entry == set->whitelist)
				set_bit(list->stop, nr);
			if (entry && !exit)
				set_bit(list->noexit, nr);
		}
	}
	return set;
}

/* Blacklist mode with empty lists: the kernel stores it as no mask. */
static bool kmask_is_classic(const struct kmask_set *set)
{
	int l, w;

	if (set->whitelist)
		return false;
	for (l = 0; l < set->nlists; l++)
		for (w = 0; w < KMASK_WORDS; w++)
			if (set->lists[l].stop[w] || set->lists[l].noexit[w])
				return false;
	return true;
}

static int set_list(pid_t pid, const struct kmask_list *list, bool noexit)
{
	struct ptrace_syscall_mask m = {
		.arch = list->arch,
		.flags = noexit ? PTRACE_SYSCALLMASK_NOEXIT : 0,
		.nr_bits = list->nr_bits,
		.bitmap = (uintptr_t)(noexit ? list->noexit : list->stop),
	};

	return ptrace((enum __ptrace_request)PTRACE_SETSYSCALLMASK, pid,
		      (void *)sizeof(m), &m) ? -1 : 0;
}

/* Gives the stopped tracee the mask set; 0, or -1 with errno. */
static int kmask_apply(struct child *c, struct kmask_set *set)
{
	struct session *s = c->session;
	pid_t pid = c->pub.pid;
	int l;

	for (l = 0; l < set->nlists; l++) {
		struct kmask_list *list = &set->lists[l];

		if (list->absent)
			continue;
		if (!set_list(pid, list, false) && !set_list(pid, list, true))
			continue;
		/* An ABI this kernel does not run (i386 without IA32 emulation). */
		if (errno == EINVAL && l > 0) {
			tracy_verbose(s, TRACY_VERBOSE, "kmask: the kernel runs "
				      "no ABI of audit arch %#x", list->arch);
			list->absent = true;
			continue;
		}
		return -1;
	}
	if (ptrace((enum __ptrace_request)(set->whitelist ?
		   PTRACE_SYSCALLWHITELIST : PTRACE_SYSCALLBLACKLIST),
		   pid, 0, 0))
		return -1;
	set->refs++;
	kmask_put(c->kmask);
	c->kmask = set;
	return 0;
}

/* The session's mask set for its hook set now; NULL with errno. */
static struct kmask_set *kmask_current(struct session *s)
{
	struct kmask_set *set;

	if (s->kmask && s->kmask->gen == s->hooks_gen)
		return s->kmask;
	set = kmask_compute(s);
	if (!set)
		return NULL;
	kmask_put(s->kmask);
	s->kmask = set;
	return set;
}

/* PTRACE_GETSYSCALLMASK answers: 1; EIO: 0; -1 with errno otherwise. */
static int kmask_probe(pid_t pid)
{
	struct ptrace_syscall_mask m;

	memset(&m, 0, sizeof(m));
	if (ptrace((enum __ptrace_request)PTRACE_GETSYSCALLMASK, pid,
		   (void *)sizeof(m), &m) >= 0)
		return 1;
	return errno == EIO ? 0 : -1;
}

/* Probes the kernel on tracee pid, once a session; 0, or -1 with errno. */
static int kmask_probe_once(struct session *s, pid_t pid)
{
	int ret;

	if (s->kmask_state != KMASK_UNKNOWN)
		return 0;
	ret = kmask_probe(pid);
	if (ret < 0)
		return -1;
	s->kmask_state = ret ? KMASK_PRESENT : KMASK_ABSENT;
	tracy_verbose(s, TRACY_VERBOSE, "kernel syscall stop masks: %s",
		      ret ? "present" : "absent (PTRACE_GETSYSCALLMASK: EIO)");
	return 0;
}

/*
 * Before the first tracee is forked the backend must be known (a seccomp
 * filter goes in before execve): a spare child that only stops for us
 * is probed, then killed. Not knowing counts as absent.
 */
bool kmask_present(struct session *s)
{
	int status;
	pid_t pid;

	if (s->kmask_state != KMASK_UNKNOWN)
		return s->kmask_state == KMASK_PRESENT;
	pid = fork();
	if (!pid) {
		if (!ptrace(PTRACE_TRACEME, 0, 0, 0))
			raise(SIGSTOP);
		_exit(0);
	}
	if (pid > 0) {
		if (waitpid(pid, &status, __WALL) == pid && WIFSTOPPED(status))
			kmask_probe_once(s, pid);
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
	}
	return s->kmask_state == KMASK_PRESENT;
}

static int kmask_setup(struct child *c)
{
	struct session *s = c->session;
	struct kmask_set *set;

	if (kmask_probe_once(s, c->pub.pid))
		return -1;
	if (s->kmask_state == KMASK_ABSENT) {
		if (s->pub.backend == TRACY_BACKEND_KMASK) {
			tracy_message(s, "the kmask backend needs a kernel with "
				      "PTRACE_SETSYSCALLMASK; this one has none");
			errno = ENOSYS;
			return -1;
		}
		c->ops = &classic_backend;
		c->pub.backend = TRACY_BACKEND_CLASSIC;
		tracy_verbose(s, TRACY_VERBOSE, "tracee %d runs on the classic "
			      "backend: the kernel has no syscall stop masks",
			      c->pub.pid);
		return c->ops->setup ? c->ops->setup(c) : 0;
	}
	set = kmask_current(s);
	if (!set || kmask_apply(c, set))
		return -1;
	/*
	 * A syscall entered while syscall stops were off (the execve that
	 * tracy_exec() ran to with PTRACE_CONT) gets no exit stop under a
	 * mask; the kernel keeps classic behaviour only without one.
	 */
	if (c->in_syscall && !kmask_is_classic(set))
		c->in_syscall = false;
	return 0;
}

static int kmask_resume(struct child *c, int sig)
{
	struct kmask_set *set;

	if (!c->kmask || c->kmask->gen != c->session->hooks_gen) {
		set = kmask_current(c->session);
		if (!set || (set != c->kmask && kmask_apply(c, set)))
			return -1;
	}
	return ptrace(PTRACE_SYSCALL, c->pub.pid, 0, (void *)(long)sig) ? -1 : 0;
}

/*
 * Does the syscall entered at this stop get its exit stop? The kernel
 * decided at entry, with the mask set the tracee had then.
 */
static bool kmask_exit_stop_due(const struct child *c,
				const struct syscall_stop *entry)
{
	const struct tracy_syscall_table *table = abi_table(entry->abi);
	const struct kmask_set *set = c->kmask;
	int l;

	if (!set || !table || entry->nr < 0 ||
	    (unsigned long)entry->nr >= table->mask_size)
		return true;
	for (l = 0; l < set->nlists; l++)
		if (set->lists[l].arch == table->audit_arch)
			return (unsigned long)entry->nr >= set->lists[l].nr_bits ||
			       !test_bit(set->lists[l].noexit, entry->nr);
	return true;
}

/*
 * Blacklist mode with empty lists: every syscall stops at entry and exit,
 * as in classic ptrace, until the next resume. The tracee has no mask
 * set of ours any more, so that kmask_resume() gives it the current one
 * again, and a syscall it enters meanwhile has its exit stop due
 * (kmask_exit_stop_due()), as the kernel decides under no mask.
 */
static int kmask_stop_all(struct child *c)
{
	const struct kmask_set *set = c->kmask;
	struct kmask_list empty;
	int l;

	if (!set)
		return 0;
	for (l = 0; l < set->nlists; l++) {
		if (set->lists[l].absent)
			continue;
		empty = set->lists[l];
		empty.nr_bits = 0;
		if (set_list(c->pub.pid, &empty, false) ||
		    set_list(c->pub.pid, &empty, true))
			return -1;
	}
	if (ptrace((enum __ptrace_request)PTRACE_SYSCALLBLACKLIST, c->pub.pid,
		   0, 0))
		return -1;
	kmask_child_free(c);
	return 0;
}

/* A thread that was not the leader exec'd: c is it now, under old's pid. */
static void kmask_exec_takeover(struct child *c, struct child *old)
{
	struct kmask_set *set = c->kmask;

	c->kmask = old->kmask;
	old->kmask = set;
	c->in_syscall = old->in_syscall;
}

const struct backend_ops kmask_backend = {
	.id = TRACY_BACKEND_KMASK,
	.setup = kmask_setup,
	.resume = kmask_resume,
	.exit_stop_due = kmask_exit_stop_due,
	.exec_takeover = kmask_exec_takeover,
	.stop_all = kmask_stop_all,
};
