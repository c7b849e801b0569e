/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libtracy-fast: Tracy's linked list, which Tracy's programs use for
 * their own bookkeeping (a list per tracee in child->custom, say): items
 * with an int id, at most one per id, kept in the order they were added.
 * The list holds the data pointers; it never frees what they point to.
 */
#ifndef LL_H
#define LL_H

#ifdef __cplusplus
extern "C" {
#endif

struct tracy_ll_item {
	void *data;
	int id;
	struct tracy_ll_item *prev;
	struct tracy_ll_item *next;
};

struct tracy_ll {
	struct tracy_ll_item *head;
};

/* An empty list, or NULL if out of memory. */
struct tracy_ll *ll_init(void);
/* Frees the items and the list itself; 0. */
int ll_free(struct tracy_ll *ll);
/* Appends d under id: 0, or -1 if id is there already or out of memory. */
int ll_add(struct tracy_ll *ll, int id, void *d);
/* Removes the item of id: 0, or -1 if there is none. */
int ll_del(struct tracy_ll *ll, int id);
/* The item of id, or NULL. */
struct tracy_ll_item *ll_find(struct tracy_ll *ll, int id);

#ifdef __cplusplus
}
#endif

#endif /* LL_H */
