// SPDX-License-Identifier: GPL-2.0
/*
 * jail: runs a command, with all its children, so that the files it can
 * reach by name are those of one directory tree (-d DIR) and, for reading
 * and executing only, of the read-only trees given with -r (such as /usr,
 * for the programs and their libraries). Every syscall that takes a path
 * (open and creat, the stat family, execve, chdir, mkdir, unlink, rename,
 * link, chmod, ... and their *at forms) is stopped at its entry, by an
 * entry-only hook; the path is resolved as the kernel will resolve it,
 * against the tracee's working directory (/proc/PID/cwd) or the directory
 * its dirfd names (/proc/PID/fd/N), following the symlinks that exist;
 * and the syscall fails with EACCES if the result is out of reach. Each
 * refusal is printed to stderr (-v: every path checked), and jail exits
 * with the command's status. Usage:
 *
 *	jail -d DIR [-r DIR]... [-v] -- COMMAND [ARG...]
 *
 * The path jail checks is the one the kernel uses. At the entry stop jail
 * copies it into a region of the tracee's memory that the tracee can only
 * read (libtracy-fast's shared region, one per tracee), points the
 * syscall at the copy and checks the copy: another thread of the command,
 * or a process sharing its memory, cannot change the path in between. So
 * that the region stays where the syscall reads it, jail refuses (EPERM)
 * the syscalls that would unmap it or map other memory over it (munmap,
 * mmap with MAP_FIXED, mremap, shmat with SHM_REMAP, remap_file_pages)
 * when a tracee sharing that memory makes them.
 */
#define _GNU_SOURCE	/* asprintf, remap_file_pages */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/kcmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <tracy.h>
#include "common.h"

#define MAX_READ_DIRS	32

/*
 * What jail does not cover: files reached through descriptors the
 * command inherited or receives over a socket; the names of Unix sockets
 * (bind, connect); the interpreter of a script and the dynamic loader,
 * which the kernel opens itself at an execve; /proc/self in a path, which
 * jail resolves as its own /proc/self (so no -r should reach into /proc);
 * a chroot inside the command (refused); the file system changing under
 * a path between the check and the syscall (see check_path()).
 */

/*
 * A tracee's region: room for the two paths of rename() or link(), then
 * a copy of the struct open_how of openat2(), then a number that tells
 * whether the region is still in place (region_in_place()).
 */
#define REGION_HOW	(2 * PATH_MAX)
#define OPEN_HOW_MAX	256		/* the kernel takes up to a page */
#define REGION_NONCE	(REGION_HOW + OPEN_HOW_MAX)
#define REGION_SIZE	(REGION_NONCE + sizeof(uint64_t))

/* The call number of shmat() in i386's ipc() (SHMAT of linux/ipc.h). */
#define IPC_CALL_SHMAT	21

/* Regions kept for a tracee to take over (see spare_region()). */
#define SPARE_REGIONS	16

enum access {
	ACCESS_READ,		/* looks at or executes: -d or -r trees */
	ACCESS_WRITE,		/* creates or changes: the -d tree only */
	ACCESS_OPEN_FLAGS,	/* open: its flags say which */
	ACCESS_OPEN_HOW,	/* openat2: the flags of its struct open_how */
	ACCESS_NEVER,		/* refused whatever the path */
};

/* A path argument: its position, and that of its dirfd (-1: the cwd). */
struct path_arg {
	signed char dirfd, path;
};

/*
 * A syscall that takes paths. 'flags' is the position of its open flags,
 * its struct open_how or its AT_* flags (-1: none). 'nofollow': the last
 * component of its paths is not followed if it is a symlink (lstat,
 * unlink, rename, ...); O_NOFOLLOW or AT_SYMLINK_NOFOLLOW in 'flags' say
 * the same for one call.
 */
