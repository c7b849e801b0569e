// SPDX-License-Identifier: GPL-2.0
/*
 * -e expressions, as strace reads them: trace=SET, signal=SET, status=SET,
 * inject=SET:error=ERRNO|retval=N[:signal=SIG][:when=EXPR][:rate=PERCENT]
 * [:seed=N], fault=SET... (rate= and seed= are stracy's own).
 * A syscall SET is a comma-separated list of names, %CLASS (or CLASS),
 * /REGEX, ?NAME (no error if no ABI has it), all and none, the whole
 * list negated by a leading '!'. A name selects the syscall of that name
 * in every ABI that has one; it is an error only if no ABI has it.
 */
#include <errno.h>
#include <inttypes.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stracy.h"
#include "syscalls.h"

/* Numbers beyond the table: ARM's private syscalls, 0x0f0000 and on. */
#define ARM_PRIVATE	0x0f0000

static const struct {
	const char *name;
	unsigned int mask;
} classes[] = {
	{ "file", TF }, { "process", TP }, { "network", TN }, { "net", TN },
	{ "signal", TS }, { "ipc", TI }, { "desc", TD }, { "memory", TM },
	{ "creds", TC }, { "clock", TCL }, { "stat", TST }, { "lstat", TLST },
	{ "fstat", TFST }, { "%stat", TSTA }, { "statfs", TSF },
	{ "fstatfs", TFSF }, { "%statfs", TSFA }, { "pure", PU },
};

static void fail(const char *fmt, const char *what)
{
	fprintf(stderr, "stracy: ");
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
}

/* Calls set(abi, nr) for every syscall of every ABI that matches. */
typedef bool (*syscall_match)(const char *name, const void *arg);

static int select_syscalls(bool sel[TRACY_ABI_COUNT][MAX_SYSCALLS],
			   syscall_match match, const void *arg, bool on)
{
	int abi, nr, found = 0;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		for (nr = 0; nr < MAX_SYSCALLS; nr++) {
			const char *name = get_syscall_name_abi(nr, abi);

			if (name && match(name, arg)) {
				sel[abi][nr] = on;
				found++;
			}
		}
	return found;
}

static bool match_name(const char *name, const void *arg)
{
	return !strcmp(name, arg);
}

static bool match_class(const char *name, const void *arg)
{
	const struct sysent *s = sysent_find(name);

	return s && (s->classes & *(const unsigned int *)arg);
}

static bool match_regex(const char *name, const void *arg)
{
	return !regexec(arg, name, 0, NULL, 0);
}

static bool match_all(const char *name, const void *arg)
{
	(void)name;
	(void)arg;
	return true;
}

/* One element of a syscall set. 0, or -1 after an error message. */
static int select_element(bool sel[TRACY_ABI_COUNT][MAX_SYSCALLS],
			  const char *elem, bool on)
{
	bool optional = *elem == '?';
	unsigned int i;

	if (optional)
		elem++;
	if (!strcmp(elem, "all")) {
		select_syscalls(sel, match_all, NULL, on);
		return 0;
	}
	if (!strcmp(elem, "none")) {
		select_syscalls(sel, match_all, NULL, !on);
		return 0;
	}
	if (*elem == '/') {
		regex_t re;
		int err = regcomp(&re, elem + 1, REG_EXTENDED | REG_NOSUB);

		if (err) {
			char msg[128];

			regerror(err, &re, msg, sizeof(msg));
			fprintf(stderr, "stracy: regcomp: %s: %s\n", elem + 1, msg);
			return -1;
		}
		select_syscalls(sel, match_regex, &re, on);
		regfree(&re);
		return 0;
	}
	for (i = 0; i < sizeof(classes) / sizeof(*classes); i++) {
		const char *cls = classes[i].name;

		if ((*elem == '%' && !strcmp(elem + 1, cls)) ||
		    (*cls != '%' && !strcmp(elem, cls))) {
			select_syscalls(sel, match_class, &classes[i].mask, on);
			return 0;
		}
	}
	if (!select_syscalls(sel, match_name, elem, on) && !optional) {
		fail("invalid system call '%s'", elem);
		return -1;
	}
	return 0;
}

