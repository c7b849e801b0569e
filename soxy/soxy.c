// SPDX-License-Identifier: GPL-2.0
/*
 * soxy: runs a command, or attaches to a running process, so that every
 * TCP connection it opens to an address that is not excluded goes
 * through a SOCKS5 proxy, whether the program is dynamic, static or made
 * of raw syscalls. soxy(1) is the user's manual; this is how it works.
 *
 * The only syscalls that stop a tracee are connect() and getpeername()
 * (and, for i386 programs, socketcall(), which carries both there), all
 * at their entry only. At a connect() to an IPv4 or IPv6 address, soxy
 * takes a duplicate of the tracee's socket descriptor (pidfd_getfd(2)):
 * the same socket, the same open file, its O_NONBLOCK included. With
 * it, soxy connects the socket to the proxy and speaks SOCKS5 on it,
 * while the tracee waits at the stop, and then makes the tracee's
 * connect() return what a direct connection would have returned: 0 on a
 * blocking socket, EINPROGRESS on a non-blocking one (the socket is
 * connected already, so poll() and SO_ERROR report it at once), or the
 * errno the proxy's reply stands for. A non-blocking connect() that the
 * proxy reports refused returns EINPROGRESS as well, and soxy leaves the
 * socket with the same pending error as a direct attempt: it disconnects
 * it from the proxy and starts a connection to a local port that refuses
 * (poll() then says POLLERR, SO_ERROR says ECONNREFUSED). After the
 * stop the program's data goes from its socket to the proxy without
 * soxy. getpeername() on such a socket answers the original destination.
 *
 * This file: the options, running or attaching, signals. hooks.c: the
 * hooks; tracee.c: a tracee's syscall arguments, results, descriptors;
 * socks5.c: the SOCKS5 client; addr.c: addresses and CIDR ranges.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tracy.h>

#include "common.h"
#include "soxy.h"
#include "tracee.h"

#define DEFAULT_PROXY		"127.0.0.1:1080"

struct soxy_config soxy = { .refuser4 = -1, .refuser6 = -1 };

static volatile sig_atomic_t stop_requested;

void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("soxy: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void usage(const char *why)
{
	if (why && *why)
		fprintf(stderr, "soxy: %s\n", why);
	fputs("usage: soxy [-s HOST:PORT] [-u USER:PASS] [--dns] "
	      "[--dns-server HOST:PORT]\n"
	      "            [--exclude CIDR]... [--no-default-excludes] [-v]\n"
	      "            -- COMMAND [ARG...]\n"
	      "       soxy [OPTION]... -p PID\n"
	      "Sends the TCP connections of COMMAND (or of process PID and its\n"
	      "threads) through a SOCKS5 proxy, static programs included.\n"
	      "  -s, --server HOST:PORT  the proxy (default " DEFAULT_PROXY
	      "; [IPV6]:PORT)\n"
	      "  -u, --user USER:PASS    authenticate (RFC 1929); or the\n"
	      "                          environment variable SOXY_USER\n"
	      "  --dns                   names through the proxy too: glibc's\n"
	      "                          resolver asks over TCP, through the\n"
	      "                          proxy; a UDP socket connect()ed to\n"
	      "                          port 53 gets its answers from the\n"
	      "                          proxy over TCP (soxy(1) says what is\n"
	      "                          covered)\n"
	      "  --dns-server HOST:PORT  --dns, and the proxy connects to this\n"
	      "                          name server instead of the program's\n"
	      "  --exclude CIDR          connect directly to these addresses\n"
	      "                          (repeatable; loopback, 127.0.0.0/8 and\n"
	      "                          ::1, is excluded by default)\n"
	      "  --no-default-excludes   proxy loopback destinations too (the\n"
	      "                          proxy itself is never proxied)\n"
	      "  -p, --pid PID           attach to a running process\n"
	      "  -v, --verbose           say what happens to each connection\n"
	      "  -h, --help              this text\n"
	      "See soxy(1).\n", why ? stderr : stdout);
	exit(why ? EXIT_TOOL_FAILED : 0);
}

static void parse_user(char *text)
{
	char *colon = strchr(text, ':');

	if (!colon)
		usage("-u: expected USER:PASS");
	*colon = '\0';
	soxy.auth.user = text;
	soxy.auth.password = colon + 1;
	if (!*soxy.auth.user || strlen(soxy.auth.user) > 255 ||
	    strlen(soxy.auth.password) > 255)
		usage("-u: USER and PASS must have 1 to 255 bytes");
}

static void add_exclude(const char *text)
{
	if (soxy.nexcludes == MAX_EXCLUDES)
		usage("too many --exclude");
	if (soxy_cidr_parse(&soxy.excludes[soxy.nexcludes], text))
		usage("--exclude: expected ADDRESS[/BITS]");
	soxy.nexcludes++;
}

/* HOST:PORT of option 'name', or the usage and exit. */
static void parse_address(struct soxy_addr *a, const char *name,
			  const char *text)
{
	const char *why;

	if (soxy_addr_parse(a, text, &why)) {
		fprintf(stderr, "soxy: %s %s: %s\n", name, text, why);
		usage("");
	}
}

