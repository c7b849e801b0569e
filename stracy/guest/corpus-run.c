// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's half of stracy's differential test (stracy/test_diff_guest.py):
 * a guest has no Python, so it only runs the commands, and the host
 * compares. Each command of the corpus runs under strace and under stracy
 * (on the kernel's syscall masks), with the same options and -o, in a
 * fresh directory; both traces and exit statuses go to the console,
 * framed:
 *
 *	STRACY-DIFF BEGIN <case> <tracer> <status>
 *	<the trace, line by line>
 *	STRACY-DIFF END <case> <tracer>
 *
 * <status> as Python's returncode: the exit code, or minus the signal.
 * Prints TAP too: a case is ok when both tracers could run it.
 *
 * The corpus (CORPUS), one case per line, tab-separated: the case's name,
 * the options (separated by spaces; the field may be empty), then the
 * command's words.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CORPUS		"/etc/tracy-fast/stracy-corpus"
#define STRACE		"/usr/bin/strace"
#define STRACY		"/bin/stracy"
#define MAX_WORDS	64
#define FIRST_PID	10000
static const char *const tracers[] = { STRACE, STRACY };

/* Runs argv in dir, its output to /dev/null; a returncode, or 1000: not run. */
static int run_in(const char *dir, char **argv)
{
	int status, null;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1000;
	if (!pid) {
		null = open("/dev/null", O_RDWR);
		if (null < 0 || chdir(dir) || dup2(null, 0) < 0 ||
		    dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1000;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/* Prints the trace, framed; false if there is none. */
static int print_trace(const char *path, int n, const char *tracer, int status)
{
	char line[65536];
	FILE *f = fopen(path, "r");

	printf("STRACY-DIFF BEGIN %d %s %d\n", n, tracer, status);
	while (f && fgets(line, sizeof(line), f)) {
		fputs(line, stdout);
		if (!strchr(line, '\n'))
			putchar('\n');
	}
	printf("STRACY-DIFF END %d %s\n", n, tracer);
	fflush(stdout);
	if (f)
		fclose(f);
	return f != NULL;
}

/*
 * Runs case n (its fields split at tabs in words) under both tracers, one
 * after the other, in the same directory (-y shows it), as on the host.
 */
static int run_case(int n, char **words, int nwords)
{
	char *argv[MAX_WORDS * 2 + 8], *options, *opt, dir[32], out[64];
	const char *name;
	int i, t, argc, status, ok = 1;

	snprintf(dir, sizeof(dir), "/tmp/case-%d", n);
	if (mkdir(dir, 0755) && errno != EEXIST)
		return 0;
	for (t = 0; t < 2; t++) {
		name = strrchr(tracers[t], '/') + 1;
		snprintf(out, sizeof(out), "%s/%s.out", dir, name);
		argc = 0;
		argv[argc++] = (char *)tracers[t];
		options = strdup(words[1]);
		for (opt = strtok(options, " "); opt && argc < MAX_WORDS;
		     opt = strtok(NULL, " "))
			argv[argc++] = opt;
		argv[argc++] = "-o";
		argv[argc++] = out;
		for (i = 2; i < nwords; i++)
			argv[argc++] = words[i];
		argv[argc] = NULL;
		status = run_in(dir, argv);
		ok &= print_trace(out, n, name, status);
		free(options);
	}
	return ok;
}

/*
 * Pids of five digits, as on the host: the host's masks take a number
 * that equals a pid for the pid, and a guest's small pids are numbers that
 * other arguments have too.
 */
static void advance_pids(void)
{
	pid_t pid;

	do {
		pid = vfork();
		if (!pid)
			_exit(0);
		if (pid < 0)
			return;
		waitpid(pid, NULL, 0);
	} while (pid < FIRST_PID);
}

int main(void)
{
	char line[65536], *words[MAX_WORDS + 1], *rest;
	int n = 0, nwords, ok;
	FILE *corpus = fopen(CORPUS, "r");

	if (!corpus) {
		printf("1..0 # SKIP no corpus at " CORPUS "\n");
		return 0;
	}
	advance_pids();
	setenv("PATH", "/usr/bin:/bin", 1);
	setenv("HOME", "/", 1);
	while (fgets(line, sizeof(line), corpus)) {
		line[strcspn(line, "\n")] = '\0';
		/* strsep(): an empty field (no options) is a field. */
		rest = line;
		for (nwords = 0; rest && nwords < MAX_WORDS; nwords++)
			words[nwords] = strsep(&rest, "\t");
		if (nwords < 3)
			continue;
		n++;
		ok = run_case(n, words, nwords);
		printf("%s %d - %s\n", ok ? "ok" : "not ok", n, words[0]);
	}
	printf("1..%d\n", n);
	fclose(corpus);
	return 0;
}
