// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the Tracy-style programs of this directory and checks what they
 * do, as their users would see it: exit status, output, files, the
 * tracee's fate. Prints TAP (kselftest.h), one result per scenario and
 * place. It is the only definition of these checks: the guests run it
 * as /bin/tracy-compat-<abi>, and run.py runs it on the host after it
 * has built the programs.
 *
 *     tracy-compat [-d DIR] [-3 TRACEE32] [BUILD:BACKEND...]
 *
 * DIR holds the programs, each as NAME-BUILD, and "tracee" (tracee.c),
 * all of one ABI; in a guest, /tracy-compat/<abi> (tracy-compat.mk puts
 * them there). TRACEE32 is tracee.c built for the 32-bit ABI that
 * jailer.c hooks beside the native one, as zipjail does (TRACY_ABI_X86
 * for x86_64 tracers, TRACY_ABI_AARCH32 for arm64 ones); by default
 * /tracy-compat/i386/tracee and /tracy-compat/arm/tracee, which the
 * x86_64 and arm64 guests carry.
 * A place is the build to run and the TRACY_BACKEND to run it with:
 * classic, seccomp, kmask, or auto (no TRACY_BACKEND at all); by
 * default, the build a guest has (pkgconfig-static) on each of the
 * four. kmask SKIPs on a kernel without syscall stop masks.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest.h"
#include "ptrace-compat.h"

#define GUEST_DIR	"/tracy-compat/" TRACY_FAST_ABI
#if defined(__x86_64__)
# define GUEST_TRACEE32	"/tracy-compat/i386/tracee"
#elif defined(__aarch64__)
# define GUEST_TRACEE32	"/tracy-compat/arm/tracee"
#else
# define GUEST_TRACEE32	NULL
#endif
#define GUEST_BUILD	"pkgconfig-static"
#define TIMEOUT_MS	60000
/* Lines of a program's stdout and stderr that a failure shows. */
#define SHOWN_LINES	8

static const char *const backends[] = { "classic", "seccomp", "kmask", "auto" };

/* A place: a build of the programs, run with a backend. */
struct place {
	const char *build;
	const char *backend;	/* "auto": TRACY_BACKEND unset */
};

/* What one scenario of one place has to work with, and what it saw. */
struct ctx {
	const char *dir, *tracee, *tracee32;
	struct place place;
	char work[PATH_MAX];	/* a directory of its own */
	int status;		/* of the last program: a wait status; */
#define TIMED_OUT	-1	/* or it was killed after TIMEOUT_MS, */
#define NOT_RUN		-2	/* or it did not run */
	char *out, *err;	/* its stdout and stderr */
	char note[PATH_MAX + 128];	/* what else a failure should show */
	const char *skip;	/* why it cannot run here */
};

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* The whole file, NUL-terminated (an empty string if it is unreadable). */
static char *slurp(const char *path)
{
	size_t len = 0, size = 4096;
	char *text = malloc(size);
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (!text)
		ksft_exit_fail_perror("malloc");
	while (fd >= 0 && (got = read(fd, text + len, size - len - 1)) > 0) {
		len += got;
		if (len + 1 == size && !(text = realloc(text, size *= 2)))
			ksft_exit_fail_perror("realloc");
	}
	if (fd >= 0)
		close(fd);
	text[len] = '\0';
	return text;
}

/* The number of lines of text. */
static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n' || (!text[1]);
	return n;
}

/* Line i of text (from 0), in buf: false if there is none. */
static bool line_at(const char *text, int i, char *buf, size_t size)
{
	size_t len;

	while (i-- > 0) {
		text = strchr(text, '\n');
		if (!text)
			return false;
		text++;
	}
	if (!*text)
		return false;
	len = strcspn(text, "\n");
	snprintf(buf, size, "%.*s", (int)len, text);
	return true;
}

/* Does text consist of exactly the lines given, NULL-terminated? */
static bool lines_are(const char *text, const char *const *want)
{
	char line[1024];
	int i;

	for (i = 0; want[i]; i++)
		if (!line_at(text, i, line, sizeof(line)) || strcmp(line, want[i]))
			return false;
	return count_lines(text) == i;
}

