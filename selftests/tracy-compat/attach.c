/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's attach test: attaches to PID and traces it
 * until Ctrl-C, which ends tracy_main(); tracy_free() then detaches.
 *
 *     attach PID
 */
#include <stdlib.h>
#include <tracy.h>

static long getpids;

static int count_getpid(struct tracy_event *e)
{
	getpids += e->child->pre_syscall;
	return TRACY_HOOK_CONTINUE;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN);

	if (argc != 2) {
		printf("usage: attach PID\n");
		return 64;
	}
	tracy_set_hook(tracy, "getpid", TRACY_ABI_NATIVE, count_getpid);
	if (!tracy_attach(tracy, atoi(argv[1]))) {
		perror("tracy_attach");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	printf("attach: %s getpid\n", getpids ? "saw" : "did not see");
	return 0;
}
