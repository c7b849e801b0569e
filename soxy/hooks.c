// SPDX-License-Identifier: GPL-2.0
/*
 * The hooks of soxy: connect() through the proxy (a UDP one to a name
 * server, with --dns, to the relay of dns.c), getpeername() of a proxied
 * socket. soxy.c says how they work.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "soxy.h"
#include "tracee.h"

/* Proxied sockets whose getpeername() soxy answers (the newest). */
#define PROXIED_MAX		4096
/* socketcall()'s calls (linux/net.h). */
#define SOCKETCALL_CONNECT	3
#define SOCKETCALL_GETPEERNAME	7
/* The largest sockaddr soxy reads. */
#define SOCKADDR_MAX		((socklen_t)sizeof(struct sockaddr_storage))

/* A socket soxy connected through the proxy: its inode, its destination. */
static struct {
	dev_t dev;
	ino_t ino;
	struct soxy_addr dest;
} proxied[PROXIED_MAX];
static unsigned int next_proxied;

static int sockopt_int(int fd, int name)
{
	int value = -1;
	socklen_t len = sizeof(value);

	if (getsockopt(fd, SOL_SOCKET, name, &value, &len))
		return -1;
	return value;
}

static bool is_tcp(int fd)
{
	int protocol = sockopt_int(fd, SO_PROTOCOL);

	return sockopt_int(fd, SO_TYPE) == SOCK_STREAM &&
	       (protocol == IPPROTO_TCP || protocol == IPPROTO_MPTCP);
}

static bool is_udp(int fd)
{
	int protocol = sockopt_int(fd, SO_PROTOCOL);

	return sockopt_int(fd, SO_TYPE) == SOCK_DGRAM &&
	       (protocol == IPPROTO_UDP || protocol == IPPROTO_UDPLITE);
}

/*
 * With --dns, a connection to a name server (its port) goes through the
 * proxy whatever the excludes: a name server on loopback (a local cache
 * or stub such as systemd-resolved's 127.0.0.53) would resolve the names
 * itself, directly.
 */
static bool is_dns(const struct soxy_addr *dest)
{
	return soxy.dns && dest->port == DNS_PORT;
}

/* What the proxy connects to for dest: --dns-server for a name server. */
static const struct soxy_addr *proxy_target(const struct soxy_addr *dest)
{
	return is_dns(dest) && soxy.dns_server_set ? &soxy.dns_server : dest;
}

static bool is_excluded(const struct soxy_addr *dest)
{
	int i;

	/* The proxy itself: a program that speaks SOCKS on its own. */
	if (soxy_addr_equal(dest, &soxy.proxy))
		return true;
	if (is_dns(dest))
		return false;
	for (i = 0; i < soxy.nexcludes; i++)
		if (soxy_cidr_contains(&soxy.excludes[i], dest))
			return true;
	return false;
}

static void remember_proxied(int fd, const struct soxy_addr *dest)
{
	struct stat st;

	if (fstat(fd, &st))
		return;
	proxied[next_proxied].dev = st.st_dev;
	proxied[next_proxied].ino = st.st_ino;
	proxied[next_proxied].dest = *dest;
	next_proxied = (next_proxied + 1) % PROXIED_MAX;
}

/* The destination of proxied socket fd, or NULL. */
static const struct soxy_addr *proxied_dest(int fd)
{
	struct stat st;
	unsigned int i, n;

	if (fstat(fd, &st))
		return NULL;
	for (n = 0; n < PROXIED_MAX; n++) {
		i = (next_proxied + PROXIED_MAX - 1 - n) % PROXIED_MAX;
		if (proxied[i].ino == st.st_ino && proxied[i].dev == st.st_dev &&
		    proxied[i].ino)
			return &proxied[i].dest;
	}
	return NULL;
}

/* For a tracee's socket, fd is soxy's duplicate of it. */
int connect_wait(int fd, const struct soxy_addr *to, int family)
{
	struct sockaddr_storage ss;
	socklen_t len = soxy_addr_to_sockaddr(to, family, &ss);
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int n, err;

	if (!len)
		return ENETUNREACH;
	if (!connect(fd, (struct sockaddr *)&ss, len))
		return 0;
	if (errno != EINPROGRESS && errno != EINTR)
		return errno;
	do
		n = poll(&p, 1, SOCKS_TIMEOUT_MS);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n ? errno : ETIMEDOUT;
	err = sockopt_int(fd, SO_ERROR);
	return err < 0 ? errno : err;
}

/* Takes socket fd (soxy's duplicate) back to unconnected. */
static void disconnect(int fd)
{
	struct sockaddr sa = { .sa_family = AF_UNSPEC };

	connect(fd, &sa, sizeof(sa));
}

