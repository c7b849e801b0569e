// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall arguments and results, printed as strace prints them. Each
 * syscall stracy decodes has a line in the table of syscalls.c: the type
 * of each argument and of the result. An argument the kernel fills in
 * (a read buffer, a struct stat) is printed at the exit, and only if the
 * syscall succeeded; the line is begun at the entry with the arguments
 * before it. Every other syscall is printed raw, its arguments in hex.
 *
 * Structures are read in the layout of the tracee's ABI: pointer and long
 * sizes, and the struct stat variants, are the only differences the
 * decoded syscalls have (time_t is 64-bit in the time64 syscalls 32-bit
 * ABIs use, and 32-bit in their old ones, which say so in their type).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <termios.h>
#include <sched.h>
#include <unistd.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "stracy.h"
#include "syscalls.h"

bool abi_is_32bit(int abi)
{
#if defined(__x86_64__)
	return abi != TRACY_ABI_AMD64;
#elif defined(__aarch64__)
	return abi == TRACY_ABI_AARCH32;
#else
	(void)abi;
	return true;
#endif
}

/* x32 passes 64-bit registers to 64-bit syscall code: longs are 64-bit. */
static bool long_is_32bit(int abi)
{
#if defined(__x86_64__)
	return abi == TRACY_ABI_X86;
#else
	return abi_is_32bit(abi);
#endif
}

static int ptr_size(int abi)
{
	return abi_is_32bit(abi) ? 4 : 8;
}

static bool abi_is_arm_eabi(int abi)
{
#if defined(__aarch64__)
	return abi == TRACY_ABI_AARCH32;
#elif defined(__arm__)
	(void)abi;
	return true;
#else
	(void)abi;
	return false;
#endif
}

/* ---- Tracee memory ---- */

static struct tracy_child *child;
static int abi;

static bool umove(unsigned long addr, void *buf, size_t n)
{
	return addr && tracy_read_mem(child, buf, (tracy_child_addr_t)addr, n) ==
		       (ssize_t)n;
}

/* A pointer-sized word of the tracee (0 if unreadable: *ok says). */
static unsigned long read_word(unsigned long addr, bool *ok)
{
	uint32_t w32;
	uint64_t w64;

	if (ptr_size(abi) == 4) {
		*ok = umove(addr, &w32, 4);
		return *ok ? w32 : 0;
	}
	*ok = umove(addr, &w64, 8);
	return *ok ? (unsigned long)w64 : 0;
}

static void print_addr(unsigned long addr)
{
	if (addr)
		out_printf("%#lx", addr);
	else
		out_puts("NULL");
}

/* ---- Strings ---- */

/*
 * strace's quoting: printable ASCII as is, C escapes for \t\n\v\f\r, \"
 * and \\, octal for the rest (three digits when a digit follows). -x:
 * the whole string in hex if any byte is not printable; -xx: always.
 */
static void print_quoted(const unsigned char *s, size_t len, bool force_hex)
{
	bool hex = opt.hex_strings == 2 || force_hex;
	size_t i;

	/* -x: C's whitespace escapes do not make a string hex, as in strace. */
	if (opt.hex_strings == 1)
		for (i = 0; i < len && !hex; i++)
			hex = (s[i] < ' ' && (s[i] < '\t' || s[i] > '\r')) ||
			      s[i] > '~';
	out_puts("\"");
	for (i = 0; i < len; i++) {
		unsigned char ch = s[i];

		if (hex) {
			out_printf("\\x%02x", ch);
			continue;
		}
		switch (ch) {
		case '"': out_puts("\\\""); continue;
		case '\\': out_puts("\\\\"); continue;
		case '\t': out_puts("\\t"); continue;
		case '\n': out_puts("\\n"); continue;
		case '\v': out_puts("\\v"); continue;
		case '\f': out_puts("\\f"); continue;
		case '\r': out_puts("\\r"); continue;
		}
		if (ch >= ' ' && ch <= '~')
			out_printf("%c", ch);
		else if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7')
			out_printf("\\%03o", ch);
		else
			out_printf("\\%o", ch);
	}
	out_puts("\"");
}

/*
 * The NUL-terminated string at addr, at most n bytes of it, into buf (not
 * terminated): how many bytes were read before the NUL, n, or a fault;
 * -1 if none could be read.
 */
