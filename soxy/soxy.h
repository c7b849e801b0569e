/* SPDX-License-Identifier: GPL-2.0 */
/* What soxy's files share: the options, the counts, messages. */
#ifndef SOXY_SOXY_H
#define SOXY_SOXY_H

#include <stdbool.h>
#include <sys/types.h>

#include <tracy.h>

#include "addr.h"
#include "socks5.h"

#define MAX_EXCLUDES		64
/* Longer than a proxy takes to give up on a destination itself. */
#define SOCKS_TIMEOUT_MS	(180 * 1000)
/* The port of name servers, whose TCP connections --dns proxies. */
#define DNS_PORT		53

struct soxy_config {
	struct soxy_addr proxy;
	struct socks5_auth auth;
	struct soxy_cidr excludes[MAX_EXCLUDES];
	int nexcludes;
	bool verbose;
	bool dns;		/* --dns: names through the proxy too */
	bool dns_server_set;	/* --dns-server: the name server */
	struct soxy_addr dns_server;
	pid_t attach_pid;
	/* Bound, not listening: a connection to them is refused. */
	int refuser4, refuser6;
	struct soxy_addr refuser4_addr, refuser6_addr;
	unsigned long proxied, direct, failed;
};

extern struct soxy_config soxy;

/* "soxy: " and the message, on stderr. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The entry-only hooks of soxy, in every ABI that has their syscall. */
int setup_hooks(struct tracy *t);
/*
 * A socket of 'type' bound to a port of ::1, or of 127.0.0.1 for AF_INET
 * (a SOCK_STREAM one, not listening, refuses connections): its fd (close
 * on exec), *addr set; -1.
 */
int loopback_socket(int family, int type, struct soxy_addr *addr);
/*
 * Connects socket fd to 'to', waiting at most until the SOCKS timeout
 * whether the socket blocks or not: 0, EALREADY or EISCONN (the socket
 * was connecting or connected already), or an errno.
 */
int connect_wait(int fd, const struct soxy_addr *to, int family);

/*
 * --dns over UDP (dns.c): the relay process, started once (0, or -1 with
 * errno); a program's UDP socket fd of 'family' (soxy's duplicate)
 * connected to it, its queries to be asked of 'server' (0, or the errno
 * for the program's connect()); whether addr is the relay's.
 */
int dns_relay_start(void);
int dns_relay_redirect(int fd, const struct soxy_addr *server, int family);
bool dns_relay_is(const struct soxy_addr *addr);

#endif /* SOXY_SOXY_H */
