// SPDX-License-Identifier: GPL-2.0
/*
 * -yy: what a socket is, asked of the kernel's sock_diag netlink interface
 * by the socket's inode, as strace asks it. The protocol comes from the
 * socket's "system.sockprotoname" attribute ("TCP", "UDPv6", "UNIX-STREAM",
 * ...); an inet socket is looked up in a dump of its family and protocol,
 * a unix socket by its inode. What is found is kept by inode, as strace
 * keeps it (1024 entries, one per inode modulo 1024), and shown again
 * from there without a new query: a socket that is found once keeps the
 * endpoints it had then.
 *
 *	TCP:[127.0.0.1:40000->127.0.0.1:8080]	TCPv6:[[::1]:8080]
 *	UNIX-STREAM:[1234->1235]		UNIX-STREAM:[1236,"/run/sock"]
 *
 * A socket that is not found (not bound yet, another network namespace, a
 * protocol without a diag module) is shown as PROTOCOL:[INODE].
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "stracy.h"

#define CACHE_SIZE	1024
#define UNIX_PATH_MAX	108

/* What was found of one socket. */
struct sock_details {
	unsigned long inode;	/* 0: an empty entry */
	char proto[32];
	int family;
	/* inet */
	unsigned char src[16], dst[16];
	unsigned int sport, dport;
	bool connected;
	/* unix */
	unsigned int peer;
	char path[UNIX_PATH_MAX + 1];
	size_t path_len;
};

static struct sock_details cache[CACHE_SIZE];

/* The inet protocols inet_diag answers for, by their sockprotoname. */
static const struct {
	const char *name;
	int family, protocol;
} inet_protos[] = {
	{ "TCP", AF_INET, IPPROTO_TCP },
	{ "UDP", AF_INET, IPPROTO_UDP },
	{ "UDPLITE", AF_INET, IPPROTO_UDPLITE },
	{ "SCTP", AF_INET, IPPROTO_SCTP },
	{ "DCCP", AF_INET, IPPROTO_DCCP },
	{ "TCPv6", AF_INET6, IPPROTO_TCP },
	{ "UDPv6", AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", AF_INET6, IPPROTO_UDPLITE },
	{ "SCTPv6", AF_INET6, IPPROTO_SCTP },
	{ "DCCPv6", AF_INET6, IPPROTO_DCCP },
};

/* 1: d is filled in; 0: not this message; -1: give up. */
typedef int (*diag_parser)(const struct nlmsghdr *h, unsigned long inode,
			   struct sock_details *d);

static int parse_inet(const struct nlmsghdr *h, unsigned long inode,
		      struct sock_details *d)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	static const unsigned char zero[16];
	size_t size;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return -1;
	if (m->idiag_inode != inode)
		return 0;
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return -1;
	size = m->idiag_family == AF_INET ? 4 : 16;
	d->family = m->idiag_family;
	memcpy(d->src, m->id.idiag_src, size);
	memcpy(d->dst, m->id.idiag_dst, size);
	d->sport = ntohs(m->id.idiag_sport);
	d->dport = ntohs(m->id.idiag_dport);
	d->connected = d->dport || memcmp(d->dst, zero, size);
	return 1;
}

static int parse_unix(const struct nlmsghdr *h, unsigned long inode,
		      struct sock_details *d)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	int len = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
	struct rtattr *a;

	if (len < 0)
		return -1;
	if (m->udiag_ino != inode)
		return 0;
	if (m->udiag_family != AF_UNIX)
		return -1;
	d->family = AF_UNIX;
	for (a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == UNIX_DIAG_NAME && !d->path_len) {
			d->path_len = RTA_PAYLOAD(a) < UNIX_PATH_MAX ?
				      RTA_PAYLOAD(a) : UNIX_PATH_MAX;
			memcpy(d->path, RTA_DATA(a), d->path_len);
		} else if (a->rta_type == UNIX_DIAG_PEER &&
			   RTA_PAYLOAD(a) >= sizeof(uint32_t)) {
			memcpy(&d->peer, RTA_DATA(a), sizeof(uint32_t));
		}
	}
	/* Neither a peer nor a name: nothing to say but the inode. */
	return d->peer || d->path_len ? 1 : -1;
}

/*
 * Sends a SOCK_DIAG_BY_FAMILY request (body: its family's request, flags:
 * NLM_F_DUMP or not), reads the answers until parse finds inode.
 */
