// SPDX-License-Identifier: GPL-2.0
/*
 * A static program for soxy's --dns test: it looks NAME up with the C
 * library's resolver, res_query(3), which reads /etc/resolv.conf and
 * RES_OPTIONS as getaddrinfo() does but needs no NSS module, so that it
 * links statically. Prints each IPv4 address of NAME, one a line; exits
 * 1 if there is none.
 *
 *	soxy-resolve NAME
 */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	unsigned char answer[NS_PACKETSZ];
	char text[INET_ADDRSTRLEN];
	int len, i, found = 0;
	ns_msg msg;
	ns_rr rr;

	if (argc != 2) {
		fputs("usage: soxy-resolve NAME\n", stderr);
		return 2;
	}
	len = res_query(argv[1], ns_c_in, ns_t_a, answer, sizeof(answer));
	if (len < 0 || ns_initparse(answer, len, &msg)) {
		fprintf(stderr, "soxy-resolve: %s: %s\n", argv[1],
			hstrerror(h_errno));
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
