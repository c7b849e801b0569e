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
 *   stop_1cpu/B    as selected, tracer and tracee pinned to CPU 0
 *   stop_2cpus/B   as selected, the tracer on CPU 0, the tracee on CPU 1
 *
 * for B in untraced, classic, seccomp, kmask. Beside them, where they
 * are:
 *
 *   unselected/ptrace-cont, unselected/ptrace-syscall
 *                  no library: a bare ptrace loop that resumes every stop
 *                  with PTRACE_CONT (traced, no syscall stops) or
 *                  PTRACE_SYSCALL (two stops per syscall), the floor
 *                  under the library's cost per stop
 *   unselected/strace, unselected/strace-seccomp-bpf, attach/strace-p
 *                  strace -f [--seccomp-bpf] -e trace=getppid running the
 *                  tracee, or strace -f -p attaching to it (where strace
 *                  is: bench/benchmark.mk)
 *   unselected/stracy, attach/stracy-p
 *                  the same with stracy (stracy/), where it is: the host
 *                  and every guest (BENCH_STRACY)
 *
 * Counters: ns_per_syscall
 * (the loop's time / LOOP_SYSCALLS), stops (syscall stops the kernel made
 * per tracee, its start-up included), run_us (one whole run, tracer side),
 * attach_us (tracy_attach()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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
	bool bare;	/* also run by the bare ptrace loops */
	int cpus;	/* 1, 2: tracer and tracee pinned to that many CPUs */
};

/* strace or stracy in the place of libtracy-fast: a row beside the backends. */
struct strace_row {
	const char *scenario;
	const char *name;
	const char *tracer;	/* BENCH_STRACE or BENCH_STRACY */
	const char *option;	/* its option beside -f, or "" */
};

struct bench_case {
	const struct scenario *scenario;
	const struct bench_backend *backend;
	const struct strace_row *strace;	/* or NULL */
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
	{ "unselected", hook_unselected, 0, false, true, 0 },
	{ "selected", hook_selected, 2, false, false, 0 },
	{ "entry_only", hook_entry_only, 1, false, false, 0 },
	{ "attach", hook_unselected, 0, true, false, 0 },
	{ "stop_1cpu", hook_selected, 2, false, false, 1 },
	{ "stop_2cpus", hook_selected, 2, false, false, 2 },
};
#define SCENARIOS (sizeof(scenarios) / sizeof(*scenarios))

static const struct strace_row strace_rows[] = {
	{ "unselected", "strace", BENCH_STRACE, "" },
	{ "unselected", "strace-seccomp-bpf", BENCH_STRACE, "--seccomp-bpf" },
	{ "unselected", "stracy", BENCH_STRACY, "" },
	{ "attach", "strace-p", BENCH_STRACE, "" },
	{ "attach", "stracy-p", BENCH_STRACY, "" },
};
#define STRACE_ROWS (sizeof(strace_rows) / sizeof(*strace_rows))

static struct bench_case cases[SCENARIOS][BENCH_BACKENDS + BENCH_BARE_TRACERS];
static struct bench_case strace_cases[STRACE_ROWS];

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

/* A tracee started by the tracer, by strace, or untraced. */
static int run_started(struct bench_run *run, const struct strace_row *strace,
		       uint64_t *loop_ns)
{
	char n[32], fd[32];
	char *argv[BENCH_STRACE_WORDS + 5];
	int fds[2], argc = 0;

	if (result_pipe(run, fds))
		return -1;
	if (strace)
		argc = bench_strace_argv(argv, strace->tracer, strace->option,
					 "getppid");
	argv[argc++] = (char *)bench_program("tracee-loop");
	argv[argc++] = "loop";
	argv[argc++] = n;
	argv[argc++] = fd;
	argv[argc] = NULL;
	snprintf(n, sizeof(n), "%d", LOOP_SYSCALLS);
	snprintf(fd, sizeof(fd), "%d", fds[1]);
	run->child_fd = fds[1];
	if (bench_run_exec(run, argv)) {
		close(fds[0]);
		return -1;
	}
	return read_result(run, fds[0], loop_ns);
}

/*
 * Forks and runs argv (a tracer) with its stderr on err_fd; -1 with
 * run->error set.
 */
