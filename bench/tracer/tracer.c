// SPDX-License-Identifier: GPL-2.0
/* The tracer of every benchmark (see tracer.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tracer.h"

/* The ABI suffix of the tracee programs next to this one ("" on the host). */
#ifndef BENCH_SUFFIX
#define BENCH_SUFFIX ""
#endif

const struct bench_backend bench_backends[BENCH_BACKENDS] = {
	[BENCH_UNTRACED] = { "untraced", false, TRACY_BACKEND_AUTO },
	[BENCH_CLASSIC] = { "classic", true, TRACY_BACKEND_CLASSIC },
	[BENCH_SECCOMP] = { "seccomp", true, TRACY_BACKEND_SECCOMP },
	[BENCH_KMASK] = { "kmask", true, TRACY_BACKEND_KMASK },
};

const struct bench_backend bench_bare_tracers[BENCH_BARE_TRACERS] = {
	[BENCH_PTRACE_CONT] = { "ptrace-cont", true, TRACY_BACKEND_AUTO,
				PTRACE_CONT },
	[BENCH_PTRACE_SYSCALL] = { "ptrace-syscall", true, TRACY_BACKEND_AUTO,
				   PTRACE_SYSCALL },
};

const char *bench_label(const struct bench_backend *b)
{
	if (b->bare_resume)
		return "bare-ptrace";
	return b->traced ? tracy_backend_name(b->backend) : "none";
}

const char *bench_result_label(const struct bench_backend *b,
			       const char *tracer, const char *option)
{
	static char label[64];
	const char *name = tracer ? strrchr(tracer, '/') : NULL;

	if (tracer)
		snprintf(label, sizeof(label), "tracer=%s -f%s%s",
			 name ? name + 1 : tracer, *option ? " " : "", option);
	else
		snprintf(label, sizeof(label), "backend=%s", bench_label(b));
	return label;
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *bench_program(const char *name)
{
	static char path[PATH_MAX + 64];
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (len < 0)
		len = 0;
	self[len] = '\0';
	snprintf(path, sizeof(path), "%s/%s%s", len ? dirname(self) : ".",
		 name, BENCH_SUFFIX);
	return path;
}

int bench_fail(struct bench_run *run, bool with_errno, const char *fmt, ...)
{
	int err = errno;
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(run->error, sizeof(run->error), fmt, ap);
	va_end(ap);
	len = strlen(run->error);
	if (with_errno)
		snprintf(run->error + len, sizeof(run->error) - len, ": %s",
			 strerror(err));
	return -1;
}

static void close_child_fd(struct bench_run *run)
{
	if (run->child_fd >= 0)
		close(run->child_fd);
	run->child_fd = -1;
}

static int check_status(struct bench_run *run, int status)
{
	if (status == -1)
		return bench_fail(run, false, "the tracee's end was not seen");
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return bench_fail(run, false, "the tracee ended with wait "
				  "status %#x", status);
	return 0;
}

struct tracy *bench_session(struct bench_run *run)
{
	const struct bench_backend *b = run->backend;
	struct tracy *t;

	/* The benchmark says which backend; the environment must not. */
	unsetenv("TRACY_BACKEND");
	/*
	 * Every session traces children: the seccomp backend needs it, and
	 * the same options for every backend keep the loops alike.
	 */
	t = tracy_init(run->opt | TRACY_TRACE_CHILDREN);
	if (!t) {
		bench_fail(run, true, "tracy_init");
		return NULL;
	}
	if (tracy_set_backend(t, b->backend)) {
		bench_fail(run, true, "%s backend%s", b->name, errno == ENOSYS ?
			   " (not in this libtracy-fast, or not for this "
			   "kernel)" : "");
		tracy_free(t);
		return NULL;
	}
	if (run->set_hooks && run->set_hooks(t)) {
		bench_fail(run, true, "setting the hooks");
		tracy_free(t);
		return NULL;
	}
	return t;
}

/* A fallback is a failure: the numbers would be another backend's. */
static int check_backend(struct bench_run *run, struct tracy_child *c)
{
	enum tracy_backend ran = c->backend;

	if (ran == run->backend->backend)
		return 0;
	return bench_fail(run, false, "asked for the %s backend, the tracee "
			  "ran on %s", run->backend->name,
			  tracy_backend_name(ran) ? tracy_backend_name(ran) :
			  "an unknown one");
}

struct tracy_child *bench_exec(struct bench_run *run, struct tracy *t,
			       char **argv)
{
	struct tracy_child *c = tracy_exec(t, argv);

	if (!c) {
		bench_fail(run, true, "%s backend: tracy_exec%s",
			   run->backend->name, errno == ENOSYS ?
			   " (the kernel lacks what the backend needs)" : "");
		return NULL;
	}
	if (check_backend(run, c))
		return NULL;
	return c;
}

int bench_trace_to_end(struct bench_run *run, struct tracy *t, pid_t pid)
{
	struct tracy_event *e;
	int status = -1;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e)
			return bench_fail(run, true, "tracy_wait_event");
		if (e->type == TRACY_EVENT_NONE)
			break;
		if (e->type == TRACY_EVENT_QUIT) {
			if (e->child->pid == pid)
				status = (int)e->args.return_code;
			continue;
		}
		if (tracy_continue(e, 0) && errno != ESRCH)
			return bench_fail(run, true, "tracy_continue");
	}
	run->stops = tracy_syscall_stops(t);
	return check_status(run, status);
}

