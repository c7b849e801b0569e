/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's async-inject test: every write(2) of the
 * command is injected once more, asynchronously, at its entry and at its
 * exit; the hook is also the callback, and tells the two calls apart by
 * child->inj.injected.
 *
 *     async COMMAND [ARG...]
 */
#include <tracy/tracy.h>
#include <tracy/ll.h>
#include <stdlib.h>
#include <sys/syscall.h>

static int hook_write(struct tracy_event *e)
{
	if (e->child->inj.injected) {
		fprintf(stderr, "injected write: %ld\n", e->args.return_code);
		return TRACY_HOOK_CONTINUE;
	}
	if (tracy_inject_syscall_async(e->child, e->syscall_num, &e->args,
				       hook_write))
		return TRACY_HOOK_ABORT;
	if (!e->child->inj.injecting)
		return TRACY_HOOK_ABORT;
	return TRACY_HOOK_CONTINUE;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN);

	if (argc < 2) {
		printf("usage: async COMMAND [ARG...]\n");
		return EXIT_FAILURE;
	}
	tracy_set_hook(tracy, "write", TRACY_ABI_NATIVE, hook_write);
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return EXIT_FAILURE;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	return EXIT_SUCCESS;
}
