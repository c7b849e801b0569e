// SPDX-License-Identifier: GPL-2.0
/*
 * A static program for soxy's --dns tests: it looks NAME up and prints
 * each IPv4 address of it, one a line; exits 1 if there is none.
 *
 *	soxy-resolve NAME	with the C library's resolver, res_query(3),
 *				which reads /etc/resolv.conf and RES_OPTIONS
 *				as getaddrinfo() does but needs no NSS
 *				module, so that it links statically
 *	soxy-resolve -u NAME	as Go's resolver and other resolvers of
 *				their own do: a UDP socket connect()ed to
 *				the first name server of /etc/resolv.conf,
 *				one query sent, its answer read (5 s at
 *				most); RES_OPTIONS is not read
 */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <resolv.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The first "nameserver" of /etc/resolv.conf, port 53: 0, or -1. */
static int name_server(struct sockaddr_in *to)
{
	char line[256], address[64];
	FILE *f = fopen("/etc/resolv.conf", "r");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "nameserver %63s", address) == 1 &&
			inet_pton(AF_INET, address, &to->sin_addr) == 1;
	if (f)
		fclose(f);
	to->sin_family = AF_INET;
	to->sin_port = htons(53);
	return found ? 0 : -1;
}

/* The query over a connected UDP socket: the answer's length, or -1. */
static int query_udp(const char *name, unsigned char *answer, int size)
{
	unsigned char query[NS_PACKETSZ];
	struct sockaddr_in to;
	struct pollfd p;
	int len, fd;

	len = res_mkquery(ns_o_query, name, ns_c_in, ns_t_a, NULL, 0, NULL,
			  query, sizeof(query));
	if (len < 0 || name_server(&to))
		return -1;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)) ||
	    send(fd, query, (size_t)len, 0) != len) {
		perror("soxy-resolve -u");
		return -1;
	}
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	len = poll(&p, 1, 5000) == 1 ? (int)recv(fd, answer, (size_t)size, 0) :
				      -1;
	close(fd);
	return len;
}

int main(int argc, char **argv)
{
	unsigned char answer[NS_PACKETSZ];
	char text[INET_ADDRSTRLEN];
	int udp = argc == 3 && !strcmp(argv[1], "-u");
	int len, i, found = 0;
	ns_msg msg;
	ns_rr rr;

	if (argc != 2 + udp) {
		fputs("usage: soxy-resolve [-u] NAME\n", stderr);
		return 2;
	}
	len = udp ? query_udp(argv[2], answer, sizeof(answer)) :
		    res_query(argv[1], ns_c_in, ns_t_a, answer, sizeof(answer));
	if (len < 0 || ns_initparse(answer, len, &msg)) {
		fprintf(stderr, "soxy-resolve: %s: %s\n", argv[1 + udp],
			udp ? "no answer" : hstrerror(h_errno));
		return 1;
	}
	for (i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) ||
		    ns_rr_type(rr) != ns_t_a || ns_rr_rdlen(rr) != 4)
			continue;
		printf("%s\n", inet_ntop(AF_INET, ns_rr_rdata(rr), text,
					 sizeof(text)));
		found = 1;
	}
	return !found;
}
