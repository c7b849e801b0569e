// SPDX-License-Identifier: GPL-2.0
/*
 * bench-workload: scenario 3 of bench/README.md, a realistic workload
 * (tracee/workload.c: stat, open, read and close FILES small files ROUNDS
 * times, then fork and execute CHILDREN children) traced for openat and
 * execve only, the way strace does it: every hooked call is printed, its
 * path read from the tracee, to /dev/null.
 *
 *   workload/B                    libtracy-fast on backend B (or untraced)
 *   workload/strace               strace -f -e trace=openat,execve
 *   workload/strace-seccomp-bpf   the same with --seccomp-bpf
 *   workload/strace[-seccomp-bpf]-startup   the same on a workload that
 *                                 exits at once: strace's fixed cost
 *   workload/stracy[-startup]     the same with stracy (stracy/)
 *
 * The strace rows exist where strace does (BENCH_STRACE): on the host and in
 * the guest that gets the host's strace (bench/benchmark.mk); the stracy
 * rows where stracy is (BENCH_STRACY): on the host, and in every guest,
 * whose initramfs holds a static stracy. Each iteration is one whole run of the workload, from fork to the last reap,
 * tracer start-up included (strace's exec and dynamic linking too).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gbench.h"
#include "tracer.h"

#define FILES		32
#define FILE_BYTES	300
#define ROUNDS		4
#define CHILDREN	4

struct workload_case {
	const char *name;
	const struct bench_backend *backend;
	/* strace or stracy (its path), or NULL: libtracy-fast. */
	const char *tracer;
	/* the tracer's options before its own -o and -e */
	const char *option;
	bool startup_only;	/* "tracee-workload exit" */
};

/* The directory of the files, made at the first run, removed at exit. */
static char file_dir[4096];

static void remove_files(void)
{
	char path[sizeof(file_dir) + 32];
	int i;

	for (i = 0; i < FILES; i++) {
		snprintf(path, sizeof(path), "%s/%d", file_dir, i);
		unlink(path);
	}
	rmdir(file_dir);
}

static int make_files(struct bench_run *run)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[sizeof(file_dir) + 32], data[FILE_BYTES];
	int i, fd;

	if (file_dir[0])
		return 0;
	snprintf(file_dir, sizeof(file_dir), "%s/tracy-bench-XXXXXX", tmp);
	if (!mkdtemp(file_dir)) {
		file_dir[0] = '\0';
		return bench_fail(run, true, "mkdtemp in %s", tmp);
	}
	atexit(remove_files);
	memset(data, 'x', sizeof(data));
	for (i = 0; i < FILES; i++) {
		snprintf(path, sizeof(path), "%s/%d", file_dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, data, sizeof(data)) != sizeof(data)) {
			if (fd >= 0)
				close(fd);
			return bench_fail(run, true, "writing %s", path);
		}
		close(fd);
	}
	return 0;
}

/* What the hooks saw in this run, and where they print it. */
static struct {
	unsigned long openat, execve;
	FILE *out;
	bool unreadable;	/* a path could not be read */
} seen;

/* Entry: "name(path"; exit: " = value". As strace, nothing kept between. */
static int print_call(struct tracy_event *e, const char *name, long path)
{
	char *text;

	if (!e->child->pre_syscall) {
		fprintf(seen.out, ") = %ld\n", e->args.return_code);
		return TRACY_HOOK_CONTINUE;
	}
	text = tracy_read_string(e->child, (tracy_child_addr_t)path);
	if (!text)
		seen.unreadable = true;
	fprintf(seen.out, "[%d] %s(\"%s\"", e->child->pid, name,
		text ? text : "?");
	free(text);
	return TRACY_HOOK_CONTINUE;
}

static int hook_openat(struct tracy_event *e)
{
	if (e->child->pre_syscall)
		seen.openat++;
	return print_call(e, "openat", e->args.a1);
}

static int hook_execve(struct tracy_event *e)
{
	if (e->child->pre_syscall)
		seen.execve++;
	return print_call(e, "execve", e->args.a0);
}

static int set_hooks(struct tracy *t)
{
	if (tracy_set_hook(t, "openat", TRACY_ABI_NATIVE, hook_openat) ||
	    tracy_set_hook(t, "execve", TRACY_ABI_NATIVE, hook_execve))
		return -1;
	return 0;
}