static bool diag_query(const void *body, size_t len, uint16_t flags,
		       unsigned long inode, diag_parser parse,
		       struct sock_details *d)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr h;
		unsigned char body[64];
	} req = {
		.h = { .nlmsg_len = NLMSG_LENGTH(len),
		       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | flags },
	};
	static long buf[8192 / sizeof(long)];
	bool found = false, done = false;
	int fd, rc;
	ssize_t n;

	memcpy(req.body, body, len);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return false;
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		done = true;
	while (!done) {
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || !NLMSG_OK(h, (size_t)n))
			break;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			/* NLMSG_DONE, NLMSG_ERROR: the end, without it. */
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) {
				done = true;
				break;
			}
			rc = parse(h, inode, d);
			if (rc) {
				found = rc > 0;
				done = true;
				break;
			}
		}
	}
	close(fd);
	return found;
}

static bool query_inet(int family, int protocol, unsigned long inode,
		       struct sock_details *d)
{
	struct inet_diag_req_v2 r = {
		.sdiag_family = (uint8_t)family,
		.sdiag_protocol = (uint8_t)protocol,
		.idiag_states = ~0U,
	};

	return diag_query(&r, sizeof(r), NLM_F_DUMP, inode, parse_inet, d);
}

/* A unix socket is looked up by its inode, without a dump. */
static bool query_unix(unsigned long inode, struct sock_details *d)
{
	struct unix_diag_req r = {
		.sdiag_family = AF_UNIX,
		.udiag_states = ~0U,
		.udiag_ino = (uint32_t)inode,
		.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
		.udiag_cookie = { ~0U, ~0U },
	};

	return diag_query(&r, sizeof(r), 0, inode, parse_unix, d);
}

/* The details of socket inode of protocol proto, asked, into the cache. */
static const struct sock_details *lookup(unsigned long inode,
					 const char *proto)
{
	struct sock_details *e = &cache[inode % CACHE_SIZE], d = { 0 };
	bool found = false;
	unsigned int i;

	if (!strncmp(proto, "UNIX", 4)) {
		found = query_unix(inode, &d);
	} else {
		for (i = 0; i < sizeof(inet_protos) / sizeof(*inet_protos); i++)
			if (!strcmp(proto, inet_protos[i].name)) {
				found = query_inet(inet_protos[i].family,
						   inet_protos[i].protocol,
						   inode, &d);
				break;
			}
	}
	if (!found)
		return NULL;
	d.inode = inode;
	snprintf(d.proto, sizeof(d.proto), "%s", proto);
	*e = d;
	return e;
}

static void print_inet_end(const struct sock_details *d, const void *addr,
			   unsigned int port)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(d->family, addr, text, sizeof(text));
	if (d->family == AF_INET6)
		out_printf("[%s]:%u", text, port);
	else
		out_printf("%s:%u", text, port);
}

static void print_details(const struct sock_details *d)
{
	out_printf("%s:[", d->proto);
	if (d->family == AF_UNIX) {
		out_printf("%lu", d->inode);
		if (d->peer)
			out_printf("->%u", d->peer);
		if (d->path_len) {
			/* An abstract name begins with a NUL: "@name". */
			bool abstract = !d->path[0];
			const char *p = d->path + abstract;

			out_puts(abstract ? ",@" : ",");
			print_quoted_local(p, strnlen(p, d->path_len - abstract),
					   -1);
		}
	} else {
		print_inet_end(d, d->src, d->sport);
		if (d->connected) {
			out_puts("->");
			print_inet_end(d, d->dst, d->dport);
		}
	}
	out_puts("]");
}

bool print_socket_details(const char *fd_path, unsigned long inode)
{
	const struct sock_details *d;
	char proto[32];
	ssize_t len;

	d = &cache[inode % CACHE_SIZE];
	if (d->inode != inode) {
		/* The kernel names a socket's protocol in an xattr. */
		len = getxattr(fd_path, "system.sockprotoname", proto,
			       sizeof(proto) - 1);
		if (len <= 0)
			return false;
		proto[len] = 0;
		d = lookup(inode, proto);
		if (!d) {
			out_printf("<%s:[%lu]>", proto, inode);
			return true;
		}
	}
	out_puts("<");
	print_details(d);
	out_puts(">");
	return true;
}
