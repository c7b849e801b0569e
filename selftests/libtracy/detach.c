// SPDX-License-Identifier: GPL-2.0
/*
 * A detach never kills, on every backend. A tracee started under a
 * seccomp filter that traces a syscall cannot be detached for real (that
 * syscall would fail with ENOSYS without a tracer), so the library lets
 * it go for the user and keeps answering its filter's stops out of sight
 * (libtracy-fast/release.c); kmask and classic tracees are detached. In
 * each case the tracee must run on to its end as if untraced: every line
 * of its output written, its exit status its own, no hook run for it,
 * and the same for a child it makes.
 *
 * The tracee is the child of the "detached_child" script; its hooked
 * getppid detaches it (TRACY_HOOK_DETACH_CHILD). Then tracy_main() must
 * serve it until it ends, or tracy_free(), called while it runs, must
 * let it finish.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HARNESS_FILE	detach
#include "harness-file.h"
#include "libtracy.h"

static int detach_hooks;

static int detach_at_getppid(struct tracy_event *e)
{
	detach_hooks++;
	return e->child->pre_syscall ? TRACY_HOOK_DETACH_CHILD :
				       TRACY_HOOK_CONTINUE;
}

FIXTURE(detach) {
	struct tracy *t;
	char self[PATH_MAX];
	FILE *out;		/* what the tracees write on stdout */
};

FIXTURE_VARIANT(detach) {
	enum tracy_backend backend;
};

FIXTURE_VARIANT_ADD(detach, classic) {
	.backend = TRACY_BACKEND_CLASSIC,
};

FIXTURE_VARIANT_ADD(detach, seccomp) {
	.backend = TRACY_BACKEND_SECCOMP,
};

FIXTURE_VARIANT_ADD(detach, kmask) {
	.backend = TRACY_BACKEND_KMASK,
};

FIXTURE_SETUP(detach)
{
	ASSERT_TRUE(self_path(self->self, sizeof(self->self)));
	detach_hooks = 0;
	self->out = NULL;
	unsetenv("TRACY_BACKEND");
	self->t = tracy_init(TRACY_TRACE_CHILDREN);
	ASSERT_TRUE(self->t != NULL);
}

FIXTURE_TEARDOWN(detach)
{
	tracy_free(self->t);
	if (self->out)
		fclose(self->out);
	check_leaks();
}

/*
 * Starts the script on the variant's backend, its stdout a pipe read at
 * self->out; false: SKIP, the backend is missing here.
 */
static bool start_script(struct __test_metadata *_metadata,
			 FIXTURE_DATA(detach) *self,
			 const FIXTURE_VARIANT(detach) *variant)
{
	char *argv[] = { self->self, TRACEE_ARG, "detached_child", NULL };
	struct tracy_child *c;
	int out[2], saved;
	int ok = use_backend(self->t, variant->backend);

	ASSERT_LE(0, ok);
	if (!ok)
		return false;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    detach_at_getppid));
	ASSERT_EQ(0, pipe(out));
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	ASSERT_LE(0, saved);
	ASSERT_LE(0, dup2(out[1], STDOUT_FILENO));
	c = tracy_exec(self->t, argv);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(out[1]);
	self->out = fdopen(out[0], "r");
	ASSERT_TRUE(c != NULL);
	ASSERT_TRUE(self->out != NULL);
	EXPECT_EQ((int)variant->backend, (int)c->backend);
	return true;
}

/* The lines of the detached child, all of them, in order. */
static void expect_complete(struct __test_metadata *_metadata, FILE *out,
			    bool parent_too)
{
	char line[64], want[64];
	int i;

	for (i = 0; i < DETACH_LINES; i++) {
		snprintf(want, sizeof(want), "line %d\n", i);
		ASSERT_TRUE(fgets(line, sizeof(line), out) != NULL)
			TH_LOG("the detached child wrote %d lines of %d",
			       i, DETACH_LINES);
		ASSERT_STREQ(want, line);
	}
	/* A child of the detached tracee runs as untouched. */
	ASSERT_TRUE(fgets(line, sizeof(line), out) != NULL);
	ASSERT_STREQ("grandchild\n", line);
	ASSERT_TRUE(fgets(line, sizeof(line), out) != NULL);
	ASSERT_STREQ("done\n", line);
	if (parent_too) {
		snprintf(want, sizeof(want), "child status %#x\n",
			 DETACHED_STATUS << 8);
		ASSERT_TRUE(fgets(line, sizeof(line), out) != NULL)
			TH_LOG("the parent did not see the child's end");
		EXPECT_STREQ(want, line);
	}
	EXPECT_TRUE(fgets(line, sizeof(line), out) == NULL)
		TH_LOG("more output: %s", line);
}

/* tracy_main() serves the detached tracee up to its end, and then returns. */
TEST_F(detach, tracy_main_serves_a_detached_tracee)
{
	if (!start_script(_metadata, self, variant))
		SKIP(return, "backend not available here");
	EXPECT_EQ(0, tracy_main(self->t));
	EXPECT_EQ(0, tracy_children_count(self->t));
	/* Detached, its getppid calls are its own. */
	EXPECT_EQ(1, detach_hooks);
	expect_complete(_metadata, self->out, true);
}

/*
 * tracy_free() while the detached tracee runs: the script's process,
 * started and not detached, is killed; the detached one runs on to its
 * end.
 */
TEST_F(detach, tracy_free_lets_a_detached_tracee_finish)
{
	struct tracy_event *e;

	if (!start_script(_metadata, self, variant))
		SKIP(return, "backend not available here");
	do {
		e = tracy_wait_event(self->t, -1);
		ASSERT_TRUE(e != NULL);
		ASSERT_NE(TRACY_EVENT_NONE, e->type);
		if (e->type != TRACY_EVENT_QUIT)
			ASSERT_EQ(0, tracy_continue(e, 0));
	} while (e->type != TRACY_EVENT_QUIT);
	/* The detach, reported as Tracy does: a quit without a status. */
	EXPECT_EQ(0, e->signal_num);
	EXPECT_EQ(-1, e->args.return_code);
	tracy_free(self->t);
	self->t = NULL;
	EXPECT_EQ(1, detach_hooks);
	expect_complete(_metadata, self->out, false);
}
