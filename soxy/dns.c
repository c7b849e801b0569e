// SPDX-License-Identifier: GPL-2.0
/*
 * --dns for queries over UDP: the relay.
 *
 * A resolver that does not take RES_OPTIONS (Go's, a static program's
 * own) connect()s a UDP socket to port 53 of its name server and sends
 * its queries there. soxy's connect() hook connects that socket instead
 * to a loopback UDP port of the relay, a process of soxy's own
 * (dns_relay_start()), and tells the relay, over a control socket, which
 * name server that socket meant, before the program goes on. The relay
 * sends each query it gets through the proxy to that name server (or to
 * --dns-server) as DNS over TCP (RFC 7766: a two-byte length, then the
 * message), and sends the answer back to the program's socket, whose
 * connected peer it is. Nothing stops the program for it but connect().
 *
 * One process per query, so that a slow answer does not hold the others
 * up. The relay ends when soxy does: its end of the control socket
 * closes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "soxy.h"

/* The sockets whose name server the relay remembers (the newest). */
#define DNS_SOCKETS_MAX		1024
/* A DNS message over TCP: a two-byte length. */
#define DNS_MESSAGE_MAX		65535
/* Clients ask again after about 5 s; an answer later is of no use. */
#define DNS_TIMEOUT_MS		(10 * 1000)

/* What the hook tells the relay: a program's socket, its name server. */
struct dns_socket {
	struct soxy_addr from;	/* the socket's address, as the relay sees it */
	struct soxy_addr server;
};

static struct {
	int control;		/* soxy's end; -1: no relay */
	struct soxy_addr addr4, addr6;
	bool has6;
} relay = { .control = -1 };

/*
 * One query of 'len' bytes from the program's socket 'to', asked of
 * 'server' through the proxy; its answer is sent from fd to 'to'.
 * Silent on failure: the program asks again, or gives up, as it would
 * with a name server that does not answer.
 */
static void answer(int fd, const unsigned char *query, size_t len,
		   const struct sockaddr_storage *to, socklen_t to_len,
		   const struct soxy_addr *server)
{
	static unsigned char reply[2 + DNS_MESSAGE_MAX];
	unsigned char head[2] = { len >> 8, len & 0xff };
	long long deadline = socks5_now_ms() + DNS_TIMEOUT_MS;
	int family = soxy_addr_is_v4(&soxy.proxy) ? AF_INET : AF_INET6;
	int tcp = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	char text[SOXY_ADDR_TEXT];
	const char *why = "";
	bool proxy_fault;
	size_t got;

	if (tcp < 0 || connect_wait(tcp, &soxy.proxy, family) ||
	    socks5_connect(tcp, server, &soxy.auth, DNS_TIMEOUT_MS, &why,
			   &proxy_fault) ||
	    socks5_send_all(tcp, head, 2, deadline) ||
	    socks5_send_all(tcp, query, len, deadline) ||
	    socks5_recv_all(tcp, reply, 2, deadline) ||
	    (got = (size_t)reply[0] << 8 | reply[1],
	     socks5_recv_all(tcp, reply, got, deadline)) ||
	    sendto(fd, reply, got, 0, (const struct sockaddr *)to, to_len) < 0) {
		if (soxy.verbose || *why)
			say("--dns: a query for %s failed%s%s",
			    soxy_addr_format(server, text), *why ? ": " : "",
			    why);
	} else if (soxy.verbose) {
		say("--dns: a query answered by %s",
		    soxy_addr_format(server, text));
	}
	if (tcp >= 0)
		close(tcp);
}

/* Takes what the hook said of the program's sockets, without waiting. */
static void learn(int control, struct dns_socket *sockets, unsigned int *next)
{
	while (recv(control, &sockets[*next], sizeof(*sockets),
		    MSG_DONTWAIT) == sizeof(*sockets))
		*next = (*next + 1) % DNS_SOCKETS_MAX;
}

static const struct soxy_addr *server_of(const struct dns_socket *sockets,
					 const struct soxy_addr *from)
{
	for (unsigned int i = 0; i < DNS_SOCKETS_MAX; i++)
		if (soxy_addr_equal(&sockets[i].from, from))
			return &sockets[i].server;
	return NULL;
}

static void relay_loop(int control, int fd4, int fd6)
{
	static struct dns_socket sockets[DNS_SOCKETS_MAX];
	static unsigned char query[DNS_MESSAGE_MAX];
	struct pollfd p[3] = { { .fd = control, .events = POLLIN },
			       { .fd = fd4, .events = POLLIN },
			       { .fd = fd6, .events = POLLIN } };
	const struct soxy_addr *server;
	struct sockaddr_storage ss;
	struct soxy_addr from;
	unsigned int next = 0;
	socklen_t len;
	ssize_t n;
	char byte;

	for (;;) {
		if (poll(p, 3, -1) < 0)
			continue;
		if (p[0].revents) {
			/* soxy has ended: its end of the socket closed. */
			if (recv(control, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
				return;
			learn(control, sockets, &next);
		}
		for (int i = 1; i < 3; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			len = sizeof(ss);
			n = recvfrom(p[i].fd, query, sizeof(query), MSG_DONTWAIT,
				     (struct sockaddr *)&ss, &len);
			if (n < 12 || !soxy_addr_from_sockaddr(&from, &ss, len))
				continue;	/* not a DNS message */
			/* The hook said it before the program could send. */
			learn(control, sockets, &next);
			server = server_of(sockets, &from);
			if (server && fork() == 0) {
				answer(p[i].fd, query, (size_t)n, &ss, len,
				       server);
				_exit(0);
			}
		}
	}
}

int dns_relay_start(void)
{
	int fd4, fd6, pair[2];
	pid_t pid;

	fd4 = loopback_socket(AF_INET, SOCK_DGRAM, &relay.addr4);
	fd6 = loopback_socket(AF_INET6, SOCK_DGRAM, &relay.addr6);
	relay.has6 = fd6 >= 0;
	if (fd4 < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair))
		return -1;
	/*
	 * A grandchild: soxy's children are its tracees, and the library
	 * waits for them. The relay ignores the terminal's signals, which
	 * soxy leaves to the program: it serves the program until soxy ends.
	 */
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (fork())
			_exit(0);
		close(pair[0]);
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGCHLD, SIG_IGN);	/* its queries' processes */
		relay_loop(pair[1], fd4, fd6);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	close(pair[1]);
	close(fd4);
	if (fd6 >= 0)
		close(fd6);
	relay.control = pair[0];
	return 0;
}

int dns_relay_redirect(int fd, const struct soxy_addr *server, int family)
{
	const struct soxy_addr *to = family == AF_INET6 && relay.has6 ?
		&relay.addr6 : &relay.addr4;
	struct sockaddr_storage ss;
	struct dns_socket said = { .server = *server };
	socklen_t len = soxy_addr_to_sockaddr(to, family, &ss);

	if (relay.control < 0 || !len)
		return ENETUNREACH;
	if (connect(fd, (struct sockaddr *)&ss, len))
		return errno;
	len = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &len) ||
	    !soxy_addr_from_sockaddr(&said.from, &ss, len) ||
	    send(relay.control, &said, sizeof(said), MSG_NOSIGNAL) !=
	    sizeof(said))
		return ENETUNREACH;
	return 0;
}

bool dns_relay_is(const struct soxy_addr *addr)
{
	return relay.control >= 0 && (soxy_addr_equal(addr, &relay.addr4) ||
				      (relay.has6 &&
				       soxy_addr_equal(addr, &relay.addr6)));
}
