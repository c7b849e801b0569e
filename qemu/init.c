// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the tracy-fast guests.
 *
 * Mounts what the tests need, then, depending on "tracyfast=" on the kernel
 * command line:
 *   test  (default) runs every command of /etc/tracy-fast/tests and frames
 *         its output with markers that qemu/boot.py reads; with
 *         "tracyfast.jobs=N" it runs up to N of them at a time;
 *   shell  offers a small prompt on the console for people who want to try
 *         the patched kernel by hand.
 * Either way it ends the guest with a reboot, which QEMU's -no-reboot turns
 * into an exit on every architecture.
 *
 * It is linked statically and needs nothing else in the initramfs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define TEST_LIST	"/etc/tracy-fast/tests"
#define MARK		"TRACY-FAST"
#define MAX_ARGS	32
#define MAX_JOBS	8
#define OUTPUT_DIR	"/run/tracy-fast"

static void mount_or_warn(const char *type, const char *target,
			  const char *options)
{
	mkdir(target, 0755);
	if (mount(type, target, type, 0, options))
		printf("%s: init: cannot mount %s on %s: %s\n",
		       MARK, type, target, strerror(errno));
}

static void mount_filesystems(void)
{
	mount_or_warn("proc", "/proc", NULL);
	mount_or_warn("sysfs", "/sys", NULL);
	mount_or_warn("devtmpfs", "/dev", NULL);
	mount_or_warn("tmpfs", "/tmp", "mode=1777");
	mount_or_warn("tmpfs", "/run", "mode=0755");
}

/*
 * Copies the word after @key ("tracyfast=", say) on the kernel command
 * line into @value, or @fallback when the key is not there.
 */
static void cmdline_value(const char *key, const char *fallback,
			  char *value, size_t size)
{
	char cmdline[4096];
	char *start, *end;
	FILE *f = fopen("/proc/cmdline", "r");
	size_t len = 0;

	if (f) {
		len = fread(cmdline, 1, sizeof(cmdline) - 1, f);
		fclose(f);
	}
	cmdline[len] = '\0';
	snprintf(value, size, "%s", fallback);
	for (start = strstr(cmdline, key); start; start = strstr(end, key)) {
		end = start + strlen(key);
		if (start == cmdline || start[-1] == ' ') {
			snprintf(value, size, "%.*s", (int)strcspn(end, " \n"),
				 end);
			return;
		}
	}
}

/* Splits @line at blanks into @argv; returns the number of words. */
static int split_words(char *line, char **argv)
{
	int argc = 0;
	char *word;

	for (word = strtok(line, " \t\n"); word && argc < MAX_ARGS;
	     word = strtok(NULL, " \t\n"))
		argv[argc++] = word;
	argv[argc] = NULL;
	return argc;
}

/*
 * Starts @argv in a child, its output going to the file @output or, when
 * @output is NULL, to the console; returns the child's pid, or -1 with
 * errno set when there is no child. A program that cannot be executed
 * exits with 127, as in a shell.
 */
static pid_t start(char **argv, const char *output)
{
	pid_t pid;
	int fd;

	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return pid;
	if (output) {
		fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    dup2(fd, STDERR_FILENO) < 0) {
			printf("%s: init: cannot write %s: %s\n",
			       MARK, output, strerror(errno));
			fflush(stdout);
			_exit(127);
		}
		close(fd);
	}
	execv(argv[0], argv);
	printf("%s: init: cannot execute %s: %s\n",
	       MARK, argv[0], strerror(errno));
	fflush(stdout);
	_exit(127);
}