static const struct path_syscall {
	const char *name;
	enum access access;
	struct path_arg paths[2];	/* .path -1: no second path */
	signed char flags;		/* open flags, open_how, AT_* flags */
	bool nofollow;
} path_syscalls[] = {
#define PATH(n, acc, p, nof) \
	{ n, acc, { { -1, p }, { -1, -1 } }, -1, nof }
#define PATHAT(n, acc, d, p, fl, nof) \
	{ n, acc, { { d, p }, { -1, -1 } }, fl, nof }
#define PATH2(n, acc, d, p, d2, p2, nof) \
	{ n, acc, { { d, p }, { d2, p2 } }, -1, nof }
	PATHAT("open", ACCESS_OPEN_FLAGS, -1, 0, 1, false),
	PATHAT("openat", ACCESS_OPEN_FLAGS, 0, 1, 2, false),
	PATHAT("openat2", ACCESS_OPEN_HOW, 0, 1, 2, false),
	PATH("creat", ACCESS_WRITE, 0, false),
	PATH("execve", ACCESS_READ, 0, false),
	PATHAT("execveat", ACCESS_READ, 0, 1, 4, false),
	PATH("chdir", ACCESS_READ, 0, false),
	PATH("access", ACCESS_READ, 0, false),
	PATHAT("faccessat", ACCESS_READ, 0, 1, -1, false),
	PATHAT("faccessat2", ACCESS_READ, 0, 1, 3, false),
	PATH("stat", ACCESS_READ, 0, false),
	PATH("stat64", ACCESS_READ, 0, false),
	PATH("oldstat", ACCESS_READ, 0, false),
	PATH("lstat", ACCESS_READ, 0, true),
	PATH("lstat64", ACCESS_READ, 0, true),
	PATH("oldlstat", ACCESS_READ, 0, true),
	PATHAT("newfstatat", ACCESS_READ, 0, 1, 3, false),
	PATHAT("fstatat64", ACCESS_READ, 0, 1, 3, false),
	PATHAT("statx", ACCESS_READ, 0, 1, 2, false),
	PATH("statfs", ACCESS_READ, 0, false),
	PATH("statfs64", ACCESS_READ, 0, false),
	PATH("readlink", ACCESS_READ, 0, true),
	PATHAT("readlinkat", ACCESS_READ, 0, 1, -1, true),
	PATH("getxattr", ACCESS_READ, 0, false),
	PATH("lgetxattr", ACCESS_READ, 0, true),
	PATH("listxattr", ACCESS_READ, 0, false),
	PATH("llistxattr", ACCESS_READ, 0, true),
	PATH("mkdir", ACCESS_WRITE, 0, true),
	PATHAT("mkdirat", ACCESS_WRITE, 0, 1, -1, true),
	PATH("mknod", ACCESS_WRITE, 0, true),
	PATHAT("mknodat", ACCESS_WRITE, 0, 1, -1, true),
	PATH("rmdir", ACCESS_WRITE, 0, true),
	PATH("unlink", ACCESS_WRITE, 0, true),
	PATHAT("unlinkat", ACCESS_WRITE, 0, 1, -1, true),
	PATH2("rename", ACCESS_WRITE, -1, 0, -1, 1, true),
	PATH2("renameat", ACCESS_WRITE, 0, 1, 2, 3, true),
	PATH2("renameat2", ACCESS_WRITE, 0, 1, 2, 3, true),
	/* The old name is followed: stricter than linkat() may be. */
	PATH2("link", ACCESS_WRITE, -1, 0, -1, 1, false),
	PATH2("linkat", ACCESS_WRITE, 0, 1, 2, 3, false),
	/* The target is the link's content, not a file it reaches. */
	PATH("symlink", ACCESS_WRITE, 1, true),
	PATHAT("symlinkat", ACCESS_WRITE, 1, 2, -1, true),
	PATH("chmod", ACCESS_WRITE, 0, false),
	PATHAT("fchmodat", ACCESS_WRITE, 0, 1, -1, false),
	PATHAT("fchmodat2", ACCESS_WRITE, 0, 1, 3, false),
	PATH("chown", ACCESS_WRITE, 0, false),
	PATH("chown32", ACCESS_WRITE, 0, false),
	PATH("lchown", ACCESS_WRITE, 0, true),
	PATH("lchown32", ACCESS_WRITE, 0, true),
	PATHAT("fchownat", ACCESS_WRITE, 0, 1, 4, false),
	PATH("truncate", ACCESS_WRITE, 0, false),
	PATH("truncate64", ACCESS_WRITE, 0, false),
	PATH("utime", ACCESS_WRITE, 0, false),
	PATH("utimes", ACCESS_WRITE, 0, false),
	PATHAT("futimesat", ACCESS_WRITE, 0, 1, -1, false),
	PATHAT("utimensat", ACCESS_WRITE, 0, 1, 3, false),
	PATHAT("utimensat_time64", ACCESS_WRITE, 0, 1, 3, false),
	PATH("setxattr", ACCESS_WRITE, 0, false),
	PATH("lsetxattr", ACCESS_WRITE, 0, true),
	PATH("removexattr", ACCESS_WRITE, 0, false),
	PATH("lremovexattr", ACCESS_WRITE, 0, true),
	/*
	 * Refused whatever they name: a file handle is a name jail cannot
	 * resolve; io_uring opens files without a syscall jail would see; a
	 * chroot would change what paths mean under the tracee only.
	 */
	PATH("open_by_handle_at", ACCESS_NEVER, -1, false),
	PATH("io_uring_setup", ACCESS_NEVER, -1, false),
	PATH("chroot", ACCESS_NEVER, -1, false),
#undef PATH2
#undef PATHAT
#undef PATH
};