static ssize_t read_cstr(unsigned long addr, unsigned char *buf, size_t n)
{
	size_t got = 0;

	/* Byte by byte past a page end would be slow: read in chunks. */
	while (got < n) {
		size_t chunk = 4096 - ((addr + got) & 4095);
		ssize_t r;

		if (chunk > n - got)
			chunk = n - got;
		r = tracy_read_mem(child, buf + got,
				   (tracy_child_addr_t)(addr + got), chunk);
		if (r <= 0)
			return got ? (ssize_t)got : -1;
		if (memchr(buf + got, 0, (size_t)r))
			return (ssize_t)(got + strnlen((char *)buf + got,
						       (size_t)r));
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * len bytes at addr (len < 0: a NUL-terminated string), at most -s of
 * them, then "..." if there was more.
 */
static void print_str(unsigned long addr, long len, unsigned int limit,
		      bool force_hex)
{
	unsigned char *buf = NULL;
	size_t n, got = 0;
	bool more;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	n = len < 0 ? limit + 1 : (size_t)len < limit ? (size_t)len : limit;
	buf = calloc(1, n + 1);
	if (!buf)
		return;
	if (len < 0) {
		ssize_t r = n ? read_cstr(addr, buf, n) : 0;

		if (r < 0) {
			print_addr(addr);
			free(buf);
			return;
		}
		got = (size_t)r;
		more = got > limit;
		if (more)
			got = limit;
	} else {
		ssize_t r = n ? tracy_read_mem(child, buf,
					       (tracy_child_addr_t)addr, n) : 0;

		if (r < 0 || (size_t)r < n) {
			print_addr(addr);
			free(buf);
			return;
		}
		got = n;
		more = (size_t)len > limit;
	}
	print_quoted(buf, got, force_hex);
	if (more)
		out_puts("...");
	free(buf);
}

void print_quoted_local(const char *s, size_t len, long limit)
{
	bool more = limit >= 0 && len > (size_t)limit;

	print_quoted((const unsigned char *)s, more ? (size_t)limit : len,
		     false);
	if (more)
		out_puts("...");
}

static void print_path(unsigned long addr)
{
	print_str(addr, -1, PATH_MAX, false);
}

/* ---- File descriptors ---- */

static void print_proc_link(const char *what, bool device);

/* -y: the path of fd; -yy: socket endpoints as well (sockdiag.c). */
void print_path_fd(struct tracy_child *c, int fd)
{
	char what[32], target[64];
	unsigned long inode;
	ssize_t n;

	out_printf("%d", fd);
	if (!opt.decode_fds || fd < 0)
		return;
	child = c;
	snprintf(what, sizeof(what), "/proc/%d/fd/%d", c->pid, fd);
	if (opt.decode_fds > 1 &&
	    (n = readlink(what, target, sizeof(target) - 1)) > 0) {
		target[n] = 0;
		if (sscanf(target, "socket:[%lu]", &inode) == 1 &&
		    print_socket_details(what, inode))
			return;
	}
	snprintf(what, sizeof(what), "fd/%d", fd);
	print_proc_link(what, opt.decode_fds > 1);
}

static void print_fd(long fd)
{
	print_path_fd(child, (int)fd);
}

/*
 * -y: a path of the tracee's /proc directory, as strace shows fd paths;
 * with device, a device's type and number too ("</dev/null<char 1:3>>").
 */
static void print_proc_link(const char *what, bool device)
{
	char link[64], target[PATH_MAX];
	struct stat st;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/%s", child->pid, what);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = 0;
	out_puts("<");
	for (ssize_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)target[i];

		if (ch < ' ' || ch > '~' || ch == '<' || ch == '>' ||
		    ch == '\\' || ch == '"')
			out_printf("\\x%02x", ch);
		else
			out_printf("%c", ch);
	}
	if (device && !stat(link, &st) &&
	    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		out_printf("<%s %u:%u>", S_ISCHR(st.st_mode) ? "char" : "block",
			   major(st.st_rdev), minor(st.st_rdev));
	out_puts(">");
}

static void print_dirfd(long fd)
{
	if ((int)fd == AT_FDCWD) {
		print_const(XLAT_DEC, (uint64_t)(int64_t)AT_FDCWD, "AT_FDCWD");
		if (opt.decode_fds)
			print_proc_link("cwd", false);
	} else
		print_fd((int)fd);
}

/* ---- Signals ---- */

static void print_signame(int sig)
{
	print_const(XLAT_DEC, (uint64_t)sig, signal_name(sig));
}

/* A signal set as strace prints it: [CHLD], ~[KILL STOP], [] */
static void print_sigset_bits(const unsigned char *bits, size_t bytes)
{
	size_t nbits = bytes * 8, set = 0, i;
	bool first = true, invert;

	if (nbits > 64)
		nbits = 64;
	for (i = 0; i < nbits; i++)
		set += bits[i / 8] >> (i % 8) & 1;
	/* More than half set: print the complement, as strace does. */
	invert = set * 2 > nbits;
	out_puts(invert ? "~[" : "[");
	for (i = 0; i < nbits; i++) {
		bool on = bits[i / 8] >> (i % 8) & 1;
		const char *name;

		if (on == invert)
			continue;
		name = signal_name((int)i + 1);
		if (!strncmp(name, "SIG", 3))
			name += 3;
		out_puts(first ? "" : " ");
		print_const(XLAT_DEC, i + 1, name);
		first = false;
	}
	out_puts("]");
}

static void print_sigset(unsigned long addr, unsigned long size)
{
	unsigned char bits[8];

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (size > 8 || size == 0 || !umove(addr, bits, size)) {
		print_addr(addr);
		return;
	}
	print_sigset_bits(bits, size);
}

static void print_sigaction(unsigned long addr)
{
	unsigned long handler, flags, restorer;
	unsigned char mask[8] = { 0 };
	int ps = ptr_size(abi);
	bool ok, ok2, ok3;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	/* The kernel's struct sigaction: handler, flags, restorer, mask. */
	handler = read_word(addr, &ok);
	flags = read_word(addr + ps, &ok2);
	restorer = read_word(addr + 2 * ps, &ok3);
	if (!ok || !ok2 || !ok3 || !umove(addr + 3 * ps, mask, 8)) {
		print_addr(addr);
		return;
	}
	out_puts("{sa_handler=");
	if (handler == (unsigned long)(uintptr_t)SIG_DFL ||
	    handler == (unsigned long)(uintptr_t)SIG_IGN) {
		print_const(XLAT_HEX, handler, handler ? "SIG_IGN" : "SIG_DFL");
	} else {
		out_printf("%#lx", handler);
	}
	out_puts(", sa_mask=");
	print_sigset_bits(mask, ps == 4 ? 8 : 8);
	out_puts(", sa_flags=");
	print_flags(sa_flags, flags, NULL);
	if (flags & 0x04000000)
		out_printf(", sa_restorer=%#lx", restorer);
	out_puts("}");
}

/* stack_t of sigaltstack: pointer, int flags, size, in the ABI's sizes. */
static void print_stack(unsigned long addr)
{
	static const struct xlat ss_flags[] = {
		{ 1, "SS_ONSTACK" }, { 2, "SS_DISABLE" },
		{ 1U << 31, "SS_AUTODISARM" }, XLAT_END
	};
	int ps = ptr_size(abi);
	unsigned long sp, size;
	uint32_t flags;
	bool ok, ok2;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	sp = read_word(addr, &ok);
	size = read_word(addr + 2 * ps, &ok2);
	if (!ok || !ok2 || !umove(addr + ps, &flags, 4)) {
		print_addr(addr);
		return;
	}
	out_puts("{ss_sp=");
	print_addr(sp);
	out_puts(", ss_flags=");
	print_flags(ss_flags, flags, NULL);
	out_printf(", ss_size=%lu}", size);
}

/* ---- Structures ---- */

static const char *file_type(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "S_IFREG";
	case S_IFDIR: return "S_IFDIR";
	case S_IFLNK: return "S_IFLNK";
	case S_IFCHR: return "S_IFCHR";
	case S_IFBLK: return "S_IFBLK";
	case S_IFIFO: return "S_IFIFO";
	case S_IFSOCK: return "S_IFSOCK";
	}
	return NULL;
}

static void print_mode_value(unsigned int mode)
{
	const char *type = file_type(mode);

	if (!type) {
		out_printf("%#o", mode);
	} else if (xlat_begin(XLAT_OCT, mode)) {
		/* As strace: the special bits by name, the rest in octal. */
		out_printf("%s|%s%s%s%#03o", type,
			   mode & S_ISUID ? "S_ISUID|" : "",
			   mode & S_ISGID ? "S_ISGID|" : "",
			   mode & S_ISVTX ? "S_ISVTX|" : "",
			   mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
		xlat_end();
	}
}

/* Where st_mode, st_rdev and st_size are in the ABI's struct stat. */
enum stat_kind { STAT_NATIVE, STAT_64 };

struct stat_layout {
	int mode, rdev, size, mode_size, rdev_size;
};

/*
 * 64-bit ABIs have their struct stat (x32 uses x86_64's); 32-bit ones the
 * struct stat64 of their fstat64 family, whose st_size i386 packs at 44.
 * Their old struct stat (fstat, not used by today's C libraries) is read
 * as the same: a known gap.
 */
static struct stat_layout stat_layout(enum stat_kind kind)
{
	(void)kind;
#if defined(__x86_64__)
	if (abi != TRACY_ABI_X86)
		return (struct stat_layout){ 24, 40, 48, 4, 8 };
	return (struct stat_layout){ 16, 32, 44, 4, 8 };
#elif defined(__i386__)
	return (struct stat_layout){ 16, 32, 44, 4, 8 };
#else
	/* arm64's generic struct stat and arm's stat64 agree on these. */
	return (struct stat_layout){ 16, 32, 48, 4, 8 };
#endif
}

static void print_stat(unsigned long addr, enum stat_kind kind)
{
	struct stat_layout l = stat_layout(kind);
	unsigned char buf[144];
	uint32_t mode;
	uint64_t rdev, size;

	if (!umove(addr, buf, (size_t)l.size + 8)) {
		print_addr(addr);
		return;
	}
	memcpy(&mode, buf + l.mode, 4);
	memcpy(&rdev, buf + l.rdev, 8);
	memcpy(&size, buf + l.size, 8);
	out_puts("{st_mode=");
	print_mode_value(mode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		out_puts(", st_rdev=");
		if (xlat_begin(XLAT_HEX, rdev)) {
			out_printf("makedev(%#x, %#x)", major(rdev), minor(rdev));
			xlat_end();
		}
	} else
		out_printf(", st_size=%" PRIu64, size);
	out_puts(", ...}");
}

static void print_statx(unsigned long addr)
{
	unsigned char buf[0x90];
	uint32_t mask;
	uint64_t attrs, size;
	uint16_t mode;

	if (!umove(addr, buf, sizeof(buf))) {
		print_addr(addr);
		return;
	}
	memcpy(&mask, buf, 4);
	memcpy(&attrs, buf + 8, 8);
	memcpy(&mode, buf + 0x1c, 2);
	memcpy(&size, buf + 0x28, 8);
	out_puts("{stx_mask=");
	print_flags(statx_masks, mask, NULL);
	out_printf(", stx_attributes=%s", attrs ? "" : "0");
	if (attrs)
		out_printf("%#" PRIx64, attrs);
	out_puts(", stx_mode=");
	print_mode_value(mode);
	/* Unlike struct stat's, strace shows statx's size for devices too. */
	out_printf(", stx_size=%" PRIu64 ", ...}", size);
}

/*
 * struct statfs of 64-bit ABIs (longs), or struct statfs64 of 32-bit ones
 * (32-bit type, size, name length, fragment size and flags; 64-bit
 * counts; packed to 4 bytes on i386 and ARM EABI alike).
 */
static void print_statfs(unsigned long addr, bool is64)
{
	uint64_t v[11];
	uint32_t fsid[2];
	unsigned char buf[120];
	int i;

	if (!umove(addr, buf, is64 || !long_is_32bit(abi) ? 88 : 68)) {
		print_addr(addr);
		return;
	}
	if (!long_is_32bit(abi)) {
		for (i = 0; i < 7; i++)
			memcpy(&v[i], buf + 8 * i, 8);
		memcpy(fsid, buf + 56, 8);
		memcpy(&v[7], buf + 64, 8);
		memcpy(&v[8], buf + 72, 8);
		memcpy(&v[9], buf + 80, 8);
	} else {
		uint32_t w;

		memcpy(&w, buf, 4);
		v[0] = w;
		memcpy(&w, buf + 4, 4);
		v[1] = w;
		for (i = 2; i < 7; i++)
			memcpy(&v[i], buf + 8 + 8 * (i - 2), 8);
		memcpy(fsid, buf + 48, 8);
		for (i = 7; i < 10; i++) {
			memcpy(&w, buf + 56 + 4 * (i - 7), 4);
			v[i] = w;
		}
	}
	out_puts("{f_type=");
	print_xval(fs_magics, (unsigned long)(uint32_t)v[0], NULL);
	out_printf(", f_bsize=%" PRIu64 ", f_blocks=%" PRIu64 ", f_bfree=%"
		   PRIu64 ", f_bavail=%" PRIu64 ", f_files=%" PRIu64
		   ", f_ffree=%" PRIu64 ", f_fsid={val=[%#x, %#x]}, f_namelen=%"
		   PRIu64 ", f_frsize=%" PRIu64 ", f_flags=", v[1], v[2], v[3],
		   v[4], v[5], v[6], fsid[0], fsid[1], v[7], v[8]);
	print_flags(statfs_flags, (unsigned long)v[9], NULL);
	out_puts("}");
}

/* struct timespec: 64-bit fields, or the ABI's longs if time32. */
static void print_timespec(unsigned long addr, bool time32)
{
	int64_t sec, nsec;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (time32 && long_is_32bit(abi)) {
		int32_t t[2];

		if (!umove(addr, t, 8)) {
			print_addr(addr);
			return;
		}
		sec = t[0];
		nsec = t[1];
	} else {
		int64_t t[2];

		if (!umove(addr, t, 16)) {
			print_addr(addr);
			return;
		}
		sec = t[0];
		nsec = t[1];
	}
	out_printf("{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", sec, nsec);
}

static void print_sockaddr(unsigned long addr, long len)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
		struct sockaddr_un un;
		unsigned char raw[128];
	} u;
	char ip[INET6_ADDRSTRLEN];

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (len <= 0 || len > (long)sizeof(u))
		len = len <= 0 ? 0 : (long)sizeof(u);
	memset(&u, 0, sizeof(u));
	if (len < 2 || !umove(addr, &u, (size_t)len)) {
		print_addr(addr);
		return;
	}
	out_puts("{sa_family=");
	print_xval(socket_families, u.sa.sa_family, "AF_???");
	switch (u.sa.sa_family) {
	case AF_UNIX:
		if (len > 2) {
			out_puts(", sun_path=");
			if (!u.un.sun_path[0] && len > 3) {
				out_puts("@");
				print_quoted((unsigned char *)u.un.sun_path + 1,
					     strnlen(u.un.sun_path + 1,
						     (size_t)len - 3), false);
			} else {
				print_quoted((unsigned char *)u.un.sun_path,
					     strnlen(u.un.sun_path,
						     (size_t)len - 2), false);
			}
		}
		break;
	case AF_INET:
		inet_ntop(AF_INET, &u.in.sin_addr, ip, sizeof(ip));
		out_printf(", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
			   ntohs(u.in.sin_port), ip);
		break;
	case AF_INET6:
		inet_ntop(AF_INET6, &u.in6.sin6_addr, ip, sizeof(ip));
		out_printf(", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
			   "inet_pton(AF_INET6, \"%s\", &sin6_addr), "
			   "sin6_scope_id=%u", ntohs(u.in6.sin6_port),
			   ntohl(u.in6.sin6_flowinfo), ip, u.in6.sin6_scope_id);
		break;
	default:
		out_puts(", sa_data=");
		print_quoted(u.raw + 2, (size_t)len - 2, false);
	}
	out_puts("}");
}

