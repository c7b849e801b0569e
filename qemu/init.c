// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the tracy-fast guests.
 *
 * Mounts what the tests need, then, depending on "tracyfast=" on the kernel
 * command line:
 *   test  (default) runs every command of /etc/tracy-fast/tests in turn and
 *         frames its output with markers that qemu/boot.py reads;
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
}

/* The word after "tracyfast=" on the kernel command line, or "test". */
static const char *boot_mode(void)
{
	static char cmdline[4096];
	const char *key = "tracyfast=";
	char *start, *end;
	FILE *f = fopen("/proc/cmdline", "r");
	size_t len;

	if (!f)
		return "test";
	len = fread(cmdline, 1, sizeof(cmdline) - 1, f);
	fclose(f);
	cmdline[len] = '\0';
	for (start = strstr(cmdline, key); start; start = strstr(end, key)) {
		end = start + strlen(key);
		if (start == cmdline || start[-1] == ' ')
			return strtok(end, " \n");
	}
	return "test";
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
 * Runs @argv in a child and returns its wait status, or -1 with errno set
 * when it could not be started. A program that cannot be executed exits
 * with 127, as in a shell.
 */
static int run(char **argv)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		printf("%s: init: cannot execute %s: %s\n",
		       MARK, argv[0], strerror(errno));
		fflush(stdout);
		_exit(127);
	}
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

/*
 * Runs every line of the test list. Each program is framed by BEGIN and
 * END markers; the host reads the program's TAP output between them and
 * its exit status from END.
 */
static void run_tests(void)
{
	char line[1024], name[1024], result[32];
	char *argv[MAX_ARGS + 1];
	FILE *list = fopen(TEST_LIST, "r");

	if (!list) {
		printf("%s: init: cannot open %s: %s\n",
		       MARK, TEST_LIST, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), list)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		snprintf(name, sizeof(name), "%s", line);
		split_words(line, argv);
		printf("%s-BEGIN %s\n", MARK, name);
		describe_status(run(argv), result, sizeof(result));
		printf("%s-END %s %s\n", MARK, name, result);
	}
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
	const char *mode;
	struct utsname uts;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("PATH", "/bin", 1);
	setenv("HOME", "/tmp", 1);
	setenv("TMPDIR", "/tmp", 1);
	mount_filesystems();

	mode = boot_mode();
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
