// SPDX-License-Identifier: GPL-2.0
/*
 * A small SOCKS5 server for soxy's tests and benchmark in the QEMU
 * guests, which have no microsocks: CONNECT only, no authentication or
 * username/password (RFC 1929), one process per client. It listens on
 * 127.0.0.1 and connects to loopback destinations only (any other is
 * "not allowed by ruleset"). Each CONNECT is logged on stderr:
 *
 *	socksd: CONNECT 127.0.0.1:8000: 0 | ECONNREFUSED | ...
 *
 *	soxy-socksd [-u USER:PASS] PORT
 *
 * It prints "ready" on stdout once it listens, and runs until killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *user, *password;

static int recv_exact(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int authenticate(int fd)
{
	unsigned char head[2], ulen, plen;
	char u[256], p[256];
	int ok;

	if (recv_exact(fd, head, 2) || recv_exact(fd, u, head[1]) ||
	    recv_exact(fd, &plen, 1) || recv_exact(fd, p, plen))
		return -1;
	ulen = head[1];
	u[ulen] = p[plen] = '\0';
	ok = !strcmp(u, user) && !strcmp(p, password);
	return write(fd, ok ? "\1\0" : "\1\1", 2) == 2 && ok ? 0 : -1;
}

static int reply_code(int err)
{
	switch (err) {
	case 0:
		return 0;
	case ENETUNREACH:
		return 3;
	case EHOSTUNREACH:
		return 4;
	case ECONNREFUSED:
		return 5;
	case ETIMEDOUT:
		return 6;
	default:
		return 1;
	}
}

/* The handshake: the connected destination, or -1. */
static int handshake(int fd)
{
	unsigned char hello[2], methods[255], req[4], addr[18];
	unsigned char want = user ? 2 : 0, reply[10] = { 5, 0, 0, 1 };
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	char text[INET6_ADDRSTRLEN];
	int out = -1, err, i;
	size_t alen;

	if (recv_exact(fd, hello, 2) || hello[0] != 5 ||
	    recv_exact(fd, methods, hello[1]))
		return -1;
	for (i = 0; i < hello[1] && methods[i] != want; i++)
		;
	if (i == hello[1]) {
		if (write(fd, "\5\377", 2) != 2)
			return -1;
		return -1;
	}
	if (write(fd, want ? "\5\2" : "\5\0", 2) != 2 ||
	    (want && authenticate(fd)) || recv_exact(fd, req, 4) ||
	    req[1] != 1 || (req[3] != 1 && req[3] != 4))
		return -1;
	alen = req[3] == 1 ? 4 : 16;
	if (recv_exact(fd, addr, alen + 2))
		return -1;
	if (req[3] == 1) {
		in->sin_family = AF_INET;
		memcpy(&in->sin_addr, addr, 4);
		memcpy(&in->sin_port, addr + 4, 2);
		inet_ntop(AF_INET, addr, text, sizeof(text));
	} else {
		in6->sin6_family = AF_INET6;
		memcpy(&in6->sin6_addr, addr, 16);
		memcpy(&in6->sin6_port, addr + 16, 2);
		inet_ntop(AF_INET6, addr, text, sizeof(text));
	}
	if (req[3] == 1 ? addr[0] != 127 :
	    !IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) {
		err = EPERM;
		reply[1] = 2;
	} else {
		out = socket(ss.ss_family, SOCK_STREAM, 0);
		err = out < 0 || connect(out, (struct sockaddr *)&ss,
					 req[3] == 1 ? sizeof(*in) :
						       sizeof(*in6)) ? errno : 0;
		reply[1] = (unsigned char)reply_code(err);
	}
	fprintf(stderr, "socksd: CONNECT %s:%u: %s\n", text,
		addr[alen] << 8 | addr[alen + 1],
		err ? strerrorname_np(err) : "0");
	if (write(fd, reply, sizeof(reply)) != sizeof(reply) || err) {
		if (out >= 0)
			close(out);
		return -1;
	}
	return out;
}

/*
 * Copies both ways; an end that closes is passed on as a half-close, and
 * the other way goes on (a client may send its request after the
 * server's answer has ended).
 */
static void relay(int a, int b)
{
	const int fd[2] = { a, b };
	struct pollfd p[2] = { { .fd = a, .events = POLLIN },
			       { .fd = b, .events = POLLIN } };
	static char buf[1 << 16];
	int i, open = 2;
	ssize_t n;

	while (open && poll(p, 2, -1) > 0) {
		for (i = 0; i < 2; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fd[i], buf, sizeof(buf));
			if (n > 0 && write(fd[1 - i], buf, (size_t)n) == n)
				continue;
			if (n != 0)
				return;	/* an error either way */
			shutdown(fd[1 - i], SHUT_WR);
			p[i].fd = -1;	/* poll() skips it from now on */
			open--;
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int opt, lfd, fd, out, one = 1;
	char *colon;

	while ((opt = getopt(argc, argv, "u:")) != -1) {
		if (opt != 'u' || !(colon = strchr(optarg, ':')))
			return 2;
		*colon = '\0';
		user = optarg;
		password = colon + 1;
	}
	if (argc - optind != 1)
		return 2;
	in.sin_port = htons((unsigned short)atoi(argv[optind]));
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&in, sizeof(in)) ||
	    listen(lfd, 64)) {
		perror("socksd");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		if (fork() == 0) {
			close(lfd);
			out = handshake(fd);
			if (out >= 0)
				relay(fd, out);
			_exit(0);
		}
		close(fd);
	}
}
