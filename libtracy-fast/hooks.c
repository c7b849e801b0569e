// SPDX-License-Identifier: GPL-2.0
/*
 * The hook set: per ABI, a hook per syscall number, plus the default and
 * the signal hook. It decides which syscall stops are reported, and,
 * through its snapshot (hookset.c), which stops the kernel makes at all.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

/* The private syscall (ARM's 0x0f0000 range) nr: its index, or -1. */
static long private_index(const struct tracy_syscall_table *table, long nr)
{
	uint32_t i;

	for (i = 0; i < table->nr_arch_private; i++)
		if (table->arch_private[i].nr == (uint32_t)nr)
			return i;
	return -1;
}

static struct hook *hook_slot(struct abi_hooks *hooks,
			      const struct tracy_syscall_table *table, long nr)
{
	long i;

	if (nr < 0)
		return NULL;
	if ((unsigned long)nr < table->size)
		return hooks->by_nr ? &hooks->by_nr[nr] : NULL;
	i = private_index(table, nr);
	return i >= 0 && hooks->private ? &hooks->private[i] : NULL;
}

static int hooks_alloc(struct abi_hooks *hooks,
		       const struct tracy_syscall_table *table)
{
	if (!hooks->by_nr)
		hooks->by_nr = calloc(table->size, sizeof(*hooks->by_nr));
	if (!hooks->private && table->nr_arch_private)
		hooks->private = calloc(table->nr_arch_private,
					sizeof(*hooks->private));
	if (!hooks->by_nr || (table->nr_arch_private && !hooks->private))
		return -1;
	return 0;
}

void hooks_free(struct session *s)
{
	int abi;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		free(s->hooks[abi].by_nr);
		free(s->hooks[abi].private);
	}
}

const struct hook *hook_find(const struct session *s, int abi, long nr)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	struct hook *hook;

	if (!table)
		return NULL;
	hook = hook_slot((struct abi_hooks *)&s->hooks[abi], table, nr);
	return hook && hook->func ? hook : NULL;
}

bool hooks_want_all(const struct session *s)
{
	return s->pub.defhook || (s->pub.opt & TRACY_VERBOSE_SYSCALL);
}

bool hook_wants(const struct session *s, int abi, long nr, bool entry)
{
	const struct hook *hook = hook_find(s, abi, nr);

	if (hook)
		return entry || !(hook->flags & TRACY_HOOK_ENTRY_ONLY);
	return hooks_want_all(s);
}

/* Is name a syscall of some ABI the library knows, on any architecture? */
static bool known_syscall(const char *name)
{
	const struct tracy_syscall_table *const *table;

	for (table = tracy_syscall_tables; *table; table++)
		if (tracy_syscall_number(*table, name) >= 0)
			return true;
	return false;
}

/*
 * The slot of 'name' in ABI abi, or NULL with errno EINVAL (no such ABI,
 * or a name that is no syscall at all), ENOENT (no hook of the ABI yet,
 * and alloc is false) or ENOTSUP (a syscall of other ABIs only, which
 * the caller accepts as Tracy does: a hook that never runs).
 */
static struct hook *hook_by_name(struct session *s, const char *name,
				 long abi, bool alloc, long *nrp)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	struct hook *hook;
	long nr;

	if (!table) {
		tracy_message(s, "no ABI %ld on this architecture", abi);
		errno = EINVAL;
		return NULL;
	}
	nr = name ? tracy_syscall_number(table, name) : -1;
	if (nr < 0 && name && known_syscall(name)) {
		tracy_verbose(s, TRACY_VERBOSE, "\"%s\" is no syscall of the "
			      "%s ABI: its hook never runs", name, table->abi);
		errno = ENOTSUP;
		return NULL;
	}
	if (nr < 0) {
		tracy_message(s, "\"%s\" is no syscall of any ABI",
			      name ? name : "(null)");
		errno = EINVAL;
		return NULL;
	}
	if (alloc && hooks_alloc(&s->hooks[abi], table))
		return NULL;
	hook = hook_slot(&s->hooks[abi], table, nr);
	if (!hook)
		errno = ENOENT;		/* no hook of this ABI yet */
	*nrp = nr;
	return hook;
}

int tracy_set_hook_flags(struct tracy *t, const char *syscall, long abi,
			 tracy_hook_func func, unsigned int flags)
{
	struct session *s = session_of(t);
	struct hook *hook, old;
	long nr = -1;

	if (!func || (flags & ~TRACY_HOOK_ENTRY_ONLY)) {
		errno = EINVAL;
		return -1;
	}
	hook = hook_by_name(s, syscall, abi, true, &nr);
	if (!hook)
		return errno == ENOTSUP ? 0 : -1;
	/* As Tracy: a second hook does not replace the first. */
	if (hook->func) {
		tracy_message(s, "%s of ABI %ld has a hook already", syscall, abi);
		errno = EEXIST;
		return -1;
	}
	old = *hook;
	hook->func = func;
	hook->flags = flags;
	if (hookset_update_one(s, (int)abi, nr)) {
		*hook = old;
		return -1;
	}
	return 0;
}

int tracy_set_hook(struct tracy *t, const char *syscall, long abi,
		   tracy_hook_func func)
{
	return tracy_set_hook_flags(t, syscall, abi, func, 0);
}

int tracy_unset_hook(struct tracy *t, const char *syscall, long abi)
{
	struct session *s = session_of(t);
	struct hook *hook, old;
	long nr = -1;

	hook = hook_by_name(s, syscall, abi, false, &nr);
	if (!hook)
		return errno == ENOTSUP ? 0 : -1;
	if (!hook->func) {
		errno = ENOENT;
		return -1;
	}
	old = *hook;
	hook->func = NULL;
	hook->flags = 0;
	if (hookset_update_one(s, (int)abi, nr)) {
		*hook = old;
		return -1;
	}
	return 0;
}

int tracy_set_default_hook(struct tracy *t, tracy_hook_func f)
{
	struct session *s = session_of(t);
	tracy_hook_func old = t->defhook;

	t->defhook = f;
	if (hookset_update(s)) {
		t->defhook = old;
		return -1;
	}
	return 0;
}

int tracy_set_signal_hook(struct tracy *t, tracy_hook_func f)
{
	t->signal_hook = f;
	return 0;
}

int tracy_execute_hook(struct tracy *t, const char *syscall,
		       struct tracy_event *e)
{
	const struct tracy_syscall_table *table = abi_table(e->abi);
	const struct hook *hook;

	if (table && syscall) {
		hook = hook_find(session_of(t), e->abi,
				 tracy_syscall_number(table, syscall));
		if (hook)
			return hook->func(e);
	}
	if (t->defhook)
		return t->defhook(e);
	return TRACY_HOOK_NOHOOK;
}
