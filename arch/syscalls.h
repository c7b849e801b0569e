/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall table of each ABI, generated at build time from the kernel's
 * .tbl files by arch/gen-syscalls.py (arch/syscalls.mk), and lookups over
 * them that neither allocate nor lock: name to number by binary search,
 * number to name by index.
 *
 * Numbers are table numbers: what the kernel's syscall masks and seccomp's
 * action cache index with, that is without the ABI's nr_base. Only x32 has
 * one: its syscalls reach the kernel as __X32_SYSCALL_BIT | nr.
 */
#ifndef TRACY_FAST_ARCH_SYSCALLS_H
#define TRACY_FAST_ARCH_SYSCALLS_H

#include <stdint.h>

struct tracy_syscall {
	uint32_t nr;
	const char *name;
};

struct tracy_syscall_table {
	const char *abi;		/* "x86_64", "i386", "x32", ... as in arch.mk */
	uint32_t audit_arch;		/* as PTRACE_GET_SYSCALL_INFO reports it */
	const char *audit_arch_name;	/* "AUDIT_ARCH_X86_64", ... */
	uint32_t nr_base;		/* added on the wire: __X32_SYSCALL_BIT */
	/*
	 * Highest number + 1: the kernel's __NR_syscalls for the ABI. An arm
	 * kernel pads its table and reports 464 where this says 463.
	 */
	uint32_t size;
	const char *const *names;	/* size entries, NULL for a hole */
	const struct tracy_syscall *by_name;	/* sorted by strcmp() */
	uint32_t nr_by_name;
	/*
	 * Syscalls beyond the table, sorted by number, in by_name too: ARM's
	 * private ones from 0x0f0000 (cacheflush, set_tls, ...).
	 */
	const struct tracy_syscall *arch_private;
	uint32_t nr_arch_private;
};

/*
 * Every ABI's table, then NULL: $(BUILD)/gen/syscall-tables.c, which
 * arch/syscalls.mk writes from the ABIs of arch/<arch>/arch.mk.
 */
extern const struct tracy_syscall_table *const tracy_syscall_tables[];

/*
 * The table of ABI @abi is tracy_syscalls_<abi>. Code for one architecture
 * declares the tables it names itself with this.
 */
#define TRACY_SYSCALL_TABLE(abi) \
	extern const struct tracy_syscall_table tracy_syscalls_##abi

/*
 * tracy_syscalls_native, the table of the ABI this code is compiled for:
 * the build names it, from arch.mk (abi-cflags in arch/syscalls.mk:
 * -DTRACY_SYSCALLS_NATIVE=tracy_syscalls_<abi>).
 */
#ifdef TRACY_SYSCALLS_NATIVE
extern const struct tracy_syscall_table TRACY_SYSCALLS_NATIVE;
# define tracy_syscalls_native TRACY_SYSCALLS_NATIVE
#endif

/* The table of ABI @abi ("x86_64", ...), or NULL. */
const struct tracy_syscall_table *tracy_syscall_table(const char *abi);

/* The name of syscall @nr, or NULL for a hole or a number out of range. */
const char *tracy_syscall_name(const struct tracy_syscall_table *table,
			       long nr);

/* The number of syscall @name, or -1 if the ABI has none of that name. */
long tracy_syscall_number(const struct tracy_syscall_table *table,
			  const char *name);

#endif
