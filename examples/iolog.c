// SPDX-License-Identifier: GPL-2.0
/*
 * iolog: an I/O logger. It runs a command traced, with all its children,
 * and logs every file I/O syscall they make (open, read, write, close and
 * their kin) with its file descriptor, the size asked for, the result or
 * the errno, and the first bytes that went through (-s, default 32), to
 * stderr or to a file (-o). Each hook here runs twice per syscall: at the
 * entry stop it takes what the kernel is about to use (the path of an
 * open, the bytes of a write) from the tracee's memory; at the exit stop
 * it adds the result, and the bytes of a read, which exist only now, and
 * logs one line. iolog exits with the command's status. Usage:
 *
 *	iolog [-o FILE] [-s BYTES] -- COMMAND [ARG...]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tracy.h>
#include "common.h"

enum io_kind {
	IO_OPEN,	/* a path, maybe a dirfd and flags */
	IO_FD,		/* a file descriptor: close, dup */
	IO_FD_FD,	/* two: dup2, dup3 */
	IO_READ,	/* fd, buffer, size: data at the exit */
	IO_WRITE,	/* fd, buffer, size: data at the entry */
	IO_VECTOR,	/* fd, iovec array, count: no data shown */
};

/* Argument positions of the opens; -1: the syscall has none. */
struct open_args {
	signed char dirfd, path, flags;
};

static const struct io_syscall {
	const char *name;
	enum io_kind kind;
	struct open_args open;
} io_syscalls[] = {
#define OPEN(n, dirfd, path, flags) \
	{ .name = n, .kind = IO_OPEN, .open = { dirfd, path, flags } }
#define IO(n, k)	{ .name = n, .kind = k }
	OPEN("open", -1, 0, 1),
	OPEN("creat", -1, 0, -1),
	OPEN("openat", 0, 1, 2),
	/* Its flags are in a struct open_how: not shown. */
	OPEN("openat2", 0, 1, -1),
	IO("close", IO_FD),
	IO("dup", IO_FD),
	IO("dup2", IO_FD_FD),
	IO("dup3", IO_FD_FD),
	IO("read", IO_READ),
	IO("pread64", IO_READ),
	IO("recvfrom", IO_READ),
	IO("write", IO_WRITE),
	IO("pwrite64", IO_WRITE),
	IO("sendto", IO_WRITE),
	IO("readv", IO_VECTOR),
	IO("writev", IO_VECTOR),
	IO("preadv", IO_VECTOR),
	IO("pwritev", IO_VECTOR),
#undef IO
#undef OPEN
};

#define IO_SYSCALLS	(sizeof(io_syscalls) / sizeof(*io_syscalls))

/*
 * What an entry leaves for its exit, in tracy_child.custom between the
 * two stops. The exit event carries the arguments of its entry, but not
 * what they pointed to then.
 */
struct pending {
	char *path;		/* opens: the path, or NULL if unreadable */
	size_t len;		/* writes: bytes in data */
	unsigned char data[];
};

static FILE *logfile;
static size_t show_bytes = 32;

static long arg(const struct tracy_event *e, int i)
{
	const long args[] = { e->args.a0, e->args.a1, e->args.a2,
			      e->args.a3, e->args.a4, e->args.a5 };

	return args[i];
}

/* The tracee's pointer in argument i (32-bit ABIs give it zero-extended). */
static tracy_child_addr_t arg_ptr(const struct tracy_event *e, int i)
{
	return (tracy_child_addr_t)(uintptr_t)arg(e, i);
}

static const struct io_syscall *io_syscall_of(const struct tracy_event *e)
{
	const char *name = get_syscall_name_abi(e->syscall_num, e->abi);
	unsigned int i;

	for (i = 0; name && i < IO_SYSCALLS; i++)
		if (!strcmp(io_syscalls[i].name, name))
			return &io_syscalls[i];
	return NULL;
}

