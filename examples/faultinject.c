// SPDX-License-Identifier: GPL-2.0
/*
 * faultinject: makes chosen syscalls of a command, and of its children,
 * fail. Each -e SYSCALL=ERRNO names a syscall and the errno it fails
 * with; each call of it fails with probability RATE (-r, 0 to 1, default
 * 1: every call), drawn from a pseudo-random sequence that starts at SEED
 * (-s), so that a run can be repeated exactly: the same seed and the same
 * calls in the same order fail the same way (the processes of a command
 * that races do not always make their calls in the same order). The
 * failure is made at the syscall's entry, with tracy_deny_syscall(): the
 * syscall does not run and the tracee sees -1 with that errno. The hooks
 * are entry-only, so where the kernel has syscall stop masks the tracee
 * does not even stop at the exits. faultinject prints the seed, each
 * failure with -v, and at the end what it failed, to stderr, and exits
 * with the command's status. Usage:
 *
 *	faultinject -e SYSCALL=ERRNO [-e ...] [-r RATE] [-s SEED] [-v]
 *		    -- COMMAND [ARG...]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tracy.h>
#include "common.h"

#define MAX_FAULTS	32

/* A syscall to fail, and what happened to it. */
static struct fault {
	char name[64];
	int err;
	unsigned long calls, failed;
} faults[MAX_FAULTS];
static int nfaults;

static double rate = 1.0;
static uint64_t random_state;
static int verbose;

/*
 * splitmix64: a small generator with a fixed definition, so a seed gives
 * the same sequence with every C library.
 */
static uint64_t random_next(void)
{
	uint64_t z = (random_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* True with probability 'rate'. */
static int random_chance(void)
{
	/* The top 53 bits: a double in [0, 1). */
	return (double)(random_next() >> 11) * 0x1.0p-53 < rate;
}

static struct fault *fault_of(const struct tracy_event *e)
{
	const char *name = get_syscall_name_abi(e->syscall_num, e->abi);
	int i;

	for (i = 0; name && i < nfaults; i++)
		if (!strcmp(faults[i].name, name))
			return &faults[i];
	return NULL;
}

/* Entry-only: called at the entry stop of each syscall of faults[]. */
static int fault_hook(struct tracy_event *e)
{
	struct fault *f = fault_of(e);

	if (!f)
		return TRACY_HOOK_CONTINUE;
	f->calls++;
	if (!random_chance())
		return TRACY_HOOK_CONTINUE;
	f->failed++;
	if (verbose)
		fprintf(stderr, "faultinject: %d %s fails with %s\n",
			e->child->pid, f->name, example_errno_name(f->err));
	/* EPERM is what TRACY_HOOK_DENY makes; other errnos need the call. */
	if (f->err == EPERM)
		return TRACY_HOOK_DENY;
	if (tracy_deny_syscall_errno(e->child, f->err)) {
		perror("faultinject: tracy_deny_syscall_errno");
		return TRACY_HOOK_ABORT;
	}
	return TRACY_HOOK_CONTINUE;
}

static void __attribute__((noreturn)) usage(const char *why)
{
	if (why)
		fprintf(stderr, "faultinject: %s\n", why);
	fputs("usage: faultinject -e SYSCALL=ERRNO [-e ...] [-r RATE]\n"
	      "                   [-s SEED] [-v] -- COMMAND [ARG...]\n"
	      "Fails syscalls of COMMAND and its children.\n"
	      "  -e SYSCALL=ERRNO  fail SYSCALL with ERRNO, a name or a\n"
	      "                    number (such as openat=ENOENT)\n"
	      "  -r RATE  the share of calls that fail, 0 to 1 (default 1)\n"
	      "  -s SEED  where the pseudo-random sequence starts\n"
	      "           (default: from the clock)\n"
	      "  -v       print each failure as it is made\n", stderr);
	exit(EXIT_TOOL_FAILED);
}

/* "SYSCALL=ERRNO" of -e into faults[]. */
static void add_fault(const char *spec)
{
	const char *eq = strchr(spec, '=');
	struct fault *f = &faults[nfaults];
	int i;

	if (nfaults == MAX_FAULTS)
		usage("too many -e");
	if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof(f->name))
		usage("-e wants SYSCALL=ERRNO, such as openat=ENOENT");
	memcpy(f->name, spec, eq - spec);
	f->name[eq - spec] = '\0';
	f->err = example_errno_parse(eq + 1);
	if (f->err < 0) {
		fprintf(stderr, "faultinject: %s is no errno\n", eq + 1);
		usage(NULL);
	}
	for (i = 0; i < nfaults; i++)
		if (!strcmp(faults[i].name, f->name)) {
			fprintf(stderr, "faultinject: -e %s given twice\n",
				f->name);
			usage(NULL);
		}
	nfaults++;
}

static void parse_args(int argc, char **argv)
{
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "+e:r:s:v")) != -1) {
		switch (opt) {
		case 'e':
			add_fault(optarg);
			break;
		case 'r':
			errno = 0;
			rate = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(rate >= 0 && rate <= 1))
				usage("-r wants a number from 0 to 1");
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || *optarg == '-')
				usage("-s wants a number");
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage(NULL);
		}
	}
	if (!nfaults)
		usage("no -e SYSCALL=ERRNO given");
	if (optind >= argc)
		usage("no command given");
	random_state = seed;
	fprintf(stderr, "faultinject: seed %" PRIu64 "\n", seed);
}

int main(int argc, char **argv)
{
	struct tracy *t;
	int i, hooked, status;

	parse_args(argc, argv);
	t = tracy_init(TRACY_TRACE_CHILDREN);
	if (!t) {
		perror("faultinject: tracy_init");
		return EXIT_TOOL_FAILED;
	}
	for (i = 0; i < nfaults; i++) {
		hooked = example_hook(t, faults[i].name, fault_hook,
				      TRACY_HOOK_ENTRY_ONLY);
		if (hooked <= 0) {
			if (hooked < 0)
				perror("faultinject: tracy_set_hook");
			else
				fprintf(stderr, "faultinject: no ABI of this "
					"machine has a syscall %s\n",
					faults[i].name);
			tracy_free(t);
			return EXIT_TOOL_FAILED;
		}
	}
	status = example_run(t, argv + optind, NULL);
	tracy_free(t);
	for (i = 0; i < nfaults; i++)
		fprintf(stderr, "faultinject: %s: %lu calls, %lu failed with "
			"%s\n", faults[i].name, faults[i].calls,
			faults[i].failed, example_errno_name(faults[i].err));
	return status;
}
