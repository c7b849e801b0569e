// SPDX-License-Identifier: GPL-2.0
/*
 * Tracy's linked list (ll.h), for programs written for Tracy; the library
 * itself keeps its tracees and hooks in structures of its own.
 */
#include <stdlib.h>

#include "ll.h"

struct tracy_ll *ll_init(void)
{
	return calloc(1, sizeof(struct tracy_ll));
}

int ll_free(struct tracy_ll *ll)
{
	struct tracy_ll_item *item, *next;

	if (!ll)
		return 0;
	for (item = ll->head; item; item = next) {
		next = item->next;
		free(item);
	}
	free(ll);
	return 0;
}

struct tracy_ll_item *ll_find(struct tracy_ll *ll, int id)
{
	struct tracy_ll_item *item;

	for (item = ll ? ll->head : NULL; item; item = item->next)
		if (item->id == id)
			return item;
	return NULL;
}

int ll_add(struct tracy_ll *ll, int id, void *d)
{
	struct tracy_ll_item *item, **link;

	if (!ll || ll_find(ll, id))
		return -1;
	item = calloc(1, sizeof(*item));
	if (!item)
		return -1;
	item->data = d;
	item->id = id;
	for (link = &ll->head; *link; link = &(*link)->next)
		item->prev = *link;
	*link = item;
	return 0;
}

int ll_del(struct tracy_ll *ll, int id)
{
	struct tracy_ll_item *item = ll_find(ll, id);

	if (!item)
		return -1;
	if (item->prev)
		item->prev->next = item->next;
	else
		ll->head = item->next;
	if (item->next)
		item->next->prev = item->prev;
	free(item);
	return 0;
}