/* The number of lines of text that contain all the words given. */
static int lines_with(const char *text, const char *a, const char *b)
{
	char line[1024];
	int i, n = 0;

	for (i = 0; line_at(text, i, line, sizeof(line)); i++)
		n += strstr(line, a) && (!b || strstr(line, b));
	return n;
}

static void show_last_lines(const char *what, const char *text)
{
	char line[1024];
	int i, n = count_lines(text);

	for (i = n > SHOWN_LINES ? n - SHOWN_LINES : 0; i < n; i++)
		if (line_at(text, i, line, sizeof(line)))
			ksft_print_msg("%s: %s\n", what, line);
}

/* What a failure shows: the last program's status and output, and the note. */
static void show(const struct ctx *c)
{
	if (c->status == NOT_RUN)
		ksft_print_msg("status: not run\n");
	else if (c->status == TIMED_OUT)
		ksft_print_msg("status: timeout after %d s\n", TIMEOUT_MS / 1000);
	else if (WIFEXITED(c->status))
		ksft_print_msg("status: exit %d\n", WEXITSTATUS(c->status));
	else
		ksft_print_msg("status: signal %d\n", WTERMSIG(c->status));
	show_last_lines("stdout", c->out ? c->out : "");
	show_last_lines("stderr", c->err ? c->err : "");
	if (c->note[0])
		ksft_print_msg("%s\n", c->note);
}

static bool exited(const struct ctx *c, int code)
{
	return c->status >= 0 && WIFEXITED(c->status) &&
	       WEXITSTATUS(c->status) == code;
}

