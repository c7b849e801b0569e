// SPDX-License-Identifier: GPL-2.0
/*
 * The servers and the runner of soxy's guest programs: see guest-lib.h.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest-lib.h"

/* A loopback TCP listener on an ephemeral port: its fd, *port set. */
static int listener(unsigned short *port, int listening)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) ||
	    (listening && listen(fd, 64)) ||
	    getsockname(fd, (struct sockaddr *)&in, &len)) {
		perror("soxy-guest: listener");
		exit(1);
	}
	*port = ntohs(in.sin_port);
	return fd;
}

/* A server: each connection gets 'mb' MB, or the banner; then EOF. */
static pid_t serve(int fd, int mb)
{
	static char chunk[1 << 20];
	pid_t pid = fork();
	int c, i;

	if (pid)
		return pid;
	memset(chunk, 'x', sizeof(chunk));
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		if (fork() == 0) {
			for (i = 0; i < mb; i++)
				if (write(c, chunk, sizeof(chunk)) < 0)
					break;
			if (!mb && write(c, BANNER, strlen(BANNER)) < 0)
				_exit(1);
			shutdown(c, SHUT_WR);
			while (read(c, chunk, sizeof(chunk)) > 0)
				;
			_exit(0);
		}
		close(c);
	}
}

/* /init leaves the loopback interface down. */
static void loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) ||
	    (!(ifr.ifr_flags & IFF_UP) &&
	     (ifr.ifr_flags |= IFF_UP, ioctl(fd, SIOCSIFFLAGS, &ifr))))
		printf("# loopback: %s\n", strerror(errno));
	if (fd >= 0)
		close(fd);
}

int start_servers(struct servers *s, int bulk_mb)
{
	unsigned short port;
	char line[16];
	int ready[2];

	loopback_up();
	s->pids[0] = serve(listener(&s->web, 1), 0);
	s->pids[1] = serve(listener(&s->bulk, 1), bulk_mb);
	s->closed_fd = listener(&s->closed, 0);
	/* The proxy's port: found free, then given to soxy-socksd. */
	close(listener(&port, 0));
	snprintf(s->proxy, sizeof(s->proxy), "127.0.0.1:%u", port);
	snprintf(line, sizeof(line), "%u", port);
	if (pipe(ready))
		return -1;
	s->pids[2] = fork();
	if (!s->pids[2]) {
		int log = open(SOCKSD_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(ready[1], 1);
		dup2(log, 2);
		execl(SOXY_DIR "/soxy-socksd", "soxy-socksd", line, NULL);
		_exit(127);
	}
	close(ready[1]);
	if (read(ready[0], line, sizeof(line)) <= 0) {
		printf("Bail out! soxy-socksd did not start\n");
		return -1;
	}
	close(ready[0]);
	return 0;
}

void stop_servers(struct servers *s)
{
	for (unsigned int i = 0; i < 3; i++)
		kill(s->pids[i], SIGKILL);
	close(s->closed_fd);
}

int run(const char *backend, char *const argv[], char *out, size_t size)
{
	static char scratch[4096];
	int p[2], status;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		if (backend)
			setenv("TRACY_BACKEND", backend, 1);
		else
			unsetenv("TRACY_BACKEND");
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	/* What does not fit is read and dropped: the program must not block. */
	while ((n = used < size - 1 ?
		     read(p[0], out + used, size - 1 - used) :
		     read(p[0], scratch, sizeof(scratch))) > 0)
		if (used < size - 1)
			used += (size_t)n;
	out[used] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

long stops(const char *out)
{
	const char *s = strstr(out, " syscall stops");

	while (s && s > out && s[-1] >= '0' && s[-1] <= '9')
		s--;
	return s ? atol(s) : -1;
}