static pid_t spawn_tracer(struct bench_run *run, char **argv, int err_fd)
{
	pid_t pid = fork();

	if (pid < 0) {
		bench_fail(run, true, "fork");
		return -1;
	}
	if (!pid) {
		dup2(err_fd, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/*
 * Reads the tracer's stderr (fd) until it says "Process PID attached"
 * (strace and stracy alike, also "... attached with N threads"), which
 * both print once the tracee can no longer run untraced: strace after its
 * PTRACE_INTERRUPT, stracy once tracy_attach() has set the tracee up. 0
 * then; -1 with run->error (what the tracer said) at its end or after a
 * minute without it.
 */
static int wait_attached(struct bench_run *run, int fd)
{
	char said[1024];
	size_t len = 0;
	struct pollfd pfd = { fd, POLLIN, 0 };
	ssize_t got;

	said[0] = 0;
	while (len < sizeof(said) - 1 && poll(&pfd, 1, 60000) == 1) {
		got = read(fd, said + len, sizeof(said) - 1 - len);
		if (got <= 0)
			break;
		len += got;
		said[len] = 0;
		if (strstr(said, " attached"))
			return 0;
	}
	return bench_fail(run, false, "the tracer did not attach: %.200s",
			  said);
}

/*
 * strace (or stracy) -f -p PID, in the place of bench_run_attach():
 * released once the tracer says it has it (not as soon as /proc says the
 * tracee has a tracer: that is right after the seize, and on one CPU the
 * whole loop could run before the tracer's next step), followed to the
 * end of both. The tracer's stderr is read until it has attached and
 * stays open, unread, to its end (its few lines fit in the pipe).
 */
static int strace_attach(struct bench_run *run, const char *tracer, pid_t pid,
			 int go_fd)
{
	char *argv[BENCH_STRACE_WORDS + 3], p[32], go = 1;
	int argc = bench_strace_argv(argv, tracer, "", "getppid"), err[2];
	pid_t strace;
	int ret;

	snprintf(p, sizeof(p), "%d", (int)pid);
	argv[argc++] = "-p";
	argv[argc++] = p;
	argv[argc] = NULL;
	if (pipe2(err, O_CLOEXEC))
		return bench_fail(run, true, "pipe");
	strace = spawn_tracer(run, argv, err[1]);
	close(err[1]);
	if (strace < 0) {
		close(err[0]);
		return -1;
	}
	if (wait_attached(run, err[0]) || write(go_fd, &go, 1) != 1) {
		if (!run->error[0])
			bench_fail(run, true, "releasing the tracee");
		kill(strace, SIGKILL);
		waitpid(strace, NULL, 0);
		close(err[0]);
		return -1;
	}
	if (bench_wait(run, pid)) {
		kill(strace, SIGKILL);
		waitpid(strace, NULL, 0);
		close(err[0]);
		return -1;
	}
	ret = bench_wait(run, strace);
	close(err[0]);
	return ret;
}

/* A tracee that runs untraced until it waits for its go. */
static int run_attached(struct bench_run *run, const struct strace_row *strace,
			uint64_t *loop_ns)
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
	if (!(strace ? strace_attach(run, strace->tracer, pid, gos[1]) :
		       bench_run_attach(run, pid, gos[1]))) {
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

	if (!run->backend->traced || run->backend->bare_resume ||
	    hook_calls == want)
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
		.pinned = s->cpus > 0,
		.tracer_cpu = 0,
		.tracee_cpu = s->cpus - 1,
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
	if (s->cpus > 1 && sysconf(_SC_NPROCESSORS_ONLN) < s->cpus) {
		snprintf(label, sizeof(label), "needs %d CPUs, has %ld",
			 s->cpus, sysconf(_SC_NPROCESSORS_ONLN));
		gbench_skip_with_error(st, label);
		return;
	}
	while (gbench_keep_running(st)) {
		hook_calls = 0;
		if ((s->attach ? run_attached(&run, bc->strace, &ns) :
				 run_started(&run, bc->strace, &ns)) ||
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
	gbench_set_label(st, bench_result_label(bc->backend,
		bc->strace ? bc->strace->tracer : NULL,
		bc->strace ? bc->strace->option : NULL));
	gbench_counter(st, "ns_per_syscall",
		       loop_ns / LOOP_SYSCALLS, GBENCH_COUNTER_AVG_ITERATIONS);
	/* strace's stops are its own: not counted here. */
	if (!bc->strace)
		gbench_counter(st, "stops", stops,
			       GBENCH_COUNTER_AVG_ITERATIONS);
	gbench_counter(st, "run_us", run_ns / 1e3,
		       GBENCH_COUNTER_AVG_ITERATIONS);
	if (s->attach)
		gbench_counter(st, "attach_us", attach_ns / 1e3,
			       GBENCH_COUNTER_AVG_ITERATIONS);
	gbench_counter(st, "syscalls", LOOP_SYSCALLS, GBENCH_COUNTER_DEFAULT);
}

static void register_case(struct bench_case *bc, const struct scenario *s,
			  const struct bench_backend *b,
			  const struct strace_row *strace)
{
	char name[64];

	bc->scenario = s;
	bc->backend = b;
	bc->strace = strace;
	snprintf(name, sizeof(name), "%s/%s", s->name,
		 strace ? strace->name : b->name);
	gbench_unit(gbench_use_manual_time(gbench_register(name, bench_syscall,
							   bc)), GBENCH_US);
}

__attribute__((constructor)) static void register_syscall(void)
{
	size_t s, b;

	for (s = 0; s < SCENARIOS; s++) {
		for (b = 0; b < BENCH_BACKENDS; b++)
			register_case(&cases[s][b], &scenarios[s],
				      &bench_backends[b], NULL);
		for (b = 0; scenarios[s].bare && b < BENCH_BARE_TRACERS; b++)
			register_case(&cases[s][BENCH_BACKENDS + b],
				      &scenarios[s], &bench_bare_tracers[b],
				      NULL);
		for (b = 0; b < STRACE_ROWS; b++)
			if (!strcmp(strace_rows[b].scenario,
				    scenarios[s].name) &&
			    !access(strace_rows[b].tracer, X_OK))
				register_case(&strace_cases[b], &scenarios[s],
					      &bench_backends[BENCH_UNTRACED],
					      &strace_rows[b]);
	}
}
