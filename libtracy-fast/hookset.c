// SPDX-License-Identifier: GPL-2.0
/*
 * The hook set as the backends see it: one immutable snapshot per change
 * of the hooks (which syscall of which ABI wants its entry, its exit or
 * both), made once here and shared. The session holds the current one;
 * each tracee holds the one its kernel state was made from (its kernel
 * mask, its seccomp filter), so that a syscall entered under an older
 * snapshot is still judged by it. A backend turns a snapshot into its
 * own form once (hookset_compiled()): kmask into stop and no-exit lists,
 * seccomp into a BPF program; that form lives and dies with the snapshot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

uint32_t hookset_entries(const struct tracy_syscall_table *table)
{
	return table->size + table->nr_arch_private;
}

/* The syscall number hooks know entry i by (private ones: as is). */
static long entry_nr(const struct tracy_syscall_table *table, uint32_t i)
{
	return i < table->size ? (long)i :
	       (long)table->arch_private[i - table->size].nr;
}

/* The entry of syscall nr (table number or private number), or -1. */
static long entry_of(const struct tracy_syscall_table *table, long nr)
{
	uint32_t i;

	if (nr < 0)
		return -1;
	if ((unsigned long)nr < table->size)
		return nr;
	for (i = 0; i < table->nr_arch_private; i++)
		if (table->arch_private[i].nr == (uint32_t)nr)
			return table->size + i;
	return -1;
}

unsigned int hookset_want(const struct hookset *h, int abi, long nr)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	long i = table ? entry_of(table, nr) : -1;

	if (i < 0)
		return h->all ? HOOKSET_ENTRY | HOOKSET_EXIT : 0;
	return h->want[abi][i];
}

bool hookset_empty(const struct hookset *h)
{
	const struct tracy_syscall_table *table;
	uint32_t i;
	int abi;

	if (h->all)
		return false;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		table = abi_table(abi);
		for (i = 0; i < hookset_entries(table); i++)
			if (h->want[abi][i])
				return false;
	}
	return true;
}

bool hookset_covers(const struct hookset *h, const struct hookset *other)
{
	const struct tracy_syscall_table *table;
	uint32_t i;
	int abi;

	if (h == other || h->all)
		return true;
	if (other->all)
		return false;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		table = abi_table(abi);
		for (i = 0; i < hookset_entries(table); i++)
			if (other->want[abi][i] && !h->want[abi][i])
				return false;
	}
	return true;
}

struct hookset *hookset_get(struct hookset *h)
{
	if (h)
		h->refs++;
	return h;
}

void hookset_put(struct hookset *h)
{
	const struct backend_ops *ops;
	int abi, id;

	if (!h || --h->refs)
		return;
	for (id = 0; id < BACKEND_SLOTS; id++)
		if (h->compiled[id]) {
			ops = backend_by_id(id);
			ops->compiled_free(h->compiled[id]);
		}
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		free(h->want[abi]);
	free(h);
}

void *hookset_compiled(struct hookset *h, const struct backend_ops *ops)
{
	if (!h->compiled[ops->id] && ops->compile)
		h->compiled[ops->id] = ops->compile(h);
	return h->compiled[ops->id];
}

/* What the session's hooks want of syscall nr of ABI abi. */
static unsigned char want_of(const struct session *s, int abi, long nr)
{
	return (hook_wants(s, abi, nr, true) ? HOOKSET_ENTRY : 0) |
	       (hook_wants(s, abi, nr, false) ? HOOKSET_EXIT : 0);
}

/*
 * A snapshot of generation s->hooks_gen whose lists want nothing yet;
 * NULL with errno.
 */
static struct hookset *hookset_alloc(const struct session *s)
{
	struct hookset *h = calloc(1, sizeof(*h));
	int abi;

	if (!h)
		return NULL;
	h->refs = 1;
	h->gen = s->hooks_gen;
	h->all = hooks_want_all(s);
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		h->want[abi] = calloc(hookset_entries(abi_table(abi)), 1);
		if (!h->want[abi]) {
			hookset_put(h);
			return NULL;
		}
	}
	return h;
}

/* Makes h the session's current snapshot, in place of the one before. */
static void hookset_install(struct session *s, struct hookset *h)
{
	hookset_put(s->hookset);
	s->hookset = h;
}

/*
 * The snapshot after a change of the hook of syscall nr of ABI abi alone:
 * the current one with that entry made again. A program that sets the
 * hooks of a large set one by one (stracy -c: every syscall of every ABI)
 * so pays a copy per hook, not a walk of every syscall of every ABI. A
 * full one if the default changed meanwhile, or there is none yet.
 */
int hookset_update_one(struct session *s, int abi, long nr)
{
	const struct hookset *old = s->hookset;
	const struct tracy_syscall_table *table = abi_table(abi);
	long i = table ? entry_of(table, nr) : -1;
	struct hookset *h;
	int a;

	if (!old || i < 0 || old->all != hooks_want_all(s))
		return hookset_update(s);
	s->hooks_gen++;
	h = hookset_alloc(s);
	if (!h)
		return -1;
	for (a = 0; a < TRACY_ABI_COUNT; a++)
		memcpy(h->want[a], old->want[a],
		       hookset_entries(abi_table(a)));
	h->want[abi][i] = want_of(s, abi, nr);
	hookset_install(s, h);
	return 0;
}

int hookset_update(struct session *s)
{
	const struct tracy_syscall_table *table;
	struct hookset *h;
	uint32_t i;
	int abi;

	s->hooks_gen++;
	h = hookset_alloc(s);
	if (!h)
		return -1;
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		table = abi_table(abi);
		for (i = 0; i < hookset_entries(table); i++)
			h->want[abi][i] = want_of(s, abi, entry_nr(table, i));
	}
	hookset_install(s, h);
	return 0;
}
