/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's wxorx: child_create gives every tracee a list
 * of its own (ll_init() into child->custom) and enters it in a list of
 * all tracees; hooks count getppid per tracee; a signal hook lets
 * signals through. Prints how many tracees it saw and how many of them
 * called getppid once.
 *
 *     children COMMAND [ARG...]
 */
#include <tracy.h>

static struct tracy_ll *g_all;

static void child_create(struct tracy_child *c)
{
	c->custom = ll_init();
	if (!c->custom || ll_add(g_all, c->pid, c->custom))
		fprintf(stderr, "children: cannot record %d\n", c->pid);
}

static int count_getppid(struct tracy_event *e)
{
	struct tracy_ll *mine = (struct tracy_ll *)e->child->custom;

	if (e->child->pre_syscall && mine)
		ll_add(mine, (int)e->syscall_num, NULL);
	return TRACY_HOOK_CONTINUE;
}

static int signal_hook(struct tracy_event *e)
{
	(void)e;
	return TRACY_HOOK_CONTINUE;
}

int main(int argc, char **argv)
{
	struct tracy *tracy = tracy_init(TRACY_TRACE_CHILDREN | TRACY_VERBOSE);
	struct tracy_ll_item *item;
	int n = 0, with_getppid = 0;

	if (argc < 2) {
		printf("usage: children COMMAND [ARG...]\n");
		return 64;
	}
	g_all = ll_init();
	tracy->se.child_create = &child_create;
	if (tracy_set_signal_hook(tracy, signal_hook) ||
	    tracy_set_hook(tracy, "getppid", TRACY_ABI_NATIVE, count_getppid))
		return 1;
	if (!tracy_exec(tracy, argv + 1)) {
		perror("tracy_exec");
		return 1;
	}
	tracy_main(tracy);
	tracy_free(tracy);
	for (item = g_all->head; item; item = item->next) {
		struct tracy_ll *mine = (struct tracy_ll *)item->data;

		n++;
		with_getppid += mine && mine->head;
		ll_free(mine);
	}
	ll_free(g_all);
	printf("children: %d tracees, %d with getppid\n", n, with_getppid);
	return 0;
}