int bench_strace_argv(char **argv, const char *tracer, const char *option,
		      const char *trace)
{
	static char expression[128];
	int argc = 0;

	snprintf(expression, sizeof(expression), "trace=%s", trace);
	argv[argc++] = (char *)tracer;
	argv[argc++] = "-f";
	if (*option)
		argv[argc++] = (char *)option;
	argv[argc++] = "-o";
	argv[argc++] = "/dev/null";
	argv[argc++] = "-e";
	argv[argc++] = expression;
	return argc;
}

pid_t bench_spawn(struct bench_run *run, char **argv)
{
	pid_t pid = fork();

	if (pid < 0) {
		bench_fail(run, true, "fork");
		return -1;
	}
	if (!pid) {
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

int bench_wait(struct bench_run *run, pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return bench_fail(run, true, "waitpid");
	return check_status(run, status);
}

static int run_untraced(struct bench_run *run, char **argv)
{
	pid_t pid = bench_spawn(run, argv);

	close_child_fd(run);
	return pid < 0 ? -1 : bench_wait(run, pid);
}

static int pin(struct bench_run *run, pid_t pid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(pid, sizeof(set), &set))
		return bench_fail(run, true, "pinning %s to CPU %d",
				  pid ? "the tracee" : "the tracer", cpu);
	return 0;
}

static int run_traced(struct bench_run *run, char **argv)
{
	bool pinned = run->pinned;
	struct tracy_child *c;
	struct tracy *t;
	cpu_set_t mine;
	int ret = -1;

	if (pinned && sched_getaffinity(0, sizeof(mine), &mine))
		return bench_fail(run, true, "sched_getaffinity");
	t = bench_session(run);
	if (!t)
		return -1;
	c = bench_exec(run, t, argv);
	close_child_fd(run);
	/* The tracee waits in its first stop: pinned before it runs. */
	if (c && (!pinned || (!pin(run, 0, run->tracer_cpu) &&
			      !pin(run, c->pid, run->tracee_cpu))))
		ret = bench_trace_to_end(run, t, c->pid);
	tracy_free(t);
	if (pinned)
		sched_setaffinity(0, sizeof(mine), &mine);
	return ret;
}

/* The forked child of a bare run: be traced, stop, then execute. */
static void bare_child(char **argv)
{
	if (!ptrace(PTRACE_TRACEME, 0, 0, 0) && !raise(SIGSTOP))
		execv(argv[0], argv);
	_exit(127);
}

/*
 * The least a ptrace tracer can do: resume every stop with one request,
 * count the syscall stops (TRACESYSGOOD), pass signals on, nothing else.
 */
static int run_bare(struct bench_run *run, char **argv)
{
	int resume = run->backend->bare_resume, status, sig;
	pid_t pid = fork();

	if (pid < 0)
		return bench_fail(run, true, "fork");
	if (!pid)
		bare_child(argv);
	close_child_fd(run);
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)(PTRACE_O_TRACESYSGOOD |
	    PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)) ||
	    ptrace(resume, pid, 0, 0)) {
		bench_fail(run, true, "bare ptrace: the tracee's first stop");
		kill(pid, SIGKILL);
		bench_wait(run, pid);
		return -1;
	}
	for (;;) {
		if (waitpid(pid, &status, 0) < 0) {
			if (errno == EINTR)
				continue;
			return bench_fail(run, true, "waitpid");
		}
		if (!WIFSTOPPED(status))
			break;
		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80))
			run->stops++;
		/* A syscall or ptrace event stop delivers no signal. */
		if (sig == (SIGTRAP | 0x80) || status >> 16)
			sig = 0;
		if (ptrace(resume, pid, 0, (void *)(long)sig) && errno != ESRCH)
			return bench_fail(run, true, "bare ptrace: resuming");
	}
	return check_status(run, status);
}

int bench_run_exec(struct bench_run *run, char **argv)
{
	uint64_t start = bench_now_ns();
	int ret;

	run->stops = 0;
	ret = run->backend->bare_resume ? run_bare(run, argv) :
	      run->backend->traced ? run_traced(run, argv) :
				     run_untraced(run, argv);
	run->run_ns = bench_now_ns() - start;
	close_child_fd(run);
	return ret;
}

static int release(struct bench_run *run, int go_fd)
{
	char go = 1;

	if (write(go_fd, &go, 1) != 1)
		return bench_fail(run, true, "releasing the tracee");
	return 0;
}

static int attach_traced(struct bench_run *run, pid_t pid, int go_fd)
{
	struct tracy_child *c;
	struct tracy *t;
	uint64_t start;
	int ret = -1;

	t = bench_session(run);
	if (!t)
		return -1;
	start = bench_now_ns();
	c = tracy_attach(t, pid);
	run->attach_ns = bench_now_ns() - start;
	if (!c)
		bench_fail(run, true, "%s backend: tracy_attach%s",
			   run->backend->name, errno == ENOSYS ?
			   " (the kernel lacks what the backend needs)" : "");
	else if (!check_backend(run, c) && !release(run, go_fd))
		ret = bench_trace_to_end(run, t, pid);
	tracy_free(t);
	return ret;
}

int bench_run_attach(struct bench_run *run, pid_t pid, int go_fd)
{
	uint64_t start = bench_now_ns();
	int ret;

	run->stops = 0;
	run->attach_ns = 0;
	if (run->backend->traced)
		ret = attach_traced(run, pid, go_fd);
	else
		ret = release(run, go_fd) ? -1 : bench_wait(run, pid);
	run->run_ns = bench_now_ns() - start;
	/* A tracee left waiting for its go must not outlive the run. */
	if (ret && !kill(pid, SIGKILL))
		waitpid(pid, NULL, 0);
	return ret;
}
