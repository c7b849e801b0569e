// SPDX-License-Identifier: GPL-2.0
/*
 * The kmask backend: the kernel's syscall stop mask (PTRACE_SETSYSCALLMASK,
 * doc/kernel-api.md) decides which syscalls stop a tracee at all, so
 * unhooked syscalls run at native speed. For exec'd and
 * attached tracees alike, and the hooks can change at any time.
 *
 * Detection is by behaviour, once a session: PTRACE_GETSYSCALLMASK on the
 * first tracee attached to, or on a spare child before the first one
 * tracy_exec() starts. EIO means the kernel lacks the patch: the backend
 * then takes no tracee (kmask_unusable()), so that under TRACY_BACKEND_AUTO
 * the next backend of the table takes it (the tracee's backend field says
 * which, and TRACY_VERBOSE why), and a forced kmask fails with ENOSYS.
 *
 * The mask follows the hook set. Per ABI the kernel runs (one list per
 * AUDIT_ARCH_*: x86_64 and x32 share the x86_64 lists, which go on past
 * the x86_64 table to x32's own syscalls, 512 to 547), the stop list holds
 * the syscalls that some hook of an ABI of that arch wants at entry, and
 * the no-exit list those that are wanted at entry but by no hook at exit
 * (TRACY_HOOK_ENTRY_ONLY). The mode is whitelist, except when a hook can
 * not be expressed as a list bit: a default hook (everything stops:
 * blacklist mode with empty lists, that is classic ptrace), or a hook on a
 * syscall outside every kernel list (ARM's private ones from 0x0f0000).
 * Then the mode is blacklist and the stop
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
 * The lists are made once per snapshot of the hook set (hookset.c), and
 * each tracee keeps the snapshot whose lists it has, so that the exit
 * decision of a syscall entered under an older one is still known
 * (exit_stop_due()).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "ptrace-compat.h"

/* Where a hookset keeps its lists. */
#define KMASK_SLOT	TRACY_BACKEND_KMASK

extern const struct backend_ops kmask_backend;

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

/* A hook set as the kernel takes it: the compiled form of a hookset. */
struct kmask_lists {
	bool whitelist;
	int nlists;
	struct kmask_list lists[TRACY_ABI_COUNT];
};

static bool test_bit(const uint64_t *words, uint32_t nr)
{
	return words[nr / 64] >> (nr % 64) & 1;
}

static void set_bit(uint64_t *words, uint32_t nr)
{
	words[nr / 64] |= 1ULL << (nr % 64);
}

/* A hook of the ABI on a syscall that no kernel list can hold. */
static bool hook_out_of_lists(const struct hookset *h, int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	uint32_t i;

	for (i = table->size; i < hookset_entries(table); i++)
		if (h->want[abi][i])
			return true;
	return false;
}

static struct kmask_list *list_of(struct kmask_lists *set, uint32_t arch)
{
	int i;

	for (i = 0; i < set->nlists; i++)
		if (set->lists[i].arch == arch)
			return &set->lists[i];
	set->lists[set->nlists].arch = arch;
	return &set->lists[set->nlists++];
}

/* The lists of hook set h; NULL with errno. */
static void *kmask_compile(const struct hookset *h)
{
	struct kmask_lists *set = calloc(1, sizeof(*set));
	struct kmask_list *list;
	unsigned int want;
	uint32_t nr;
	int abi, l;

	if (!set)
		return NULL;
	set->whitelist = !h->all;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		const struct tracy_syscall_table *table = abi_table(abi);
		uint32_t bits = table->size < KMASK_BITS ?
				table->size : KMASK_BITS;

		if (hook_out_of_lists(h, abi))
			set->whitelist = false;
		list = list_of(set, table->audit_arch);
		if (list->nr_bits < bits)
			list->nr_bits = bits;
	}
	for (l = 0; l < set->nlists; l++) {
		list = &set->lists[l];
		for (nr = 0; nr < list->nr_bits; nr++) {
			want = 0;
			for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
				const struct tracy_syscall_table *t = abi_table(abi);

				if (t->audit_arch == list->arch &&
				    nr < t->size)
					want |= h->want[abi][nr];
			}
			if (!!(want & HOOKSET_ENTRY) == set->whitelist)
				set_bit(list->stop, nr);
			if (want == HOOKSET_ENTRY)
				set_bit(list->noexit, nr);
		}
	}
	return set;
}

/* Blacklist mode with empty lists: the kernel stores it as no mask. */
static bool kmask_is_classic(const struct kmask_lists *set)
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

