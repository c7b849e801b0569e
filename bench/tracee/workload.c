// SPDX-License-Identifier: GPL-2.0
/*
 * tracee-workload: the realistic workload of bench/programs/workload.c, the same
 * under every tracer (libtracy-fast on each backend, strace, none).
 *
 *   tracee-workload DIR FILES ROUNDS CHILDREN
 *	ROUNDS times: stat, open, read and close each of the files DIR/0 ..
 *	DIR/FILES-1; then CHILDREN times: fork, execute this program as
 *	"tracee-workload exit", wait for it.
 *   tracee-workload exit
 *	exits at once (a child).
 *
 * It makes exactly FILES * ROUNDS openat and CHILDREN execve calls after
 * its own start-up, which the tracers check their hooks against; argv[0]
 * must be a path to this program.
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

#include "tracee.h"

static long number(const char *text)
{
	return tracee_count("tracee-workload", text);
}

static int read_file(const char *path)
{
	char buf[4096];
	struct stat st;
	ssize_t got;
	int fd;

	if (stat(path, &st))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	got = read(fd, buf, sizeof(buf));
	close(fd);
	return got < 0 ? -1 : 0;
}

static int read_files(const char *dir, long files, long rounds)
{
	char path[4096];
	long round, i;

	for (round = 0; round < rounds; round++)
		for (i = 0; i < files; i++) {
			snprintf(path, sizeof(path), "%s/%ld", dir, i);
			if (read_file(path))
				return -1;
		}
	return 0;
}

static int spawn(const char *self)
{
	char *argv[] = { (char *)self, "exit", NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		execv(self, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "tracee-workload: child: status %#x\n", status);
		errno = ECHILD;
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long children, i;

	if (argc == 2 && !strcmp(argv[1], "exit"))
		return 0;
	if (argc != 5) {
		fprintf(stderr, "usage: tracee-workload DIR FILES ROUNDS "
			"CHILDREN | exit\n");
		return 2;
	}
	if (read_files(argv[1], number(argv[2]), number(argv[3]))) {
		perror("tracee-workload: files");
		return 1;
	}
	children = number(argv[4]);
	for (i = 0; i < children; i++)
		if (spawn(argv[0])) {
			perror("tracee-workload: child");
			return 1;
		}
	return 0;
}