#define PATH_SYSCALLS	(sizeof(path_syscalls) / sizeof(*path_syscalls))

static char *jail_dir;				/* -d, resolved */
static char *read_dirs[MAX_READ_DIRS];		/* -r, resolved */
static int nread_dirs;
static int verbose;

/*
 * What jail keeps of a tracee, in its custom pointer: its region, made at
 * its first path syscall. All are in one list, which the hooks on munmap
 * and co. search for the regions of the memory a tracee shares. The pid,
 * not the tracee: a thread that executes a program while it is not the
 * leader is gone without a quit event.
 */
struct jailed {
	pid_t pid;
	struct tracy_shared *region;	/* NULL until needed */
	struct jailed *next;
};

static struct jailed *jailed_list;

/*
 * Regions no tracee has any more, which may still be mapped in a process
 * jail cannot unmap them in: a process whose thread they were made for
 * has ended, and the parent of a vfork child (a shell's command,
 * posix_spawn()) that made one before its execve. The next tracee of
 * that process that needs a region takes one over, rather than leave a
 * new one there too. Those of processes that are gone are never taken:
 * the oldest are dropped to make room.
 */
static struct tracy_shared *spare_regions[SPARE_REGIONS];
static unsigned int next_spare;

static long arg(const struct tracy_event *e, int i)
{
	const long args[] = { e->args.a0, e->args.a1, e->args.a2,
			      e->args.a3, e->args.a4, e->args.a5 };

	return args[i];
}

static void set_arg(struct tracy_sc_args *a, int i, long value)
{
	long *args[] = { &a->a0, &a->a1, &a->a2, &a->a3, &a->a4, &a->a5 };

	*args[i] = value;
}

/* The tracee's pointer in argument i (32-bit ABIs give it zero-extended). */
static tracy_child_addr_t arg_ptr(const struct tracy_event *e, int i)
{
	return (tracy_child_addr_t)(uintptr_t)arg(e, i);
}

static struct jailed *jailed_of(struct tracy_child *c)
{
	struct jailed *j = c->custom;

	if (j)
		return j;
	j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	j->pid = c->pid;
	j->next = jailed_list;
	jailed_list = j;
	c->custom = j;
	return j;
}

