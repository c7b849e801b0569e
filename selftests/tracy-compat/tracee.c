/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Tracy-style programs of this directory trace, by its first
 * argument:
 *   write DIR NAME   creates DIR/NAME (a sandbox lets it or not)
 *   getppid          prints what getppid(2) returns
 *   hello            writes "hello" once, with one write(2)
 *   fork N           forks N children that each call getppid, waits
 *   sleep-after MS   getpid, then MS ms without syscalls, then "woke"
 *   loop             getpid every ms until a signal ends it
 *   exit N           exits with status N
 * Plain C, built with the system compiler: no libtracy-fast in it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t))
		;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	char path[4096];
	int i, fd;

	if (!strcmp(what, "write") && argc == 4) {
		snprintf(path, sizeof(path), "%s/%s", argv[2], argv[3]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		return fd < 0 ? 2 : 0;
	}
	if (!strcmp(what, "getppid")) {
		printf("getppid %ld\n", (long)syscall(SYS_getppid));
		return 0;
	}
	if (!strcmp(what, "hello"))
		return write(1, "hello\n", 6) == 6 ? 0 : 2;
	if (!strcmp(what, "fork") && argc == 3) {
		for (i = 0; i < atoi(argv[2]); i++)
			if (!fork()) {
				syscall(SYS_getppid);
				_exit(0);
			}
		while (wait(NULL) > 0)
			;
		return 0;
	}
	if (!strcmp(what, "sleep-after") && argc == 3) {
		syscall(SYS_getpid);
		sleep_ms(atol(argv[2]));
		printf("woke\n");
		return 0;
	}
	if (!strcmp(what, "loop"))
		for (;;) {
			syscall(SYS_getpid);
			sleep_ms(1);
		}
	if (!strcmp(what, "exit") && argc == 3)
		return atoi(argv[2]);
	fprintf(stderr, "usage: %s write DIR NAME | getppid | hello | "
		"fork N | sleep-after MS | loop | exit N\n", argv[0]);
	return 64;
}
