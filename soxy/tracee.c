// SPDX-License-Identifier: GPL-2.0
/*
 * soxy's view of a tracee: the arguments of its socket syscalls (from its
 * registers, or from socketcall()'s array in its memory), the result its
 * syscall gets, and its descriptors, which soxy duplicates into itself
 * with pidfd_getfd(). See tracee.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "soxy.h"
#include "tracee.h"

/* What soxy keeps of a tracee: a pidfd of it, for pidfd_getfd(). */
struct tracee {
	int pidfd;		/* -1 until needed */
	bool of_thread;		/* of the thread, not of its process */
};

long syscall_arg(const struct tracy_event *e, int i)
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

tracy_child_addr_t to_ptr(unsigned long value)
{
	return (tracy_child_addr_t)(uintptr_t)value;
}

int read_sock_args(const struct tracy_event *e, bool socketcall,
			  struct sock_args *out)
{
	size_t word = abi_word(e->abi);
	unsigned char raw[3 * sizeof(unsigned long)];
	unsigned long v[3] = { 0 };
	unsigned int i;

	if (!socketcall) {
		v[0] = (unsigned long)syscall_arg(e, 0);
		v[1] = (unsigned long)syscall_arg(e, 1);
		v[2] = (unsigned long)syscall_arg(e, 2);
	} else {
		if (tracy_read_mem(e->child, raw, to_ptr((unsigned long)syscall_arg(e, 1)),
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

int hook_result(struct tracy_event *e, int err)
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
pid_t status_field(pid_t tid, const char *field)
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
		t->of_thread = false;
		c->custom = t;
	}
	return t;
}

void tracee_free(struct tracy_child *c)
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

static bool process_pidfd_only(void)
{
	const char *how = getenv("SOXY_PIDFD");

	return how && !strcmp(how, "process");
}

/*
 * A descriptor of soxy's for the tracee's descriptor fd: the same open
 * file. -1 with errno (EBADF: the tracee has no such descriptor).
 * The descriptor is looked up in the thread's own table: from a pidfd
 * of the thread where the kernel has them (Linux 6.9). Else the pidfd
 * is of its process, whose leader's table it then is: the thread's own,
 * but for a thread made without CLONE_FILES or a leader that has ended
 * before the others; if the thread has an fd the leader lacks, the
 * answer is ENXIO, not EBADF.
 */
int dup_tracee_fd(struct tracy_child *c, int fd)
{
	struct tracee *t = tracee_of(c);
	char path[64];
	pid_t tgid;
	int dup;

	if (!t)
		return -1;
	/* SOXY_PIDFD=process: as before Linux 6.9, for the tests. */
	if (t->pidfd < 0 && !process_pidfd_only()) {
		t->pidfd = pidfd_open(c->pid, PIDFD_THREAD);
		t->of_thread = t->pidfd >= 0;
	}
	if (t->pidfd < 0) {
		tgid = status_field(c->pid, "Tgid:");
		t->pidfd = tgid > 0 ? pidfd_open(tgid, 0) : -1;
		if (t->pidfd < 0)
			return -1;
	}
	dup = pidfd_getfd(t->pidfd, fd, 0);
	if (dup < 0 && errno == EBADF && !t->of_thread) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", c->pid, fd);
		errno = access(path, F_OK) ? EBADF : ENXIO;
	}
	return dup;
}
