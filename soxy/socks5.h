/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client side of SOCKS version 5 (RFC 1928) with username/password
 * authentication (RFC 1929), spoken by soxy on a socket that is already
 * connected to the proxy.
 */
#ifndef SOXY_SOCKS5_H
#define SOXY_SOCKS5_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

struct socks5_auth {
	const char *user, *password;	/* NULL user: no authentication */
};

/*
 * Asks the proxy at the other end of 'fd' to CONNECT to 'dest', waiting
 * at most timeout_ms for each of its answers; it reads no byte past its
 * last answer, so what the destination sends first stays in the socket
 * for the program. Returns 0 when the proxy is connected, or the errno a
 * direct connect() would have given for what the proxy answered
 * (ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT, ...), with a
 * description in *why: the proxy's reply, or what went wrong with the
 * proxy itself (then *proxy_fault is true).
 */
int socks5_connect(int fd, const struct soxy_addr *dest,
		   const struct socks5_auth *auth, int timeout_ms,
		   const char **why, bool *proxy_fault);

/*
 * The I/O socks5_connect() does, for what a caller sends and reads
 * after it on the same socket: CLOCK_MONOTONIC in milliseconds, and all
 * of len bytes sent or received before that clock reaches deadline
 * (0, ECONNRESET when the other end closed first, ETIMEDOUT, or an
 * errno), whether the socket blocks or not.
 */
long long socks5_now_ms(void);
int socks5_send_all(int fd, const void *buf, size_t len, long long deadline);
int socks5_recv_all(int fd, void *buf, size_t len, long long deadline);

#endif /* SOXY_SOCKS5_H */
