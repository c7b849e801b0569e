// SPDX-License-Identifier: GPL-2.0
/*
 * soxy: runs a command, or attaches to a running process, so that every
 * TCP connection it opens to an address that is not excluded goes
 * through a SOCKS5 proxy, whether the program is dynamic, static or made
 * of raw syscalls. soxy(1) is the user's manual; this is how it works.
 *
 * The only syscalls that stop a tracee are connect() and getpeername()
 * (and, for i386 programs, socketcall(), which carries both there), all
 * at their entry only. At a connect() to an IPv4 or IPv6 address, soxy
 * takes a duplicate of the tracee's socket descriptor (pidfd_getfd(2)):
 * the same socket, the same open file, its O_NONBLOCK included. With
 * it, soxy connects the socket to the proxy and speaks SOCKS5 on it,
 * while the tracee waits at the stop, and then makes the tracee's
 * connect() return what a direct connection would have returned: 0 on a
 * blocking socket, EINPROGRESS on a non-blocking one (the socket is
 * connected already, so poll() and SO_ERROR report it at once), or the
 * errno the proxy's reply stands for. A non-blocking connect() that the
 * proxy reports refused returns EINPROGRESS as well, and soxy leaves the
 * socket with the same pending error as a direct attempt: it disconnects
 * it from the proxy and starts a connection to a local port that refuses
 * (poll() then says POLLERR, SO_ERROR says ECONNREFUSED). After the
 * stop the program's data goes from its socket to the proxy without
 * soxy. getpeername() on such a socket answers the original destination.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tracy.h>

#include "../examples/common.h"
#include "addr.h"
#include "socks5.h"

#define DEFAULT_PROXY		"127.0.0.1:1080"
#define MAX_EXCLUDES		64
/* Longer than a proxy takes to give up on a destination itself. */
#define SOCKS_TIMEOUT_MS	(180 * 1000)
/* Proxied sockets whose getpeername() soxy answers (the newest). */
#define PROXIED_MAX		4096
/* socketcall()'s calls (linux/net.h). */
#define SOCKETCALL_CONNECT	3
#define SOCKETCALL_GETPEERNAME	7
/* The largest sockaddr soxy reads. */
#define SOCKADDR_MAX		((socklen_t)sizeof(struct sockaddr_storage))

static struct {
	struct soxy_addr proxy;
	struct socks5_auth auth;
	struct soxy_cidr excludes[MAX_EXCLUDES];
	int nexcludes;
	bool verbose;
	pid_t attach_pid;
	/* Bound, not listening: a connection to them is refused. */
	int refuser4, refuser6;
	struct soxy_addr refuser4_addr, refuser6_addr;
	unsigned long proxied, direct, failed;
} soxy = { .refuser4 = -1, .refuser6 = -1 };

/* What soxy keeps of a tracee: a pidfd of it, for pidfd_getfd(). */
struct tracee {
	int pidfd;		/* -1 until needed */
};

/* A socket soxy connected through the proxy: its inode, its destination. */
static struct {
	dev_t dev;
	ino_t ino;
	struct soxy_addr dest;
} proxied[PROXIED_MAX];
static unsigned int next_proxied;

