/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What soxy's two guest programs share (soxy/tests/guest.c, the test, and
 * soxy/tests/guest-bench.c, the benchmark): the loopback servers they
 * start (a web server, a bulk server, a port that refuses, soxy-socksd)
 * and running a program under soxy with its output caught.
 *
 * The guest has no shell: the servers are forked here, and the programs
 * are in SOXY_DIR, put there by the initramfs (soxy/guest.mk).
 */
#ifndef SOXY_GUEST_LIB_H
#define SOXY_GUEST_LIB_H

#include <stddef.h>
#include <sys/types.h>

#ifndef SOXY_DIR
#define SOXY_DIR	"/soxy"
#endif
#define BANNER		"HTTP/1.0 200 OK\r\n"
#define SOCKSD_LOG	"/tmp/soxy-socksd.log"

struct servers {
	unsigned short web;	/* sends BANNER, then EOF */
	unsigned short bulk;	/* sends bulk_mb MB, then EOF */
	unsigned short closed;	/* bound, not listening: refuses */
	char proxy[32];		/* soxy-socksd, 127.0.0.1:PORT */
	pid_t pids[3];
	int closed_fd;
};

/*
 * Brings loopback up (/init leaves it down), starts the servers, the
 * bulk one sending bulk_mb MB per connection, and soxy-socksd logging
 * to SOCKSD_LOG. Returns 0, or -1 with a message on stdout.
 */
int start_servers(struct servers *s, int bulk_mb);
void stop_servers(struct servers *s);

/*
 * Runs argv with TRACY_BACKEND=backend (NULL: unset); its stdout and
 * stderr in 'out'. Returns its exit status, or -1.
 */
int run(const char *backend, char *const argv[], char *out, size_t size);

/* The N of "N syscall stops" in soxy -v's output, or -1. */
long stops(const char *out);

#endif
