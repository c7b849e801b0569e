/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the libtracy-fast test: the tracee's scripts
 * (tracee.c), which the test runs by executing itself with TRACEE_ARG.
 * Only libtracy.c includes kselftest_harness.h.
 */
#ifndef LIBTRACY_TEST_H
#define LIBTRACY_TEST_H

#define TRACEE_ARG	"--tracee"

/* What the "basic" script writes, to /dev/null. */
#define MARK		"tracy-fast"
#define MARK_LEN	10

/* The "memory" script's buffer: odd-aligned, over several pages. */
#define MEM_LEN		10001
static inline unsigned char mem_pattern(int which, long i)
{
	return (unsigned char)(which ? i * 13 + 5 : i * 7 + 3);
}

/* The "many" script: getpid calls before and after its one getppid. */
#define MANY_GETPIDS	500
/* What the "readv" script reads. */
#define READV_LEN	16

/* Exit statuses of the scripts beyond 0 (what the test expected). */
#define TRACEE_WRONG	3	/* a result the tracer should have changed */
#define TRACEE_USAGE	64

/* Runs script argv[2]; its exit status. */
int tracee_main(int argc, char **argv);

#endif /* LIBTRACY_TEST_H */