/* Tracee j ended, or its region is not in its memory any more. */
static void spare_region(struct jailed *j)
{
	struct tracy_shared **slot = &spare_regions[next_spare];

	if (!j->region)
		return;
	/* Only unmapped here: the tracee is not ours to stop for that. */
	tracy_shared_destroy(NULL, *slot);
	*slot = j->region;
	next_spare = (next_spare + 1) % SPARE_REGIONS;
	j->region = NULL;
}

static void jailed_free(struct jailed *j)
{
	struct jailed **p;

	for (p = &jailed_list; *p != j; p = &(*p)->next)
		;
	*p = j->next;
	spare_region(j);
	free(j);
}

/* example_run(): tracee c has ended. */
static void tracee_gone(struct tracy_child *c)
{
	if (c->custom)
		jailed_free(c->custom);
	c->custom = NULL;
}

/*
 * Is the region still mapped where the syscall will read it, in the
 * memory of tracee c (stopped)? Not after an execve, which gives the
 * tracee new memory: the address then holds nothing, or what the new
 * program maps there. A number jail has just drawn, written through
 * jail's view and read back through the tracee's memory, can only come
 * back from the region itself.
 */
static bool region_in_place(struct tracy_child *c, struct tracy_shared *region)
{
	char *local = tracy_shared_local(region);
	uint64_t nonce, seen;

	if (getrandom(&nonce, sizeof(nonce), 0) != sizeof(nonce))
		return false;
	memcpy(local + REGION_NONCE, &nonce, sizeof(nonce));
	return tracy_read_mem(c, &seen,
			      (char *)tracy_shared_remote(region) +
			      REGION_NONCE, sizeof(seen)) == sizeof(seen) &&
	       seen == nonce;
}

/* A spare region that is mapped in the memory of tracee c, or NULL. */
static struct tracy_shared *take_spare_region(struct tracy_child *c)
{
	struct tracy_shared *region;
	unsigned int i;

	for (i = 0; i < SPARE_REGIONS; i++) {
		region = spare_regions[i];
		if (region && region_in_place(c, region)) {
			spare_regions[i] = NULL;
			return region;
		}
	}
	return NULL;
}

/*
 * The region of the tracee of e, which is at a syscall entry: its own, a
 * spare one, or a new one; NULL (said on stderr) if there is none.
 */
static struct tracy_shared *region_of(struct tracy_event *e, const char *name)
{
	struct jailed *j = jailed_of(e->child);

	if (!j) {
		perror("jail");
		return NULL;
	}
	if (j->region && !region_in_place(e->child, j->region))
		spare_region(j);
	if (!j->region)
		j->region = take_spare_region(e->child);
	if (!j->region)
		j->region = tracy_shared_create(e->child, REGION_SIZE);
	if (!j->region)
		fprintf(stderr, "jail: %d %s: no region to check its arguments "
			"in (%s), refused\n", e->child->pid, name,
			strerror(errno));
	return j->region;
}

/* Is 'path' (resolved) 'dir' (resolved) or inside it? */
static bool is_within(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	if (!strcmp(dir, "/"))
		return true;
	return !strncmp(path, dir, len) && (!path[len] || path[len] == '/');
}

static bool may_reach(const char *path, bool write)
{
	int i;

	if (is_within(path, jail_dir))
		return true;
	for (i = 0; !write && i < nread_dirs; i++)
		if (is_within(path, read_dirs[i]))
			return true;
	return false;
}

/*
 * 'full' (absolute) without symlinks, '.' and '..': the longest part of
 * it that exists goes through realpath(), the rest, which does not exist
 * yet, is added as written. NULL with errno where that cannot be told:
 * a dangling symlink (ELOOP: the kernel would follow it to a name we do
 * not know), a directory the tracer may not search (EACCES).
 */