static void pending_free(struct tracy_child *c)
{
	struct pending *p = c->custom;

	if (p)
		free(p->path);
	free(p);
	c->custom = NULL;
}

/* Printable bytes as they are, the others as C escapes. */
static void log_bytes(const unsigned char *data, size_t len, size_t total)
{
	size_t i;

	fputs(" \"", logfile);
	for (i = 0; i < len; i++) {
		if (data[i] == '\n')
			fputs("\\n", logfile);
		else if (data[i] == '\t')
			fputs("\\t", logfile);
		else if (data[i] == '"' || data[i] == '\\')
			fprintf(logfile, "\\%c", data[i]);
		else if (data[i] >= 0x20 && data[i] < 0x7f)
			fputc(data[i], logfile);
		else
			fprintf(logfile, "\\x%02x", data[i]);
	}
	fputc('"', logfile);
	if (total > len)
		fputs("...", logfile);
}

static void log_open_flags(int flags)
{
	static const struct {
		int flag;
		const char *name;
	} names[] = {
#define FLAG(f)	{ f, #f }
		FLAG(O_CREAT), FLAG(O_EXCL), FLAG(O_NOCTTY), FLAG(O_TRUNC),
		FLAG(O_APPEND), FLAG(O_NONBLOCK), FLAG(O_DIRECTORY),
		FLAG(O_NOFOLLOW), FLAG(O_CLOEXEC),
#undef FLAG
	};
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					     "O_ACCMODE" };
	unsigned int i;

	fprintf(logfile, ", %s", modes[flags & O_ACCMODE]);
	flags &= ~O_ACCMODE;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (flags & names[i].flag) {
			fprintf(logfile, "|%s", names[i].name);
			flags &= ~names[i].flag;
		}
	if (flags)
		fprintf(logfile, "|%#o", flags);
}

static void log_open(const struct tracy_event *e, const struct open_args *a,
		     const struct pending *p)
{
	int dirfd;

	if (a->dirfd >= 0) {
		dirfd = (int)arg(e, a->dirfd);
		if (dirfd == AT_FDCWD)
			fputs("AT_FDCWD, ", logfile);
		else
			fprintf(logfile, "%d, ", dirfd);
	}
	if (p && p->path)
		fprintf(logfile, "\"%s\"", p->path);
	else
		fprintf(logfile, "%#lx", arg(e, a->path));
	if (a->flags >= 0)
		log_open_flags((int)arg(e, a->flags));
}

/* The bytes a read put in the tracee's buffer. */
static void log_read_data(const struct tracy_event *e, long ret)
{
	size_t want = (size_t)ret < show_bytes ? (size_t)ret : show_bytes;
	unsigned char *buf;
	ssize_t got;

	if (ret <= 0 || !want)
		return;
	buf = malloc(want);
	if (!buf)
		return;
	got = tracy_read_mem(e->child, buf, arg_ptr(e, 1), want);
	if (got > 0)
		log_bytes(buf, (size_t)got, (size_t)ret);
	free(buf);
}

static void log_line(const struct tracy_event *e, const struct io_syscall *sc,
		     const struct pending *p)
{
	long ret = e->args.return_code;
	int err = example_syscall_errno(e);

	fprintf(logfile, "%d %s(", e->child->pid, sc->name);
	switch (sc->kind) {
	case IO_OPEN:
		log_open(e, &sc->open, p);
		break;
	case IO_FD:
		fprintf(logfile, "%d", (int)arg(e, 0));
		break;
	case IO_FD_FD:
		fprintf(logfile, "%d, %d", (int)arg(e, 0), (int)arg(e, 1));
		break;
	case IO_READ:
	case IO_WRITE:
		fprintf(logfile, "%d, %lu", (int)arg(e, 0),
			(unsigned long)arg(e, 2));
		break;
	case IO_VECTOR:
		fprintf(logfile, "%d, %d iovecs", (int)arg(e, 0),
			(int)arg(e, 2));
		break;
	}
	if (err && example_errno_name(err))
		fprintf(logfile, ") = -1 %s", example_errno_name(err));
	else if (err)
		fprintf(logfile, ") = -1 errno %d", err);
	else
		fprintf(logfile, ") = %ld", ret);
	if (!err && sc->kind == IO_READ)
		log_read_data(e, ret);
	if (!err && sc->kind == IO_WRITE && p)
		log_bytes(p->data, p->len < (size_t)ret ? p->len : (size_t)ret,
			  (size_t)ret);
	fputc('\n', logfile);
}

