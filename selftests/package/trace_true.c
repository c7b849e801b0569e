// SPDX-License-Identifier: GPL-2.0
/*
 * A Tracy program as a user of the installed library writes it: trace
 * true(1) and count the entries of its exit_group. Built by install.py
 * with nothing but what pkg-config says, shared and static.
 */
#include <stdio.h>
#include <tracy.h>

static int exit_group_entries;

static int count_exit_group(struct tracy_event *e)
{
	if (e->child->pre_syscall)
		exit_group_entries++;
	return TRACY_HOOK_CONTINUE;
}

int main(void)
{
	char *argv[] = { "true", NULL };
	struct tracy *t = tracy_init(TRACY_TRACE_CHILDREN);

	if (!t) {
		perror("tracy_init");
		return 1;
	}
	if (tracy_set_hook(t, "exit_group", TRACY_ABI_NATIVE,
			   count_exit_group) ||
	    !tracy_exec(t, argv) || tracy_main(t)) {
		perror("tracing true");
		tracy_free(t);
		return 1;
	}
	printf("exit_group entries: %d, syscall stops: %lu\n",
	       exit_group_entries, tracy_syscall_stops(t));
	tracy_free(t);
	return exit_group_entries == 1 ? 0 : 1;
}
