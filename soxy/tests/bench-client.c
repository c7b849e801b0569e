// SPDX-License-Identifier: GPL-2.0
/*
 * The client of soxy's benchmark (soxy/bench.py), built dynamic so that
 * proxychains4 can proxy it too:
 *
 *	soxy-bench-client connect N HOST PORT
 *		N times: a socket, a blocking connect(), a read to the end of
 *		what the server sends, a close; prints the mean time of one
 *		round, in microseconds.
 *	soxy-bench-client bulk HOST PORT
 *		one connection, read to its end; prints the bytes and MB/s.
 *
 * HOST is an IPv4 address. Exits 1 if a connection fails.
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

/* Connects, reads to the end: the bytes read, or -1. */
static long long one_connection(const struct sockaddr_in *to)
{
	static char buf[1 << 16];
	long long total = 0;
	ssize_t n;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)to, sizeof(*to))) {
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
	int connect_mode = argc == 5 && !strcmp(argv[1], "connect");
	long i, rounds = connect_mode ? atol(argv[2]) : 1;
	long long bytes = 0, got;
	double start;

	if ((!connect_mode && (argc != 4 || strcmp(argv[1], "bulk"))) ||
	    rounds <= 0 ||
	    inet_pton(AF_INET, argv[argc - 2], &to.sin_addr) != 1) {
		fputs("usage: soxy-bench-client connect N HOST PORT | "
		      "bulk HOST PORT\n", stderr);
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
