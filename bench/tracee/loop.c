// SPDX-License-Identifier: GPL-2.0
/*
 * tracee-loop: the tracee of the syscall and memory benchmarks
 * (bench/programs/syscall.c, bench/programs/memory.c).
 *
 *   tracee-loop loop N FD          N getpid calls; their time goes to FD
 *   tracee-loop attach N FD GO     says TRACEE_READY on FD, waits until it
 *                                  can read a byte from GO, then as loop
 *   tracee-loop memory SIZE        hands SIZE bytes of tracee_pattern() to
 *                                  the tracer: getppid(buffer, SIZE)
 *
 * The loop times itself, so that what is reported is what a traced
 * program loses per system call: the start-up of the tracee (exec, the
 * tracer's set-up) is outside the measurement, the stops and whatever the
 * tracer does while the tracee waits are inside.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tracee.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static long number(const char *text)
{
	return tracee_count("tracee-loop", text);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t done;

	while (len) {
		done = write(fd, p, len);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		p += done;
		len -= done;
	}
	return 0;
}

/* syscall(), not getpid(): no libc may answer from a cache. */
static int loop(long n, int fd)
{
	struct tracee_result result;
	uint64_t start;
	long i;

	start = now_ns();
	for (i = 0; i < n; i++)
		syscall(SYS_getpid);
	result.loop_ns = now_ns() - start;
	return write_all(fd, &result, sizeof(result));
}

static int wait_for_go(int fd, int go)
{
	char ready = TRACEE_READY, byte;
	ssize_t got;

	if (write_all(fd, &ready, 1))
		return -1;
	do
		got = read(go, &byte, 1);
	while (got < 0 && errno == EINTR);
	return got == 1 ? 0 : -1;
}

static int memory(long size)
{
	unsigned char *buf = malloc(size ? size : 1);
	long i;

	if (!buf)
		return -1;
	for (i = 0; i < size; i++)
		buf[i] = tracee_pattern(i);
	/* getppid takes no argument: the tracer reads them at its entry. */
	syscall(SYS_getppid, buf, size);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int err;

	if (!strcmp(mode, "loop") && argc == 4)
		err = loop(number(argv[2]), number(argv[3]));
	else if (!strcmp(mode, "attach") && argc == 5)
		err = wait_for_go(number(argv[3]), number(argv[4])) ||
		      loop(number(argv[2]), number(argv[3]));
	else if (!strcmp(mode, "memory") && argc == 3)
		err = memory(number(argv[2]));
	else {
		fprintf(stderr, "usage: tracee-loop loop N FD | "
			"attach N FD GO | memory SIZE\n");
		return 2;
	}
	if (err) {
		perror("tracee-loop");
		return 1;
	}
	return 0;
}