static int parse_args(int argc, char **argv)
{
	static const struct option options[] = {
		{ "server", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "dns", no_argument, NULL, 'd' },
		{ "dns-server", required_argument, NULL, 'D' },
		{ "no-default-excludes", no_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *server = DEFAULT_PROXY, *dns_server = NULL;
	bool defaults = true;
	char *user = getenv("SOXY_USER"), *end;
	int opt;

	while ((opt = getopt_long(argc, argv, "+s:u:p:vh", options,
				  NULL)) != -1) {
		switch (opt) {
		case 's':
			server = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 'x':
			add_exclude(optarg);
			break;
		case 'd':
			soxy.dns = true;
			break;
		case 'D':
			dns_server = optarg;
			soxy.dns = true;
			break;
		case 'n':
			defaults = false;
			break;
		case 'p':
			soxy.attach_pid = (pid_t)strtol(optarg, &end, 10);
			if (*end || soxy.attach_pid <= 0)
				usage("-p: expected a process id");
			break;
		case 'v':
			soxy.verbose = true;
			break;
		case 'h':
			usage(NULL);
			break;
		default:
			usage("");
		}
	}
	parse_address(&soxy.proxy, "-s", server);
	if (dns_server) {
		parse_address(&soxy.dns_server, "--dns-server", dns_server);
		soxy.dns_server_set = true;
	}
	if (user)
		parse_user(strdup(user));
	if (defaults) {
		add_exclude("127.0.0.0/8");
		add_exclude("::1");
	}
	if (soxy.attach_pid && optind < argc)
		usage("either -p PID or a command, not both");
	if (!soxy.attach_pid && optind >= argc)
		usage("no command given");
	return optind;
}

/*
 * --dns, for a command soxy starts: glibc's resolver asks its name
 * servers over TCP ("use-vc", resolv.conf(5)), a connection soxy sends
 * through the proxy as any other. Its UDP queries would go through the
 * relay of dns.c (glibc 2.36 takes the answer of its socket's connected
 * peer), with a process and a round trip more, and a glibc that checks
 * where an answer comes from would drop it.
 */
static int resolve_over_tcp(void)
{
	const char *old = getenv("RES_OPTIONS");
	char *value;
	int err;

	if (asprintf(&value, "%s%suse-vc", old ? old : "",
		     old ? " " : "") < 0)
		return -1;
	err = setenv("RES_OPTIONS", value, 1);
	free(value);
	return err;
}

/*
 * A signal that arrives just before tracy_wait_event() enters waitpid()
 * does not interrupt it: the alarm interrupts it a second later, and
 * every second after that, should the first be missed as well.
 */
static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
	alarm(1);
}

static void on_terminal_signal(int sig)
{
	(void)sig;
}

/*
 * Attaches to every thread of process pid: 0, or -1 (said why). A
 * thread that one not yet attached creates meanwhile is found by the
 * next pass; those of attached threads are traced by the kernel.
 */
static int attach_all(struct tracy *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	int pass, added = 1, err = 0;
	DIR *dir;
	pid_t tid;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	for (pass = 0; added && !err && pass < 16; pass++) {
		dir = opendir(path);
		if (!dir) {
			say("%d: %s", pid, strerror(errno));
			return -1;
		}
		added = 0;
		while (!err && (d = readdir(dir))) {
			tid = (pid_t)atoi(d->d_name);
			if (tid <= 0 || status_field(tid, "TracerPid:") ==
					getpid())
				continue;
			if (tracy_attach(t, tid))
				added++;
			else if (errno != ESRCH)	/* ESRCH: it ended */
				err = errno;
		}
		closedir(dir);
		if (err)
			say("cannot attach to %d: %s", tid, strerror(err));
	}
	return err || !tracy_children_count(t) ? -1 : 0;
}

/*
 * Follows the attached process until it has ended, or soxy is asked to
 * stop (then tracy_free() detaches): 0, or EXIT_TOOL_FAILED.
 */
static int trace_attached(struct tracy *t)
{
	struct tracy_event *e;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e && errno == EINTR) {
			if (stop_requested)
				return 0;
			continue;
		}
		if (!e || (e->type != TRACY_EVENT_QUIT &&
			   e->type != TRACY_EVENT_NONE &&
			   tracy_continue(e, 0) && errno != ESRCH)) {
			say("tracing failed: %s", strerror(errno));
			return EXIT_TOOL_FAILED;
		}
		if (e->type == TRACY_EVENT_NONE)
			return 0;
		if (e->type == TRACY_EVENT_QUIT)
			tracee_free(e->child);
	}
}