/* Runs @argv on the console; returns its wait status, or -1 with errno. */
static int run(char **argv)
{
	int status;
	pid_t pid = start(argv, NULL);

	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

static void describe_status(int status, char *buf, size_t size)
{
	if (status < 0)
		snprintf(buf, size, "error=%d", errno);
	else if (WIFEXITED(status))
		snprintf(buf, size, "exit=%d", WEXITSTATUS(status));
	else
		snprintf(buf, size, "signal=%d", WTERMSIG(status));
}

static void print_end(const char *name, int status)
{
	char result[32];

	describe_status(status, result, sizeof(result));
	printf("%s-END %s %s\n", MARK, name, result);
}

/* A test program that runs beside others, its output kept in a file. */
struct job {
	pid_t pid;			/* 0: the slot is free */
	char name[1024];		/* its line in the test list */
	char output[64];
};

/*
 * Prints the output of @job framed by its markers, as if it had run on
 * its own, and frees its slot.
 */
static void finish_job(struct job *job, int status)
{
	char buf[4096];
	char last = '\n';
	ssize_t len;
	int saved_errno = errno;
	int fd = open(job->output, O_RDONLY);

	printf("%s-BEGIN %s\n", MARK, job->name);
	fflush(stdout);
	while (fd >= 0 && (len = read(fd, buf, sizeof(buf))) > 0) {
		if (write(STDOUT_FILENO, buf, len) != len)
			break;
		last = buf[len - 1];
	}
	if (fd >= 0)
		close(fd);
	/* The marker must start a line of its own. */
	if (last != '\n')
		printf("\n");
	unlink(job->output);
	errno = saved_errno;
	print_end(job->name, status);
	job->pid = 0;
}

/*
 * Waits for one of the @n jobs to end and reports it. Children of init
 * that are not jobs (orphans of the tests) are reaped on the way.
 */
static void wait_for_a_job(struct job *jobs, int n)
{
	int status, i;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		for (i = 0; i < n; i++) {
			if (pid < 0 && jobs[i].pid) {
				/* No child left: cannot happen, but say so. */
				finish_job(&jobs[i], -1);
				return;
			}
			if (pid > 0 && jobs[i].pid == pid) {
				finish_job(&jobs[i], status);
				return;
			}
		}
		if (pid < 0)
			return;
	}
}

static int running_jobs(const struct job *jobs, int n)
{
	int i, running = 0;

	for (i = 0; i < n; i++)
		running += jobs[i].pid != 0;
	return running;
}

/*
 * Starts @argv as a job in a free slot of @jobs, after waiting for one if
 * all @n are taken. START tells the host which programs run, in case one
 * never ends.
 */
static void start_job(struct job *jobs, int n, const char *name, char **argv)
{
	struct job *job = jobs;

	if (running_jobs(jobs, n) == n)
		wait_for_a_job(jobs, n);
	while (job->pid)
		job++;
	snprintf(job->name, sizeof(job->name), "%s", name);
	snprintf(job->output, sizeof(job->output), "%s/%d", OUTPUT_DIR,
		 (int)(job - jobs));
	printf("%s-START %s\n", MARK, name);
	job->pid = start(argv, job->output);
	if (job->pid < 0)
		finish_job(job, -1);
}

/* The number of test programs to run at a time: "tracyfast.jobs=N". */
static int test_jobs(void)
{
	char value[32], *end;
	long jobs;

	cmdline_value("tracyfast.jobs=", "1", value, sizeof(value));
	jobs = strtol(value, &end, 10);

	if (*value && !*end && jobs >= 1 && jobs <= MAX_JOBS)
		return jobs;
	printf("%s: init: tracyfast.jobs=%s is not a number from 1 to %d, "
	       "running one program at a time\n", MARK, value, MAX_JOBS);
	return 1;
}

/*
 * Runs every line of the test list. Each program's output is framed by
 * BEGIN and END markers; the host reads the program's TAP output between
 * them and its exit status from END. One at a time, a program writes to
 * the console as it runs; with more jobs, its output is printed when it
 * ends, so that the frames never interleave.
 */
static void run_tests(void)
{
	char line[1024], name[1024];
	char *argv[MAX_ARGS + 1];
	struct job jobs[MAX_JOBS] = { 0 };
	int n = test_jobs();
	FILE *list = fopen(TEST_LIST, "r");

	if (!list) {
		printf("%s: init: cannot open %s: %s\n",
		       MARK, TEST_LIST, strerror(errno));
		return;
	}
	if (n > 1 && mkdir(OUTPUT_DIR, 0755) && errno != EEXIST) {
		printf("%s: init: cannot make %s: %s\n",
		       MARK, OUTPUT_DIR, strerror(errno));
		n = 1;
	}
	while (fgets(line, sizeof(line), list)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		snprintf(name, sizeof(name), "%s", line);
		split_words(line, argv);
		if (n > 1) {
			start_job(jobs, n, name, argv);
			continue;
		}
		printf("%s-BEGIN %s\n", MARK, name);
		print_end(name, run(argv));
	}
	while (running_jobs(jobs, n))
		wait_for_a_job(jobs, n);
	fclose(list);
}

