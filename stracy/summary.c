// SPDX-License-Identifier: GPL-2.0
/*
 * -c and -C: strace's table of calls, errors and time per syscall. The
 * time is, as strace's, the system time of the calls: here the CPU time
 * the thread used from its entry stop to its exit stop (main.c), all of
 * it in the kernel. With -w, the wall-clock time between the two stops.
 */
#include <stdlib.h>
#include <string.h>

#include "stracy.h"

struct count {
	int abi;
	long nr;
	unsigned long calls, errors;
	double seconds;
};

static struct count counts[TRACY_ABI_COUNT][MAX_SYSCALLS];

void summary_count(int abi, long nr, const struct timespec *spent, bool error)
{
	struct count *c;

	if (nr < 0 || nr >= MAX_SYSCALLS)
		return;
	c = &counts[abi][nr];
	c->abi = abi;
	c->nr = nr;
	c->calls++;
	c->errors += error;
	c->seconds += (double)spent->tv_sec + (double)spent->tv_nsec / 1e9;
}

static const char *name_of(const struct count *c)
{
	const char *name = get_syscall_name_abi((int)c->nr, c->abi);

	return name ? name : "?";
}

static int by_order(const void *pa, const void *pb)
{
	const struct count *a = pa, *b = pb;
	const char *s = opt.sort_by ? opt.sort_by : "time";

	if (!strcmp(s, "calls") || !strcmp(s, "count"))
		return a->calls < b->calls ? 1 : a->calls > b->calls ? -1 : 0;
	if (!strcmp(s, "errors"))
		return a->errors < b->errors ? 1 : a->errors > b->errors ? -1 : 0;
	if (!strcmp(s, "name") || !strcmp(s, "syscall"))
		return strcmp(name_of(a), name_of(b));
	if (!strcmp(s, "nothing") || !strcmp(s, "none"))
		return 0;
	return a->seconds < b->seconds ? 1 : a->seconds > b->seconds ? -1 : 0;
}

static void print_table(FILE *f, int abi, struct count *rows, size_t n)
{
	static const char line[] = "------ ----------- ----------- --------- "
				   "--------- ----------------\n";
	unsigned long calls = 0, errors = 0;
	double total = 0;
	size_t i;

	if (TRACY_ABI_COUNT > 1 && abi != TRACY_ABI_NATIVE)
		fprintf(f, "System call usage summary for %d bit mode:\n",
			abi == TRACY_ABI_NATIVE ? 64 : 32);
	for (i = 0; i < n; i++)
		total += rows[i].seconds;
	fprintf(f, "%% time     seconds  usecs/call     calls    errors syscall\n");
	fputs(line, f);
	for (i = 0; i < n; i++) {
		struct count *c = &rows[i];

		calls += c->calls;
		errors += c->errors;
		fprintf(f, "%6.2f %11.6f %11lu %9lu ",
			total > 0 ? 100 * c->seconds / total : 0.0, c->seconds,
			(unsigned long)(c->seconds * 1e6 / (double)c->calls),
			c->calls);
		if (c->errors)
			fprintf(f, "%9lu %s\n", c->errors, name_of(c));
		else
			fprintf(f, "%9s %s\n", "", name_of(c));
	}
	fputs(line, f);
	fprintf(f, "%6.2f %11.6f %11lu %9lu ", 100.0, total,
		calls ? (unsigned long)(total * 1e6 / (double)calls) : 0UL, calls);
	if (errors)
		fprintf(f, "%9lu total\n", errors);
	else
		fprintf(f, "%9s total\n", "");
}

void summary_print(FILE *f)
{
	int abi;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++) {
		struct count rows[MAX_SYSCALLS];
		size_t n = 0;
		long nr;

		for (nr = 0; nr < MAX_SYSCALLS; nr++)
			if (counts[abi][nr].calls)
				rows[n++] = counts[abi][nr];
		if (!n && abi != TRACY_ABI_NATIVE)
			continue;
		/* Ties keep the order of numbers, as in strace. */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && by_order(&rows[j - 1], &rows[j]) > 0; j--) {
				struct count tmp = rows[j];

				rows[j] = rows[j - 1];
				rows[j - 1] = tmp;
			}
		print_table(f, abi, rows, n);
	}
	fflush(f);
}