/* A syscall set into sel (cleared first). 0, or -1 after a message. */
static int parse_syscall_set(bool sel[TRACY_ABI_COUNT][MAX_SYSCALLS],
			     const char *set)
{
	bool negate = *set == '!';
	char *copy, *elem, *save;
	int ret = 0;

	if (negate)
		set++;
	memset(sel, negate, sizeof(bool) * TRACY_ABI_COUNT * MAX_SYSCALLS);
	if (!*set) {
		fail("invalid system call '%s'", set);
		return -1;
	}
	copy = strdup(set);
	for (elem = strtok_r(copy, ",", &save); elem && !ret;
	     elem = strtok_r(NULL, ",", &save))
		ret = select_element(sel, elem, !negate);
	free(copy);
	return ret;
}

static int parse_signal_set(const char *set)
{
	bool negate = *set == '!';
	char *copy, *elem, *save;
	int sig, ret = 0;

	if (negate)
		set++;
	for (sig = 0; sig <= 64; sig++)
		opt.signals[sig] = negate;
	copy = strdup(set);
	for (elem = strtok_r(copy, ",", &save); elem;
	     elem = strtok_r(NULL, ",", &save)) {
		if (!strcmp(elem, "all") || !strcmp(elem, "none")) {
			for (sig = 0; sig <= 64; sig++)
				opt.signals[sig] = (elem[0] == 'a') != negate;
			continue;
		}
		sig = signal_number(elem);
		if (sig < 0) {
			fail("invalid signal '%s'", elem);
			ret = -1;
			break;
		}
		opt.signals[sig] = !negate;
	}
	free(copy);
	return ret;
}

static int parse_status_set(const char *set)
{
	static const struct { const char *name; unsigned int bit; } st[] = {
		{ "successful", STATUS_SUCCESSFUL }, { "failed", STATUS_FAILED },
		{ "unfinished", STATUS_UNFINISHED },
		{ "unavailable", STATUS_UNAVAILABLE },
		{ "detached", STATUS_DETACHED }, { "all", STATUS_ALL },
		{ "none", 0 },
	};
	bool negate = *set == '!';
	char *copy, *elem, *save;
	unsigned int bits = 0, i;
	int ret = 0;

	if (negate)
		set++;
	copy = strdup(set);
	for (elem = strtok_r(copy, ",", &save); elem && !ret;
	     elem = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(st) / sizeof(*st); i++)
			if (!strcmp(st[i].name, elem))
				break;
		if (i == sizeof(st) / sizeof(*st)) {
			fail("invalid status '%s'", elem);
			ret = -1;
		} else {
			bits |= st[i].bit;
		}
	}
	free(copy);
	opt.status = negate ? STATUS_ALL & ~bits : bits;
	return ret;
}

/* when=FIRST[..LAST][+[STEP]] */
static bool parse_when(const char *s, struct inject *in)
{
	char *end;

	in->first = strtoul(s, &end, 10);
	if (end == s || !in->first)
		return false;
	in->last = in->first;
	in->step = 0;
	if (!strncmp(end, "..", 2)) {
		s = end + 2;
		in->last = strtoul(s, &end, 10);
		if (end == s || in->last < in->first)
			return false;
	}
	if (*end == '+') {
		s = end + 1;
		if (!*s) {
			in->step = 1;
		} else {
			in->step = strtoul(s, &end, 10);
			if (end == s || !in->step)
				return false;
		}
		if (in->last == in->first && !strstr(s - 1, ".."))
			in->last = (unsigned long)-1;
	}
	return !*end;
}

/* rate=PERCENT: a number from 0 to 100, decimals allowed. */
static bool parse_rate(const char *s, double *rate)
{
	char *end;

	errno = 0;
	*rate = strtod(s, &end);
	return !errno && end != s && !*end && *rate >= 0 && *rate <= 100;
}

/* seed=N: an unsigned 64-bit number, decimal or 0x hex. */
static bool parse_seed(const char *s, uint64_t *seed)
{
	char *end;

	errno = 0;
	*seed = strtoull(s, &end, 0);
	return !errno && end != s && !*end && *s != '-';
}