static char *resolve_existing(const char *full)
{
	char *prefix = strdup(full), *real = NULL, *out, *cut;
	const char *rest, *next;
	struct stat st;
	size_t len;
	int err;

	if (!prefix)
		return NULL;
	for (;;) {
		real = realpath(*prefix ? prefix : "/", NULL);
		if (real)
			break;
		err = errno;
		if (err == ENOENT || err == ENOTDIR) {
			/* Not there (yet): resolve its parent, add it as is. */
			if (lstat(prefix, &st) || !S_ISLNK(st.st_mode)) {
				*strrchr(prefix, '/') = '\0';
				continue;
			}
			err = ELOOP;	/* there, but a dangling symlink */
		}
		free(prefix);
		errno = err;
		return NULL;
	}
	rest = full + strlen(prefix);
	free(prefix);
	/* Room for the rest, a '/' before each of its parts, and a NUL. */
	out = realloc(real, strlen(real) + 2 * strlen(rest) + 2);
	if (!out) {
		free(real);
		return NULL;
	}
	for (; *rest; rest = next) {
		while (*rest == '/')
			rest++;
		next = strchrnul(rest, '/');
		len = next - rest;
		if (!len || (len == 1 && rest[0] == '.'))
			continue;
		if (len == 2 && rest[0] == '.' && rest[1] == '.') {
			cut = strrchr(out, '/');
			cut[cut == out] = '\0';	/* "/" stays "/" */
			continue;
		}
		len = strlen(out);
		if (out[len - 1] != '/')
			out[len++] = '/';
		memcpy(out + len, rest, next - rest);
		out[len + (next - rest)] = '\0';
	}
	return out;
}

/*
 * 'path' as the kernel will walk it from directory 'base' (absolute),
 * resolved (see resolve_existing()). With nofollow the last component
 * stays as it is, symlink or not, as for lstat() or unlink().
 */
static char *resolve(const char *base, const char *path, bool nofollow)
{
	char *full, *parent, *last, *dir, *out;
	size_t len;

	if (asprintf(&full, "%s/%s", *path == '/' ? "" : base, path) < 0)
		return NULL;
	len = strlen(full);
	last = strrchr(full, '/') + 1;
	/* "x/", "." and "..": the kernel follows those whatever it is told. */
	if (!nofollow || full[len - 1] == '/' || !strcmp(last, ".") ||
	    !strcmp(last, "..")) {
		out = resolve_existing(full);
		free(full);
		return out;
	}
	last[-1] = '\0';
	parent = full;
	dir = resolve_existing(*parent ? parent : "/");
	out = NULL;
	if (dir && asprintf(&out, "%s/%s", strcmp(dir, "/") ? dir : "",
			    last) < 0)
		out = NULL;
	free(dir);
	free(full);
	return out;
}

/* The directory a path relative to dirfd starts from, malloc()ed. */
static char *base_dir(pid_t pid, int dirfd)
{
	char link[64], target[PATH_MAX];
	ssize_t len;

	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, dirfd);
	len = readlink(link, target, sizeof(target) - 1);
	if (len < 0)
		return NULL;
	target[len] = '\0';
	/* A socket, pipe, ...: no directory; the kernel says ENOTDIR. */
	if (target[0] != '/') {
		errno = ENOTDIR;
		return NULL;
	}
	return strdup(target);
}

/*
 * The one place where jail looks at a path argument 'a' of the syscall
 * at entry stop e: 0 if the syscall may go on with it, or the errno to
 * fail it with. The path is copied into the tracee's region at *offset
 * (moved on past the copy), the syscall now reads it there, and the copy
 * is what is checked: the tracee cannot write to it.
 *
 * The copy does not make the file system hold still: a directory renamed
 * or swapped for a symlink between this check and the syscall still
 * escapes, which only the kernel can prevent (openat2() with
 * RESOLVE_BENEATH, Landlock).
 */
static int check_path(struct tracy_event *e, const struct path_syscall *sc,
		      const struct path_arg *a, bool write, bool nofollow,
		      struct tracy_shared *region, size_t *offset)
{
	char *path, *base = NULL, *resolved = NULL;
	int dirfd = a->dirfd >= 0 ? (int)arg(e, a->dirfd) : AT_FDCWD;
	ssize_t len;
	bool allowed;

