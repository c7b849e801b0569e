/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's base test: no hook at all, every syscall
 * printed by TRACY_VERBOSE_SYSCALL. Strict C89.
 *
 *     verbose COMMAND [ARG...]
 */
#include <tracy.h>

int main(int argc, char **argv)
{
	struct tracy *tracy;

	if (argc < 2) {
		printf("usage: verbose COMMAND [ARG...]\n");
		return 64;
	}
	tracy = tracy_init(TRACY_TRACE_CHILDREN | TRACY_VERBOSE_SYSCALL);
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	return 0;
}
