/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmark tracers and their tracees (bench/tracee/) agree on.
 * The tracees are static programs, so that after their start-up they make
 * only the system calls written in them, on the host and in the guests.
 */
#ifndef TRACY_FAST_BENCH_TRACEE_H
#define TRACY_FAST_BENCH_TRACEE_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * The byte at offset i of the buffer that tracee-loop's memory mode hands
 * to its tracer: not zero, not a repeated word, so that a read from the
 * wrong offset or a short copy shows.
 */
static inline uint8_t tracee_pattern(size_t i)
{
	return (uint8_t)(i * 31 + (i >> 8) + 7);
}

/* What tracee-loop writes to its result descriptor: the loop's time. */
struct tracee_result {
	uint64_t loop_ns;
};

/* A count from the command line of tracee 'program'; exits 2 if it is not. */
static inline long tracee_count(const char *program, const char *text)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < 0) {
		fprintf(stderr, "%s: '%s' is not a count\n", program, text);
		exit(2);
	}
	return value;
}

/* The byte tracee-loop's attach mode writes when it waits for GO. */
#define TRACEE_READY	'r'

#endif /* TRACY_FAST_BENCH_TRACEE_H */
