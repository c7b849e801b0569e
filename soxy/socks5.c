// SPDX-License-Identifier: GPL-2.0
/*
 * SOCKS5 CONNECT with optional username/password: see socks5.h.
 *
 * The socket is the program's own (soxy holds a duplicate of its
 * descriptor), so its file status flags are the program's: soxy never
 * changes them, and waits with poll() and MSG_DONTWAIT whether the
 * program's socket blocks or not.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "socks5.h"

#define SOCKS_VERSION		5
#define METHOD_NONE		0x00
#define METHOD_PASSWORD		0x02
#define METHOD_UNACCEPTABLE	0xff
#define PASSWORD_VERSION	1
#define CMD_CONNECT		1
#define ATYP_IPV4		1
#define ATYP_DOMAIN		3
#define ATYP_IPV6		4

/* What the proxy answers to a CONNECT (RFC 1928, 6.), as connect() would. */
static const struct {
	const char *text;
	int err;
} replies[] = {
	[1] = { "general SOCKS server failure", ECONNREFUSED },
	[2] = { "connection not allowed by ruleset", ECONNREFUSED },
	[3] = { "network unreachable", ENETUNREACH },
	[4] = { "host unreachable", EHOSTUNREACH },
	[5] = { "connection refused", ECONNREFUSED },
	[6] = { "TTL expired", ETIMEDOUT },
	[7] = { "command not supported", ECONNREFUSED },
	[8] = { "address type not supported", EAFNOSUPPORT },
};

long long socks5_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Waits for 'events' on fd until 'deadline': 0, or an errno. */
static int wait_for(int fd, short events, long long deadline)
{
	struct pollfd p = { .fd = fd, .events = events };
	long long left;
	int n;

	for (;;) {
		left = deadline - socks5_now_ms();
		if (left <= 0)
			return ETIMEDOUT;
		n = poll(&p, 1, (int)left);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return errno;
	}
}

