// SPDX-License-Identifier: GPL-2.0
/*
 * The kmemleak steps of a debug guest's test list (qemu/debug.mk), built
 * twice: as kmemleak-clear (KMEMLEAK_CLEAR=1), the first program,
 * which forgets what boot left behind; and as kmemleak-check, the last,
 * which waits until the objects of the last test are old enough to be
 * reported, scans, and fails with kmemleak's report if there is one.
 * Output is TAP, like every test program of the guests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#ifndef KMEMLEAK_CLEAR
#define KMEMLEAK_CLEAR 0
#endif

#define DEBUGFS "/sys/kernel/debug"
#define KMEMLEAK DEBUGFS "/kmemleak"
/* kmemleak ignores objects younger than 5 s (MSECS_MIN_AGE). */
#define MIN_AGE_SECONDS 6

static int command(const char *what)
{
	FILE *f = fopen(KMEMLEAK, "w");
	int ok;

	if (!f) {
		printf("# cannot open %s: %s\n", KMEMLEAK, strerror(errno));
		return -1;
	}
	ok = fputs(what, f) >= 0;
	ok = !fclose(f) && ok;
	if (!ok)
		printf("# '%s' > %s: %s\n", what, KMEMLEAK, strerror(errno));
	return ok ? 0 : -1;
}

/* Prints kmemleak's report as TAP comments; returns how many leaks. */
static int print_report(void)
{
	char line[512];
	int leaks = 0;
	FILE *f = fopen(KMEMLEAK, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "unreferenced object", 19))
			leaks++;
		printf("# %s", line);
	}
	fclose(f);
	return leaks;
}

static int clear(void)
{
	if (command("clear")) {
		printf("not ok 1 kmemleak: clear what boot left\n");
		return 1;
	}
	printf("ok 1 kmemleak: clear what boot left\n");
	return 0;
}

static int check(void)
{
	int leaks;

	sleep(MIN_AGE_SECONDS);
	/* The second scan confirms what the first one found. */
	if (command("scan") || command("scan")) {
		printf("not ok 1 kmemleak: no leak after the tests\n");
		return 1;
	}
	leaks = print_report();
	if (leaks) {
		printf("not ok 1 kmemleak: no leak after the tests (%s)\n",
		       leaks < 0 ? "no report to read" : "leaks reported");
		return 1;
	}
	printf("ok 1 kmemleak: no leak after the tests\n");
	return 0;
}

int main(void)
{
	printf("TAP version 13\n1..1\n");
	if (mount("debugfs", DEBUGFS, "debugfs", 0, NULL) && errno != EBUSY)
		printf("# mount debugfs: %s\n", strerror(errno));
	return KMEMLEAK_CLEAR ? clear() : check();
}
