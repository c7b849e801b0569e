/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the style of Tracy's zipjail: runs a command and, from its first
 * open(2)/openat(2) on, lets it open for writing only paths under DIR;
 * anything else ends the whole program with TRACY_HOOK_ABORT, which
 * tracy_main() turns into exit status 1 (after killing the command).
 *
 *     jailer DIR COMMAND [ARG...]
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include "tracy.h"
#include "tracyarch.h"

/*
 * zipjail hooks 32-bit x86 commands too, on x86_64; on arm64 the same
 * goes for AArch32 ones.
 */
#if defined(__x86_64__)
# define JAIL_ABI32	TRACY_ABI_X86
#elif defined(__aarch64__)
# define JAIL_ABI32	TRACY_ABI_AARCH32
#endif

static const char *g_dir;

static int check_open(struct tracy_event *e, long path_arg, long flags)
{
	char *path;
	int ok;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return TRACY_HOOK_CONTINUE;
	path = tracy_read_string(e->child, (tracy_child_addr_t)path_arg);
	if (!path)
		return TRACY_HOOK_ABORT;
	ok = !strncmp(path, g_dir, strlen(g_dir)) &&
	     path[strlen(g_dir)] == '/' && !strstr(path, "..");
	if (!ok)
		fprintf(stderr, "jailer: blocked %s\n", path);
	free(path);
	return ok ? TRACY_HOOK_CONTINUE : TRACY_HOOK_ABORT;
}

static int jail_open(struct tracy_event *e)
{
	if (!e->child->pre_syscall)
		return TRACY_HOOK_CONTINUE;
	return check_open(e, e->args.a0, e->args.a1);
}

static int jail_openat(struct tracy_event *e)
{
	if (!e->child->pre_syscall)
		return TRACY_HOOK_CONTINUE;
	return check_open(e, e->args.a1, e->args.a2);
}

/* The first openat: the jail closes, from inside a hook, as zipjail's. */
static int trigger(struct tracy_event *e)
{
	if (tracy_unset_hook(e->child->tracy, "openat", e->abi) ||
	    tracy_set_hook(e->child->tracy, "openat", e->abi, jail_openat) ||
	    tracy_set_hook(e->child->tracy, "open", e->abi, jail_open)) {
		fprintf(stderr, "jailer: cannot set the jail's hooks\n");
		return TRACY_HOOK_ABORT;
	}
	return jail_openat(e);
}

int main(int argc, char **argv)
{
	struct tracy *tracy;

	if (argc < 3) {
		fprintf(stderr, "usage: jailer DIR COMMAND [ARG...]\n");
		return 64;
	}
	g_dir = argv[1];
	tracy = tracy_init(0);
#ifdef JAIL_ABI32
	if (tracy_set_hook(tracy, "openat", JAIL_ABI32, trigger) < 0)
		return 2;
#endif
	if (tracy_set_hook(tracy, "openat", TRACY_ABI_NATIVE, trigger) < 0)
		return 2;
	tracy_exec(tracy, argv + 2);
	tracy_main(tracy);
	tracy_free(tracy);
	return 0;
}
