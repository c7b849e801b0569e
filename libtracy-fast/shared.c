// SPDX-License-Identifier: GPL-2.0
/*
 * Memory the tracer writes and the tracee can only read, for syscall
 * arguments that must not change between the tracer's check and the
 * kernel's use of them: a hook copies a string argument there, checks
 * the copy, and the kernel reads the copy.
 *
 * The memory is a memfd the tracee creates (injected memfd_create()).
 * The tracer opens it through /proc/PID/fd and maps it shared and
 * writable, then seals it: F_SEAL_FUTURE_WRITE, so that no writable
 * mapping or write() can come after the tracer's own, and the size
 * seals. The tracee then maps it shared and read-only, which under that
 * seal leaves its mapping without VM_MAYWRITE (mprotect() cannot make it
 * writable), and closes its descriptor. A write through /proc/self/mem
 * fails too: FOLL_FORCE writes only to private mappings.
 *
 * The tracee has the descriptor from its memfd_create() to the close()
 * the tracer injects next: another of its threads could map the file
 * writable before the seal, or map it twice. tracy_shared_create() fails
 * if the tracee's address space holds any mapping of the file but the
 * region's afterwards; a descriptor passed on to another process in that
 * window (SCM_RIGHTS, a shared descriptor table) it cannot see.
 *
 * What the tracee can still do, and the tracer must deny if it matters
 * (hooks on these syscalls that refuse ranges overlapping the region):
 * unmap the region or map something else at its address (munmap(),
 * mmap() with MAP_FIXED, mremap(), shmat() with SHM_REMAP) from another
 * thread between the copy and the kernel's read, so that the argument
 * points to memory of its own; remap_file_pages() on it. Syscalls made
 * through io_uring do not stop a tracee at all.
 */
#define _GNU_SOURCE	/* memfd seals */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "internal.h"

#ifndef F_SEAL_FUTURE_WRITE
# define F_SEAL_FUTURE_WRITE	0x0010	/* Linux 5.1 */
#endif
#ifndef MFD_CLOEXEC
# define MFD_CLOEXEC		0x0001U
# define MFD_ALLOW_SEALING	0x0002U
#endif

#define SHARED_NAME	"tracy-shared"

struct tracy_shared {
	void *local;			/* the tracer's view, writable */
	tracy_child_addr_t remote;	/* the tracee's, read-only */
	size_t size;
};

static const char create_fn[] = "tracy_shared_create";

/* memfd_create() in the tracee: its descriptor, or -1 with errno. */
static long tracee_memfd(struct tracy_child *child)
{
	long page = sysconf(_SC_PAGESIZE), result, args[6] = { 0 };
	tracy_child_addr_t name;
	long ret;

	/* The name must be in the tracee's memory: a page for the time. */
	if (tracy_mmap(child, &name, NULL, (size_t)page,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0))
		return -1;
	args[0] = (long)(uintptr_t)name;
	args[1] = MFD_CLOEXEC | MFD_ALLOW_SEALING;
	ret = tracy_write_mem(child, name, SHARED_NAME, sizeof(SHARED_NAME)) ==
	      sizeof(SHARED_NAME) ? inject_by_name(child, create_fn,
						   "memfd_create", args,
						   &result, NULL) : -1;
	if (tracy_munmap(child, NULL, name, (size_t)page) || ret)
		return -1;
	if (result < 0) {
		errno = (int)-result;
		return -1;
	}
	return result;
}

/*
 * Maps the memfd 'fd' of the tracee here, writable, and seals it; its
 * device and inode in *file.
 */
static int map_local(struct tracy_child *child, long fd,
		     struct tracy_shared *sh, struct stat *file)
{
	char path[64];
	int local;

	snprintf(path, sizeof(path), "/proc/%d/fd/%ld", child->pid, fd);
	local = open(path, O_RDWR | O_CLOEXEC);
	if (local < 0)
		return -1;
	if (fstat(local, file) || ftruncate(local, (off_t)sh->size))
		goto fail;
	sh->local = mmap(NULL, sh->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 local, 0);
	if (sh->local == MAP_FAILED)
		goto fail;
	if (fcntl(local, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_FUTURE_WRITE | F_SEAL_SEAL)) {
		munmap(sh->local, sh->size);
		goto fail;
	}
	close(local);
	return 0;
fail:
	close(local);
	return -1;
}

/*
 * Until the tracee closed its descriptor, another of its threads could
 * have mapped the file writable before the seal, or mapped it again:
 * the region is the tracee's only mapping of it, read-only, or -1 with
 * errno EACCES.
 */
