/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libtracy-fast: the per-architecture part of Tracy's API. Tracy's
 * programs name registers through these macros (a.TRACY_IP_REG of the
 * struct TRACY_REGS_NAME that PTRACE_GETREGS fills) and read syscall
 * arguments out of it with get_reg(). tracy.h includes this file.
 *
 * Where Tracy's values were wrong for the architecture, these are the
 * right ones (libtracy-fast(7) lists them): on arm an svc instruction is
 * 4 bytes long and the syscall number is in r7, in both directions.
 * arm64 (and riscv64) Tracy never had: they follow the same pattern;
 * their kernels have no PTRACE_GETREGS, fill the struct with
 * PTRACE_GETREGSET NT_PRSTATUS.
 */
#ifndef TRACY_ARCH_H
#define TRACY_ARCH_H

/* Before <asm/ptrace.h>, whose macros would break its enum. */
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/user.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>

#if defined(__x86_64__)
# define TRACY_REGS_NAME	user_regs_struct
# define TRACY_SYSCALL_OPSIZE	2	/* syscall, int $0x80, sysenter */
# define TRACY_SYSCALL_REGISTER	orig_rax	/* the number, as entered */
# define TRACY_SYSCALL_N	rax		/* the number, to enter */
# define TRACY_RETURN_CODE	rax
# define TRACY_IP_REG		rip
# define TRACY_STACK_POINTER	rsp
# define TRACY_ARG_0		rdi
# define TRACY_ARG_1		rsi
# define TRACY_ARG_2		rdx
# define TRACY_ARG_3		r10
# define TRACY_ARG_4		r8
# define TRACY_ARG_5		r9
# define TRACY_NR_MMAP		__NR_mmap
#elif defined(__i386__)
# define TRACY_REGS_NAME	user_regs_struct
# define TRACY_SYSCALL_OPSIZE	2
# define TRACY_SYSCALL_REGISTER	orig_eax
# define TRACY_SYSCALL_N	eax
# define TRACY_RETURN_CODE	eax
# define TRACY_IP_REG		eip
# define TRACY_STACK_POINTER	esp
# define TRACY_ARG_0		ebx
# define TRACY_ARG_1		ecx
# define TRACY_ARG_2		edx
# define TRACY_ARG_3		esi
# define TRACY_ARG_4		edi
# define TRACY_ARG_5		ebp
# define TRACY_NR_MMAP		__NR_mmap2
#elif defined(__aarch64__)
# define TRACY_REGS_NAME	user_pt_regs
# define TRACY_SYSCALL_OPSIZE	4	/* svc #0 */
# define TRACY_SYSCALL_REGISTER	regs[8]
# define TRACY_SYSCALL_N	regs[8]
# define TRACY_RETURN_CODE	regs[0]
# define TRACY_IP_REG		pc
# define TRACY_STACK_POINTER	sp
# define TRACY_ARG_0		regs[0]
# define TRACY_ARG_1		regs[1]
# define TRACY_ARG_2		regs[2]
# define TRACY_ARG_3		regs[3]
# define TRACY_ARG_4		regs[4]
# define TRACY_ARG_5		regs[5]
# define TRACY_NR_MMAP		__NR_mmap
#elif defined(__arm__)
# define TRACY_REGS_NAME	pt_regs
# define TRACY_SYSCALL_OPSIZE	4	/* svc #0 in the ARM state */
# define TRACY_SYSCALL_REGISTER	ARM_r7
# define TRACY_SYSCALL_N	ARM_r7
# define TRACY_RETURN_CODE	ARM_r0
# define TRACY_IP_REG		ARM_pc
# define TRACY_STACK_POINTER	ARM_sp
# define TRACY_ARG_0		ARM_r0
# define TRACY_ARG_1		ARM_r1
# define TRACY_ARG_2		ARM_r2
# define TRACY_ARG_3		ARM_r3
# define TRACY_ARG_4		ARM_r4
# define TRACY_ARG_5		ARM_r5
# define TRACY_NR_MMAP		__NR_mmap2
#elif defined(__riscv) && __riscv_xlen == 64
# define TRACY_REGS_NAME	user_regs_struct
# define TRACY_SYSCALL_OPSIZE	4	/* ecall */
# define TRACY_SYSCALL_REGISTER	a7
# define TRACY_SYSCALL_N	a7
# define TRACY_RETURN_CODE	a0
# define TRACY_IP_REG		pc
# define TRACY_STACK_POINTER	sp
# define TRACY_ARG_0		a0
# define TRACY_ARG_1		a1
# define TRACY_ARG_2		a2
# define TRACY_ARG_3		a3
# define TRACY_ARG_4		a4
# define TRACY_ARG_5		a5
# define TRACY_NR_MMAP		__NR_mmap
#else
# error "libtracy-fast does not support this architecture"
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct tracy_event;

/* The TRACY_ABI_* of the event's syscall stop (e->abi), or -1. */
int get_abi(struct tracy_event *e);
/*
 * Syscall argument 'reg' (0..5) of ABI 'abi' in registers r as
 * PTRACE_GETREGS gives them to this tracer; -1 for another reg.
 */
long get_reg(struct TRACY_REGS_NAME *r, int reg, int abi);
/* Sets it; 0, or -1 for another reg. */
long set_reg(struct TRACY_REGS_NAME *r, int reg, int abi, long val);

#ifdef __cplusplus
}
#endif

#endif /* TRACY_ARCH_H */