static volatile sig_atomic_t stop_requested;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("soxy: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static long arg(const struct tracy_event *e, int i)
{
	const long args[] = { e->args.a0, e->args.a1, e->args.a2,
			      e->args.a3, e->args.a4, e->args.a5 };

	return args[i];
}

/*
 * The bytes of a word of the tracee's ABI (socketcall's argument array):
 * those of the compat ABIs of a 64-bit soxy are 4.
 */
static size_t abi_word(long abi)
{
#if defined(__x86_64__)
	if (abi == TRACY_ABI_X86)
		return 4;
#elif defined(__aarch64__)
	if (abi == TRACY_ABI_AARCH32)
		return 4;
#endif
	(void)abi;
	return sizeof(long);
}

static tracy_child_addr_t to_ptr(unsigned long value)
{
	return (tracy_child_addr_t)(uintptr_t)value;
}

/* The syscall's arguments, or for socketcall() those of its array. */
struct sock_args {
	int fd;
	tracy_child_addr_t addr;
	unsigned long len;	/* connect: the length; getpeername: a pointer */
};

static int read_sock_args(const struct tracy_event *e, bool socketcall,
			  struct sock_args *out)
{
	size_t word = abi_word(e->abi);
	unsigned char raw[3 * sizeof(unsigned long)];
	unsigned long v[3] = { 0 };
	unsigned int i;

	if (!socketcall) {
		v[0] = (unsigned long)arg(e, 0);
		v[1] = (unsigned long)arg(e, 1);
		v[2] = (unsigned long)arg(e, 2);
	} else {
		if (tracy_read_mem(e->child, raw, to_ptr((unsigned long)arg(e, 1)),
				   3 * word) != (ssize_t)(3 * word))
			return -1;
		for (i = 0; i < 3; i++) {
			if (word == 4) {
				uint32_t w;

				memcpy(&w, raw + 4 * i, 4);
				v[i] = w;
			} else {
				memcpy(&v[i], raw + word * i, word);
			}
		}
	}
	out->fd = (int)v[0];
	out->addr = to_ptr(v[1]);
	out->len = word == 4 ? (uint32_t)v[2] : v[2];
	return 0;
}

/*
 * The syscall at entry stop e returns err (a positive errno), or 0: a
 * sched_yield() takes its place, which returns 0 on every backend
 * without an exit stop.
 */
static int set_result(struct tracy_event *e, int err)
{
	int nr;

	if (err)
		return tracy_deny_syscall_errno(e->child, err);
	nr = get_syscall_number_abi("sched_yield", (int)e->abi);
	return nr < 0 ? -1 : tracy_modify_syscall_args(e->child, nr, NULL);
}

static int hook_result(struct tracy_event *e, int err)
{
	if (set_result(e, err)) {
		/* Killed (SIGKILL) while soxy spoke to the proxy: it ends. */
		if (errno == ESRCH)
			return TRACY_HOOK_CONTINUE;
		say("%d: cannot set the syscall's result: %s", e->child->pid,
		    strerror(errno));
		return TRACY_HOOK_ABORT;
	}
	return TRACY_HOOK_CONTINUE;
}

/* A number of /proc/TID/status, such as "Tgid:"; -1 if none. */
static pid_t status_field(pid_t tid, const char *field)
{
	char path[64], line[128];
	size_t len = strlen(field);
	pid_t value = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len)) {
			value = (pid_t)atoi(line + len);
			break;
		}
	fclose(f);
	return value;
}

static struct tracee *tracee_of(struct tracy_child *c)
{
	struct tracee *t = c->custom;

	if (!t) {
		t = malloc(sizeof(*t));
		if (!t)
			return NULL;
		t->pidfd = -1;
		c->custom = t;
	}
	return t;
}

static void tracee_free(struct tracy_child *c)
{
	struct tracee *t = c->custom;

	if (!t)
		return;
	if (t->pidfd >= 0)
		close(t->pidfd);
	free(t);
	c->custom = NULL;
}

/* Linux 6.9: a pidfd of the thread itself (linux/pidfd.h). */
#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL
#endif

/*
 * A descriptor of soxy's for the tracee's descriptor fd: the same open
 * file. -1 with errno (EBADF: the tracee has no such descriptor).
 * The descriptor is looked up in the thread's own table: from a pidfd
 * of the thread where the kernel has them, else of its process, whose
 * leader's table it then is (threads share it, but for a thread made
 * without CLONE_FILES, or a leader that has ended before the others).
 */
static int dup_tracee_fd(struct tracy_child *c, int fd)
{
	struct tracee *t = tracee_of(c);
	pid_t tgid;

	if (!t)
		return -1;
	if (t->pidfd < 0)
		t->pidfd = pidfd_open(c->pid, PIDFD_THREAD);
	if (t->pidfd < 0) {
		tgid = status_field(c->pid, "Tgid:");
		t->pidfd = tgid > 0 ? pidfd_open(tgid, 0) : -1;
		if (t->pidfd < 0)
			return -1;
	}
	return pidfd_getfd(t->pidfd, fd, 0);
}

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

