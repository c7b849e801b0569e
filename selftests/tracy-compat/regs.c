/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's abi test: a default hook reads the registers
 * itself (PTRACE_CHECK, struct TRACY_REGS_NAME) and compares them with
 * what the event says, through get_reg() and the register macros.
 * Prints the count of stops and of differences; exits 1 if any.
 *
 *     regs COMMAND [ARG...]
 */
#include "tracy.h"
#if defined(__aarch64__) || defined(__riscv)
#include <elf.h>
#include <sys/uio.h>
#endif

/*
 * The first argument a syscall-entry stop shows in the registers: riscv
 * keeps it in orig_a0, which no register set has, and shows -ENOSYS in
 * a0.
 */
#ifdef __riscv
# define FIRST_ARG_IN_REGS	1
#else
# define FIRST_ARG_IN_REGS	0
#endif

static long stops, differences;

static int read_regs(pid_t pid, struct TRACY_REGS_NAME *r)
{
#if defined(__aarch64__) || defined(__riscv)
	struct iovec iov;

	iov.iov_base = r;
	iov.iov_len = sizeof(*r);
	PTRACE_CHECK(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov, -1);
#else
	PTRACE_CHECK(PTRACE_GETREGS, pid, 0, r, -1);
#endif
	return 0;
}

static int compare(struct tracy_event *e)
{
	struct TRACY_REGS_NAME r;
	long args[6];
	int i;

	if (read_regs(e->child->pid, &r))
		return TRACY_HOOK_ABORT;
	if (!stops++ && tracy_debug_current(e->child))
		differences++;
	if (get_abi(e) != e->abi)
		differences++;
	if ((long)r.TRACY_IP_REG != e->args.ip ||
	    (long)r.TRACY_STACK_POINTER != e->args.sp)
		differences++;
	if (!e->child->pre_syscall)
		return TRACY_HOOK_CONTINUE;
	args[0] = e->args.a0;
	args[1] = e->args.a1;
	args[2] = e->args.a2;
	args[3] = e->args.a3;
	args[4] = e->args.a4;
	args[5] = e->args.a5;
	for (i = FIRST_ARG_IN_REGS; i < 6; i++)
		differences += get_reg(&r, i, (int)e->abi) != args[i];
	differences += (long)r.TRACY_SYSCALL_REGISTER != e->args.syscall;
	return TRACY_HOOK_CONTINUE;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN |
					 TRACY_MEMORY_FALLBACK);

	if (argc < 2) {
		printf("usage: regs COMMAND [ARG...]\n");
		return 64;
	}
	tracy_set_default_hook(tracy, compare);
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	printf("regs: %ld stops, %ld differences\n", stops, differences);
	return stops && !differences ? 0 : 1;
}
