/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lets the command go at its first getpid(2) (TRACY_HOOK_DETACH_CHILD):
 * it runs on, untraced, and tracy_main() returns when it has ended.
 *
 *     detach COMMAND [ARG...]
 */
#include <tracy.h>

static int let_go(struct tracy_event *e)
{
	(void)e;
	return TRACY_HOOK_DETACH_CHILD;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(0);

	if (argc < 2)
		return 64;
	tracy_set_hook(tracy, "getpid", TRACY_ABI_NATIVE, let_go);
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	printf("main returned\n");
	return 0;
}