/*
 * Signals: attached, SIGINT, SIGTERM and SIGHUP detach soxy and end it.
 * Running a command, soxy leaves ^C and ^\ to it, as a shell would, but
 * with a handler, which the command does not inherit as it would SIG_IGN.
 */
static void setup_signals(bool attached)
{
	struct sigaction sa = { .sa_handler = attached ? on_signal :
							 on_terminal_signal,
				.sa_flags = attached ? 0 : SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	if (attached) {
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGALRM, &sa, NULL);
	} else {
		sigaction(SIGQUIT, &sa, NULL);
	}
}

int main(int argc, char **argv)
{
	int first = parse_args(argc, argv), status = EXIT_TOOL_FAILED;
	struct tracy *t;

	soxy.refuser4 = loopback_socket(AF_INET, SOCK_STREAM,
					&soxy.refuser4_addr);
	soxy.refuser6 = loopback_socket(AF_INET6, SOCK_STREAM,
					&soxy.refuser6_addr);
	if (soxy.refuser4 < 0) {
		say("no loopback port to refuse connections: %s",
		    strerror(errno));
		return EXIT_TOOL_FAILED;
	}
	if (soxy.dns && dns_relay_start()) {
		say("--dns: cannot start the relay: %s", strerror(errno));
		return EXIT_TOOL_FAILED;
	}
	t = tracy_init(TRACY_TRACE_CHILDREN);
	if (!t || setup_hooks(t)) {
		say("cannot trace: %s", strerror(errno));
		goto out;
	}
	setup_signals(soxy.attach_pid);
	if (soxy.attach_pid) {
		if (attach_all(t, soxy.attach_pid))
			goto out;
		status = trace_attached(t);
	} else if (soxy.dns && resolve_over_tcp()) {
		say("cannot set RES_OPTIONS: %s", strerror(errno));
	} else {
		status = example_run(t, argv + first, tracee_free);
	}
	if (soxy.verbose)
		say("%lu through the proxy, %lu direct, %lu failed; "
		    "%lu syscall stops", soxy.proxied, soxy.direct, soxy.failed,
		    tracy_syscall_stops(t));
out:
	tracy_free(t);
	return status;
}
