// SPDX-License-Identifier: GPL-2.0
/* Lookups in the generated syscall tables; see syscalls.h. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls.h"

const struct tracy_syscall_table *tracy_syscall_table(const char *abi)
{
	const struct tracy_syscall_table *const *table;

	for (table = tracy_syscall_tables; *table; table++)
		if (!strcmp((*table)->abi, abi))
			return *table;
	return NULL;
}

static int compare_nr(const void *key, const void *entry)
{
	long nr = *(const long *)key;
	long entry_nr = ((const struct tracy_syscall *)entry)->nr;

	return nr < entry_nr ? -1 : nr > entry_nr;
}

const char *tracy_syscall_name(const struct tracy_syscall_table *table,
			       long nr)
{
	const struct tracy_syscall *private;

	if (nr < 0)
		return NULL;
	if ((unsigned long)nr < table->size)
		return table->names[nr];
	if (!table->nr_arch_private)
		return NULL;
	private = bsearch(&nr, table->arch_private, table->nr_arch_private,
			  sizeof(*private), compare_nr);
	return private ? private->name : NULL;
}

static int compare_name(const void *key, const void *entry)
{
	return strcmp(key, ((const struct tracy_syscall *)entry)->name);
}

long tracy_syscall_number(const struct tracy_syscall_table *table,
			  const char *name)
{
	const struct tracy_syscall *syscall;

	syscall = bsearch(name, table->by_name, table->nr_by_name,
			  sizeof(*syscall), compare_name);
	return syscall ? (long)syscall->nr : -1;
}