/* Gives the stopped tracee the mask of hook set h; 0, or -1 with errno. */
static int kmask_apply(struct tracee *t, struct hookset *h)
{
	struct kmask_lists *set = hookset_compiled(h, &kmask_backend);
	pid_t pid = t->pub->pid;
	int l;

	if (!set)
		return -1;
	for (l = 0; l < set->nlists; l++) {
		struct kmask_list *list = &set->lists[l];

		if (list->absent)
			continue;
		if (!set_list(pid, list, false) && !set_list(pid, list, true))
			continue;
		/* An ABI this kernel does not run (i386 without IA32 emulation). */
		if (errno == EINVAL && l > 0) {
			tracy_verbose(t->session, TRACY_VERBOSE, "kmask: the "
				      "kernel runs no ABI of audit arch %#x",
				      list->arch);
			list->absent = true;
			continue;
		}
		return -1;
	}
	if (ptrace((enum __ptrace_request)(set->whitelist ?
		   PTRACE_SYSCALLWHITELIST : PTRACE_SYSCALLBLACKLIST),
		   pid, 0, 0))
		return -1;
	hookset_put(t->hooks);
	t->hooks = hookset_get(h);
	return 0;
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

enum kmask_state {
	KMASK_UNKNOWN,		/* not probed yet */
	KMASK_PRESENT,
	KMASK_ABSENT,		/* PTRACE_GETSYSCALLMASK: EIO */
};

/*
 * Probes the kernel on tracee pid, stopped, once a session; 0, or -1 with
 * errno.
 */
static int kmask_probe_once(struct session *s, pid_t pid)
{
	int *state = session_backend_state(s, &kmask_backend);
	int ret;

	if (*state != KMASK_UNKNOWN)
		return 0;
	ret = kmask_probe(pid);
	if (ret < 0)
		return -1;
	*state = ret ? KMASK_PRESENT : KMASK_ABSENT;
	tracy_verbose(s, TRACY_VERBOSE, "kernel syscall stop masks: %s",
		      ret ? "present" : "absent (PTRACE_GETSYSCALLMASK: EIO)");
	return 0;
}

/*
 * With no tracee to probe on (before the fork of the first one, where a
 * seccomp filter would have to go in if there are no masks), a spare
 * child that only stops for us is probed, then killed. Not knowing
 * counts as absent.
 */
static void kmask_probe_spare(struct session *s)
{
	int *state = session_backend_state(s, &kmask_backend);
	int status;
	pid_t pid;

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
	if (*state == KMASK_UNKNOWN)
		*state = KMASK_ABSENT;
}

/* Any tracee, on a kernel with syscall stop masks. */
static const char *kmask_unusable(struct session *s, bool spawned, pid_t pid)
{
	int *state = session_backend_state(s, &kmask_backend);

	(void)spawned;
	if (*state == KMASK_UNKNOWN && pid > 0 && kmask_probe_once(s, pid))
		return "cannot probe the kernel";
	if (*state == KMASK_UNKNOWN && !pid)
		kmask_probe_spare(s);
	if (*state != KMASK_ABSENT)
		return NULL;
	errno = ENOSYS;
	return "needs a kernel with PTRACE_SETSYSCALLMASK; this one has none";
}

static int kmask_setup(struct tracee *t)
{
	if (kmask_apply(t, session_hookset(t->session)))
		return -1;
	/*
	 * A syscall entered while syscall stops were off (the execve that
	 * tracy_exec() ran to with PTRACE_CONT) gets no exit stop under a
	 * mask; the kernel keeps classic behaviour only without one.
	 */
	if (t->in_syscall && !kmask_is_classic(t->hooks->compiled[KMASK_SLOT]))
		t->in_syscall = false;
	return 0;
}

static int kmask_resume(struct tracee *t, int sig)
{
	struct hookset *now = session_hookset(t->session);

	if (t->hooks != now && kmask_apply(t, now))
		return -1;
	return ptrace(PTRACE_SYSCALL, t->pub->pid, 0, (void *)(long)sig) ? -1 : 0;
}

/*
 * Does the syscall entered at this stop get its exit stop? The kernel
 * decided at entry, with the lists the tracee had then.
 */
static bool kmask_exit_stop_due(const struct tracee *t, int abi, long nr)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	const struct kmask_lists *set;
	int l;

	if (!t->hooks)
		return true;
	set = t->hooks->compiled[KMASK_SLOT];
	if (!set || !table || nr < 0 || (unsigned long)nr >= table->size)
		return true;
	for (l = 0; l < set->nlists; l++)
		if (set->lists[l].arch == table->audit_arch)
			return (unsigned long)nr >= set->lists[l].nr_bits ||
			       !test_bit(set->lists[l].noexit, nr);
	return true;
}

/*
 * Blacklist mode with empty lists: every syscall stops at entry and exit,
 * as in classic ptrace, until the next resume. The tracee has no lists
 * of ours any more, so that kmask_resume() gives it the current ones
 * again, and a syscall it enters meanwhile has its exit stop due
 * (kmask_exit_stop_due()), as the kernel decides under no mask.
 */
static int kmask_stop_all(struct tracee *t)
{
	const struct kmask_lists *set;
	struct kmask_list empty;
	int l;

	if (!t->hooks)
		return 0;
	set = t->hooks->compiled[KMASK_SLOT];
	for (l = 0; l < set->nlists; l++) {
		if (set->lists[l].absent)
			continue;
		empty = set->lists[l];
		empty.nr_bits = 0;
		if (set_list(t->pub->pid, &empty, false) ||
		    set_list(t->pub->pid, &empty, true))
			return -1;
	}
	if (ptrace((enum __ptrace_request)PTRACE_SYSCALLBLACKLIST, t->pub->pid,
		   0, 0))
		return -1;
	hookset_put(t->hooks);
	t->hooks = NULL;
	return 0;
}

const struct backend_ops kmask_backend = {
	.id = TRACY_BACKEND_KMASK,
	.name = "kmask",
	.unusable = kmask_unusable,
	.compile = kmask_compile,
	.compiled_free = free,
	.setup = kmask_setup,
	.resume = kmask_resume,
	.exit_stop_due = kmask_exit_stop_due,
	.stop_all = kmask_stop_all,
};
