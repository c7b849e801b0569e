/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's faketime: hooks the calls that tell a program
 * what it asks about, stat64 among them (a syscall of the 32-bit ABIs,
 * which Tracy takes for the native ABI all the same), and changes the
 * answer at the exit: getppid(2) returns 4242.
 *
 *     fakeppid COMMAND [ARG...]
 */
#include <tracy.h>

static int fake_getppid(struct tracy_event *e)
{
	struct tracy_sc_args a;

	if (e->child->pre_syscall)
		return TRACY_HOOK_CONTINUE;
	a = e->args;
	a.return_code = 4242;
	if (tracy_modify_syscall_regs(e->child, e->syscall_num, &a))
		return TRACY_HOOK_ABORT;
	return TRACY_HOOK_CONTINUE;
}

static int leave_stat(struct tracy_event *e)
{
	(void)e;
	return TRACY_HOOK_CONTINUE;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN);

	if (argc < 2) {
		fprintf(stderr, "usage: fakeppid COMMAND [ARG...]\n");
		return 64;
	}
	if (tracy_set_hook(tracy, "stat64", TRACY_ABI_NATIVE, leave_stat) ||
	    tracy_set_hook(tracy, "getppid", TRACY_ABI_NATIVE, fake_getppid)) {
		fprintf(stderr, "fakeppid: cannot hook\n");
		return 1;
	}
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	return 0;
}
