/* SPDX-License-Identifier: GPL-2.0 */
/* soxy's view of a tracee, at a syscall entry stop: see tracee.c. */
#ifndef SOXY_TRACEE_H
#define SOXY_TRACEE_H

#include <stdbool.h>
#include <sys/types.h>

#include <tracy.h>

/* The syscall's arguments, or for socketcall() those of its array. */
struct sock_args {
	int fd;
	tracy_child_addr_t addr;
	unsigned long len;	/* connect: the length; getpeername: a pointer */
};

/* Argument i (0..5) of the syscall of e. */
long syscall_arg(const struct tracy_event *e, int i);
/* A tracee's address, as a syscall argument gives it. */
tracy_child_addr_t to_ptr(unsigned long value);
/* The fd, address and length of connect() or getpeername(): 0 or -1. */
int read_sock_args(const struct tracy_event *e, bool socketcall,
		   struct sock_args *out);
/*
 * The syscall of entry stop e returns err (a positive errno), or 0: the
 * hook's result (TRACY_HOOK_ABORT if that cannot be done).
 */
int hook_result(struct tracy_event *e, int err);
/* A number of /proc/TID/status, such as "Tgid:"; -1 if none. */
pid_t status_field(pid_t tid, const char *field);
/*
 * A descriptor of soxy's for the tracee's descriptor fd, the same open
 * file; -1 with errno (EBADF: the tracee has no such descriptor).
 */
int dup_tracee_fd(struct tracy_child *c, int fd);
/* What soxy keeps of tracee c, freed when it has ended. */
void tracee_free(struct tracy_child *c);

#endif /* SOXY_TRACEE_H */