/*
 * A non-blocking connect() the proxy reports refused: the socket gets
 * the pending ECONNREFUSED of a direct attempt. EINPROGRESS, or the
 * errno to return at once.
 */
static int refuse_later(int fd, int family)
{
	const struct soxy_addr *to = family == AF_INET6 && soxy.refuser6 >= 0 ?
		&soxy.refuser6_addr : &soxy.refuser4_addr;
	struct sockaddr_storage ss;
	socklen_t len = soxy_addr_to_sockaddr(to, family, &ss);

	if (!len || !connect(fd, (struct sockaddr *)&ss, len) ||
	    errno != EINPROGRESS)
		return ECONNREFUSED;
	return EINPROGRESS;
}

/*
 * Takes tracee socket fd (soxy's duplicate dup) through the proxy to
 * dest: the errno the tracee's connect() returns, 0 for success, or -1
 * to let its connect() run as it is.
 */
static int proxy_connect(struct tracy_event *e, int dup,
			 const struct soxy_addr *dest, int family)
{
	bool nonblocking = fcntl(dup, F_GETFL) & O_NONBLOCK;
	char dtext[SOXY_ADDR_TEXT], ptext[SOXY_ADDR_TEXT];
	const char *why;
	bool proxy_fault;
	int err;

	err = connect_wait(dup, &soxy.proxy, family);
	if (err == EALREADY || err == EISCONN)
		return -1;	/* the kernel answers that, with no packet */
	if (err) {
		why = family == AF_INET && !soxy_addr_is_v4(&soxy.proxy) ?
			"an IPv6 proxy for an IPv4 socket" : strerror(err);
		say("%d: %s: cannot reach the proxy %s: %s", e->child->pid,
		    soxy_addr_format(dest, dtext),
		    soxy_addr_format(&soxy.proxy, ptext), why);
		disconnect(dup);
		soxy.failed++;
		return err == ENETUNREACH ? err : ECONNREFUSED;
	}
	err = socks5_connect(dup, proxy_target(dest), &soxy.auth,
			     SOCKS_TIMEOUT_MS, &why, &proxy_fault);
	if (soxy.verbose || proxy_fault)
		say("%d: %s via %s: %s", e->child->pid,
		    soxy_addr_format(proxy_target(dest), dtext),
		    soxy_addr_format(&soxy.proxy, ptext), why);
	if (!err) {
		soxy.proxied++;
		remember_proxied(dup, dest);
		return nonblocking ? EINPROGRESS : 0;
	}
	soxy.failed++;
	disconnect(dup);
	if (nonblocking && err == ECONNREFUSED)
		return refuse_later(dup, family);
	return err;
}

static int on_connect(struct tracy_event *e, bool socketcall)
{
	struct sockaddr_storage peer;
	socklen_t peer_len = sizeof(peer);
	unsigned char sa[SOCKADDR_MAX];
	char text[SOXY_ADDR_TEXT];
	struct sock_args a;
	struct soxy_addr dest;
	socklen_t len;
	sa_family_t family;
	int dup, err;

	if (read_sock_args(e, socketcall, &a) || a.len > SOCKADDR_MAX ||
	    a.len < sizeof(family))
		return TRACY_HOOK_CONTINUE;	/* the kernel's EFAULT, EINVAL */
	len = (socklen_t)a.len;
	if (tracy_read_mem(e->child, sa, a.addr, len) != (ssize_t)len ||
	    !soxy_addr_from_sockaddr(&dest, sa, len))
		return TRACY_HOOK_CONTINUE;	/* not IP, or the kernel's error */
	memcpy(&family, sa, sizeof(family));
	if (is_excluded(&dest)) {
		soxy.direct++;
		if (soxy.verbose)
			say("%d: %s: excluded, direct", e->child->pid,
			    soxy_addr_format(&dest, text));
		return TRACY_HOOK_CONTINUE;
	}
	dup = dup_tracee_fd(e->child, a.fd);
	if (dup < 0 && errno == EBADF)
		return TRACY_HOOK_CONTINUE;	/* the kernel's EBADF */
	if (dup < 0) {
		/* Never a direct connection that should have been proxied. */
		say("%d: cannot take over the socket of connect(): %s",
		    e->child->pid, strerror(errno));
		soxy.failed++;
		return hook_result(e, ENETUNREACH);
	}
	if (sockopt_int(dup, SO_DOMAIN) != family) {
		close(dup);	/* the kernel's EAFNOSUPPORT */
		return TRACY_HOOK_CONTINUE;
	}
	if (is_udp(dup) && is_dns(&dest)) {
		/* Queries that would go to the name server directly. */
		err = dns_relay_redirect(dup, proxy_target(&dest), family);
		if (!err)
			remember_proxied(dup, &dest);
		close(dup);
		if (err)
			soxy.failed++;
		else
			soxy.proxied++;
		if (soxy.verbose || err)
			say("%d: %s: --dns: UDP %s", e->child->pid,
			    soxy_addr_format(&dest, text), err ?
			    strerror(err) : "to the relay, then through the "
					    "proxy over TCP");
		return hook_result(e, err);
	}
	if (!is_tcp(dup)) {
		close(dup);	/* UDP, other protocols: untouched */
		return TRACY_HOOK_CONTINUE;
	}
	/*
	 * Connected already (through the proxy, or directly): the kernel
	 * answers a connect() without a packet, 0 once after a
	 * non-blocking connect() that completed, EISCONN then, as it would
	 * on a direct connection.
	 */
	if (!getpeername(dup, (struct sockaddr *)&peer, &peer_len)) {
		close(dup);
		return TRACY_HOOK_CONTINUE;
	}
	err = proxy_connect(e, dup, &dest, family);
	close(dup);
	return err < 0 ? TRACY_HOOK_CONTINUE : hook_result(e, err);
}

