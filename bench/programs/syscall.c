// SPDX-License-Identifier: GPL-2.0
/*
 * bench-syscall: what tracing costs a program per system call, scenarios
 * 1, 2 and 4 of bench/README.md. The tracee (tracee/loop.c) makes
 * LOOP_SYSCALLS getpid calls and times them itself; each iteration is one
 * tracee, from exec to exit, and its manual time is that loop's time.
 *
 *   unselected/B   the tracer hooks getppid, which the loop never makes
 *   selected/B     the tracer hooks getpid, entry and exit
 *   entry_only/B   the tracer hooks getpid, TRACY_HOOK_ENTRY_ONLY
 *   attach/B       as unselected, but the tracee is attached to while it
 *                  runs (tracy_attach) rather than started traced
 *
 * for B in untraced, classic, seccomp, kmask. Counters: ns_per_syscall
 * (the loop's time / LOOP_SYSCALLS), stops (syscall stops the kernel made
 * per tracee, its start-up included), run_us (one whole run, tracer side),
 * attach_us (tracy_attach()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gbench.h"
#include "tracee/tracee.h"
#include "tracer.h"

/* Enough for the loop to outweigh a clock read, few enough for TCG. */
#define LOOP_SYSCALLS	2000

struct scenario {
	const char *name;
	int (*set_hooks)(struct tracy *t);
	/* Hook calls each getpid of the loop must make: the check. */
	unsigned int calls_per_syscall;
	bool attach;
};

struct bench_case {
	const struct scenario *scenario;
	const struct bench_backend *backend;
};

/* Hook calls in the current run; the tracer is single-threaded. */
static unsigned long hook_calls;

static int count_call(struct tracy_event *e)
{
	(void)e;
	hook_calls++;
	return TRACY_HOOK_CONTINUE;
}

static int hook_unselected(struct tracy *t)
{
	return tracy_set_hook(t, "getppid", TRACY_ABI_NATIVE, count_call);
}

static int hook_selected(struct tracy *t)
{
	return tracy_set_hook(t, "getpid", TRACY_ABI_NATIVE, count_call);
}

static int hook_entry_only(struct tracy *t)
{
	return tracy_set_hook_flags(t, "getpid", TRACY_ABI_NATIVE, count_call,
				    TRACY_HOOK_ENTRY_ONLY);
}

static const struct scenario scenarios[] = {
	{ "unselected", hook_unselected, 0, false },
	{ "selected", hook_selected, 2, false },
	{ "entry_only", hook_entry_only, 1, false },
	{ "attach", hook_unselected, 0, true },
};
#define SCENARIOS (sizeof(scenarios) / sizeof(*scenarios))

static struct bench_case cases[SCENARIOS][BENCH_BACKENDS];

/* The pipe the tracee reports on: our end closes on exec, its end not. */
static int result_pipe(struct bench_run *run, int fds[2])
{
	if (pipe(fds))
		return bench_fail(run, true, "pipe");
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	return 0;
}

static int read_result(struct bench_run *run, int fd, uint64_t *loop_ns)
{
	struct tracee_result result;
	ssize_t got = read(fd, &result, sizeof(result));

	close(fd);
	if (got != (ssize_t)sizeof(result))
		return bench_fail(run, got < 0, "no time from the tracee");
	*loop_ns = result.loop_ns;
	return 0;
}

/* A tracee started by the tracer, or untraced. */
static int run_started(struct bench_run *run, uint64_t *loop_ns)
{
	char n[32], fd[32];
	char *argv[] = { (char *)bench_program("tracee-loop"), "loop", n, fd,
			 NULL };
	int fds[2];

	if (result_pipe(run, fds))
		return -1;
	snprintf(n, sizeof(n), "%d", LOOP_SYSCALLS);
	snprintf(fd, sizeof(fd), "%d", fds[1]);
	run->child_fd = fds[1];
	if (bench_run_exec(run, argv)) {
		close(fds[0]);
		return -1;
	}
	return read_result(run, fds[0], loop_ns);
}