/* Entry: keep what the arguments point to now. */
static int io_entry(struct tracy_event *e, const struct io_syscall *sc)
{
	size_t len = 0;
	struct pending *p;
	ssize_t got;

	pending_free(e->child);
	if (sc->kind == IO_WRITE)
		len = (unsigned long)e->args.a2 < show_bytes ?
		      (size_t)e->args.a2 : show_bytes;
	p = calloc(1, sizeof(*p) + len);
	if (!p)
		return TRACY_HOOK_CONTINUE;	/* logged without the data */
	if (sc->kind == IO_OPEN)
		p->path = tracy_read_string(e->child,
					    arg_ptr(e, sc->open.path));
	if (len) {
		got = tracy_read_mem(e->child, p->data, arg_ptr(e, 1), len);
		p->len = got > 0 ? (size_t)got : 0;
	}
	e->child->custom = p;
	return TRACY_HOOK_CONTINUE;
}

static int io_hook(struct tracy_event *e)
{
	const struct io_syscall *sc = io_syscall_of(e);

	if (!sc)
		return TRACY_HOOK_CONTINUE;
	if (e->child->pre_syscall)
		return io_entry(e, sc);
	log_line(e, sc, e->child->custom);
	pending_free(e->child);
	return TRACY_HOOK_CONTINUE;
}

static void __attribute__((noreturn)) usage(const char *why)
{
	if (why)
		fprintf(stderr, "iolog: %s\n", why);
	fputs("usage: iolog [-o FILE] [-s BYTES] -- COMMAND [ARG...]\n"
	      "Logs the file I/O syscalls of COMMAND and its children.\n"
	      "  -o FILE   write the log to FILE (default: stderr)\n"
	      "  -s BYTES  show up to BYTES bytes of data (default 32)\n",
	      stderr);
	exit(EXIT_TOOL_FAILED);
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	struct tracy *t;
	unsigned int i;
	char *end;
	int opt, status;

	while ((opt = getopt(argc, argv, "+o:s:")) != -1) {
		switch (opt) {
		case 'o':
			path = optarg;
			break;
		case 's':
			errno = 0;
			show_bytes = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || *optarg == '-' ||
			    show_bytes > 1 << 20)
				usage("-s wants a number of bytes up to 1 MiB");
			break;
		default:
			usage(NULL);
		}
	}
	if (optind >= argc)
		usage("no command given");

	logfile = path ? fopen(path, "w") : stderr;
	if (!logfile) {
		fprintf(stderr, "iolog: %s: %s\n", path, strerror(errno));
		return EXIT_TOOL_FAILED;
	}
	t = tracy_init(TRACY_TRACE_CHILDREN);
	if (!t) {
		perror("iolog: tracy_init");
		return EXIT_TOOL_FAILED;
	}
	for (i = 0; i < IO_SYSCALLS; i++)
		if (example_hook(t, io_syscalls[i].name, io_hook, 0) < 0) {
			perror("iolog: tracy_set_hook");
			tracy_free(t);
			return EXIT_TOOL_FAILED;
		}
	status = example_run(t, argv + optind, pending_free);
	tracy_free(t);
	if (path && fclose(logfile)) {
		fprintf(stderr, "iolog: %s: %s\n", path, strerror(errno));
		return EXIT_TOOL_FAILED;
	}
	return status;
}