static void list_directory(const char *path)
{
	struct dirent *entry;
	DIR *dir = opendir(path);

	if (!dir) {
		printf("%s: %s\n", path, strerror(errno));
		return;
	}
	while ((entry = readdir(dir)))
		if (entry->d_name[0] != '.')
			printf("%s\n", entry->d_name);
	closedir(dir);
}

static void print_file(const char *path)
{
	char buf[4096];
	ssize_t len;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return;
	}
	fflush(stdout);
	while ((len = read(fd, buf, sizeof(buf))) > 0)
		if (write(STDOUT_FILENO, buf, len) != len)
			break;
	close(fd);
}

static void shell_help(void)
{
	printf("Commands: ls [DIR], cat FILE, cd DIR, uname, tests, help, exit.\n"
	       "Anything else runs as a program: give its path, e.g. /bin/...\n"
	       "The test programs are in /bin; 'tests' runs the test list.\n");
}

/* Runs @argv if it names a built-in command; returns false if it does not. */
static bool run_builtin(char **argv, const struct utsname *uts)
{
	if (!strcmp(argv[0], "help"))
		shell_help();
	else if (!strcmp(argv[0], "ls"))
		list_directory(argv[1] ? argv[1] : ".");
	else if (!strcmp(argv[0], "cat"))
		print_file(argv[1] ? argv[1] : "");
	else if (!strcmp(argv[0], "cd")) {
		if (chdir(argv[1] ? argv[1] : "/"))
			printf("cd: %s\n", strerror(errno));
	} else if (!strcmp(argv[0], "uname"))
		printf("%s %s %s\n", uts->sysname, uts->release, uts->machine);
	else if (!strcmp(argv[0], "tests"))
		run_tests();
	else
		return false;
	return true;
}

/* A prompt, not a shell: enough to run the test programs by hand. */
static void run_shell(void)
{
	char line[1024], result[32];
	char *argv[MAX_ARGS + 1];
	struct utsname uts;

	uname(&uts);
	printf("tracy-fast guest: %s %s %s\n", uts.sysname, uts.release,
	       uts.machine);
	shell_help();
	for (;;) {
		printf("tracy-fast# ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return;
		if (!split_words(line, argv))
			continue;
		if (!strcmp(argv[0], "exit") || !strcmp(argv[0], "poweroff"))
			return;
		if (run_builtin(argv, &uts))
			continue;
		describe_status(run(argv), result, sizeof(result));
		if (strcmp(result, "exit=0"))
			printf("[%s]\n", result);
	}
}

int main(void)
{
	char mode[32];
	struct utsname uts;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("PATH", "/bin", 1);
	setenv("HOME", "/tmp", 1);
	setenv("TMPDIR", "/tmp", 1);
	mount_filesystems();

	cmdline_value("tracyfast=", "test", mode, sizeof(mode));
	if (!strcmp(mode, "shell")) {
		run_shell();
	} else {
		if (strcmp(mode, "test"))
			printf("%s: init: unknown mode '%s', running the tests\n",
			       MARK, mode);
		uname(&uts);
		/* Results carry the kernel they were obtained on. */
		printf("%s-KERNEL %s %s %s\n", MARK, uts.release, uts.version,
		       uts.machine);
		run_tests();
		printf("%s-DONE\n", MARK);
	}
	fflush(stdout);
	/*
	 * The console's driver may still hold the last lines, END and DONE
	 * among them: a reboot would drop them, and the host would count
	 * the last program as lost.
	 */
	tcdrain(STDOUT_FILENO);
	sync();
	reboot(RB_AUTOBOOT);
	/* Only reached if reboot failed; init must not exit. */
	printf("%s: init: reboot failed: %s\n", MARK, strerror(errno));
	for (;;)
		pause();
}