	/* No path (utimensat(fd, NULL)): the syscall acts on a descriptor. */
	if (!arg_ptr(e, a->path))
		return 0;
	len = tracy_shared_string_arg(e->child, region, a->path, *offset);
	if (len < 0) {
		fprintf(stderr, "jail: %d %s: path not copied (%s), refused\n",
			e->child->pid, sc->name, strerror(errno));
		/* Longer than the kernel takes; else unreadable. */
		return errno == E2BIG || errno == ENAMETOOLONG ? ENAMETOOLONG :
								  EACCES;
	}
	path = (char *)tracy_shared_local(region) + *offset;
	*offset += (size_t)len;
	/* "" names the dirfd itself (AT_EMPTY_PATH), or nothing (ENOENT). */
	if (!*path)
		return 0;
	base = base_dir(e->child->pid, dirfd);
	if (base)
		resolved = resolve(base, path, nofollow);
	allowed = resolved && may_reach(resolved, write);
	if (!allowed || verbose)
		fprintf(stderr, "jail: %d %s \"%s\": %s%s\n", e->child->pid,
			sc->name, path, resolved ? resolved : "cannot resolve",
			allowed ? "" : write ? ", not writable: refused" :
			", out of reach: refused");
	free(resolved);
	free(base);
	return allowed ? 0 : EACCES;
}

static bool open_flags_write(long flags)
{
	return (flags & O_ACCMODE) != O_RDONLY ||
	       (flags & (O_CREAT | O_TRUNC | O_APPEND));
}

/*
 * The flags of the struct open_how of openat2 at entry stop e, whose
 * argument jail points to a copy in the region first, as it does paths:
 * 0, or the errno to fail the syscall with.
 */
static int open_how_flags(struct tracy_event *e, const struct path_syscall *sc,
			  struct tracy_shared *region, uint64_t *flags)
{
	char *copy = (char *)tracy_shared_local(region) + REGION_HOW;
	size_t size = (size_t)arg(e, sc->flags + 1);	/* it follows */
	struct tracy_sc_args a = e->args;

	/* The kernel's answers to a size it would not take. */
	if (size < sizeof(*flags))
		return EINVAL;
	if (size > OPEN_HOW_MAX)
		return E2BIG;
	if (tracy_read_mem(e->child, copy, arg_ptr(e, sc->flags), size) !=
	    (ssize_t)size)
		return EFAULT;
	set_arg(&a, sc->flags, (long)(uintptr_t)
		((char *)tracy_shared_remote(region) + REGION_HOW));
	if (tracy_modify_syscall_args(e->child, e->syscall_num, &a)) {
		perror("jail: tracy_modify_syscall_args");
		return EACCES;
	}
	e->args = a;
	/* The first field of struct open_how is its flags. */
	memcpy(flags, copy, sizeof(*flags));
	return 0;
}

/* What the syscall of e does: write or not, and is its last name followed? */
static int classify(struct tracy_event *e, const struct path_syscall *sc,
		    struct tracy_shared *region, bool *write, bool *nofollow)
{
	uint64_t how_flags;
	long flags = sc->flags >= 0 ? arg(e, sc->flags) : 0;
	int err;

	*write = sc->access == ACCESS_WRITE;
	*nofollow = sc->nofollow;
	switch (sc->access) {
	case ACCESS_OPEN_FLAGS:
		*write = open_flags_write(flags);
		*nofollow = flags & O_NOFOLLOW;
		break;
	case ACCESS_OPEN_HOW:
		err = open_how_flags(e, sc, region, &how_flags);
		if (err)
			return err;
		*write = open_flags_write((long)how_flags);
		*nofollow = how_flags & O_NOFOLLOW;
		break;
	default:
		if (sc->flags >= 0 && (flags & AT_SYMLINK_NOFOLLOW))
			*nofollow = true;
		break;
	}
	return 0;
}

