// SPDX-License-Identifier: GPL-2.0
/*
 * stracy's real workloads in the x86_64 guest (stracy/guest/guest.mk: the
 * place x86_64-stracy, make bench-stracy): the workloads of
 * stracy/bench.py (make -j2 of a C tree, a find walk, python3 start-up),
 * each run untraced and traced for each of bench.py's trace sets by
 * stracy (on the kernel's syscall masks), strace -f and strace -f
 * --seccomp-bpf:
 *
 *	<workload>_<set>/untraced
 *	<workload>_<set>/stracy			stracy -o TRACE <set>
 *	<workload>_<set>/strace			strace -o TRACE <set>
 *	<workload>_<set>/strace-seccomp-bpf	strace --seccomp-bpf -o TRACE <set>
 *
 * e.g. make_execve/stracy. The workloads and sets come from WORKLOADS,
 * written by stracy/bench_guest.py: "workload NAME EXECVE ARGV..." (EXECVE:
 * the execve calls of one run that succeed) and "set NAME OPTION...",
 * tab-separated. One iteration is one whole run, from fork to the last
 * reap, tracer start-up included, in an environment of its own (ENV);
 * each row runs once per repetition (BENCHMARK_REPETITIONS, 3 if not
 * set), after one run of the workload, untraced and not timed, that
 * warms it up.
 *
 * A row is a number only if every run was checked: exit status 0 (the
 * tracers exit with the workload's), and the trace (TRACE, in tmpfs;
 * bench.py on the host writes to /dev/null) must show what the set
 * selects: under trace=execve exactly EXECVE successful execve calls,
 * under trace=connect no syscall at all (no workload connects), under
 * %file some, under -c a summary with its total line.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gbench.h"

#define WORKLOADS	"/etc/tracy-fast/stracy-bench"
#define TRACE		"/tmp/stracy-bench.trace"
#define ERRORS		"/tmp/stracy-bench.err"
#define STRACY		"/bin/stracy"
#define STRACE		"/usr/bin/strace"
#define MAX_WORDS	32
#define MAX_WORKLOADS	8
#define MAX_SETS	8
#define DEFAULT_REPETITIONS 3

/* That of stracy/bench_guest.py, where the files were found. */
static char *const env[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp",
			     NULL };

struct words {
	char *word[MAX_WORDS + 1];
	int n;
};

struct workload {
	char *name;
	long execve;		/* successful execve calls of one run */
	struct words argv;
	bool warm;
};

struct set {
	char *name;
	struct words options;
};

struct tracer {
	const char *name;	/* the row */
	const char *argv[3];	/* before -o TRACE */
};

static const struct tracer tracers[] = {
	{ "untraced", { NULL } },
	{ "stracy", { STRACY, NULL } },
	{ "strace", { STRACE, NULL } },
	{ "strace-seccomp-bpf", { STRACE, "--seccomp-bpf", NULL } },
};
#define TRACERS (sizeof(tracers) / sizeof(tracers[0]))

struct row {
	struct workload *workload;
	const struct set *set;
	const struct tracer *tracer;
};

static struct workload workloads[MAX_WORKLOADS];
static struct set sets[MAX_SETS];
static struct row rows[MAX_WORKLOADS * MAX_SETS * TRACERS];
static int n_workloads, n_sets;
static char error[512];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Splits line at its tabs into w. */
static void split(char *line, struct words *w)
{
	char *word;

	w->n = 0;
	while ((word = strsep(&line, "\t")) && w->n < MAX_WORDS)
		w->word[w->n++] = word;
	w->word[w->n] = NULL;
}

static int read_workloads(void)
{
	char line[4096];
	struct words w;
	FILE *f = fopen(WORKLOADS, "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		split(strdup(line), &w);
		if (w.n >= 4 && !strcmp(w.word[0], "workload") &&
		    n_workloads < MAX_WORKLOADS) {
			struct workload *wl = &workloads[n_workloads++];

			wl->name = w.word[1];
			wl->execve = atol(w.word[2]);
			wl->argv.n = w.n - 3;
			memcpy(wl->argv.word, w.word + 3,
			       (wl->argv.n + 1) * sizeof(char *));
		} else if (w.n >= 2 && !strcmp(w.word[0], "set") &&
			   n_sets < MAX_SETS) {
			struct set *s = &sets[n_sets++];

			s->name = w.word[1];
			s->options.n = w.n - 2;
			memcpy(s->options.word, w.word + 2,
			       (s->options.n + 1) * sizeof(char *));
		}
	}
	fclose(f);
	return n_workloads && n_sets ? 0 : -1;
}

/* The last line of file path (its first size - 1 bytes) into buf. */
static void last_line(const char *path, char *buf, size_t size)
{
	char line[1024];
	FILE *f = fopen(path, "re");

	*buf = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		snprintf(buf, size, "%.200s", line);
	}
	if (f)
		fclose(f);
}

