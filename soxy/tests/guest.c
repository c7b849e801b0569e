// SPDX-License-Identifier: GPL-2.0
/*
 * soxy's test in a QEMU guest, where the kernel has the syscall stop
 * mask: soxy, on each backend (kmask, seccomp, classic), proxies the
 * static client through soxy-socksd, blocking and non-blocking, refused
 * destinations included, for each ABI of the guest (x86_64, i386, x32), and
 * attached (-p) to a running process; on kmask and seccomp only
 * connect() and getpeername() stop, which it counts. Prints TAP. The
 * numbers are guest-bench.c's, a program of make bench.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest-lib.h"

static int tests, failures;
/* The CONNECTs the tests made, that succeeded and that were refused. */
static int connected, refused;
static char proxy[32];

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	failures += !ok;
}

/* Output of a program, as TAP comments. */
static void print_commented(const char *out)
{
	for (const char *l = out; *l; ) {
		const char *nl = strchrnul(l, '\n');

		printf("#   %.*s\n", (int)(nl - l), l);
		l = *nl ? nl + 1 : nl;
	}
}

static int has(const char *out, const char *fmt, ...)
{
	char want[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	if (strstr(out, want))
		return 1;
	printf("# no \"%s\" in:\n", want);
	print_commented(out);
	return 0;
}

/*
 * The library says on stderr when the backend TRACY_BACKEND forces cannot
 * work, and uses another: the test of that backend would pass on another.
 */
static int backend_used(const char *out)
{
	if (!strstr(out, "TRACY_BACKEND="))
		return 1;
	printf("# not on the backend asked for:\n");
	print_commented(out);
	return 0;
}

/*
 * has() for the exit status: says what the program printed otherwise;
 * and the backend asked for was used.
 */
static int exited(int status, int want, const char *out)
{
	if (status == want)
		return backend_used(out);
	printf("# exit status %d, not %d\n", status, want);
	return has(out, "(nothing)");
}

/*
 * soxy -- CLIENT [-n] [-s REQUEST] 127.0.0.1 PORT on backend 'backend',
 * non-blocking if 'nonblocking', sending an HTTP request if 'request':
 * its exit status, its output in out.
 */
static int soxy_client(const char *backend, const char *client,
		       int nonblocking, int request, unsigned short port,
		       char *out, size_t size)
{
	char *argv[16], text[8];
	int n = 0;

	snprintf(text, sizeof(text), "%u", port);
	argv[n++] = SOXY_DIR "/soxy";
	argv[n++] = "-s";
	argv[n++] = proxy;
	argv[n++] = "--no-default-excludes";
	argv[n++] = "--";
	argv[n++] = (char *)client;
	if (nonblocking)
		argv[n++] = "-n";
	if (request) {
		argv[n++] = "-s";
		argv[n++] = "GET / HTTP/1.0\n\n";
	}
	argv[n++] = "127.0.0.1";
	argv[n++] = text;
	argv[n] = NULL;
	return run(backend, argv, out, size);
}

static void through_soxy(const char *backend, const char *client,
			 unsigned short web, unsigned short closed)
{
	char out[8192];
	int status;

	connected += 2;
	refused += 2;
	status = soxy_client(backend, client, 0, 1, web, out, sizeof(out));
	result(exited(status, 0, out) && has(out, "connect: 0") &&
	       has(out, "peer: 127.0.0.1:%u", web) &&
	       has(out, "reply: HTTP/1.0 200 OK"),
	       "%s %s: blocking connect proxied", backend, client);
	status = soxy_client(backend, client, 1, 0, web, out, sizeof(out));
	result(exited(status, 0, out) && has(out, "connect: EINPROGRESS") &&
	       has(out, "so_error: 0") && has(out, "reconnect: 0") &&
	       has(out, "peer: 127.0.0.1:%u", web),
	       "%s %s: non-blocking connect proxied", backend, client);
	status = soxy_client(backend, client, 0, 0, closed, out, sizeof(out));
	result(exited(status, 1, out) && has(out, "connect: ECONNREFUSED"),
	       "%s %s: refused destination, blocking", backend, client);
	status = soxy_client(backend, client, 1, 0, closed, out, sizeof(out));
	result(exited(status, 1, out) && has(out, "connect: EINPROGRESS") &&
	       has(out, "ready: POLLOUT|POLLERR|POLLHUP") &&
	       has(out, "so_error: ECONNREFUSED"),
	       "%s %s: refused destination, non-blocking", backend, client);
}

/* 2000 getpid(), connect(), getpeername(): 2 stops more than none. */
static void count_stops(const char *backend, unsigned short web)
{
	char out[8192], port[8];
	long base, with;
	char *argv[] = { SOXY_DIR "/soxy", "-v", "-s", proxy,
		"--no-default-excludes", "--", SOXY_DIR "/soxy-client", "-l",
		"2000", "not-an-address", port, NULL };

	snprintf(port, sizeof(port), "%u", web);
	run(backend, argv, out, sizeof(out));
	base = stops(out);
	argv[9] = "127.0.0.1";
	run(backend, argv, out, sizeof(out));
	connected++;
	with = stops(out);
	result(backend_used(out) && base >= 0 && base <= 2 &&
	       with == base + 2,
	       "%s: only connect and getpeername stop (%ld stops, %ld "
	       "without them)", backend, with, base);
}

/* soxy -p on a process that then executes the client. */
static void attach(const char *backend, unsigned short web)
{
	char out[8192], soxy_out[8192], port[8], pidtext[16], go;
	int gate[2], output[2], status;
	size_t used = 0;
	ssize_t n;
	pid_t target;

	snprintf(port, sizeof(port), "%u", web);
	if (pipe(gate) || pipe(output))
		return;
	target = fork();
	if (!target) {
		char *argv[] = { SOXY_DIR "/soxy-client", "127.0.0.1", port,
				 NULL };

		dup2(output[1], 1);
		if (read(gate[0], &go, 1) != 1)
			_exit(2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(output[1]);
	snprintf(pidtext, sizeof(pidtext), "%d", target);
	connected++;
	{
		char *argv[] = { SOXY_DIR "/soxy", "-s", proxy,
			"--no-default-excludes", "-v", "-p", pidtext, NULL };
		pid_t soxy = fork();

		if (!soxy) {
			/* Lets soxy attach before the target goes on. */
			if (fork() == 0) {
				usleep(500000);
				if (write(gate[1], "g", 1) != 1)
					_exit(1);
				_exit(0);
			}
			status = run(backend, argv, soxy_out,
				     sizeof(soxy_out));
			print_commented(soxy_out);
			_exit(backend_used(soxy_out) ? status : 1);
		}
		while ((n = read(output[0], out + used,
				 sizeof(out) - 1 - used)) > 0)
			used += (size_t)n;
		out[used] = '\0';
		waitpid(target, &status, 0);
		waitpid(soxy, &status, 0);
	}
	result(WIFEXITED(status) && !WEXITSTATUS(status) &&
	       has(out, "peer: 127.0.0.1:%u", web),
	       "%s: soxy -p proxies the process it attached to", backend);
	close(gate[0]);
	close(gate[1]);
	close(output[0]);
}

/* Every CONNECT is in the proxy's log, with its outcome. */
static void check_log(unsigned short web, unsigned short closed)
{
	char line[256], ok[64], no[64];
	int seen_ok = 0, seen_refused = 0;
	FILE *f = fopen(SOCKSD_LOG, "r");

	snprintf(ok, sizeof(ok), "CONNECT 127.0.0.1:%u: 0\n", web);
	snprintf(no, sizeof(no), "CONNECT 127.0.0.1:%u: ECONNREFUSED\n",
		 closed);
	while (f && fgets(line, sizeof(line), f)) {
		seen_ok += !!strstr(line, ok);
		seen_refused += !!strstr(line, no);
	}
	if (f)
		fclose(f);
	result(seen_ok == connected && seen_refused == refused,
	       "the proxy logged each CONNECT: %d of %d connected, %d of %d "
	       "refused", seen_ok, connected, seen_refused, refused);
}

int main(void)
{
	static const char *const backends[] = { "kmask", "seccomp", "classic" };
	/* The guest's ABIs: x86_64, i386, x32. */
	static const char *const clients[] = { SOXY_DIR "/soxy-client",
		SOXY_DIR "/soxy-client-i386", SOXY_DIR "/soxy-client-x32" };
	struct servers servers;
	unsigned int i, j;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	if (start_servers(&servers, 0))
		return 1;
	snprintf(proxy, sizeof(proxy), "%s", servers.proxy);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < sizeof(clients) / sizeof(*clients); j++)
			through_soxy(backends[i], clients[j], servers.web,
				     servers.closed);
		if (i < 2)
			count_stops(backends[i], servers.web);
		if (i != 1)	/* seccomp cannot attach */
			attach(backends[i], servers.web);
	}
	check_log(servers.web, servers.closed);
	stop_servers(&servers);
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
