/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An event loop of its own, as Tracy's tests write it: continue every
 * event, print and remove every tracee that quits. Also built as C++.
 *
 *     ownloop COMMAND [ARG...]
 */
#include <tracy.h>

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN);
	struct tracy_event *e;

	if (argc < 2 || !tracy_exec(tracy, argv + 1))
		return 1;
	for (;;) {
		e = tracy_wait_event(tracy, -1);
		if (!e)
			return 1;
		if (e->type == TRACY_EVENT_NONE)
			break;
		if (e->type == TRACY_EVENT_QUIT) {
			printf("quit %d %ld%s\n", e->child->pid, e->signal_num,
			       e->child->pid == tracy->fpid ? " first" : "");
			tracy_remove_child(e->child);
			continue;
		}
		tracy_continue(e, 0);
	}
	tracy_free(tracy);
	return 0;
}