/* Runs argv to its end, output to /dev/null and ERRORS; 0 if it exited 0. */
static int run(char **argv)
{
	int status, null, err;
	pid_t pid = fork();

	if (pid < 0) {
		snprintf(error, sizeof(error), "fork: %m");
		return -1;
	}
	if (!pid) {
		null = open("/dev/null", O_RDWR);
		err = open(ERRORS, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (null < 0 || err < 0 || chdir("/tmp") || dup2(null, 0) < 0 ||
		    dup2(null, 1) < 0 || dup2(err, 2) < 0)
			_exit(126);
		execve(argv[0], argv, env);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		snprintf(error, sizeof(error), "waitpid: %m");
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	snprintf(error, sizeof(error), "%s ended with wait status %#x; its "
		 "last words: ", argv[0], status);
	last_line(ERRORS, error + strlen(error), sizeof(error) - strlen(error));
	return -1;
}

/* The line of a trace after its pid ("%-5d ", as strace pads it), if any. */
static const char *after_pid(const char *line)
{
	const char *p = line;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == line || *p != ' ')
		return line;
	while (*p == ' ')
		p++;
	return p;
}

/* Whether TRACE shows what set s selects; *calls gets its syscall lines. */
static int check_trace(const struct row *r, long *calls)
{
	const char *set = r->set->name, *text;
	long execve = 0, lines = 0;
	bool total = false;
	char line[65536], first[120] = "";
	size_t len;
	FILE *f = fopen(TRACE, "re");

	*calls = 0;
	if (!f) {
		snprintf(error, sizeof(error), "%s wrote no %s: %m",
			 r->tracer->name, TRACE);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		len = strcspn(line, "\n");
		line[len] = '\0';
		if (!lines++)
			snprintf(first, sizeof(first), "%.100s", line);
		text = after_pid(line);
		if (!*text || !strncmp(text, "+++ ", 4) ||
		    !strncmp(text, "--- ", 4))
			continue;
		(*calls)++;
		if (len >= 4 && !strcmp(line + len - 4, " = 0") &&
		    (!strncmp(text, "execve(", 7) ||
		     !strncmp(text, "<... execve resumed>", 20)))
			execve++;
		if (len >= 6 && !strcmp(line + len - 6, " total"))
			total = true;
	}
	fclose(f);
	if (!strcmp(set, "execve") && execve != r->workload->execve)
		snprintf(error, sizeof(error), "%s traced %ld successful "
			 "execve, not %ld", r->tracer->name, execve,
			 r->workload->execve);
	else if (!strcmp(set, "connect") && *calls)
		snprintf(error, sizeof(error), "%s traced %ld syscalls, not "
			 "0 (no workload connects)", r->tracer->name, *calls);
	else if (!strcmp(set, "count") && !total)
		snprintf(error, sizeof(error), "%s wrote no summary with a "
			 "total line", r->tracer->name);
	else if (!*calls && strcmp(set, "connect"))
		snprintf(error, sizeof(error), "%s traced nothing",
			 r->tracer->name);
	else
		return 0;
	/* What the trace was, to tell why. */
	snprintf(error + strlen(error), sizeof(error) - strlen(error),
		 " (%ld lines, the first: %s)", lines, first);
	return -1;
}

/* One run of row r: its time in ns, or -1 with error set. */
static double run_row(const struct row *r, long *calls)
{
	char *argv[2 * MAX_WORDS + 8];
	uint64_t start;
	int n = 0, i;

	for (i = 0; r->tracer->argv[i]; i++)
		argv[n++] = (char *)r->tracer->argv[i];
	if (n) {
		argv[n++] = "-o";
		argv[n++] = TRACE;
		for (i = 0; i < r->set->options.n; i++)
			argv[n++] = r->set->options.word[i];
	}
	for (i = 0; i < r->workload->argv.n; i++)
		argv[n++] = r->workload->argv.word[i];
	argv[n] = NULL;
	unlink(TRACE);
	start = now_ns();
	if (run(argv))
		return -1;
	start = now_ns() - start;
	if (r->tracer->argv[0] && check_trace(r, calls))
		return -1;
	unlink(TRACE);
	return (double)start;
}

static void bench_row(gbench_state *st, void *arg)
{
	const struct row *r = arg;
	char label[256];
	long calls = 0;
	double ns;
	int i;

	if (!r->workload->warm) {
		struct row warm = { r->workload, r->set, &tracers[0] };

		if (run_row(&warm, &calls) < 0) {
			gbench_skip_with_error(st, error);
			return;
		}
		r->workload->warm = true;
	}
	while (gbench_keep_running(st)) {
		ns = run_row(r, &calls);
		if (ns < 0) {
			gbench_skip_with_error(st, error);
			return;
		}
		gbench_set_iteration_time(st, ns / 1e9);
	}
	if (r->tracer->argv[0]) {
		snprintf(label, sizeof(label), "tracer=%s%s",
			 strrchr(r->tracer->argv[0], '/') + 1,
			 r->tracer->argv[1] ? " --seccomp-bpf" : "");
		for (i = 0; i < r->set->options.n; i++)
			snprintf(label + strlen(label),
				 sizeof(label) - strlen(label), " %s",
				 r->set->options.word[i]);
		gbench_set_label(st, label);
		gbench_counter(st, "trace_lines", calls,
			       GBENCH_COUNTER_DEFAULT);
	}
}

__attribute__((constructor)) static void register_rows(void)
{
	const char *env_reps = getenv("BENCHMARK_REPETITIONS");
	int reps = env_reps ? atoi(env_reps) : DEFAULT_REPETITIONS;
	char name[128];
	int n = 0, w, s;
	unsigned int t;

	if (read_workloads()) {
		fprintf(stderr, "bench-real: no workloads in %s\n", WORKLOADS);
		return;
	}
	for (w = 0; w < n_workloads; w++)
		for (s = 0; s < n_sets; s++)
			for (t = 0; t < TRACERS; t++) {
				rows[n] = (struct row){ &workloads[w], &sets[s],
							&tracers[t] };
				snprintf(name, sizeof(name), "%s_%s/%s",
					 workloads[w].name, sets[s].name,
					 tracers[t].name);
				gbench_unit(gbench_repetitions(
					gbench_iterations(gbench_use_manual_time(
						gbench_register(name, bench_row,
								&rows[n])), 1),
					reps > 0 ? reps : 1), GBENCH_MS);
				n++;
			}
}