/* A tracee that runs untraced until it waits for its go. */
static int run_attached(struct bench_run *run, uint64_t *loop_ns)
{
	char n[32], fd[32], go[32];
	char *argv[] = { (char *)bench_program("tracee-loop"), "attach", n, fd,
			 go, NULL };
	int fds[2], gos[2], ret = -1;
	char ready = 0;
	pid_t pid;

	if (result_pipe(run, fds))
		return -1;
	if (result_pipe(run, gos)) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	/* Here the tracee reads: the other way round. */
	fcntl(gos[0], F_SETFD, 0);
	fcntl(gos[1], F_SETFD, FD_CLOEXEC);
	snprintf(n, sizeof(n), "%d", LOOP_SYSCALLS);
	snprintf(fd, sizeof(fd), "%d", fds[1]);
	snprintf(go, sizeof(go), "%d", gos[0]);
	pid = bench_spawn(run, argv);
	close(fds[1]);
	close(gos[0]);
	if (pid < 0)
		goto out;
	if (read(fds[0], &ready, 1) != 1 || ready != TRACEE_READY) {
		bench_fail(run, false, "the tracee did not get ready");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		goto out;
	}
	if (!bench_run_attach(run, pid, gos[1])) {
		ret = read_result(run, fds[0], loop_ns);
		fds[0] = -1;
	}
out:
	if (fds[0] >= 0)
		close(fds[0]);
	close(gos[1]);
	return ret;
}

static int check_hook_calls(struct bench_run *run, const struct scenario *s)
{
	unsigned long want = s->calls_per_syscall * (unsigned long)LOOP_SYSCALLS;

	if (!run->backend->traced || hook_calls == want)
		return 0;
	return bench_fail(run, false, "the hook ran %lu times, not %lu",
			  hook_calls, want);
}

static void bench_syscall(gbench_state *st, void *arg)
{
	const struct bench_case *bc = arg;
	const struct scenario *s = bc->scenario;
	struct bench_run run = {
		.backend = bc->backend,
		.set_hooks = s->set_hooks,
		.child_fd = -1,
	};
	double loop_ns = 0, run_ns = 0, attach_ns = 0, stops = 0;
	uint64_t ns = 0;
	char label[64];

	if (s->attach && bc->backend->traced &&
	    bc->backend->backend == TRACY_BACKEND_SECCOMP) {
		gbench_skip_with_error(st, "not applicable: a seccomp filter "
				       "is installed by the process itself, "
				       "so a running one cannot get it");
		return;
	}
	while (gbench_keep_running(st)) {
		hook_calls = 0;
		if ((s->attach ? run_attached(&run, &ns) :
				 run_started(&run, &ns)) ||
		    check_hook_calls(&run, s)) {
			gbench_skip_with_error(st, run.error);
			return;
		}
		gbench_set_iteration_time(st, ns / 1e9);
		loop_ns += ns;
		run_ns += run.run_ns;
		attach_ns += run.attach_ns;
		stops += run.stops;
	}
	snprintf(label, sizeof(label), "backend=%s",
		 bench_label(bc->backend));
	gbench_set_label(st, label);
	gbench_counter(st, "ns_per_syscall",
		       loop_ns / LOOP_SYSCALLS, GBENCH_COUNTER_AVG_ITERATIONS);
	gbench_counter(st, "stops", stops, GBENCH_COUNTER_AVG_ITERATIONS);
	gbench_counter(st, "run_us", run_ns / 1e3,
		       GBENCH_COUNTER_AVG_ITERATIONS);
	if (s->attach)
		gbench_counter(st, "attach_us", attach_ns / 1e3,
			       GBENCH_COUNTER_AVG_ITERATIONS);
	gbench_counter(st, "syscalls", LOOP_SYSCALLS, GBENCH_COUNTER_DEFAULT);
}

__attribute__((constructor)) static void register_syscall(void)
{
	char name[64];
	size_t s, b;

	for (s = 0; s < SCENARIOS; s++)
		for (b = 0; b < BENCH_BACKENDS; b++) {
			cases[s][b].scenario = &scenarios[s];
			cases[s][b].backend = &bench_backends[b];
			snprintf(name, sizeof(name), "%s/%s", scenarios[s].name,
				 bench_backends[b].name);
			gbench_unit(gbench_use_manual_time(gbench_register(
				name, bench_syscall, &cases[s][b])), GBENCH_US);
		}
}