/*
 * getpeername() of a proxied socket: the destination, as the kernel
 * would write it (truncated to the caller's length, which is set to the
 * full one).
 */
static int on_getpeername(struct tracy_event *e, bool socketcall)
{
	struct sockaddr_storage ss, peer;
	socklen_t peer_len = sizeof(peer), len;
	const struct soxy_addr *dest;
	struct soxy_addr real;
	struct sock_args a;
	int dup, given;

	if (read_sock_args(e, socketcall, &a))
		return TRACY_HOOK_CONTINUE;
	dup = dup_tracee_fd(e->child, a.fd);
	if (dup < 0)
		return TRACY_HOOK_CONTINUE;
	dest = proxied_dest(dup);
	/*
	 * Still connected to the proxy (or the --dns relay): not a socket
	 * that reused the inode, or was connected elsewhere since.
	 */
	if (!dest || getpeername(dup, (struct sockaddr *)&peer, &peer_len) ||
	    !soxy_addr_from_sockaddr(&real, &peer, peer_len) ||
	    !(soxy_addr_equal(&real, &soxy.proxy) || dns_relay_is(&real))) {
		close(dup);
		return TRACY_HOOK_CONTINUE;
	}
	len = soxy_addr_to_sockaddr(dest, peer.ss_family, &ss);
	close(dup);
	if (tracy_read_mem(e->child, &given, to_ptr(a.len), sizeof(given)) !=
	    sizeof(given))
		return hook_result(e, EFAULT);
	if (given < 0)
		return hook_result(e, EINVAL);
	if ((given && tracy_write_mem(e->child, a.addr, &ss,
				      (socklen_t)given < len ? (size_t)given :
							       len) < 0) ||
	    tracy_write_mem(e->child, to_ptr(a.len), &len, sizeof(len)) !=
	    sizeof(len))
		return hook_result(e, EFAULT);
	return hook_result(e, 0);
}

static int connect_hook(struct tracy_event *e)
{
	return on_connect(e, false);
}

static int getpeername_hook(struct tracy_event *e)
{
	return on_getpeername(e, false);
}

/* i386: socketcall(call, args), the way its C library makes these calls. */
static int socketcall_hook(struct tracy_event *e)
{
	switch (syscall_arg(e, 0)) {
	case SOCKETCALL_CONNECT:
		return on_connect(e, true);
	case SOCKETCALL_GETPEERNAME:
		return on_getpeername(e, true);
	default:
		return TRACY_HOOK_CONTINUE;
	}
}

/* A socket on a loopback port: the refusers, the --dns relay (soxy.h). */
int loopback_socket(int family, int type, struct soxy_addr *addr)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	/* ::1, or 127.0.0.1 in its mapped form */
	struct soxy_addr lo = { .ip = { [15] = 1 } };
	int fd;

	if (family == AF_INET) {
		lo.ip[10] = lo.ip[11] = 0xff;
		lo.ip[12] = 127;
	}
	fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	len = soxy_addr_to_sockaddr(&lo, family, &ss);
	if (bind(fd, (struct sockaddr *)&ss, len) ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) ||
	    !soxy_addr_from_sockaddr(addr, &ss, len)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Entry-only hooks, in every ABI that has the syscall. */
int setup_hooks(struct tracy *t)
{
	return example_hook(t, "connect", connect_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ||
	       example_hook(t, "getpeername", getpeername_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ||
	       example_hook(t, "socketcall", socketcall_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ? -1 : 0;
}