/* A path in the scenario's own directory. */
static const char *work_path(const struct ctx *c, const char *name)
{
	static char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", c->work, name);
	return path;
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* fork() with our stdout flushed first; exits if it fails. */
static pid_t fork_or_exit(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		ksft_exit_fail_perror("fork");
	return pid;
}

/*
 * Starts program NAME of the place's build with args (NULL-terminated),
 * its stdin /dev/null, its stdout and stderr into files of the scenario's
 * directory, TRACY_BACKEND as the place says; its pid, or -1 if it is
 * not there to run (the note says so).
 */
static pid_t start(struct ctx *c, const char *name, const char *const *args)
{
	char path[PATH_MAX], out[PATH_MAX + 8], err[PATH_MAX + 8];
	const char *argv[8];
	pid_t pid;
	int i;

	snprintf(path, sizeof(path), "%s/%s-%s", c->dir, name, c->place.build);
	if (access(path, X_OK)) {
		snprintf(c->note, sizeof(c->note), "not built: %s: %s", path,
			 strerror(errno));
		return -1;
	}
	snprintf(out, sizeof(out), "%s/stdout", c->work);
	snprintf(err, sizeof(err), "%s/stderr", c->work);
	argv[0] = path;
	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	pid = fork_or_exit();
	if (!pid) {
		if (!strcmp(c->place.backend, "auto"))
			unsetenv("TRACY_BACKEND");
		else
			setenv("TRACY_BACKEND", c->place.backend, 1);
		if (!freopen("/dev/null", "r", stdin) ||
		    !freopen(out, "w", stdout) || !freopen(err, "w", stderr))
			_exit(126);
		execv(path, (char **)argv);
		fprintf(stderr, "cannot execute %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

/* Waits for pid to end, TIMEOUT_MS at most (then kills it); its status. */
static int finish(struct ctx *c, pid_t pid)
{
	int waited, status = TIMED_OUT;

	for (waited = 0; waited < TIMEOUT_MS; waited += 5) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		status = TIMED_OUT;
		sleep_ms(5);
	}
	if (status == TIMED_OUT) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	c->status = status;
	c->out = slurp(work_path(c, "stdout"));
	c->err = slurp(work_path(c, "stderr"));
	return status;
}

/* Runs program NAME with args to its end: false if it could not start. */
static bool run(struct ctx *c, const char *name, const char *const *args)
{
	pid_t pid = start(c, name, args);

	if (pid < 0)
		return false;
	finish(c, pid);
	return true;
}

/* A directory in the scenario's own, for a jail. */
static const char *new_dir(const struct ctx *c, const char *name)
{
	const char *path = work_path(c, name);

	if (mkdir(path, 0755))
		ksft_exit_fail_perror(path);
	return path;
}

/* The jailer stops tracee's write out of its jail: ABORT, status 1. */
static bool jail_escape(struct ctx *c, const char *tracee)
{
	char jail[PATH_MAX + 64];
	const char *args[] = { jail, tracee, "write", jail, "../escaped", NULL };
	bool escaped;

	snprintf(jail, sizeof(jail), "%s", new_dir(c, "jail"));
	if (!run(c, "jailer", args))
		return false;
	escaped = exists(work_path(c, "escaped"));
	snprintf(c->note, sizeof(c->note), "escaped: %s",
		 escaped ? "yes" : "no");
	return exited(c, 1) && !escaped && strstr(c->err, "blocked");
}

static bool jailer_blocks_an_escape(struct ctx *c)
{
	return jail_escape(c, c->tracee);
}

/* zipjail's hooks for the 32-bit ABI, on a 32-bit command. */
static bool jailer_blocks_a_32bit_escape(struct ctx *c)
{
	if (!c->tracee32 || access(c->tracee32, X_OK)) {
		c->skip = "no 32-bit tracee for this ABI's tracers here";
		return false;
	}
	return jail_escape(c, c->tracee32);
}

static bool jailer_lets_the_jail_be(struct ctx *c)
{
	char jail[PATH_MAX + 64], inside[PATH_MAX + 80];
	const char *args[] = { jail, c->tracee, "write", jail, "inside", NULL };

	snprintf(jail, sizeof(jail), "%s", new_dir(c, "jail"));
	snprintf(inside, sizeof(inside), "%s/inside", jail);
	return run(c, "jailer", args) && exited(c, 0) && exists(inside);
}

static bool fakeppid_changes_a_result(struct ctx *c)
{
	const char *args[] = { c->tracee, "getppid", NULL };
	const char *const want[] = { "getppid 4242", NULL };

	return run(c, "fakeppid", args) && exited(c, 0) &&
	       lines_are(c->out, want);
}

static bool async_injection_state(struct ctx *c)
{
	const char *args[] = { c->tracee, "hello", NULL };
	const char *const want[] = { "hello", "hello", "hello", NULL };
	char line[64];
	int i, injected = 0;

	if (!run(c, "async", args))
		return false;
	for (i = 0; line_at(c->err, i, line, sizeof(line)); i++)
		injected += !strcmp(line, "injected write: 6");
	return exited(c, 0) && lines_are(c->out, want) && injected == 2;
}

static bool registers_as_tracy_names_them(struct ctx *c)
{
	const char *args[] = { c->tracee, "getppid", NULL };

	return run(c, "regs", args) && exited(c, 0) &&
	       strstr(c->out, "0 differences") && strstr(c->out, "DEBUG:");
}

static bool verbose_prints_every_syscall(struct ctx *c)
{
	const char *args[] = { c->tracee, "getppid", NULL };

	return run(c, "verbose", args) && exited(c, 0) &&
	       lines_with(c->out, "System call: getppid (", "Pre: 1") == 1 &&
	       lines_with(c->out, "System call: getppid (", "Pre: 0") == 1;
}

static bool child_create_and_lists(struct ctx *c)
{
	const char *args[] = { c->tracee, "fork", "3", NULL };

	return run(c, "children", args) && exited(c, 0) &&
	       strstr(c->out, "children: 4 tracees, 3 with getppid");
}

/* One "quit PID 5 first" line: the first tracee's status, as Tracy says it. */
static bool own_loop_sees_quit(struct ctx *c)
{
	const char *args[] = { c->tracee, "exit", "5", NULL };
	char line[256], rest[256];
	int pid, i, quits = 0;
	bool right = false;

	if (!run(c, "ownloop", args))
		return false;
	for (i = 0; line_at(c->out, i, line, sizeof(line)); i++) {
		if (strncmp(line, "quit", 4))
			continue;
		quits++;
		right = sscanf(line, "quit %d %255[^\n]", &pid, rest) == 2 &&
			!strcmp(rest, "5 first");
	}
	return exited(c, 0) && quits == 1 && right;
}

static bool detach_then_tracy_main_waits(struct ctx *c)
{
	const char *args[] = { c->tracee, "sleep-after", "300", NULL };
	const char *const want[] = { "woke", "main returned", NULL };

	return run(c, "detach", args) && exited(c, 0) &&
	       lines_are(c->out, want);
}

/* The signals pid catches (SigCgt), 0 if it cannot be read. */
static unsigned long long caught_signals(pid_t pid)
{
	char path[64], line[256];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigCgt: %llx", &mask) == 1)
			break;
	fclose(f);
	return mask;
}

/*
 * Sends tracer SIGINT once it catches it (tracy_main() runs) and has
 * traced for a while, and waits for its end.
 */
static void interrupt_in_tracy_main(struct ctx *c, pid_t tracer)
{
	int waited;

	for (waited = 0; waited < TIMEOUT_MS; waited += 10) {
		if (caught_signals(tracer) & (1ULL << (SIGINT - 1)))
			break;
		sleep_ms(10);
	}
	sleep_ms(200);
	kill(tracer, SIGINT);
	finish(c, tracer);
}

static bool ctrl_c_goes_to_the_tracee(struct ctx *c)
{
	const char *args[] = { c->tracee, "loop", NULL };
	pid_t tracer = start(c, "fakeppid", args);

	if (tracer < 0)
		return false;
	interrupt_in_tracy_main(c, tracer);
	return exited(c, 0);
}

/* The TracerPid line of pid's status, in buf. */
static void tracer_of(pid_t pid, char *buf, size_t size)
{
	char path[64], line[256];
	FILE *f;

	snprintf(buf, size, "no TracerPid");
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "TracerPid:", 10))
			snprintf(buf, size, "%.*s", (int)strcspn(line, "\n"), line);
	fclose(f);
}

static bool ctrl_c_detaches_attached(struct ctx *c)
{
	char pid_arg[16], traced[64];
	const char *args[] = { pid_arg, NULL };
	pid_t loop, tracer;
	bool running;

	loop = fork_or_exit();
	if (!loop) {
		execl(c->tracee, c->tracee, "loop", (char *)NULL);
		_exit(127);
	}
	snprintf(pid_arg, sizeof(pid_arg), "%d", loop);
	tracer = start(c, "attach", args);
	if (tracer >= 0)
		interrupt_in_tracy_main(c, tracer);
	sleep_ms(50);
	running = waitpid(loop, NULL, WNOHANG) == 0;
	tracer_of(loop, traced, sizeof(traced));
	kill(loop, SIGKILL);
	waitpid(loop, NULL, 0);
	if (tracer < 0)
		return false;
	snprintf(c->note, sizeof(c->note), "loop running: %s, %s",
		 running ? "yes" : "no", traced);
	return exited(c, 0) && running && !strcmp(traced, "TracerPid:\t0") &&
	       strstr(c->out, "saw getpid");
}

static const struct scenario {
	const char *name;
	bool (*run)(struct ctx *c);
} scenarios[] = {
#define SCENARIO(name) { #name, name }
	SCENARIO(jailer_blocks_an_escape),
	SCENARIO(jailer_blocks_a_32bit_escape),
	SCENARIO(jailer_lets_the_jail_be),
	SCENARIO(fakeppid_changes_a_result),
	SCENARIO(async_injection_state),
	SCENARIO(registers_as_tracy_names_them),
	SCENARIO(verbose_prints_every_syscall),
	SCENARIO(child_create_and_lists),
	SCENARIO(own_loop_sees_quit),
	SCENARIO(detach_then_tracy_main_waits),
	SCENARIO(ctrl_c_goes_to_the_tracee),
	SCENARIO(ctrl_c_detaches_attached),
#undef SCENARIO
};

/*
 * Does this kernel have syscall stop masks? PTRACE_GETSYSCALLMASK on a
 * stopped child: EIO without the patch.
 */
static bool kernel_has_kmask(void)
{
	struct ptrace_syscall_mask mask;
	long got;
	pid_t pid;

	pid = fork_or_exit();
	if (!pid) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	memset(&mask, 0, sizeof(mask));
	got = ptrace((enum __ptrace_request)PTRACE_GETSYSCALLMASK, pid,
		     (void *)sizeof(mask), &mask);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return got >= 0;
}

/* Removes what a scenario left: its directory and all in it. */
static void remove_tree(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *e;
	DIR *dir = opendir(path);

	while (dir && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (unlink(sub))
			remove_tree(sub);
	}
	if (dir)
		closedir(dir);
	rmdir(path);
}

static void run_scenario(const struct ctx *base, const struct scenario *s,
			 const char *name)
{
	struct ctx c = *base;
	bool ok;

	if (snprintf(c.work, sizeof(c.work), "%s/XXXXXX", base->work) >=
	    (int)sizeof(c.work) || !mkdtemp(c.work))
		ksft_exit_fail_perror(c.work);
	c.status = NOT_RUN;
	ok = s->run(&c);
	if (c.skip)
		ksft_test_result_code(KSFT_SKIP, name, "%s", c.skip);
	else if (ok)
		ksft_test_result_code(KSFT_PASS, name, NULL);
	else {
		show(&c);
		ksft_test_result_code(KSFT_FAIL, name, NULL);
	}
	free(c.out);
	free(c.err);
	remove_tree(c.work);
}

static bool parse_place(char *arg, struct place *p)
{
	char *colon = strchr(arg, ':');
	size_t i;

	if (!colon || colon == arg)
		return false;
	*colon = '\0';
	p->build = arg;
	p->backend = NULL;
	for (i = 0; i < ARRAY_SIZE(backends); i++)
		if (!strcmp(colon + 1, backends[i]))
			p->backend = backends[i];
	return p->backend;
}

static void usage(const char *self)
{
	fprintf(stderr, "usage: %s [-d DIR] [-3 TRACEE32] [BUILD:BACKEND...]\n"
		"  BACKEND: classic, seccomp, kmask or auto\n", self);
	exit(KSFT_FAIL);
}

int main(int argc, char **argv)
{
	struct place places[32];
	struct ctx base = { .dir = GUEST_DIR, .tracee32 = GUEST_TRACEE32 };
	char tracee[PATH_MAX + 8], name[512];
	const char *tmp = getenv("TMPDIR");
	size_t n = 0, i, j;
	bool kmask;
	int opt;

	while ((opt = getopt(argc, argv, "d:3:")) != -1) {
		if (opt == 'd')
			base.dir = optarg;
		else if (opt == '3')
			base.tracee32 = *optarg ? optarg : NULL;
		else
			usage(argv[0]);
	}
	for (; optind < argc && n < ARRAY_SIZE(places); optind++, n++)
		if (!parse_place(argv[optind], &places[n]))
			usage(argv[0]);
	if (optind < argc)
		usage(argv[0]);
	/*
	 * As a shell starts a program in the foreground. Started in the
	 * background by a non-interactive shell (make test &), the runner
	 * inherits SIGINT ignored, and so would Tracy's programs and their
	 * tracees, which the Ctrl-C scenarios then wait for in vain.
	 */
	signal(SIGINT, SIG_DFL);
	if (!n)
		for (; n < ARRAY_SIZE(backends); n++)
			places[n] = (struct place){ GUEST_BUILD, backends[n] };

	snprintf(tracee, sizeof(tracee), "%s/tracee", base.dir);
	base.tracee = tracee;
	snprintf(base.work, sizeof(base.work), "%s/tracy-compat-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(base.work))
		ksft_exit_fail_perror(base.work);

	ksft_print_header();
	ksft_set_plan(n * ARRAY_SIZE(scenarios));
	kmask = kernel_has_kmask();
	for (i = 0; i < n; i++) {
		base.place = places[i];
		for (j = 0; j < ARRAY_SIZE(scenarios); j++) {
			snprintf(name, sizeof(name), "%s (%s, %s%s)",
				 scenarios[j].name, places[i].build,
				 strcmp(places[i].backend, "auto") ?
				 "TRACY_BACKEND=" : "", places[i].backend);
			if (!strcmp(places[i].backend, "kmask") && !kmask)
				ksft_test_result_code(KSFT_SKIP, name,
					"no syscall stop masks in this kernel");
			else
				run_scenario(&base, &scenarios[j], name);
		}
	}
	rmdir(base.work);
	ksft_finished();
}
