// SPDX-License-Identifier: GPL-2.0
/*
 * The client of soxy's benchmark (soxy/bench.py), built dynamic so that
 * proxychains4 can proxy it too:
 *
 *	soxy-bench-client [-x PROXY_PORT] connect N HOST PORT
 *		N times: a socket, a blocking connect(), a read to the end of
 *		what the server sends, a close; prints the mean time of one
 *		round, in microseconds.
 *	soxy-bench-client [-x PROXY_PORT] bulk HOST PORT
 *		one connection, read to its end; prints the bytes and MB/s.
 *
 * HOST is an IPv4 address. With -x PROXY_PORT first, every connection
 * goes through the SOCKS5 proxy on 127.0.0.1:PROXY_PORT, spoken by the
 * client itself (no authentication), as a SOCKS-aware program does: the
 * proxy's own cost, without soxy. Exits 1 if a connection fails.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The SOCKS5 proxy of -x, or none (port 0). */
static struct sockaddr_in proxy = { .sin_family = AF_INET };

/* Reads exactly len bytes: 0, or -1. */
static int read_exact(int fd, unsigned char *buf, size_t len)
{
	ssize_t n;

	for (; len; buf += n, len -= (size_t)n)
		if ((n = read(fd, buf, len)) <= 0)
			return -1;
	return 0;
}

/* On fd, connected to the proxy: CONNECT to 'to'. 0, or -1. */
static int socks5(int fd, const struct sockaddr_in *to)
{
	unsigned char req[10] = { 5, 1, 0, 1 }, reply[10];

	memcpy(req + 4, &to->sin_addr, 4);
	memcpy(req + 8, &to->sin_port, 2);
	return write(fd, "\5\1\0", 3) != 3 || read_exact(fd, reply, 2) ||
	       reply[1] != 0 || write(fd, req, sizeof(req)) != sizeof(req) ||
	       read_exact(fd, reply, sizeof(reply)) || reply[1] != 0 ||
	       reply[3] != 1 ? -1 : 0;
}

/* Connects, reads to the end: the bytes read, or -1. */
static long long one_connection(const struct sockaddr_in *to)
{
	static char buf[1 << 16];
	const struct sockaddr_in *first = proxy.sin_port ? &proxy : to;
	long long total = 0;
	ssize_t n;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)first,
			      sizeof(*first)) ||
	    (proxy.sin_port && socks5(fd, to))) {
		perror("soxy-bench-client: connect");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	return n < 0 ? -1 : total;
}

int main(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	int connect_mode;
	long i, rounds;
	long long bytes = 0, got;
	double start;

	if (argc > 2 && !strcmp(argv[1], "-x")) {
		proxy.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		proxy.sin_port = htons((unsigned short)atoi(argv[2]));
		argv += 2;
		argc -= 2;
	}
	connect_mode = argc == 5 && !strcmp(argv[1], "connect");
	rounds = connect_mode ? atol(argv[2]) : 1;
	if ((!connect_mode && (argc != 4 || strcmp(argv[1], "bulk"))) ||
	    rounds <= 0 ||
	    inet_pton(AF_INET, argv[argc - 2], &to.sin_addr) != 1) {
		fputs("usage: soxy-bench-client [-x PROXY_PORT] "
		      "connect N HOST PORT | bulk HOST PORT\n", stderr);
		return 2;
	}
	to.sin_port = htons((unsigned short)atoi(argv[argc - 1]));
	start = now();
	for (i = 0; i < rounds; i++) {
		got = one_connection(&to);
		if (got < 0)
			return 1;
		bytes += got;
	}
	if (connect_mode)
		printf("%.1f us per connection\n",
		       (now() - start) * 1e6 / (double)rounds);
	else
		printf("%lld bytes, %.1f MB/s\n", bytes,
		       (double)bytes / 1e6 / (now() - start));
	return 0;
}
