// SPDX-License-Identifier: GPL-2.0
/*
 * Tracee memory, through the fastest path that works: process_vm_readv/
 * writev (3.2), then /proc/PID/mem, then PTRACE_PEEKDATA/POKEDATA. A path
 * the kernel lacks (ENOSYS) or refuses (EPERM, EACCES) gives way to the
 * next; a bad address does not. TRACY_MEMORY=process_vm|proc_mem|peekpoke
 * in the environment forces one path, so tests reach each of them.
 */
#define _GNU_SOURCE	/* pipe2, process_vm_readv */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

static const char *const mem_path_names[MEM_PATHS] = {
	[MEM_PROCESS_VM] = "process_vm",
	[MEM_PROC_MEM] = "proc_mem",
	[MEM_PEEKPOKE] = "peekpoke",
};

void memory_init(struct session *s)
{
	const char *env = getenv("TRACY_MEMORY");
	int path;

	s->mem_path = MEM_PROCESS_VM;
	if (!env || !*env)
		return;
	for (path = 0; path < MEM_PATHS; path++)
		if (!strcmp(env, mem_path_names[path])) {
			s->mem_path = path;
			s->mem_forced = true;
			return;
		}
	tracy_message(s, "TRACY_MEMORY=%s: use process_vm, proc_mem or "
		      "peekpoke; using them all", env);
}

/* After an exec the old /proc/PID/mem is the old address space. */
void memory_child_exec(struct child *c)
{
	if (c->mem_fd >= 0)
		close(c->mem_fd);
	c->mem_fd = -1;
}

static ssize_t process_vm(struct child *c, void *local, uintptr_t remote,
			  size_t n, bool write)
{
	struct iovec l = { local, n }, r = { (void *)remote, n };

	return write ? process_vm_writev(c->pub.pid, &l, 1, &r, 1, 0) :
		       process_vm_readv(c->pub.pid, &l, 1, &r, 1, 0);
}

static ssize_t proc_mem(struct child *c, void *local, uintptr_t remote,
			size_t n, bool write)
{
	char path[64];
	ssize_t done;

	if (c->mem_fd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/mem", c->pub.pid);
		c->mem_fd = open(path, O_RDWR | O_CLOEXEC);
		if (c->mem_fd < 0)
			return -1;
	}
	done = write ? pwrite(c->mem_fd, local, n, (off_t)remote) :
		       pread(c->mem_fd, local, n, (off_t)remote);
	return done;
}

/* A word at a time; the first and last words are read back and merged. */
static ssize_t peekpoke(struct child *c, void *local, uintptr_t remote,
			size_t n, bool write)
{
	const size_t word = sizeof(long);
	size_t done = 0;

	while (done < n) {
		uintptr_t at = remote + done;
		uintptr_t base = at & ~(uintptr_t)(word - 1);
		size_t offset = at - base;
		size_t chunk = word - offset < n - done ? word - offset : n - done;
		long value;

		errno = 0;
		value = ptrace(PTRACE_PEEKDATA, c->pub.pid, (void *)base, 0);
		if (errno)
			break;
		if (!write) {
			memcpy((char *)local + done, (char *)&value + offset, chunk);
		} else {
			memcpy((char *)&value + offset, (char *)local + done, chunk);
			if (ptrace(PTRACE_POKEDATA, c->pub.pid, (void *)base,
				   (void *)value))
				break;
		}
		done += chunk;
	}
	if (!done && n)
		return -1;
	return done;
}

static ssize_t (*const mem_paths[MEM_PATHS])(struct child *, void *,
					      uintptr_t, size_t, bool) = {
	[MEM_PROCESS_VM] = process_vm,
	[MEM_PROC_MEM] = proc_mem,
	[MEM_PEEKPOKE] = peekpoke,
};

static bool path_unavailable(int err)
{
	return err == ENOSYS || err == EPERM || err == EACCES;
}

static ssize_t memory_access(struct child *c, void *local, uintptr_t remote,
			     size_t n, bool write)
{
	struct session *s = c->tracee.session;
	int path = s->mem_path;
	ssize_t done;

	if (!n)
		return 0;
	for (;;) {
		done = mem_paths[path](c, local, remote, n, write);
		if (done > 0)
			return done;
		/* As Tracy's reads of /proc/PID/mem: EIO for a bad address. */
		if (!done || errno == EFAULT)
			errno = EIO;
		if (s->mem_forced || path + 1 == MEM_PATHS ||
		    !path_unavailable(errno))
			return -1;
		/* A kernel without it will not grow it: remember. */
		if (errno == ENOSYS)
			s->mem_path = path + 1;
		tracy_verbose(s, TRACY_VERBOSE, "memory of %d: %s failed (%s)",
			      c->pub.pid, mem_path_names[path], strerror(errno));
		path++;
	}
}

ssize_t tracy_read_mem(struct tracy_child *c, tracy_parent_addr_t dest,
		       tracy_child_addr_t src, size_t n)
{
	return memory_access(child_of(c), dest, (uintptr_t)src, n, false);
}

ssize_t tracy_write_mem(struct tracy_child *c, tracy_child_addr_t dest,
			tracy_parent_addr_t src, size_t n)
{
	return memory_access(child_of(c), src, (uintptr_t)dest, n, true);
}

/* Longer than any path or argument the kernel takes. */
#define STRING_MAX	(1 << 20)
#define STRING_CHUNK	4096

char *tracy_read_string(struct tracy_child *c, tracy_child_addr_t src)
{
	uintptr_t at = (uintptr_t)src;
	size_t len = 0, size = 0;
	char *buf = NULL, *bigger, *nul;
	ssize_t got;

	for (;;) {
		/* Up to the next page boundary: a string may end before it. */
		size_t chunk = STRING_CHUNK - (at + len) % STRING_CHUNK;

		if (len + chunk + 1 > size) {
			size = len + chunk + 1;
			bigger = realloc(buf, size);
			if (!bigger)
				goto fail;
			buf = bigger;
		}
		got = tracy_read_mem(c, buf + len, (void *)(at + len), chunk);
		if (got < 0)
			goto fail;
		nul = memchr(buf + len, '\0', got);
		if (nul)
			return buf;
		len += got;
		if (len >= STRING_MAX) {
			errno = ENAMETOOLONG;
			goto fail;
		}
	}
fail:
	free(buf);
	return NULL;
}