static int check_only_mapping(struct tracy_child *child,
			      const struct stat *file,
			      const struct tracy_shared *sh)
{
	unsigned long start, end, ino;
	unsigned int major_nr, minor_nr;
	char path[64], perms[8];
	char line[512];
	int found = 0;
	FILE *maps;

	snprintf(path, sizeof(path), "/proc/%d/maps", child->pid);
	maps = fopen(path, "re");
	if (!maps)
		return -1;
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%lx-%lx %7s %*x %x:%x %lu", &start, &end,
			   perms, &major_nr, &minor_nr, &ino) != 6 ||
		    ino != file->st_ino || major_nr != major(file->st_dev) ||
		    minor_nr != minor(file->st_dev))
			continue;
		if (perms[1] != '-' ||
		    start != (unsigned long)(uintptr_t)sh->remote)
			found = -1;
		else if (!found)
			found = 1;
	}
	fclose(maps);
	if (found > 0)
		return 0;
	errno = EACCES;
	return -1;
}

struct tracy_shared *tracy_shared_create(struct tracy_child *child,
					 size_t size)
{
	long page = sysconf(_SC_PAGESIZE), fd, args[6] = { 0 }, result;
	struct tracy_shared *sh;
	struct stat file;
	int err;

	if (inject_check(child, create_fn, 0, NULL, false))
		return NULL;
	if (!size || size > (size_t)1 << 30) {
		tracy_message(child_of(child)->tracee.session, "%s: size %zu out of "
			      "range", create_fn, size);
		errno = EINVAL;
		return NULL;
	}
	sh = calloc(1, sizeof(*sh));
	if (!sh)
		return NULL;
	sh->size = (size + page - 1) / page * page;
	fd = tracee_memfd(child);
	if (fd < 0) {
		err = errno;
		goto fail;
	}
	err = map_local(child, fd, sh, &file) ? errno : 0;
	if (!err && tracy_mmap(child, &sh->remote, NULL, sh->size, PROT_READ,
			       MAP_SHARED, (int)fd, 0)) {
		err = errno;
		munmap(sh->local, sh->size);
	}
	/* The tracee keeps no descriptor of it: only its read-only view. */
	args[0] = fd;
	if (inject_by_name(child, create_fn, "close", args, &result, NULL) &&
	    !err)
		err = errno;
	if (!err && check_only_mapping(child, &file, sh)) {
		err = errno;
		tracy_munmap(child, NULL, sh->remote, sh->size);
		munmap(sh->local, sh->size);
	}
	if (!err)
		return sh;
fail:
	tracy_message(child_of(child)->tracee.session, "%s: tracee %d: %s",
		      create_fn, child->pid, strerror(err));
	free(sh);
	errno = err;
	return NULL;
}

void *tracy_shared_local(const struct tracy_shared *sh)
{
	return sh ? sh->local : NULL;
}

tracy_child_addr_t tracy_shared_remote(const struct tracy_shared *sh)
{
	return sh ? sh->remote : NULL;
}

size_t tracy_shared_size(const struct tracy_shared *sh)
{
	return sh ? sh->size : 0;
}

static long *arg_slot(struct tracy_sc_args *a, int n)
{
	switch (n) {
	case 0: return &a->a0;
	case 1: return &a->a1;
	case 2: return &a->a2;
	case 3: return &a->a3;
	case 4: return &a->a4;
	default: return &a->a5;
	}
}

ssize_t tracy_shared_string_arg(struct tracy_child *child,
				struct tracy_shared *sh, int arg,
				size_t offset)
{
	static const char fn[] = "tracy_shared_string_arg";
	tracy_child_addr_t copy;
	char *string;
	size_t len;

	if (!sh || arg < 0 || arg > 5) {
		tracy_message(child ? child_of(child)->tracee.session : NULL,
			      "%s: no region, or no argument %d", fn, arg);
		errno = EINVAL;
		return -1;
	}
	if (inject_check(child, fn, 0, NULL, false))
		return -1;
	if (!child->pre_syscall) {
		tracy_message(child_of(child)->tracee.session, "%s: tracee %d is not "
			      "at a syscall entry", fn, child->pid);
		errno = EINVAL;
		return -1;
	}
	string = tracy_read_string(child,
				   (void *)*arg_slot(&child->event.args, arg));
	if (!string)
		return -1;
	len = strlen(string) + 1;
	if (offset > sh->size || len > sh->size - offset) {
		free(string);
		errno = E2BIG;
		return -1;
	}
	memcpy((char *)sh->local + offset, string, len);
	free(string);
	copy = (char *)sh->remote + offset;
	if (syscall_set_arg(child_of(child), (int)child->event.abi, arg,
			    (long)(uintptr_t)copy))
		return -1;
	*arg_slot(&child->event.args, arg) = (long)(uintptr_t)copy;
	return (ssize_t)len;
}

int tracy_shared_destroy(struct tracy_child *child, struct tracy_shared *sh)
{
	int ret = 0;

	if (!sh)
		return 0;
	if (child)
		ret = tracy_munmap(child, NULL, sh->remote, sh->size);
	munmap(sh->local, sh->size);
	free(sh);
	return ret;
}