/* The I/O of the handshake, also for what follows it (socks5.h). */
int socks5_send_all(int fd, const void *buf, size_t len, long long deadline)
{
	const char *p = buf;
	ssize_t n;
	int err;

	while (len) {
		n = send(fd, p, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return errno;
		err = wait_for(fd, POLLOUT, deadline);
		if (err)
			return err;
	}
	return 0;
}

/* Exactly len bytes: 0, ECONNRESET if the proxy closed, or an errno. */
int socks5_recv_all(int fd, void *buf, size_t len, long long deadline)
{
	char *p = buf;
	ssize_t n;
	int err;

	while (len) {
		n = recv(fd, p, len, MSG_DONTWAIT);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (!n)
			return ECONNRESET;
		if (errno != EAGAIN && errno != EINTR)
			return errno;
		err = wait_for(fd, POLLIN, deadline);
		if (err)
			return err;
	}
	return 0;
}

/* A failure of the proxy itself: the program sees ECONNREFUSED. */
static int proxy_failed(const char **why, bool *proxy_fault, const char *text)
{
	*why = text;
	*proxy_fault = true;
	return ECONNREFUSED;
}

static int io_failed(int err, const char **why, bool *proxy_fault)
{
	return proxy_failed(why, proxy_fault, err == ETIMEDOUT ?
			    "the proxy did not answer in time" :
			    err == ECONNRESET ? "the proxy closed the connection" :
			    strerror(err));
}

static int authenticate(int fd, const struct socks5_auth *auth,
			long long deadline, const char **why,
			bool *proxy_fault)
{
	unsigned char msg[3 + 2 * 255], reply[2];
	size_t ulen = strlen(auth->user), plen = strlen(auth->password);
	int err;

	msg[0] = PASSWORD_VERSION;
	msg[1] = (unsigned char)ulen;
	memcpy(msg + 2, auth->user, ulen);
	msg[2 + ulen] = (unsigned char)plen;
	memcpy(msg + 3 + ulen, auth->password, plen);
	err = socks5_send_all(fd, msg, 3 + ulen + plen, deadline);
	if (!err)
		err = socks5_recv_all(fd, reply, sizeof(reply), deadline);
	if (err)
		return io_failed(err, why, proxy_fault);
	if (reply[1] != 0) {
		*why = "the proxy refused the username and password";
		*proxy_fault = true;
		return EACCES;
	}
	return 0;
}

static int negotiate(int fd, const struct socks5_auth *auth,
		     long long deadline, const char **why, bool *proxy_fault)
{
	unsigned char hello[3] = { SOCKS_VERSION, 1,
				   auth->user ? METHOD_PASSWORD : METHOD_NONE };
	unsigned char choice[2];
	int err;

	err = socks5_send_all(fd, hello, sizeof(hello), deadline);
	if (!err)
		err = socks5_recv_all(fd, choice, sizeof(choice), deadline);
	if (err)
		return io_failed(err, why, proxy_fault);
	if (choice[0] != SOCKS_VERSION)
		return proxy_failed(why, proxy_fault, "not a SOCKS5 proxy");
	if (choice[1] == hello[2])
		return auth->user ? authenticate(fd, auth, deadline, why,
						 proxy_fault) : 0;
	if (choice[1] == METHOD_UNACCEPTABLE) {
		*why = auth->user ?
			"the proxy does not take a username and password" :
			"the proxy wants authentication (-u USER:PASS)";
		*proxy_fault = true;
		return EACCES;
	}
	return proxy_failed(why, proxy_fault,
			    "the proxy chose a method we did not offer");
}

/* Reads the rest of a CONNECT reply, whose first 4 bytes are 'head'. */
static int skip_bound_address(int fd, const unsigned char head[4],
			      long long deadline)
{
	unsigned char buf[255 + 2];
	size_t len;
	int err;

	switch (head[3]) {
	case ATYP_IPV4:
		len = 4 + 2;
		break;
	case ATYP_IPV6:
		len = 16 + 2;
		break;
	case ATYP_DOMAIN:
		err = socks5_recv_all(fd, buf, 1, deadline);
		if (err)
			return err;
		len = buf[0] + 2u;
		break;
	default:
		return EPROTO;
	}
	return socks5_recv_all(fd, buf, len, deadline);
}

int socks5_connect(int fd, const struct soxy_addr *dest,
		   const struct socks5_auth *auth, int timeout_ms,
		   const char **why, bool *proxy_fault)
{
	long long deadline = socks5_now_ms() + timeout_ms;
	unsigned char req[4 + 16 + 2], head[4];
	size_t len = 4;
	int err;

	*proxy_fault = false;
	err = negotiate(fd, auth, deadline, why, proxy_fault);
	if (err)
		return err;
	req[0] = SOCKS_VERSION;
	req[1] = CMD_CONNECT;
	req[2] = 0;
	if (soxy_addr_is_v4(dest)) {
		req[3] = ATYP_IPV4;
		memcpy(req + len, dest->ip + 12, 4);
		len += 4;
	} else {
		req[3] = ATYP_IPV6;
		memcpy(req + len, dest->ip, 16);
		len += 16;
	}
	req[len++] = (unsigned char)(dest->port >> 8);
	req[len++] = (unsigned char)dest->port;
	err = socks5_send_all(fd, req, len, deadline);
	if (!err)
		err = socks5_recv_all(fd, head, sizeof(head), deadline);
	if (err)
		return io_failed(err, why, proxy_fault);
	if (head[0] != SOCKS_VERSION)
		return proxy_failed(why, proxy_fault, "not a SOCKS5 reply");
	if (head[1] != 0) {
		if (head[1] < sizeof(replies) / sizeof(*replies)) {
			*why = replies[head[1]].text;
			return replies[head[1]].err;
		}
		*why = "unknown SOCKS5 reply";
		return ECONNREFUSED;
	}
	err = skip_bound_address(fd, head, deadline);
	if (err)
		return err == EPROTO ?
			proxy_failed(why, proxy_fault, "bad SOCKS5 reply") :
			io_failed(err, why, proxy_fault);
	*why = "connected";
	return 0;
}