/* The hooks must have seen every call the workload makes, once. */
static int check_seen(struct bench_run *run)
{
	if (seen.unreadable)
		return bench_fail(run, false, "a path could not be read");
	if (seen.openat != FILES * ROUNDS || seen.execve != CHILDREN)
		return bench_fail(run, false, "the hooks saw %lu openat and "
				  "%lu execve, not %d and %d", seen.openat,
				  seen.execve, FILES * ROUNDS, CHILDREN);
	return 0;
}

static int run_once(const struct workload_case *wc, struct bench_run *run)
{
	char files[16], rounds[16], children[16];
	char workload[4096];
	char *argv[16];
	int argc = 0, ret;

	snprintf(workload, sizeof(workload), "%s",
		 bench_program("tracee-workload"));
	snprintf(files, sizeof(files), "%d", FILES);
	snprintf(rounds, sizeof(rounds), "%d", ROUNDS);
	snprintf(children, sizeof(children), "%d", CHILDREN);
	if (wc->tracer)
		argc = bench_strace_argv(argv, wc->tracer, wc->option,
					 "openat,execve");
	argv[argc++] = workload;
	if (wc->startup_only) {
		argv[argc++] = "exit";
	} else {
		argv[argc++] = file_dir;
		argv[argc++] = files;
		argv[argc++] = rounds;
		argv[argc++] = children;
	}
	argv[argc] = NULL;

	memset(&seen, 0, sizeof(seen));
	seen.out = fopen("/dev/null", "we");
	if (!seen.out)
		return bench_fail(run, true, "/dev/null");
	ret = bench_run_exec(run, argv);
	fclose(seen.out);
	if (!ret && run->backend->traced)
		ret = check_seen(run);
	return ret;
}

static void bench_workload(gbench_state *st, void *arg)
{
	const struct workload_case *wc = arg;
	struct bench_run run = {
		.backend = wc->backend,
		.opt = TRACY_TRACE_CHILDREN,
		.set_hooks = set_hooks,
		.child_fd = -1,
	};
	double stops = 0;

	if (make_files(&run)) {
		gbench_skip_with_error(st, run.error);
		return;
	}
	while (gbench_keep_running(st)) {
		if (run_once(wc, &run)) {
			gbench_skip_with_error(st, run.error);
			return;
		}
		gbench_set_iteration_time(st, run.run_ns / 1e9);
		stops += run.stops;
	}
	gbench_set_label(st, bench_result_label(wc->backend, wc->tracer,
						wc->option));
	if (wc->backend->traced)
		gbench_counter(st, "stops", stops,
			       GBENCH_COUNTER_AVG_ITERATIONS);
	if (!wc->startup_only) {
		gbench_counter(st, "openat", FILES * ROUNDS,
			       GBENCH_COUNTER_DEFAULT);
		gbench_counter(st, "execve", CHILDREN, GBENCH_COUNTER_DEFAULT);
	}
}

static struct workload_case cases[BENCH_BACKENDS + 6];

__attribute__((constructor)) static void register_workload(void)
{
	const struct bench_backend *untraced = &bench_backends[BENCH_UNTRACED];
	char name[64];
	int n = 0, i;

	for (i = 0; i < BENCH_BACKENDS; i++)
		cases[n++] = (struct workload_case){ bench_backends[i].name,
						     &bench_backends[i], NULL,
						     NULL, false };
	if (!access(BENCH_STRACE, X_OK)) {
		cases[n++] = (struct workload_case){ "strace", untraced,
						     BENCH_STRACE, "", false };
		cases[n++] = (struct workload_case){ "strace-seccomp-bpf",
						     untraced, BENCH_STRACE,
						     "--seccomp-bpf", false };
		cases[n++] = (struct workload_case){ "strace-startup",
						     untraced, BENCH_STRACE, "",
						     true };
		cases[n++] = (struct workload_case){
			"strace-seccomp-bpf-startup", untraced, BENCH_STRACE,
			"--seccomp-bpf", true };
	}
	if (!access(BENCH_STRACY, X_OK)) {
		cases[n++] = (struct workload_case){ "stracy", untraced,
						     BENCH_STRACY, "", false };
		cases[n++] = (struct workload_case){ "stracy-startup",
						     untraced, BENCH_STRACY, "",
						     true };
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "workload/%s", cases[i].name);
		gbench_unit(gbench_use_manual_time(gbench_register(
			name, bench_workload, &cases[i])), GBENCH_MS);
	}
}
