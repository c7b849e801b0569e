// SPDX-License-Identifier: GPL-2.0
/*
 * TRACY_BACKEND never breaks a program: a program written as Tracy's are,
 * which checks no result of tracy_init(), tracy_set_hook(), tracy_exec()
 * or tracy_attach(), runs with every value of it, traces its tracee and
 * sees its hook run. A value that is no backend, or a backend that cannot
 * work for the session, the tracee or the kernel, is said once on
 * stderr, and the automatic choice is made instead; a backend that works
 * is used, without a word. Only tracy_set_backend() is strict
 * (kmask_forced_without_kernel_support, seccomp_needs_trace_children).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HARNESS_FILE	environment
#include "harness-file.h"
#include "libtracy.h"

/* TEST() hands every test a variant it may not use. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* Each tracee of the program runs this many times. */
#define RUNS	2

static int getpid_hooks;

static int count_getpid(struct tracy_event *e)
{
	if (e->child->pre_syscall)
		getpid_hooks++;
	return TRACY_HOOK_CONTINUE;
}

/* Starts this program's "basic" script, attached to or traced from the start. */
static void trace_basic(struct tracy *t, char *self, int attach)
{
	char *argv[] = { self, TRACEE_ARG, "basic", NULL };
	int go[2];
	pid_t pid;

	if (!attach) {
		tracy_exec(t, argv);
		return;
	}
	/* It waits for the attach before it executes the script. */
	if (pipe(go))
		_exit(2);
	pid = fork();
	if (!pid) {
		close(go[1]);
		if (read(go[0], &pid, 1) != 1)
			_exit(TRACEE_USAGE);
		execv(argv[0], argv);
		_exit(TRACEE_USAGE);
	}
	close(go[0]);
	tracy_attach(t, pid);
	if (write(go[1], "", 1) != 1)
		_exit(2);
	close(go[1]);
}

/*
 * The program, in a process of its own: 0 if the hook saw the tracee's
 * getpid in each run, 1 if not. Crashing is the other way to fail.
 */
static void __attribute__((noreturn))
tracy_style_program(long opt, int attach)
{
	int i, before, missed = 0;
	char self[4096];
	struct tracy *t;

	if (!self_path(self, sizeof(self)))
		_exit(2);
	t = tracy_init(opt);
	tracy_set_hook(t, "getpid", TRACY_ABI_NATIVE, count_getpid);
	for (i = 0; i < RUNS; i++) {
		before = getpid_hooks;
		trace_basic(t, self, attach);
		tracy_main(t);
		/* An ASan build of the tracee makes getpid calls of its own. */
		missed += getpid_hooks == before;
	}
	tracy_free(t);
	_exit(missed ? 1 : 0);
}

/* The lines of stderr that name TRACY_BACKEND, or -1. */
static int backend_lines(FILE *err)
{
	char line[512];
	int n = 0;

	while (fgets(line, sizeof(line), err))
		if (strstr(line, "TRACY_BACKEND")) {
			fprintf(stderr, "#   %s", line);
			n++;
		}
	return n;
}

/*
 * Runs the program with TRACY_BACKEND=value; its exit status, and in
 * *lines the lines of its stderr that name TRACY_BACKEND.
 */
static int run_with(const char *value, long opt, int attach, int *lines)
{
	int err[2], status;
	FILE *f;
	pid_t pid;

	*lines = -1;
	if (pipe(err))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		close(err[0]);
		dup2(err[1], STDERR_FILENO);
		close(err[1]);
		setenv("TRACY_BACKEND", value, 1);
		tracy_style_program(opt, attach);
	}
	close(err[1]);
	f = fdopen(err[0], "r");
	*lines = f ? backend_lines(f) : -1;
	if (f)
		fclose(f);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static const struct env_case {
	const char *value;
	long opt;
	int attach;
	/* Is it said on stderr? -1: where the kernel lacks masks, -2: filters. */
	int said;
} env_cases[] = {
	{ "", 0, 0, 0 },
	{ "auto", TRACY_TRACE_CHILDREN, 0, 0 },
	{ "auto", 0, 1, 0 },
	{ "classic", 0, 0, 0 },
	{ "classic", 0, 1, 0 },
	{ "no-such-backend", 0, 0, 1 },
	{ "no-such-backend", TRACY_TRACE_CHILDREN, 1, 1 },
	{ "Kmask", 0, 0, 1 },
	{ "kmask", 0, 0, -1 },
	{ "kmask", TRACY_TRACE_CHILDREN, 1, -1 },
	/* A filter needs every child traced, and cannot be put on a process. */
	{ "seccomp", 0, 0, 1 },
	{ "seccomp", TRACY_TRACE_CHILDREN, 1, 1 },
	{ "seccomp", TRACY_TRACE_CHILDREN, 0, -2 },
};

TEST(environment_never_breaks_a_program)
{
	const struct env_case *c;
	int status, lines, said;
	unsigned int i;

	for (i = 0; i < sizeof(env_cases) / sizeof(*env_cases); i++) {
		c = &env_cases[i];
		said = c->said == -1 ? !kernel_has_kmask() :
		       c->said == -2 ? !kernel_has_seccomp_trace() : c->said;
		status = run_with(c->value, c->opt, c->attach, &lines);
		EXPECT_EQ(0, status)
			TH_LOG("TRACY_BACKEND=\"%s\", %s, %s: wait status %#x",
			       c->value, c->opt ? "TRACY_TRACE_CHILDREN" : "0",
			       c->attach ? "attached" : "started", status);
		EXPECT_EQ(said, lines)
			TH_LOG("TRACY_BACKEND=\"%s\", %s, %s: said %d times",
			       c->value, c->opt ? "TRACY_TRACE_CHILDREN" : "0",
			       c->attach ? "attached" : "started", lines);
	}
}
