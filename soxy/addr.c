// SPDX-License-Identifier: GPL-2.0
/* Addresses and CIDR ranges: see addr.h. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stddef.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

static const uint8_t v4_mapped_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
};

bool soxy_addr_is_v4(const struct soxy_addr *a)
{
	return !memcmp(a->ip, v4_mapped_prefix, sizeof(v4_mapped_prefix));
}

static void set_v4(uint8_t ip[16], const struct in_addr *in)
{
	memcpy(ip, v4_mapped_prefix, sizeof(v4_mapped_prefix));
	memcpy(ip + 12, in, 4);
}

bool soxy_addr_from_sockaddr(struct soxy_addr *a, const void *sa,
			     socklen_t len)
{
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	sa_family_t family;

	if (len < sizeof(family))
		return false;
	memcpy(&family, sa, sizeof(family));
	memset(a, 0, sizeof(*a));
	if (family == AF_INET && len >= sizeof(in)) {
		memcpy(&in, sa, sizeof(in));
		set_v4(a->ip, &in.sin_addr);
		a->port = ntohs(in.sin_port);
		return true;
	}
	/* The kernel takes the 24 bytes of RFC 2133 too (no scope id). */
	if (family == AF_INET6 && len >= offsetof(struct sockaddr_in6,
						  sin6_scope_id)) {
		memset(&in6, 0, sizeof(in6));
		memcpy(&in6, sa, len < sizeof(in6) ? len : sizeof(in6));
		memcpy(a->ip, &in6.sin6_addr, 16);
		a->port = ntohs(in6.sin6_port);
		a->scope_id = in6.sin6_scope_id;
		return true;
	}
	return false;
}

socklen_t soxy_addr_to_sockaddr(const struct soxy_addr *a, int family,
				struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		if (!soxy_addr_is_v4(a))
			return 0;
		in->sin_family = AF_INET;
		in->sin_port = htons(a->port);
		memcpy(&in->sin_addr, a->ip + 12, 4);
		return sizeof(*in);
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(a->port);
	memcpy(&in6->sin6_addr, a->ip, 16);
	in6->sin6_scope_id = a->scope_id;
	return sizeof(*in6);
}

const char *soxy_addr_format(const struct soxy_addr *a,
			     char text[SOXY_ADDR_TEXT])
{
	char ip[INET6_ADDRSTRLEN];

	if (soxy_addr_is_v4(a)) {
		inet_ntop(AF_INET, a->ip + 12, ip, sizeof(ip));
		snprintf(text, SOXY_ADDR_TEXT, "%s:%u", ip, a->port);
	} else {
		inet_ntop(AF_INET6, a->ip, ip, sizeof(ip));
		snprintf(text, SOXY_ADDR_TEXT, "[%s]:%u", ip, a->port);
	}
	return text;
}

/* HOST as an IPv4 or IPv6 address, PORT as a number: 0, or -1. */
static int parse_number_port(struct soxy_addr *a, const char *host,
			     const char *port)
{
	struct in_addr in;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, host, &in) == 1)
		set_v4(a->ip, &in);
	else if (inet_pton(AF_INET6, host, a->ip) != 1)
		return -1;
	a->port = (uint16_t)strtoul(port, NULL, 10);
	return 0;
}

int soxy_addr_parse(struct soxy_addr *a, const char *text, const char **why)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res;
	char host[256];
	const char *colon, *port, *close;
	size_t len;
	char *end;
	int err;

	if (*text == '[') {
		close = strchr(text, ']');
		if (!close || close[1] != ':') {
			*why = "expected [IPV6]:PORT";
			return -1;
		}
		text++;
		len = (size_t)(close - text);
		port = close + 2;
	} else {
		colon = strrchr(text, ':');
		if (!colon) {
			*why = "expected HOST:PORT";
			return -1;
		}
		len = (size_t)(colon - text);
		port = colon + 1;
	}
	if (!len || len >= sizeof(host) || !*port) {
		*why = "expected HOST:PORT";
		return -1;
	}
	memcpy(host, text, len);
	host[len] = '\0';
	if (strtoul(port, &end, 10) - 1 > 65534 || *end) {
		*why = "PORT must be a number from 1 to 65535";
		return -1;
	}
	/* A number needs no resolver (static programs have no NSS). */
	if (!parse_number_port(a, host, port))
		return 0;
	err = getaddrinfo(host, port, &hints, &res);
	if (err) {
		*why = gai_strerror(err);
		return -1;
	}
	soxy_addr_from_sockaddr(a, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

int soxy_cidr_parse(struct soxy_cidr *c, const char *text)
{
	char ip[INET6_ADDRSTRLEN];
	const char *slash = strchr(text, '/');
	size_t len = slash ? (size_t)(slash - text) : strlen(text);
	unsigned long bits;
	struct in_addr in;
	char *end;
	bool v4;

	if (!len || len >= sizeof(ip))
		return -1;
	memcpy(ip, text, len);
	ip[len] = '\0';
	v4 = inet_pton(AF_INET, ip, &in) == 1;
	if (v4)
		set_v4(c->ip, &in);
	else if (inet_pton(AF_INET6, ip, c->ip) != 1)
		return -1;
	bits = v4 ? 32 : 128;
	if (slash) {
		bits = strtoul(slash + 1, &end, 10);
		if (end == slash + 1 || *end || bits > (v4 ? 32u : 128u))
			return -1;
	}
	c->bits = (unsigned int)bits + (v4 ? 96 : 0);
	return 0;
}

bool soxy_cidr_contains(const struct soxy_cidr *c, const struct soxy_addr *a)
{
	unsigned int whole = c->bits / 8, rest = c->bits % 8;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));

	if (memcmp(c->ip, a->ip, whole))
		return false;
	return !rest || !((c->ip[whole] ^ a->ip[whole]) & mask);
}

bool soxy_addr_equal(const struct soxy_addr *a, const struct soxy_addr *b)
{
	return !memcmp(a->ip, b->ip, 16) && a->port == b->port;
}
