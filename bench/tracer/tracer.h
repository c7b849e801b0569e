/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracer every benchmark uses, whatever it measures: one libtracy-fast
 * session per tracee run, on the backend the benchmark asks for, with the
 * same event loop on all of them; or no tracer at all, for the untraced
 * baseline. A run that cannot be made as asked fails with a message for
 * gbench_skip_with_error(): a backend that is missing or fell back to
 * another is never reported as the one asked for.
 */
#ifndef TRACY_FAST_BENCH_TRACER_H
#define TRACY_FAST_BENCH_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "tracy.h"

/* A way to run a tracee: one row of the results. */
struct bench_backend {
	const char *name;		/* in benchmark names and labels */
	bool traced;
	enum tracy_backend backend;	/* if traced by libtracy-fast */
	/*
	 * Not 0: no libtracy-fast, a bare ptrace loop that resumes every
	 * stop with this request (PTRACE_CONT, PTRACE_SYSCALL) and does
	 * nothing else: the floor under any tracer's cost.
	 */
	int bare_resume;
};

enum { BENCH_UNTRACED, BENCH_CLASSIC, BENCH_SECCOMP, BENCH_KMASK,
       BENCH_BACKENDS };
extern const struct bench_backend bench_backends[BENCH_BACKENDS];
enum { BENCH_PTRACE_CONT, BENCH_PTRACE_SYSCALL, BENCH_BARE_TRACERS };
extern const struct bench_backend bench_bare_tracers[BENCH_BARE_TRACERS];

struct bench_run {
	/* Asked for. */
	const struct bench_backend *backend;
	long opt;				/* tracy_init() options */
	int (*set_hooks)(struct tracy *t);	/* NULL: none */
	int child_fd;		/* the tracee's end of a pipe, or -1 */
	/*
	 * A traced run started by bench_run_exec() with 'pinned': the
	 * tracer on CPU tracer_cpu, the tracee on tracee_cpu from its first
	 * instruction on. The tracer's own affinity is restored afterwards.
	 */
	bool pinned;
	int tracer_cpu, tracee_cpu;
	/* Measured. */
	uint64_t run_ns;	/* from before the session to the last reap */
	uint64_t attach_ns;	/* tracy_attach() */
	unsigned long stops;	/* tracy_syscall_stops() at the end */
	char error[256];	/* why the run failed */
};

/*
 * What a benchmark's label says it ran on: the backend (checked to be the
 * one the tracee ran on), or "none".
 */
const char *bench_label(const struct bench_backend *b);
/*
 * The label of a benchmark's results: "tracer=strace -f [option]" for a
 * row run by strace or stracy (tracer its path, not NULL), else
 * "backend=" and bench_label(b). Static storage.
 */
const char *bench_result_label(const struct bench_backend *b,
			       const char *tracer, const char *option);
/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);
/* The path of tracee program 'name' of this benchmark's ABI (static). */
const char *bench_program(const char *name);
/* Formats run->error (with strerror(errno) if with_errno); returns -1. */
int bench_fail(struct bench_run *run, bool with_errno, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Runs argv (argv[0] a path) to its end under run->backend; run->child_fd
 * is closed here once the tracee has it. 0 when the tracee exited with
 * status 0, else -1 with run->error set.
 */
int bench_run_exec(struct bench_run *run, char **argv);
/*
 * Attaches to pid, a child of ours that runs untraced (not at all for the
 * untraced backend), writes a byte to go_fd and follows pid to its end.
 */
int bench_run_attach(struct bench_run *run, pid_t pid, int go_fd);

/* The parts of a traced run, for benchmarks that stop in the middle. */
struct tracy *bench_session(struct bench_run *run);
struct tracy_child *bench_exec(struct bench_run *run, struct tracy *t,
			       char **argv);
/* The event loop: resumes every stop until no tracee is left. */
int bench_trace_to_end(struct bench_run *run, struct tracy *t, pid_t pid);

/*
 * strace and stracy, for the rows that compare with them: where they are
 * (strace: the host's, also put into the guest of the host's
 * architecture; stracy: the host's build on the host, a static build in
 * every guest, whose paths bench/benchmark.mk gives the programs), and the command line of one of them (tracer) for tracing
 * 'trace' (-e trace=) in a program whose argv follows, output to
 * /dev/null: "TRACER -f [option] -o /dev/null -e trace=TRACE"; option ""
 * for none. Fills argv from its start and returns the number of words
 * written (at most BENCH_STRACE_WORDS).
 */
#define BENCH_STRACE		"/usr/bin/strace"
#ifndef BENCH_STRACY
#define BENCH_STRACY		""
#endif
#define BENCH_STRACE_WORDS	7
int bench_strace_argv(char **argv, const char *tracer, const char *option,
		      const char *trace);

/* fork() and execv() without a tracer; -1 with run->error set. */
pid_t bench_spawn(struct bench_run *run, char **argv);
/* Waits for an untraced child; 0 if it exited with status 0. */
int bench_wait(struct bench_run *run, pid_t pid);

#endif /* TRACY_FAST_BENCH_TRACER_H */