static const struct path_syscall *path_syscall_of(const struct tracy_event *e)
{
	const char *name = get_syscall_name_abi(e->syscall_num, e->abi);
	unsigned int i;

	for (i = 0; name && i < PATH_SYSCALLS; i++)
		if (!strcmp(path_syscalls[i].name, name))
			return &path_syscalls[i];
	return NULL;
}

/* Entry-only: every syscall of path_syscalls[]. */
static int path_hook(struct tracy_event *e)
{
	const struct path_syscall *sc = path_syscall_of(e);
	struct tracy_shared *region;
	bool write, nofollow;
	size_t offset = 0;
	int i, err;

	if (!sc)
		return TRACY_HOOK_CONTINUE;
	if (sc->access == ACCESS_NEVER) {
		fprintf(stderr, "jail: %d %s: refused\n", e->child->pid,
			sc->name);
		return TRACY_HOOK_DENY;		/* EPERM */
	}
	region = region_of(e, sc->name);
	err = region ? classify(e, sc, region, &write, &nofollow) : EACCES;
	for (i = 0; !err && i < 2 && sc->paths[i].path >= 0; i++)
		err = check_path(e, sc, &sc->paths[i], write, nofollow, region,
				 &offset);
	if (err && tracy_deny_syscall_errno(e->child, err)) {
		perror("jail: tracy_deny_syscall_errno");
		return TRACY_HOOK_ABORT;
	}
	return TRACY_HOOK_CONTINUE;
}

/*
 * Do tracees a and b share their memory (threads, a vfork child and its
 * parent)? Where the kernel cannot tell (no kcmp), jail assumes they do.
 */
static bool same_memory(pid_t a, pid_t b)
{
	long ret;

	if (a == b)
		return true;
	ret = syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0);
	return !ret || (ret < 0 && errno != ESRCH);
}

/*
 * Does the range of 'len' bytes at 'start' of the memory of tracee c,
 * stopped, hold a region of a tracee sharing that memory? A region
 * found out of place (its tracee executed a program) is forgotten.
 */
static bool holds_region(struct tracy_child *c, uintptr_t start, size_t len)
{
	uintptr_t end = start + (len ? len : 1), remote;
	struct jailed *j;

	if (end < start)
		end = UINTPTR_MAX;
	for (j = jailed_list; j; j = j->next) {
		if (!j->region)
			continue;
		remote = (uintptr_t)tracy_shared_remote(j->region);
		if (end <= remote ||
		    start >= remote + tracy_shared_size(j->region) ||
		    !same_memory(c->pid, j->pid))
			continue;
		if (region_in_place(c, j->region))
			return true;
		spare_region(j);
	}
	return false;
}

/*
 * Entry-only: the syscalls that unmap memory, or map memory over what is
 * there, refused where that would take away a region, whose path copy
 * the kernel may be about to read for another thread.
 */
static int memory_hook(struct tracy_event *e)
{
	const char *name = get_syscall_name_abi(e->syscall_num, e->abi);
	uintptr_t addr = (uintptr_t)arg_ptr(e, 0);
	bool takes = false;

	if (!name)
		return TRACY_HOOK_CONTINUE;
	/* i386's old mmap: its arguments are in memory, which races. */
	if (!strcmp(name, "mmap") &&
	    get_syscall_number_abi("mmap2", (int)e->abi) >= 0) {
		fprintf(stderr, "jail: %d old mmap: refused\n", e->child->pid);
		return TRACY_HOOK_DENY;
	}
	if (!strcmp(name, "munmap") || !strcmp(name, "remap_file_pages"))
		takes = holds_region(e->child, addr, (size_t)arg(e, 1));
	else if (!strcmp(name, "mmap") || !strcmp(name, "mmap2"))
		takes = (arg(e, 3) & MAP_FIXED) &&
			holds_region(e->child, addr, (size_t)arg(e, 1));
	else if (!strcmp(name, "mremap"))
		takes = holds_region(e->child, addr, (size_t)arg(e, 1)) ||
			((arg(e, 3) & MREMAP_FIXED) &&
			 holds_region(e->child, (uintptr_t)arg_ptr(e, 4),
				      (size_t)arg(e, 2)));
	/* The segment's size is not known here: all above its address. */
	else if (!strcmp(name, "shmat"))
		takes = (arg(e, 2) & SHM_REMAP) &&
			holds_region(e->child, (uintptr_t)arg_ptr(e, 1),
				     SIZE_MAX);
	/* i386's ipc(SHMAT, id, flags, &result, address). */
	else if (!strcmp(name, "ipc"))
		takes = (arg(e, 0) & 0xffff) == IPC_CALL_SHMAT &&
			(arg(e, 2) & SHM_REMAP) &&
			holds_region(e->child, (uintptr_t)arg_ptr(e, 4),
				     SIZE_MAX);
	if (!takes)
		return TRACY_HOOK_CONTINUE;
	fprintf(stderr, "jail: %d %s over a region of jail's path copies: "
		"refused\n", e->child->pid, name);
	return TRACY_HOOK_DENY;			/* EPERM */
}

