// SPDX-License-Identifier: GPL-2.0
/*
 * ABIs: TRACY_ABI_* to syscall tables (arch/<arch>/tracy-regs.c lists
 * them), the ABI of an audit arch, and the names of syscalls and signals.
 */
#include <signal.h>
#include <stdio.h>

#include "internal.h"

const struct tracy_syscall_table *abi_table(long abi)
{
	if (abi < 0 || abi >= TRACY_ABI_COUNT)
		return NULL;
	return arch_abi_tables[abi];
}

/*
 * x86_64 and x32 share AUDIT_ARCH_X86_64: an x32 syscall is the one whose
 * number carries the x32 table's nr_base.
 */
int abi_from_audit_arch(uint32_t arch, long nr)
{
	int abi, plain = -1;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		const struct tracy_syscall_table *table = arch_abi_tables[abi];

		if (table->audit_arch != arch)
			continue;
		if (!table->nr_base)
			plain = abi;
		else if (nr != -1 && (nr & table->nr_base))
			return abi;
	}
	return plain;
}

long abi_table_nr(int abi, long nr)
{
	const struct tracy_syscall_table *table = abi_table(abi);

	if (!table || nr == -1 || !table->nr_base)
		return nr;
	return nr & ~(long)table->nr_base;
}

long abi_public_nr(int abi, long nr)
{
	const struct tracy_syscall_table *table = abi_table(abi);

	if (!table || nr < 0)
		return nr;
	return nr | (long)table->nr_base;
}

/* Tracy's numbers (x32's with nr_base), and table numbers too. */
char *get_syscall_name_abi(int syscall, int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);

	return table ? (char *)tracy_syscall_name(table,
						  abi_table_nr(abi, syscall)) :
		       NULL;
}

int get_syscall_number_abi(const char *syscall, int abi)
{
	const struct tracy_syscall_table *table = abi_table(abi);
	long nr = table && syscall ? tracy_syscall_number(table, syscall) : -1;

	return (int)abi_public_nr(abi, nr);
}

char *get_syscall_name(int syscall)
{
	return get_syscall_name_abi(syscall, TRACY_ABI_NATIVE);
}

int get_syscall_number(const char *syscall)
{
	return get_syscall_number_abi(syscall, TRACY_ABI_NATIVE);
}

#define SIGNAL(name) [name] = #name
static const char *const signal_names[] = {
	SIGNAL(SIGHUP), SIGNAL(SIGINT), SIGNAL(SIGQUIT), SIGNAL(SIGILL),
	SIGNAL(SIGTRAP), SIGNAL(SIGABRT), SIGNAL(SIGBUS), SIGNAL(SIGFPE),
	SIGNAL(SIGKILL), SIGNAL(SIGUSR1), SIGNAL(SIGSEGV), SIGNAL(SIGUSR2),
	SIGNAL(SIGPIPE), SIGNAL(SIGALRM), SIGNAL(SIGTERM), SIGNAL(SIGSTKFLT),
	SIGNAL(SIGCHLD), SIGNAL(SIGCONT), SIGNAL(SIGSTOP), SIGNAL(SIGTSTP),
	SIGNAL(SIGTTIN), SIGNAL(SIGTTOU), SIGNAL(SIGURG), SIGNAL(SIGXCPU),
	SIGNAL(SIGXFSZ), SIGNAL(SIGVTALRM), SIGNAL(SIGPROF), SIGNAL(SIGWINCH),
	SIGNAL(SIGIO), SIGNAL(SIGPWR), SIGNAL(SIGSYS),
};

/* A name that stays valid: real-time signals and others share one. */
char *get_signal_name(int signal)
{
	if (signal > 0 &&
	    (unsigned int)signal < sizeof(signal_names) / sizeof(*signal_names) &&
	    signal_names[signal])
		return (char *)signal_names[signal];
	if (signal >= SIGRTMIN && signal <= SIGRTMAX)
		return (char *)"SIGRT";
	return (char *)"UNKNOWN";
}
