// SPDX-License-Identifier: GPL-2.0
/*
 * soxy's test in a QEMU guest, where the kernel has the syscall stop
 * mask: soxy, on each backend (kmask, seccomp, classic), proxies the
 * static client through soxy-socksd, blocking and non-blocking, refused
 * destinations included, for each ABI of the guest (x86_64, i386, x32), and
 * attached (-p) to a running process; on kmask and seccomp only
 * connect() and getpeername() stop. Then it measures, as TAP comments,
 * the time of a connection and the bulk throughput directly and through
 * soxy on each backend. Prints TAP.
 *
 * The guest has no shell: the servers are forked here, and the programs
 * are in SOXY_DIR, put there by the initramfs (soxy/soxy.mk).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SOXY_DIR
#define SOXY_DIR	"/soxy"
#endif
#define BANNER		"HTTP/1.0 200 OK\r\n"
#define BULK_MB		32
#define CONNECT_ROUNDS	"100"

#define SOCKSD_LOG	"/tmp/soxy-socksd.log"

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

/* A loopback TCP listener on an ephemeral port: its fd, *port set. */
static int listener(unsigned short *port, int listening)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) ||
	    (listening && listen(fd, 64)) ||
	    getsockname(fd, (struct sockaddr *)&in, &len)) {
		perror("soxy-guest: listener");
		exit(1);
	}
	*port = ntohs(in.sin_port);
	return fd;
}

/* A server: each connection gets 'mb' MB, or the banner; then EOF. */
static pid_t serve(int fd, int mb)
{
	static char chunk[1 << 20];
	pid_t pid = fork();
	int c, i;

	if (pid)
		return pid;
	memset(chunk, 'x', sizeof(chunk));
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		if (fork() == 0) {
			for (i = 0; i < mb; i++)
				if (write(c, chunk, sizeof(chunk)) < 0)
					break;
			if (!mb && write(c, BANNER, strlen(BANNER)) < 0)
				_exit(1);
			shutdown(c, SHUT_WR);
			while (read(c, chunk, sizeof(chunk)) > 0)
				;
			_exit(0);
		}
		close(c);
	}
}

/*
 * Runs argv with TRACY_BACKEND=backend (NULL: unset); its stdout and
 * stderr in 'out'. Returns its exit status, or -1.
 */
static int run(const char *backend, char *const argv[], char *out,
	       size_t size)
{
	int p[2], status;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		if (backend)
			setenv("TRACY_BACKEND", backend, 1);
		else
			unsetenv("TRACY_BACKEND");
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (used < size - 1 && (n = read(p[0], out + used,
					    size - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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

/* has() for the exit status: says what the program printed otherwise. */
static int exited(int status, int want, const char *out)
{
	if (status == want)
		return 1;
	printf("# exit status %d, not %d\n", status, want);
	return has(out, "(nothing)");
}

static long stops(const char *out)
{
	const char *s = strstr(out, " syscall stops");

	while (s && s > out && s[-1] >= '0' && s[-1] <= '9')
		s--;
	return s ? atol(s) : -1;
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
	result(base >= 0 && base <= 2 && with == base + 2,
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
			_exit(status);
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

static void bench(const char *backend, unsigned short small,
		  unsigned short bulk)
{
	char out[4096], sport[8], bport[8], setup[64] = "?", rate[64] = "?";
	char *line;
	char *direct_connect[] = { SOXY_DIR "/soxy-bench-client", "connect",
		CONNECT_ROUNDS, "127.0.0.1", sport, NULL };
	char *direct_bulk[] = { SOXY_DIR "/soxy-bench-client", "bulk",
		"127.0.0.1", bport, NULL };
	char *soxy_connect[] = { SOXY_DIR "/soxy", "-s", proxy,
		"--no-default-excludes", "--", SOXY_DIR "/soxy-bench-client",
		"connect", CONNECT_ROUNDS, "127.0.0.1", sport, NULL };
	char *soxy_bulk[] = { SOXY_DIR "/soxy", "-s", proxy,
		"--no-default-excludes", "--", SOXY_DIR "/soxy-bench-client",
		"bulk", "127.0.0.1", bport, NULL };

	snprintf(sport, sizeof(sport), "%u", small);
	snprintf(bport, sizeof(bport), "%u", bulk);
	if (!run(backend, backend ? soxy_connect : direct_connect, out,
		 sizeof(out)) && (line = strstr(out, " us per")))
		snprintf(setup, sizeof(setup), "%.*s",
			 (int)(line - out), out);
	if (!run(backend, backend ? soxy_bulk : direct_bulk, out,
		 sizeof(out)) && (line = strstr(out, ", ")))
		snprintf(rate, sizeof(rate), "%.*s", (int)strcspn(line + 2,
			 " "), line + 2);
	printf("# soxy-bench | %s | %s us per connection | %s MB/s |\n",
	       backend ? backend : "direct", setup, rate);
	fflush(stdout);
}

/* /init leaves the loopback interface down. */
static void loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) ||
	    (!(ifr.ifr_flags & IFF_UP) &&
	     (ifr.ifr_flags |= IFF_UP, ioctl(fd, SIOCSIFFLAGS, &ifr))))
		printf("# loopback: %s\n", strerror(errno));
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	static const char *const backends[] = { "kmask", "seccomp", "classic" };
	/* The guest's ABIs: x86_64, i386, x32. */
	static const char *const clients[] = { SOXY_DIR "/soxy-client",
		SOXY_DIR "/soxy-client-i386", SOXY_DIR "/soxy-client-x32" };
	unsigned short web, closed, proxy_port, bulk;
	int web_fd, bulk_fd, closed_fd, ready[2];
	pid_t servers[3];
	char line[16];
	unsigned int i, j;

	(void)closed_fd;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	loopback_up();
	web_fd = listener(&web, 1);
	bulk_fd = listener(&bulk, 1);
	closed_fd = listener(&closed, 0);
	servers[0] = serve(web_fd, 0);
	servers[1] = serve(bulk_fd, BULK_MB);
	/* The proxy's port: found free, then given to soxy-socksd. */
	close(listener(&proxy_port, 0));
	snprintf(proxy, sizeof(proxy), "127.0.0.1:%u", proxy_port);
	snprintf(line, sizeof(line), "%u", proxy_port);
	if (pipe(ready))
		return 1;
	servers[2] = fork();
	if (!servers[2]) {
		int log = open(SOCKSD_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(ready[1], 1);
		dup2(log, 2);
		execl(SOXY_DIR "/soxy-socksd", "soxy-socksd", line, NULL);
		_exit(127);
	}
	close(ready[1]);
	if (read(ready[0], line, sizeof(line)) <= 0) {
		printf("Bail out! soxy-socksd did not start\n");
		return 1;
	}
	for (i = 0; i < 3; i++) {
		for (j = 0; j < sizeof(clients) / sizeof(*clients); j++)
			through_soxy(backends[i], clients[j], web, closed);
		if (i < 2)
			count_stops(backends[i], web);
		if (i != 1)	/* seccomp cannot attach */
			attach(backends[i], web);
	}
	check_log(web, closed);
	bench(NULL, web, bulk);
	for (i = 0; i < 3; i++)
		bench(backends[i], web, bulk);
	for (i = 0; i < 3; i++)
		kill(servers[i], SIGKILL);
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
