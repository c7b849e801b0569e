/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses as soxy handles them: an IPv4 or IPv6 address with a port,
 * parsed from HOST:PORT and from the sockaddr of a tracee's connect(),
 * and the CIDR ranges that are connected to directly (--exclude).
 */
#ifndef SOXY_ADDR_H
#define SOXY_ADDR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

/* An IPv4 address is kept in its IPv4-mapped IPv6 form, ::ffff:a.b.c.d. */
struct soxy_addr {
	uint8_t ip[16];
	uint16_t port;		/* host order */
	uint32_t scope_id;	/* IPv6 link-local: the interface */
};

struct soxy_cidr {
	uint8_t ip[16];		/* mapped form for IPv4, as above */
	unsigned int bits;	/* prefix length in that 128-bit form */
};

#define SOXY_ADDR_TEXT	64	/* "[ffff:...]:65535" and a NUL */

bool soxy_addr_is_v4(const struct soxy_addr *a);

/*
 * The address of a sockaddr of 'len' bytes: false if it is neither a
 * complete sockaddr_in nor sockaddr_in6.
 */
bool soxy_addr_from_sockaddr(struct soxy_addr *a, const void *sa,
			     socklen_t len);

/*
 * The sockaddr of a in 'family' (AF_INET6 gives an IPv4 address in its
 * mapped form); its length, or 0 if an IPv6 address has no AF_INET form.
 */
socklen_t soxy_addr_to_sockaddr(const struct soxy_addr *a, int family,
				struct sockaddr_storage *ss);

/* "1.2.3.4:80" or "[::1]:80". */
const char *soxy_addr_format(const struct soxy_addr *a,
			     char text[SOXY_ADDR_TEXT]);

/*
 * HOST:PORT, with [HOST] for IPv6; HOST may be a name, looked up once
 * (the first address). 0, or -1 with a message in 'why'.
 */
int soxy_addr_parse(struct soxy_addr *a, const char *text, const char **why);

/* ADDRESS/BITS, or an ADDRESS alone (all its bits). 0 or -1. */
int soxy_cidr_parse(struct soxy_cidr *c, const char *text);
bool soxy_cidr_contains(const struct soxy_cidr *c, const struct soxy_addr *a);

bool soxy_addr_equal(const struct soxy_addr *a, const struct soxy_addr *b);

#endif /* SOXY_ADDR_H */