static void print_pollfds(unsigned long addr, unsigned long n, bool revents,
			  long count)
{
	struct { int32_t fd; int16_t events, revents; } p;
	unsigned long i;
	long shown = 0;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	out_puts("[");
	for (i = 0; i < n && i < 1024; i++) {
		if (!umove(addr + i * 8, &p, 8)) {
			out_puts(i ? ", ..." : "...");
			break;
		}
		if (revents && !p.revents)
			continue;
		if (revents && shown >= count)
			break;
		out_printf("%s{fd=", shown ? ", " : "");
		print_fd(p.fd);
		out_printf(", %s=", revents ? "revents" : "events");
		print_flags(poll_events, (uint16_t)(revents ? p.revents :
							  p.events), NULL);
		out_puts("}");
		shown++;
	}
	out_puts("]");
}

static void print_wait_status(unsigned long addr)
{
	int status;

	if (!umove(addr, &status, 4)) {
		print_addr(addr);
		return;
	}
	out_puts("[");
	if (WIFEXITED(status))
		out_printf("{WIFEXITED(s) && WEXITSTATUS(s) == %d}",
			   WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		out_printf("{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
			   signal_name(WTERMSIG(status)),
			   WCOREDUMP(status) ? " && WCOREDUMP(s)" : "");
	else if (WIFSTOPPED(status))
		out_printf("{WIFSTOPPED(s) && WSTOPSIG(s) == %s}",
			   signal_name(WSTOPSIG(status)));
	else if (WIFCONTINUED(status))
		out_puts("{WIFCONTINUED(s)}");
	else
		out_printf("%#x", status);
	out_puts("]");
}

/* argv or envp: strings, or for envp without -v a count. */
static void print_strv(unsigned long addr, bool envp)
{
	unsigned long i, s;
	bool ok;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (envp && !opt.verbose) {
		for (i = 0; i < 65536; i++) {
			s = read_word(addr + i * ptr_size(abi), &ok);
			if (!ok || !s)
				break;
		}
		if (!ok) {
			print_addr(addr);
			return;
		}
		out_printf("%#lx /* %lu var%s */", addr, i, i == 1 ? "" : "s");
		return;
	}
	out_puts("[");
	for (i = 0; ; i++) {
		s = read_word(addr + i * ptr_size(abi), &ok);
		if (!ok) {
			if (!i) {
				out_puts("]");
				return;
			}
			out_puts(", ...");
			break;
		}
		if (!s)
			break;
		/* strace shows 32 elements, then the count of the rest. */
		if (i == 32 && !opt.verbose) {
			unsigned long rest = 0;

			while (read_word(addr + (i + rest) * ptr_size(abi), &ok) && ok)
				rest++;
			out_printf(", ... /* %lu entries */", rest);
			break;
		}
		if (i)
			out_puts(", ");
		print_str(s, -1, opt.string_limit, false);
	}
	out_puts("]");
}

/* A limit: infinity's name, or N*1024 where 1024 divides it, as strace. */
static void print_rlim(uint64_t v, bool infinite, const char *infinity)
{
	if (!infinite && !(v > 1024 && v % 1024 == 0)) {
		out_printf("%" PRIu64, v);
		return;
	}
	if (!xlat_begin(XLAT_UDEC, v))
		return;
	if (infinite)
		out_puts(infinity);
	else
		out_printf("%" PRIu64 "*1024", v / 1024);
	xlat_end();
}

static void print_rlimit64(unsigned long addr)
{
	uint64_t r[2];
	int i;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (!umove(addr, r, 16)) {
		print_addr(addr);
		return;
	}
	out_puts("{");
	for (i = 0; i < 2; i++) {
		out_puts(i ? ", rlim_max=" : "rlim_cur=");
		print_rlim(r[i], r[i] == UINT64_MAX, "RLIM64_INFINITY");
	}
	out_puts("}");
}

/* struct rlimit of getrlimit: the ABI's unsigned longs. */
static void print_rlimit(unsigned long addr)
{
	unsigned long r[2];
	bool ok, ok2;
	int i;

	r[0] = read_word(addr, &ok);
	r[1] = read_word(addr + ptr_size(abi), &ok2);
	if (!ok || !ok2) {
		print_addr(addr);
		return;
	}
	out_puts("{");
	for (i = 0; i < 2; i++) {
		out_puts(i ? ", rlim_max=" : "rlim_cur=");
		print_rlim(r[i], r[i] == (ptr_size(abi) == 4 ? 0xffffffffUL :
					  ~0UL), "RLIM_INFINITY");
	}
	out_puts("}");
}

static void print_uname(unsigned long addr)
{
	char u[6][65];

	if (!umove(addr, u, sizeof(u))) {
		print_addr(addr);
		return;
	}
	u[0][64] = u[1][64] = 0;
	out_puts("{sysname=");
	print_quoted((unsigned char *)u[0], strlen(u[0]), false);
	out_puts(", nodename=");
	print_quoted((unsigned char *)u[1], strlen(u[1]), false);
	out_puts(", ...}");
}

static void print_fd_pair(unsigned long addr)
{
	int fds[2];

	if (!umove(addr, fds, sizeof(fds))) {
		print_addr(addr);
		return;
	}
	out_puts("[");
	print_fd(fds[0]);
	out_puts(", ");
	print_fd(fds[1]);
	out_puts("]");
}

/*
 * The plain id syscalls of 32-bit ABIs (not x32) take 16-bit ids; their
 * *32 twins, and every syscall of 64-bit ABIs, 32-bit ones.
 */
static int id_size(const char *name)
{
	return long_is_32bit(abi) && !strstr(name, "32") ? 2 : 4;
}

static void print_id(uint32_t id, int size)
{
	if (id == (size == 2 ? 0xffffu : 0xffffffffu))
		out_puts("-1");
	else
		out_printf("%u", id);
}

static uint32_t id_at(const unsigned char *p, int size)
{
	uint16_t id16;
	uint32_t id32;

	if (size == 2) {
		memcpy(&id16, p, 2);
		return id16;
	}
	memcpy(&id32, p, 4);
	return id32;
}

/* getresuid's [id], setgroups' and getgroups' [id, ...] (-s of them). */
static void print_ids(unsigned long addr, unsigned long n, int size)
{
	unsigned char buf[4];
	unsigned long i;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (n > 65536 || (n && !umove(addr, buf, (size_t)size))) {
		print_addr(addr);
		return;
	}
	out_puts("[");
	for (i = 0; i < n; i++) {
		if (i == opt.string_limit) {
			out_puts(", ...");
			break;
		}
		if (!umove(addr + i * (unsigned long)size, buf, (size_t)size)) {
			out_puts(i ? ", ..." : "...");
			break;
		}
		if (i)
			out_puts(", ");
		print_id(id_at(buf, size), size);
	}
	out_puts("]");
}

static void print_int_ptr(unsigned long addr)
{
	int v;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	if (!umove(addr, &v, 4)) {
		print_addr(addr);
		return;
	}
	out_printf("[%d]", v);
}

/* struct iovec[] with -s bytes of data, for writev at entry and readv at exit. */
static void print_iov(unsigned long addr, unsigned long n, long total)
{
	int ps = ptr_size(abi);
	unsigned long i, base, len;
	bool ok, ok2;

	if (!addr) {
		out_puts("NULL");
		return;
	}
	out_puts("[");
	for (i = 0; i < n && i < 1024; i++) {
		base = read_word(addr + i * 2 * ps, &ok);
		len = read_word(addr + i * 2 * ps + ps, &ok2);
		if (!ok || !ok2) {
			out_puts(i ? ", ..." : "...");
			break;
		}
		if (i)
			out_puts(", ");
		out_puts("{iov_base=");
		if (total >= 0) {
			long shown = (long)len < total ? (long)len : total;

			print_str(base, shown, opt.string_limit, false);
			total -= shown;
		} else {
			print_addr(base);
		}
		out_printf(", iov_len=%lu}", len);
	}
	out_puts("]");
}

/* CLONE_* flags, then the exit signal in the low byte. */
static void print_clone_flags(unsigned long f)
{
	int sig = f & 0xff;

	if (f & ~0xffUL) {
		print_flags(clone_flags, f & ~0xffUL, NULL);
		if (sig)
			out_puts("|");
	}
	if (sig || !(f & ~0xffUL))
		out_puts(sig ? signal_name(sig) : "0");
}

/* clone3's struct clone_args: the fields its flags make meaningful. */
static void print_clone_args(const uint64_t *ca)
{
	unsigned long f = (unsigned long)ca[0];

	out_puts("{flags=");
	print_flags(clone_flags, f, NULL);
	if (f & CLONE_PIDFD)
		out_printf(", pidfd=%#lx", (unsigned long)ca[1]);
	if (f & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		out_printf(", child_tid=%#lx", (unsigned long)ca[2]);
	if (f & CLONE_PARENT_SETTID)
		out_printf(", parent_tid=%#lx", (unsigned long)ca[3]);
	out_printf(", exit_signal=%s", ca[4] ? signal_name((int)ca[4]) : "0");
	out_printf(", stack=%#lx, stack_size=%#lx", (unsigned long)ca[5],
		   (unsigned long)ca[6]);
	if (f & CLONE_SETTLS)
		out_printf(", tls=%#lx", (unsigned long)ca[7]);
	out_puts("}");
}

/*
 * The entries getdents (struct linux_dirent) or getdents64 returned:
 * d_reclen follows d_ino and d_off, longs or 64-bit.
 */
static long count_dirents(unsigned long addr, long len, bool is64)
{
	int reclen_at = is64 ? 16 : 2 * ptr_size(abi);
	unsigned char *buf;
	long n = 0, off = 0;

	if (len <= 0 || len > 1 << 20 || !(buf = malloc((size_t)len)))
		return 0;
	if (umove(addr, buf, (size_t)len)) {
		while (off + reclen_at + 2 <= len) {
			uint16_t reclen;

			memcpy(&reclen, buf + off + reclen_at, 2);
			if (!reclen)
				break;
			n++;
			off += reclen;
		}
	}
	free(buf);
	return n;
}

/* The kernel's struct termios, as strace abbreviates it. */
static void print_termios(unsigned long addr)
{
	uint32_t f[4];
	unsigned int o, c;

	if (!umove(addr, f, sizeof(f))) {
		print_addr(addr);
		return;
	}
	/* Names whatever -X says: its fields are made of several parts. */
	out_puts("{c_iflag=");
	print_flag_names(termios_iflags, f[0], NULL);
	o = f[1];
	out_printf(", c_oflag=NL%u|CR%u|TAB%u|BS%u|VT%u|FF%u", !!(o & NLDLY),
		   (o & CRDLY) / CR1, (o & TABDLY) / TAB1, !!(o & BSDLY),
		   !!(o & VTDLY), !!(o & FFDLY));
	o &= ~(unsigned int)(NLDLY | CRDLY | TABDLY | BSDLY | VTDLY | FFDLY);
	if (o) {
		out_puts("|");
		print_flag_names(termios_oflags, o, NULL);
	}
	c = f[2];
	out_puts(", c_cflag=");
	if (xlat_name(baud_rates, c & CBAUD))
		out_puts(xlat_name(baud_rates, c & CBAUD));
	else
		out_printf("%#x", c & CBAUD);
	out_printf("|CS%u", 5 + (c & CSIZE) / CS6);
	c &= ~(unsigned int)(CBAUD | CSIZE);
	if (c) {
		out_puts("|");
		print_flag_names(termios_cflags, c, NULL);
	}
	out_puts(", c_lflag=");
	print_flag_names(termios_lflags, f[3], NULL);
	out_puts(", ...}");
}

static void print_winsize(unsigned long addr)
{
	uint16_t w[4];

	if (!umove(addr, w, sizeof(w))) {
		print_addr(addr);
		return;
	}
	out_printf("{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
		   w[0], w[1], w[2], w[3]);
}

/* ioctl's third argument, for the requests stracy knows the struct of. */
static bool ioctl_arg_at_exit(unsigned int req)
{
	return req == TCGETS || req == TIOCGWINSZ || req == TIOCGPTN ||
	       req == TIOCGPGRP || req == FIONREAD || req == TIOCOUTQ;
}

static bool print_ioctl_arg(unsigned int req, unsigned long addr)
{
	switch (req) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		print_termios(addr);
		return true;
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		print_winsize(addr);
		return true;
	/* An int behind the pointer. */
	case TIOCGPTN:
	case TIOCSPTLCK:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case FIONREAD:
	case FIONBIO:
	case TIOCOUTQ:
		print_int_ptr(addr);
		return true;
	/* An int itself: a flag, or a file descriptor. */
	case TIOCSCTTY:
	case FICLONE:
		out_printf("%d", (int)addr);
		return true;
	}
	return false;
}

/* ---- The table-driven part ---- */


static long arg_value(const long *args, int i)
{
	return i < 6 ? args[i] : 0;
}

static long sval(long v)
{
	return long_is_32bit(abi) ? (long)(int32_t)v : v;
}

static unsigned long uval(long v)
{
	return long_is_32bit(abi) ? (unsigned long)(uint32_t)v :
				    (unsigned long)v;
}

/* A 64-bit argument: one register, or a pair on 32-bit ABIs. */
static int64_t arg64(const long *args, int *reg)
{
	uint64_t lo, hi;

	if (!long_is_32bit(abi))
		return args[(*reg)++];
	/* ARM EABI puts a 64-bit argument in an even register pair. */
	if (abi_is_arm_eabi(abi) && (*reg & 1))
		(*reg)++;
	lo = (uint32_t)arg_value(args, *reg);
	hi = (uint32_t)arg_value(args, *reg + 1);
	*reg += 2;
	return (int64_t)(lo | hi << 32);
}

#define sysent_of sysent_find

/* Whether the argument of this type is printed at the syscall's exit. */
static bool at_exit(enum argtype type)
{
	return type >= A_EXIT_FIRST;
}

/*
 * Prints one argument of s, the register at *reg and on: the argument
 * number i (its type), with the registers of the call. rval: the result,
 * at the exit.
 */
static void print_arg(struct tcb *t, const struct sysent *s, int i, int *reg,
		      long rval)
{
	const long *a = t->args;
	long v = arg_value(a, *reg);
	const struct xlat *x = s->x[i];
	int r = *reg;
	bool failed = rval < 0 && rval >= -MAX_ERRNO;

	(*reg)++;
	if (at_exit(s->type[i]) && failed && s->type[i] != A_IOV_OUT &&
	    s->type[i] != A_SOCKLEN_OUT) {
		print_addr(uval(v));
		return;
	}
	switch (s->type[i]) {
	case A_INT: out_printf("%d", (int)v); break;
	case A_UINT: out_printf("%u", (unsigned int)v); break;
	case A_UID:
		print_id(id_size(s->name) == 2 ? (uint16_t)v : (uint32_t)v,
			 id_size(s->name));
		break;
	case A_GIDS_IN:
		print_ids(uval(v), (unsigned long)(uint32_t)arg_value(a, r - 1),
			  id_size(s->name));
		break;
	case A_UID_OUT: print_ids(uval(v), 1, id_size(s->name)); break;
	case A_GIDS_OUT:
		print_ids(uval(v), (unsigned long)rval, id_size(s->name));
		break;
	case A_LONG: out_printf("%ld", sval(v)); break;
	case A_ULONG: out_printf("%lu", uval(v)); break;
	case A_HEX: out_printf("%#lx", uval(v)); break;
	case A_HEXINT: out_printf("%#x", (unsigned int)v); break;
	case A_OCT: out_printf("%#o", (unsigned int)v); break;
	case A_PTR: print_addr(uval(v)); break;
	case A_OFF64: {
		*reg = r;
		out_printf("%" PRId64, arg64(a, reg));
		break;
	}
	case A_FD: print_fd((int)v); break;
	case A_DIRFD: print_dirfd(v); break;
	case A_PATH: print_path(uval(v)); break;
	case A_STR: print_str(uval(v), -1, opt.string_limit, false); break;
	case A_BUF_IN:
		print_str(uval(v), (long)uval(arg_value(a, r + 1)),
			  opt.string_limit, false);
		break;
	case A_XVAL: print_xval(x, (unsigned int)v, s->dflt[i]); break;
	case A_XVAL_LONG: print_xval(x, uval(v), s->dflt[i]); break;
	case A_FLAGS:
		if (x == statx_flags && v && !(v & AT_STATX_SYNC_TYPE)) {
			/* The sync type is a field whose 0 has a name. */
			print_const(XLAT_HEX, 0, "AT_STATX_SYNC_AS_STAT");
			out_puts("|");
		}
		print_flags(x, (unsigned int)v, s->dflt[i]);
		break;
	case A_PGOFF: out_printf("%#lx", uval(v) << 12); break;
	case A_STACK_IN: print_stack(uval(v)); break;
	case A_OFF_PTR: {
		int64_t off;

		/* A loff_t the kernel reads (and updates): its value. */
		if (uval(v) && umove(uval(v), &off, 8))
			out_printf("[%" PRId64 "]", off);
		else
			print_addr(uval(v));
		break;
	}
	case A_SOCKTYPE: {
		unsigned int ty = (unsigned int)v;

		/* Two constants, as strace shows them under -X too. */
		print_xval(socket_types, ty & 0xf, "SOCK_???");
		if (ty & ~0xfu) {
			out_puts("|");
			print_flags(socket_type_flags, ty & ~0xfu, NULL);
		}
		break;
	}
	case A_SOCKPROTO: {
		int family = (int)a[0];

		if (family == AF_INET || family == AF_INET6)
			print_xval(ipprotos, (unsigned int)v, "IPPROTO_???");
		else
			out_printf("%d", (int)v);
		break;
	}
	case A_SOCKOPT_VAL:
		if ((int)arg_value(a, r + 1) == 4)
			print_int_ptr(uval(v));
		else
			print_str(uval(v), (long)uval(arg_value(a, r + 1)),
				  opt.string_limit, false);
		break;
	case A_OPEN_FLAGS: {
		unsigned int f = (unsigned int)v;

		if (!xlat_begin(XLAT_HEX, f))
			break;
		out_puts(xlat_name(open_access, f & O_ACCMODE) ?
			 xlat_name(open_access, f & O_ACCMODE) : "O_ACCMODE");
		if (f & ~O_ACCMODE) {
			out_puts("|");
			print_flag_names(open_flags, f & ~O_ACCMODE, NULL);
		}
		xlat_end();
		break;
	}
	case A_MODE: out_printf("%#03o", (unsigned int)v); break;
	case A_ACCESS:
		if (!(v & 7))
			print_const(XLAT_HEX, 0, "F_OK");
		else
			print_flags(access_modes, (unsigned int)v, NULL);
		break;
	case A_SIGNUM: print_signame((int)v); break;
	case A_SIGSET_IN:
		/* Its size is the syscall's last argument (rt_sig*). */
		print_sigset(uval(v), uval(arg_value(a, s->nargs - 1)));
		break;
	case A_SIGACTION_IN: print_sigaction(uval(v)); break;
	case A_ARGV: print_strv(uval(v), false); break;
	case A_ENVP: print_strv(uval(v), true); break;
	case A_SOCKADDR_IN: print_sockaddr(uval(v), (int)arg_value(a, r + 1)); break;
	case A_POLLFD:
		print_pollfds(uval(v), uval(arg_value(a, r + 1)), false, 0);
		break;
	case A_TIMESPEC_IN: print_timespec(uval(v), false); break;
	case A_TIMESPEC32_IN: print_timespec(uval(v), true); break;
	case A_RLIMIT_IN: print_rlimit64(uval(v)); break;
	case A_IOV_IN:
		print_iov(uval(v), uval(arg_value(a, r + 1)), LONG_MAX);
		break;
	case A_CLONE_FLAGS:
		out_puts("flags=");
		print_clone_flags(uval(v));
		break;
	/* At the exit. */
	case A_BUF_OUT: print_str(uval(v), rval, opt.string_limit, false); break;
	case A_BUF_OUT_HEX: print_str(uval(v), rval, opt.string_limit, true); break;
	case A_STR_OUT: print_str(uval(v), -1, opt.string_limit, false); break;
	case A_PATH_OUT: print_path(uval(v)); break;
	case A_STATFS_OUT: print_statfs(uval(v), false); break;
	case A_STACK_OUT: print_stack(uval(v)); break;
	case A_STATFS64_OUT: print_statfs(uval(v), true); break;
	case A_STAT_OUT: print_stat(uval(v), STAT_NATIVE); break;
	case A_STAT64_OUT: print_stat(uval(v), STAT_64); break;
	case A_STATX_OUT: print_statx(uval(v)); break;
	case A_SIGSET_OUT:
		print_sigset(uval(v), uval(arg_value(a, s->nargs - 1)));
		break;
	case A_SIGACTION_OUT: print_sigaction(uval(v)); break;
	case A_WSTATUS_OUT:
		if (!uval(v))
			out_puts("NULL");
		else
			print_wait_status(uval(v));
		break;
	case A_SOCKADDR_OUT: {
		int len = 0;

		if (uval(v) && umove(uval(arg_value(a, r + 1)), &len, 4))
			print_sockaddr(uval(v), len);
		else
			print_addr(uval(v));
		break;
	}
	case A_SOCKLEN_OUT: {
		int len;

		if (!uval(v)) {
			out_puts("NULL");
		} else if (failed || !umove(uval(v), &len, 4)) {
			out_printf("[%ld]", t->saved_len);
		} else if (len != t->saved_len) {
			out_printf("[%ld => %d]", t->saved_len, len);
		} else {
			out_printf("[%d]", len);
		}
		break;
	}
	case A_INT_OUT: print_int_ptr(uval(v)); break;
	case A_POLLFD_OUT:
		print_pollfds(uval(v), uval(arg_value(a, r + 1)), false, 0);
		break;
	case A_TIMESPEC_OUT: print_timespec(uval(v), false); break;
	case A_RLIMIT_OUT: print_rlimit64(uval(v)); break;
	case A_RLIMIT_LONG_OUT: print_rlimit(uval(v)); break;
	case A_UNAME_OUT: print_uname(uval(v)); break;
	case A_FDPAIR_OUT: print_fd_pair(uval(v)); break;
	case A_IOV_OUT:
		if (failed)
			print_iov(uval(v), uval(arg_value(a, r + 1)), -1);
		else
			print_iov(uval(v), uval(arg_value(a, r + 1)), rval);
		break;
	case A_DIRENTS:
		out_printf("%#lx /* %ld entries */", uval(v),
			   count_dirents(uval(v), rval, s->name[8] == '6'));
		break;
	case A_NONE:
	case A_EXIT_FIRST:
		break;
	}
}

/* The pieces some syscalls print in a way of their own. */
static bool special_entry(struct tcb *t, const char *name, int *shown)
{
	const long *a = t->args;

	if (!strcmp(name, "openat") || !strcmp(name, "open")) {
		int o = name[4] == 'a';

		if (o) {
			print_dirfd(a[0]);
			out_puts(", ");
		}
		print_path(uval(a[o]));
		out_puts(", ");
		t->nr_args_shown = 0;
		print_arg(t, &(struct sysent){ .type = { A_OPEN_FLAGS } }, 0,
			  &(int){ o + 1 }, 0);
		if ((a[o + 1] & O_CREAT) || (a[o + 1] & O_TMPFILE) == O_TMPFILE)
			out_printf(", %#03o", (unsigned int)a[o + 2]);
		*shown = 6;
		return true;
	}
	if (!strcmp(name, "fcntl") || !strcmp(name, "fcntl64")) {
		int cmd = (int)a[1];

		print_fd(a[0]);
		out_puts(", ");
		print_xval(fcntl_cmds, (unsigned int)cmd, "F_???");
		switch (cmd) {
		case F_SETFD:
			out_puts(", ");
			print_flags(fd_flags, (unsigned int)a[2], NULL);
			break;
		case F_SETFL:
			out_puts(", ");
			print_arg(t, &(struct sysent){ .type = { A_OPEN_FLAGS } },
				  0, &(int){ 2 }, 0);
			break;
		case F_DUPFD:
		case F_DUPFD_CLOEXEC:
		case F_SETOWN:
		case 1031:	/* F_SETPIPE_SZ */
			out_printf(", %d", (int)a[2]);
			break;
		case F_GETFD:
		case F_GETFL:
		case F_GETOWN:
		case 1032:	/* F_GETPIPE_SZ */
			break;
		default:
			out_printf(", %#lx", uval(a[2]));
		}
		*shown = 6;
		return true;
	}
	if (!strcmp(name, "clone")) {
		unsigned long f = uval(a[0]);
		/* x86_64 and x32 swap clone's last two arguments. */
#if defined(__x86_64__)
		bool tls_last = abi != TRACY_ABI_X86;
#else
		bool tls_last = false;
#endif
		long ctid = tls_last ? a[3] : a[4], tls = tls_last ? a[4] : a[3];

		out_puts("child_stack=");
		print_addr(uval(a[1]));
		out_puts(", ");
		print_arg(t, &(struct sysent){ .type = { A_CLONE_FLAGS } }, 0,
			  &(int){ 0 }, 0);
		if (f & CLONE_PARENT_SETTID)
			out_printf(", parent_tid=%#lx", uval(a[2]));
		if (f & CLONE_SETTLS)
			out_printf(", tls=%#lx", uval(tls));
		if (f & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
			out_printf(", child_tidptr=%#lx", uval(ctid));
		*shown = 6;
		return true;
	}
#if defined(__x86_64__)
	if (!strcmp(name, "rt_sigreturn") && abi == TRACY_ABI_AMD64) {
		unsigned char mask[8];

		/*
		 * The frame's return address is popped: the stack pointer is
		 * at its struct ucontext, whose uc_sigmask follows uc_flags,
		 * uc_link, uc_stack (24 bytes) and the 256 bytes of the
		 * sigcontext.
		 */
		if (umove((unsigned long)t->sp + 8 + 8 + 24 + 256, mask, 8)) {
			out_puts("{mask=");
			print_sigset_bits(mask, 8);
			out_puts("}");
		}
		*shown = 6;
		return true;
	}
#endif
	if (!strcmp(name, "set_thread_area")) {
		uint32_t ud[4];

		/* struct user_desc: three words, then one-bit fields. */
		if (umove(uval(a[0]), ud, sizeof(ud)))
			out_printf("{entry_number=%d, base_addr=%#x, limit=%#x, "
				   "seg_32bit=%u, contents=%u, read_exec_only=%u, "
				   "limit_in_pages=%u, seg_not_present=%u, "
				   "useable=%u}", (int)ud[0], ud[1], ud[2],
				   ud[3] & 1, ud[3] >> 1 & 3, ud[3] >> 3 & 1,
				   ud[3] >> 4 & 1, ud[3] >> 5 & 1, ud[3] >> 6 & 1);
		else
			print_addr(uval(a[0]));
		*shown = 6;
		return true;
	}
	if (!strcmp(name, "clone3")) {
		uint64_t ca[8];

		if (umove(uval(a[0]), ca, sizeof(ca)))
			print_clone_args(ca);
		else
			print_addr(uval(a[0]));
		/* The size, and what the kernel wrote, come at the exit. */
		*shown = 1;
		return true;
	}
	if (!strcmp(name, "ioctl")) {
		unsigned int req = (unsigned int)a[1];

		print_fd(a[0]);
		out_puts(", ");
		print_xval(ioctl_requests, req, NULL);
		out_puts(", ");
		if (ioctl_arg_at_exit(req)) {
			*shown = 2;
			return true;
		}
		if (!print_ioctl_arg(req, uval(a[2])))
			out_printf("%#lx", uval(a[2]));
		*shown = 6;
		return true;
	}
	if (!strcmp(name, "futex")) {
		int op = (int)a[1], cmd = op & 127;

		print_addr(uval(a[0]));
		out_puts(", ");
		if (!xlat_name(futex_ops, (unsigned int)cmd)) {
			out_printf("%#x", (unsigned int)op);
		} else if (xlat_begin(XLAT_HEX, (unsigned int)op)) {
			out_puts(xlat_name(futex_ops, (unsigned int)cmd));
			if (op & 128)
				out_puts("_PRIVATE");
			if (op & 256)
				out_puts("|FUTEX_CLOCK_REALTIME");
			xlat_end();
		}
		out_printf(", %d", (int)a[2]);
		switch (cmd) {
		case FUTEX_WAIT:
			out_puts(", ");
			print_timespec(uval(a[3]), false);
			break;
		case FUTEX_WAIT_BITSET:
			out_puts(", ");
			print_timespec(uval(a[3]), false);
			out_puts(", ");
			if ((uint32_t)a[5] == 0xffffffff)
				out_puts("FUTEX_BITSET_MATCH_ANY");
			else
				out_printf("%#x", (unsigned int)a[5]);
			break;
		case FUTEX_REQUEUE:
			out_printf(", %lu, ", uval(a[3]));
			print_addr(uval(a[4]));
			break;
		case FUTEX_CMP_REQUEUE:
			out_printf(", %lu, ", uval(a[3]));
			print_addr(uval(a[4]));
			out_printf(", %d", (int)a[5]);
			break;
		}
		*shown = 6;
		return true;
	}
	return false;
}

/* The number of arguments of a syscall stracy does not decode. */
static int raw_nargs(const char *name)
{
	const struct sysent *s = name ? sysent_of(name) : NULL;

	return s ? s->nargs : 6;
}

/* ---- -P: the syscalls that touch a path ---- */

/* Whether the fd of the tracee is open on one of -P's paths. */
static bool fd_selected(int fd)
{
	char link[64], target[PATH_MAX];
	ssize_t n;

	if (fd < 0)
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", child->pid, fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = 0;
	return path_selected(target);
}

bool syscall_touches_path(struct tcb *t, struct tracy_event *e)
{
	const char *name = get_syscall_name_abi((int)e->syscall_num, (int)e->abi);
	const struct sysent *s = name ? sysent_find(name) : NULL;
	unsigned char path[PATH_MAX];
	int i, reg = 0;
	ssize_t n;
	long v;

	if (!s || !s->decoded)
		return false;
	child = e->child;
	abi = (int)e->abi;
	for (i = 0; i < s->nargs; i++) {
		if (s->type[i] == A_OFF64) {
			arg64(t->args, &reg);
			continue;
		}
		v = arg_value(t->args, reg++);
		switch (s->type[i]) {
		case A_PATH:
			n = read_cstr(uval(v), path, sizeof(path) - 1);
			if (n < 0 || (size_t)n == sizeof(path) - 1)
				break;
			path[n] = 0;
			if (path_selected((char *)path))
				return true;
			break;
		case A_FD:
		case A_DIRFD:
			if (fd_selected((int)v))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

void decode_entry(struct tcb *t, struct tracy_event *e)
{
	const char *name = get_syscall_name_abi((int)e->syscall_num, (int)e->abi);
	const struct sysent *s = name ? sysent_of(name) : NULL;
	int i, reg = 0, shown = 0;

	child = e->child;
	abi = (int)e->abi;
	if (name)
		out_printf("%s(", name);
	else
		out_printf("syscall_%#lx(", (unsigned long)e->syscall_num);
	t->nr_args_shown = 0;
	t->reg = 0;
	t->entry_complete = true;
	if (name && special_entry(t, name, &shown)) {
		t->nr_args_shown = s && shown >= s->nargs ? s->nargs : shown;
		t->entry_complete = !s || shown >= s->nargs;
		return;
	}
	if (!s || !s->decoded) {
		int n = raw_nargs(name);

		for (i = 0; i < n; i++)
			out_printf("%s%#lx", i ? ", " : "", uval(t->args[i]));
		t->nr_args_shown = n;
		return;
	}
	for (i = 0; i < s->nargs; i++) {
		int len;

		if (s->type[i] == A_SOCKLEN_OUT && umove(uval(t->args[i]), &len, 4))
			t->saved_len = len;
	}
	for (i = 0; i < s->nargs; i++) {
		if (at_exit(s->type[i]))
			break;
		if (i)
			out_puts(", ");
		print_arg(t, s, i, &reg, 0);
	}
	if (i > 0 && i < s->nargs)
		out_puts(", ");
	t->nr_args_shown = i;
	t->entry_complete = i == s->nargs;
	t->reg = reg;
}

static void print_result(struct tcb *t, const struct sysent *s, long rval)
{
	if (rval < 0 && rval >= -MAX_ERRNO) {
		int err = (int)-rval;
		const char *n = errno_name(err);

		if (n)
			out_printf("-1 %s (%s)", n, errno_text(err));
		else
			out_printf("-1 (errno %d)", err);
		return;
	}
	switch (s ? s->rtype : R_DEC) {
	case R_HEX: out_printf("%#lx", rval); break;
	case R_FD: print_fd(rval); break;
	case R_OCT: out_printf("%#03lo", rval); break;
	case R_FCNTL: {
		int cmd = (int)t->args[1];

		if (cmd == F_GETFD && rval) {
			out_printf("%#lx (flags ", rval);
			print_flags(fd_flags, (unsigned long)rval, NULL);
			out_puts(")");
		} else if (cmd == F_GETFL) {
			out_printf("%#lx (flags ", rval);
			print_arg(t, &(struct sysent){ .type = { A_OPEN_FLAGS } },
				  0, &(int){ 0 }, 0);
			out_puts(")");
		} else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
			print_fd(rval);
		} else {
			out_printf("%ld", rval);
		}
		break;
	}
	default: out_printf("%ld", rval);
	}
}

void decode_exit(struct tcb *t, struct tracy_event *e, long rval)
{
	const char *name = get_syscall_name_abi((int)e->syscall_num, (int)e->abi);
	const struct sysent *s = name ? sysent_of(name) : NULL;
	int i, reg = t->reg;

	child = e->child;
	abi = (int)e->abi;
	if (long_is_32bit(abi))
		rval = (long)(int32_t)rval;
	if (name && !strcmp(name, "ioctl") && t->nr_args_shown == 2) {
		if (rval < 0 && rval >= -MAX_ERRNO)
			print_addr(uval(t->args[2]));
		else
			print_ioctl_arg((unsigned int)t->args[1], uval(t->args[2]));
	} else if (name && !strcmp(name, "clone3")) {
		uint64_t ca[8];
		int ptid;

		if (!(rval < 0 && rval >= -MAX_ERRNO) &&
		    umove(uval(t->args[0]), ca, sizeof(ca)) &&
		    (ca[0] & CLONE_PARENT_SETTID) &&
		    umove((unsigned long)ca[3], &ptid, 4))
			out_printf(" => {parent_tid=[%d]}", ptid);
		out_printf(", %lu", uval(t->args[1]));
	} else if (s && s->decoded) {
		for (i = t->nr_args_shown; i < s->nargs; i++) {
			if (i > t->nr_args_shown)
				out_puts(", ");
			print_arg(t, s, i, &reg, rval);
		}
	}
	out_puts(")");
	out_tab();
	out_puts(" = ");
	if (s && s->rtype == R_FCNTL) {
		long saved = t->args[0];

		/* F_GETFL's flags are printed as open flags of the result. */
		if ((int)t->args[1] == F_GETFL && !(rval < 0 && rval >= -MAX_ERRNO))
			t->args[0] = rval;
		print_result(t, s, rval);
		t->args[0] = saved;
	} else {
		print_result(t, s, rval);
	}
	if (s && s->rtype == R_HEX)
		(void)0;
	if (name && !strcmp(name, "set_thread_area") &&
	    !(rval < 0 && rval >= -MAX_ERRNO)) {
		uint32_t entry;

		/* The kernel chose the entry: strace shows which. */
		if (umove(uval(t->args[0]), &entry, 4))
			out_printf(" (entry_number=%d)", (int)entry);
	}
	if (t->injected)
		out_puts(" (INJECTED)");
}