static int parse_inject(const char *arg, bool fault)
{
	static bool sel[TRACY_ABI_COUNT][MAX_SYSCALLS];
	struct inject in = { .set = true, .first = 1, .last = (unsigned long)-1,
			     .step = 1, .error = fault ? ENOSYS : 0,
			     .rate = 100 };
	char *copy = strdup(arg), *part, *save;
	bool have_action = fault, have_seed = false, ok = true;
	int abi, nr;

	part = strtok_r(copy, ":", &save);
	if (!part || parse_syscall_set(sel, part)) {
		free(copy);
		return -1;
	}
	while (ok && (part = strtok_r(NULL, ":", &save))) {
		if (!strncmp(part, "error=", 6)) {
			in.error = errno_number(part + 6);
			ok = in.error > 0;
			have_action = true;
		} else if (!strncmp(part, "retval=", 7) && !fault) {
			char *end;

			in.retval = strtol(part + 7, &end, 0);
			in.error = 0;
			ok = end != part + 7 && !*end && in.retval >= 0;
			have_action = true;
		} else if (!strncmp(part, "signal=", 7) && !fault) {
			in.signal = signal_number(part + 7);
			ok = in.signal > 0;
			have_action = true;
		} else if (!strncmp(part, "when=", 5)) {
			ok = parse_when(part + 5, &in);
		} else if (!strncmp(part, "rate=", 5)) {
			ok = parse_rate(part + 5, &in.rate);
		} else if (!strncmp(part, "seed=", 5)) {
			ok = parse_seed(part + 5, &in.seed);
			have_seed = true;
		} else {
			ok = false;
		}
	}
	free(copy);
	if (!ok || !have_action) {
		fprintf(stderr, "stracy: invalid %s argument '%s'\n",
			fault ? "fault" : "inject", arg);
		return -1;
	}
	if (in.rate < 100 && !have_seed) {
		/* A run is repeated with the seed it says. */
		in.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
		fprintf(stderr, "stracy: -e %s=%s chooses with seed=%" PRIu64
			"\n",
			fault ? "fault" : "inject", arg, in.seed);
	}
	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		for (nr = 0; nr < MAX_SYSCALLS; nr++)
			if (sel[abi][nr]) {
				opt.inject[abi][nr] = in;
				opt.any_inject = true;
			}
	return 0;
}

void qualify_defaults(void)
{
	select_syscalls(opt.trace, match_all, NULL, true);
	memset(opt.signals, 1, sizeof(opt.signals));
	opt.status = STATUS_ALL;
}

int qualify(const char *expr)
{
	const char *eq = strchr(expr, '=');
	size_t len = eq ? (size_t)(eq - expr) : 0;
	const char *val = eq ? eq + 1 : expr;

#define IS(name)	(len == strlen(name) && !strncmp(expr, name, len))
	if (!eq || IS("trace") || IS("t"))
		return parse_syscall_set(opt.trace, val);
	if (IS("signal") || IS("signals") || IS("s"))
		return parse_signal_set(val);
	if (IS("status"))
		return parse_status_set(val);
	if (IS("inject"))
		return parse_inject(val, false);
	if (IS("fault"))
		return parse_inject(val, true);
	if (IS("read") || IS("reads") || IS("write") || IS("writes")) {
		fprintf(stderr, "stracy: -e %.*s= is not supported: stracy does "
			"not dump the data of descriptors\n", (int)len, expr);
		return -1;
	}
	if (IS("abbrev") || IS("a") || IS("verbose") || IS("v") ||
	    IS("raw") || IS("x") || IS("quiet") || IS("silent") ||
	    IS("silence") || IS("q") || IS("decode-fds") ||
	    IS("decode-fd") || IS("decode-pids") || IS("decode-pid") ||
	    IS("kvm") || IS("secontext")) {
		fprintf(stderr, "stracy: -e %.*s= is not supported: stracy has "
			"no per-syscall or per-kind choice of it (-v, -X, -q, -y "
			"apply to all)\n", (int)len, expr);
		return -1;
	}
#undef IS
	fprintf(stderr, "stracy: invalid -e qualifier '%.*s' (stracy knows "
		"trace, signal, status, inject and fault)\n", (int)len, expr);
	return -1;
}

bool syscall_traced(int abi, long nr)
{
	return nr >= 0 && nr < MAX_SYSCALLS && opt.trace[abi][nr];
}

struct inject *syscall_inject(int abi, long nr)
{
	if (nr < 0 || nr >= MAX_SYSCALLS || !opt.inject[abi][nr].set)
		return NULL;
	return &opt.inject[abi][nr];
}