static void __attribute__((noreturn)) usage(const char *why)
{
	if (why)
		fprintf(stderr, "jail: %s\n", why);
	fputs("usage: jail -d DIR [-r DIR]... [-v] -- COMMAND [ARG...]\n"
	      "Runs COMMAND and its children with the files of DIR only.\n"
	      "  -d DIR  the tree COMMAND may read and write\n"
	      "  -r DIR  a tree COMMAND may read and execute, such as /usr\n"
	      "          (repeatable)\n"
	      "  -v      print every path checked, not only those refused\n",
	      stderr);
	exit(EXIT_TOOL_FAILED);
}

/* A directory of -d or -r, resolved. */
static char *option_dir(const char *dir)
{
	struct stat st;
	char *real = realpath(dir, NULL);

	if (!real || stat(real, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "jail: %s: %s\n", dir,
			real ? "not a directory" : strerror(errno));
		usage(NULL);
	}
	return real;
}

static void parse_args(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "+d:r:v")) != -1) {
		switch (opt) {
		case 'd':
			if (jail_dir)
				usage("-d given twice");
			jail_dir = option_dir(optarg);
			break;
		case 'r':
			if (nread_dirs == MAX_READ_DIRS)
				usage("too many -r");
			read_dirs[nread_dirs++] = option_dir(optarg);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage(NULL);
		}
	}
	if (!jail_dir)
		usage("no -d DIR given");
	if (optind >= argc)
		usage("no command given");
}

int main(int argc, char **argv)
{
	static const char *const memory_syscalls[] = {
		"munmap", "mmap", "mmap2", "mremap", "remap_file_pages",
		"shmat", "ipc",
	};
	struct tracy *t;
	unsigned int i;
	int status = EXIT_TOOL_FAILED;

	parse_args(argc, argv);
	t = tracy_init(TRACY_TRACE_CHILDREN);
	if (!t) {
		perror("jail: tracy_init");
		goto out;
	}
	for (i = 0; i < PATH_SYSCALLS; i++)
		if (example_hook(t, path_syscalls[i].name, path_hook,
				 TRACY_HOOK_ENTRY_ONLY) < 0) {
			perror("jail: tracy_set_hook");
			goto out;
		}
	for (i = 0; i < sizeof(memory_syscalls) / sizeof(*memory_syscalls);
	     i++)
		if (example_hook(t, memory_syscalls[i], memory_hook,
				 TRACY_HOOK_ENTRY_ONLY) < 0) {
			perror("jail: tracy_set_hook");
			goto out;
		}
	status = example_run(t, argv + optind, tracee_gone);
out:
	tracy_free(t);
	/* Tracees the session ended without a quit event (an error). */
	while (jailed_list)
		jailed_free(jailed_list);
	for (i = 0; i < SPARE_REGIONS; i++)
		tracy_shared_destroy(NULL, spare_regions[i]);
	free(jail_dir);
	while (nread_dirs)
		free(read_dirs[--nread_dirs]);
	return status;
}