static bool is_excluded(const struct soxy_addr *dest)
{
	int i;

	/* The proxy itself: a program that speaks SOCKS on its own. */
	if (soxy_addr_equal(dest, &soxy.proxy))
		return true;
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

/*
 * Connects socket fd (soxy's duplicate) to 'to', waiting at most until
 * the SOCKS timeout whether the socket blocks or not: 0, EALREADY or
 * EISCONN (the socket was connecting or connected already), or an errno.
 */
static int connect_wait(int fd, const struct soxy_addr *to, int family)
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
	err = socks5_connect(dup, dest, &soxy.auth, SOCKS_TIMEOUT_MS, &why,
			     &proxy_fault);
	if (soxy.verbose || proxy_fault)
		say("%d: %s via %s: %s", e->child->pid,
		    soxy_addr_format(dest, dtext),
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
		if (soxy.verbose) {
			char text[SOXY_ADDR_TEXT];

			say("%d: %s: excluded, direct", e->child->pid,
			    soxy_addr_format(&dest, text));
		}
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
	if (!is_tcp(dup) || sockopt_int(dup, SO_DOMAIN) != family) {
		close(dup);	/* UDP, or the kernel's EAFNOSUPPORT */
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
	/* Still connected to the proxy: not a socket that reused the inode. */
	if (!dest || getpeername(dup, (struct sockaddr *)&peer, &peer_len) ||
	    !soxy_addr_from_sockaddr(&real, &peer, peer_len) ||
	    !soxy_addr_equal(&real, &soxy.proxy)) {
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
	switch (arg(e, 0)) {
	case SOCKETCALL_CONNECT:
		return on_connect(e, true);
	case SOCKETCALL_GETPEERNAME:
		return on_getpeername(e, true);
	default:
		return TRACY_HOOK_CONTINUE;
	}
}

/* A TCP socket bound to a loopback port, not listening: it refuses. */
static int make_refuser(int family, struct soxy_addr *addr)
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
	fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
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

static void usage(const char *why)
{
	if (why)
		fprintf(stderr, "soxy: %s\n", why);
	fputs("usage: soxy [-s HOST:PORT] [-u USER:PASS] [--exclude CIDR]...\n"
	      "            [--no-default-excludes] [-v] -- COMMAND [ARG...]\n"
	      "       soxy [OPTION]... -p PID\n"
	      "Sends the TCP connections of COMMAND (or of process PID and its\n"
	      "threads) through a SOCKS5 proxy, static programs included.\n"
	      "  -s, --server HOST:PORT  the proxy (default " DEFAULT_PROXY
	      "; [IPV6]:PORT)\n"
	      "  -u, --user USER:PASS    authenticate (RFC 1929); or the\n"
	      "                          environment variable SOXY_USER\n"
	      "  --exclude CIDR          connect directly to these addresses\n"
	      "                          (repeatable; loopback, 127.0.0.0/8 and\n"
	      "                          ::1, is excluded by default)\n"
	      "  --no-default-excludes   proxy loopback destinations too (the\n"
	      "                          proxy itself is never proxied)\n"
	      "  -p, --pid PID           attach to a running process\n"
	      "  -v, --verbose           say what happens to each connection\n"
	      "  -h, --help              this text\n"
	      "See soxy(1).\n", why ? stderr : stdout);
	exit(why ? EXIT_TOOL_FAILED : 0);
}

static void parse_user(char *text)
{
	char *colon = strchr(text, ':');

	if (!colon)
		usage("-u: expected USER:PASS");
	*colon = '\0';
	soxy.auth.user = text;
	soxy.auth.password = colon + 1;
	if (!*soxy.auth.user || strlen(soxy.auth.user) > 255 ||
	    strlen(soxy.auth.password) > 255)
		usage("-u: USER and PASS must have 1 to 255 bytes");
}

static void add_exclude(const char *text)
{
	if (soxy.nexcludes == MAX_EXCLUDES)
		usage("too many --exclude");
	if (soxy_cidr_parse(&soxy.excludes[soxy.nexcludes], text))
		usage("--exclude: expected ADDRESS[/BITS]");
	soxy.nexcludes++;
}

static int parse_args(int argc, char **argv)
{
	static const struct option options[] = {
		{ "server", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "no-default-excludes", no_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *server = DEFAULT_PROXY, *why;
	bool defaults = true;
	char *user = getenv("SOXY_USER"), *end;
	int opt;

	while ((opt = getopt_long(argc, argv, "+s:u:p:vh", options,
				  NULL)) != -1) {
		switch (opt) {
		case 's':
			server = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 'x':
			add_exclude(optarg);
			break;
		case 'n':
			defaults = false;
			break;
		case 'p':
			soxy.attach_pid = (pid_t)strtol(optarg, &end, 10);
			if (*end || soxy.attach_pid <= 0)
				usage("-p: expected a process id");
			break;
		case 'v':
			soxy.verbose = true;
			break;
		case 'h':
			usage(NULL);
			break;
		default:
			usage("");
		}
	}
	if (soxy_addr_parse(&soxy.proxy, server, &why)) {
		fprintf(stderr, "soxy: -s %s: %s\n", server, why);
		usage("");
	}
	if (user)
		parse_user(strdup(user));
	if (defaults) {
		add_exclude("127.0.0.0/8");
		add_exclude("::1");
	}
	if (soxy.attach_pid && optind < argc)
		usage("either -p PID or a command, not both");
	if (!soxy.attach_pid && optind >= argc)
		usage("no command given");
	return optind;
}

/*
 * A signal that arrives just before tracy_wait_event() enters waitpid()
 * does not interrupt it: the alarm interrupts it a second later, and
 * every second after that, should the first be missed as well.
 */
static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
	alarm(1);
}

static void on_terminal_signal(int sig)
{
	(void)sig;
}

/*
 * Attaches to every thread of process pid: 0, or -1 (said why). A
 * thread that one not yet attached creates meanwhile is found by the
 * next pass; those of attached threads are traced by the kernel.
 */
static int attach_all(struct tracy *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	int pass, added = 1, err = 0;
	DIR *dir;
	pid_t tid;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	for (pass = 0; added && !err && pass < 16; pass++) {
		dir = opendir(path);
		if (!dir) {
			say("%d: %s", pid, strerror(errno));
			return -1;
		}
		added = 0;
		while (!err && (d = readdir(dir))) {
			tid = (pid_t)atoi(d->d_name);
			if (tid <= 0 || status_field(tid, "TracerPid:") ==
					getpid())
				continue;
			if (tracy_attach(t, tid))
				added++;
			else if (errno != ESRCH)	/* ESRCH: it ended */
				err = errno;
		}
		closedir(dir);
		if (err)
			say("cannot attach to %d: %s", tid, strerror(err));
	}
	return err || !tracy_children_count(t) ? -1 : 0;
}

/*
 * Follows the attached process until it has ended, or soxy is asked to
 * stop (then tracy_free() detaches): 0, or EXIT_TOOL_FAILED.
 */
static int trace_attached(struct tracy *t)
{
	struct tracy_event *e;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e && errno == EINTR) {
			if (stop_requested)
				return 0;
			continue;
		}
		if (!e || (e->type != TRACY_EVENT_QUIT &&
			   e->type != TRACY_EVENT_NONE &&
			   tracy_continue(e, 0) && errno != ESRCH)) {
			say("tracing failed: %s", strerror(errno));
			return EXIT_TOOL_FAILED;
		}
		if (e->type == TRACY_EVENT_NONE)
			return 0;
		if (e->type == TRACY_EVENT_QUIT)
			tracee_free(e->child);
	}
}

/* Entry-only hooks, in every ABI that has the syscall. */
static int setup_hooks(struct tracy *t)
{
	return example_hook(t, "connect", connect_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ||
	       example_hook(t, "getpeername", getpeername_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ||
	       example_hook(t, "socketcall", socketcall_hook,
			    TRACY_HOOK_ENTRY_ONLY) < 0 ? -1 : 0;
}

/*
 * Signals: attached, SIGINT, SIGTERM and SIGHUP detach soxy and end it.
 * Running a command, soxy leaves ^C and ^\ to it, as a shell would, but
 * with a handler, which the command does not inherit as it would SIG_IGN.
 */
static void setup_signals(bool attached)
{
	struct sigaction sa = { .sa_handler = attached ? on_signal :
							 on_terminal_signal,
				.sa_flags = attached ? 0 : SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	if (attached) {
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGALRM, &sa, NULL);
	} else {
		sigaction(SIGQUIT, &sa, NULL);
	}
}

int main(int argc, char **argv)
{
	int first = parse_args(argc, argv), status = EXIT_TOOL_FAILED;
	struct tracy *t;

	soxy.refuser4 = make_refuser(AF_INET, &soxy.refuser4_addr);
	soxy.refuser6 = make_refuser(AF_INET6, &soxy.refuser6_addr);
	if (soxy.refuser4 < 0) {
		say("no loopback port to refuse connections: %s",
		    strerror(errno));
		return EXIT_TOOL_FAILED;
	}
	t = tracy_init(TRACY_TRACE_CHILDREN);
	if (!t || setup_hooks(t)) {
		say("cannot trace: %s", strerror(errno));
		goto out;
	}
	setup_signals(soxy.attach_pid);
	if (soxy.attach_pid) {
		if (attach_all(t, soxy.attach_pid))
			goto out;
		status = trace_attached(t);
	} else {
		status = example_run(t, argv + first, tracee_free);
	}
	if (soxy.verbose)
		say("%lu through the proxy, %lu direct, %lu failed; "
		    "%lu syscall stops", soxy.proxied, soxy.direct, soxy.failed,
		    tracy_syscall_stops(t));
out:
	tracy_free(t);
	return status;
}
