// SPDX-License-Identifier: GPL-2.0
/*
 * A TCP client for soxy's tests, built static (no dynamic loader, so no
 * LD_PRELOAD proxifier can reach it). It connects to HOST PORT and says,
 * one "key: value" line each, what a program sees:
 *
 *	connect: 0 | EINPROGRESS | ECONNREFUSED | ...
 *	ready: POLLOUT|POLLERR...    (non-blocking: what the wait reported)
 *	so_error: 0 | ECONNREFUSED | ...
 *	reconnect: 0 | EISCONN       (connect() once more, after that)
 *	peer: 127.0.0.1:8000         (getpeername)
 *	reply: first line the server sent
 *
 *	soxy-client [-n] [-w poll|select|epoll] [-r] [-l N] [-s TEXT] HOST PORT
 *
 * -n: a non-blocking socket, waited for with -w (default poll); -r: raw
 * syscalls (syscall(2)) rather than the C library's socket functions, as
 * Go programs make them; -l N: N getpid() syscalls first (for counting
 * stops); -s TEXT: sent once connected ("\n" becomes CRLF), then the
 * first line of the answer is read. Exits 0 when connected, 1 if not.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static int raw;

static const char *err_name(int err)
{
	return err ? strerrorname_np(err) : "0";
}

static int do_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (raw)
		return (int)syscall(SYS_connect, fd, sa, len);
	return connect(fd, sa, len);
}

static int do_getpeername(int fd, struct sockaddr *sa, socklen_t *len)
{
	if (raw)
		return (int)syscall(SYS_getpeername, fd, sa, len);
	return getpeername(fd, sa, len);
}

/* Waits for the non-blocking connect: prints what the wait said. */
static void wait_connected(int fd, const char *how)
{
	if (!strcmp(how, "select")) {
		fd_set w, x;

		FD_ZERO(&w);
		FD_ZERO(&x);
		FD_SET(fd, &w);
		FD_SET(fd, &x);
		if (select(fd + 1, NULL, &w, &x, NULL) < 0)
			perror("select");
		printf("ready: %s%s\n", FD_ISSET(fd, &w) ? "write" : "",
		       FD_ISSET(fd, &x) ? "|except" : "");
	} else if (!strcmp(how, "epoll")) {
		struct epoll_event ev = { .events = EPOLLOUT }, got;
		int ep = epoll_create1(0);

		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) ||
		    epoll_wait(ep, &got, 1, -1) != 1)
			perror("epoll");
		printf("ready: %s%s%s\n", got.events & EPOLLOUT ? "EPOLLOUT" : "",
		       got.events & EPOLLERR ? "|EPOLLERR" : "",
		       got.events & EPOLLHUP ? "|EPOLLHUP" : "");
		close(ep);
	} else {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		if (poll(&p, 1, -1) != 1)
			perror("poll");
		printf("ready: %s%s%s\n", p.revents & POLLOUT ? "POLLOUT" : "",
		       p.revents & POLLERR ? "|POLLERR" : "",
		       p.revents & POLLHUP ? "|POLLHUP" : "");
	}
}

static void print_peer(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char ip[INET6_ADDRSTRLEN];

	if (do_getpeername(fd, (struct sockaddr *)&ss, &len)) {
		printf("peer: %s\n", err_name(errno));
		return;
	}
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		printf("peer: %s:%u\n", ip, ntohs(in->sin_port));
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		printf("peer: [%s]:%u\n", ip, ntohs(in6->sin6_port));
	}
}

/* Sends text (with "\n" as CRLF), prints the first line of the answer. */
static void converse(int fd, const char *text)
{
	char buf[4096], *nl;
	size_t used = 0;
	ssize_t n;
	int flags = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	for (; *text; text++) {
		if (*text == '\n' && write(fd, "\r", 1) != 1)
			break;
		if (write(fd, text, 1) != 1)
			break;
	}
	while (used < sizeof(buf) - 1 &&
	       (n = read(fd, buf + used, sizeof(buf) - 1 - used)) > 0) {
		used += (size_t)n;
		buf[used] = '\0';
		if (strchr(buf, '\n'))
			break;
	}
	buf[used] = '\0';
	nl = strpbrk(buf, "\r\n");
	if (nl)
		*nl = '\0';
	printf("reply: %s\n", buf);
}

int main(int argc, char **argv)
{
	const char *wait_how = "poll", *text = NULL;
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	int opt, fd, nonblocking = 0, err;
	long loops = 0;
	socklen_t len;

	while ((opt = getopt(argc, argv, "nw:rl:s:")) != -1) {
		switch (opt) {
		case 'n':
			nonblocking = 1;
			break;
		case 'w':
			wait_how = optarg;
			break;
		case 'r':
			raw = 1;
			break;
		case 'l':
			loops = atol(optarg);
			break;
		case 's':
			text = optarg;
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 2) {
		fputs("usage: soxy-client [-n] [-w poll|select|epoll] [-r] "
		      "[-l N] [-s TEXT] HOST PORT\n", stderr);
		return 2;
	}
	while (loops-- > 0)
		syscall(SYS_getpid);
	if (inet_pton(AF_INET, argv[optind], &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)atoi(argv[optind + 1]));
		len = sizeof(*in);
	} else if (inet_pton(AF_INET6, argv[optind], &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)atoi(argv[optind + 1]));
		len = sizeof(*in6);
	} else {
		fprintf(stderr, "soxy-client: %s: not an address\n",
			argv[optind]);
		return 2;
	}
	fd = raw ? (int)syscall(SYS_socket, ss.ss_family, SOCK_STREAM, 0) :
		   socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0 || (nonblocking && fcntl(fd, F_SETFL, O_NONBLOCK))) {
		perror("soxy-client: socket");
		return 2;
	}
	err = do_connect(fd, (struct sockaddr *)&ss, len) ? errno : 0;
	printf("connect: %s\n", err_name(err));
	if (err == EINPROGRESS) {
		socklen_t elen = sizeof(err);

		wait_connected(fd, wait_how);
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen))
			err = errno;
		printf("so_error: %s\n", err_name(err));
		/* A program that asks connect() again, as some do. */
		if (!err)
			printf("reconnect: %s\n",
			       err_name(do_connect(fd, (struct sockaddr *)&ss,
						   len) ? errno : 0));
	}
	if (!err) {
		print_peer(fd);
		if (text)
			converse(fd, text);
	}
	fflush(stdout);
	close(fd);
	return err ? 1 : 0;
}
