// SPDX-License-Identifier: GPL-2.0
/*
 * The tracer's side: the four requests, snapshots of a tracee's mask, and
 * a loop that runs tracees to their end and records every stop with what
 * PTRACE_GET_SYSCALL_INFO says about it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall_mask.h"

#define MAX_TRACEES	16

long sys_ptrace(long request, pid_t pid, unsigned long addr,
		unsigned long data)
{
	return syscall(__NR_ptrace, request, pid, addr, data);
}

static int result(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

int mask_set(pid_t pid, __u32 arch, __u32 flags, const struct list *l,
	     __u32 nr_bits)
{
	struct ptrace_syscall_mask m = {
		.arch = arch,
		.flags = flags,
		.nr_bits = nr_bits,
		.bitmap = (unsigned long)l->w,
	};

	return result(sys_ptrace(PTRACE_SETSYSCALLMASK, pid, sizeof(m),
				 (unsigned long)&m));
}

/* @nr_bits: in, the bits to read; out, the kernel's table size. */
int mask_get(pid_t pid, __u32 arch, __u32 flags, struct list *l,
	     __u32 *nr_bits)
{
	struct ptrace_syscall_mask m = {
		.arch = arch,
		.flags = flags,
		.nr_bits = *nr_bits,
		.bitmap = (unsigned long)l->w,
	};
	int ret = result(sys_ptrace(PTRACE_GETSYSCALLMASK, pid, sizeof(m),
				    (unsigned long)&m));

	if (ret >= 0)
		*nr_bits = m.nr_bits;
	return ret;
}

int mask_mode(pid_t pid, int mode)
{
	return result(sys_ptrace(mode == MODE_WHITELIST ?
				 PTRACE_SYSCALLWHITELIST :
				 PTRACE_SYSCALLBLACKLIST, pid, 0, 0));
}

int mask_seed(pid_t pid, bool add, unsigned long nr)
{
	return result(sys_ptrace(PTRACE_SETSYSCALLMASK, pid, add, nr));
}

/* Both lists of every ABI the kernel runs, and the mode. */
int mask_snapshot(pid_t pid, struct mask_state *s)
{
	const struct abi *abis[2] = { kabi.native, kabi.compat };
	int ret = 0;

	memset(s, 0, sizeof(*s));
	s->mode = -1;
	for (int i = 0; i < 2 && abis[i]; i++, s->nabi++) {
		s->abi[i].arch = abis[i]->audit_arch;
		for (int flags = 0; flags < 2; flags++) {
			s->abi[i].nr_bits = LIST_BITS;
			ret = mask_get(pid, abis[i]->audit_arch, flags,
				       &s->abi[i].lists[flags],
				       &s->abi[i].nr_bits);
			if (ret < 0)
				return ret;
			s->mode = ret;
		}
	}
	return 0;
}

bool mask_state_equal(const struct mask_state *a, const struct mask_state *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static size_t describe_list(const struct list *l, char *buf, size_t size)
{
	size_t len = 0;

	for (unsigned int bit = 0; bit < LIST_BITS && len < size; bit++)
		if (list_has(l, bit))
			len += snprintf(buf + len, size - len, "%s%u",
					len ? "," : "", bit);
	return len < size ? len : size;
}

void mask_state_describe(const struct mask_state *s, char *buf, size_t size)
{
	size_t len = snprintf(buf, size, "mode %d", s->mode);

	for (int i = 0; i < s->nabi && len < size; i++) {
		for (int flags = 0; flags < 2 && len < size; flags++) {
			len += snprintf(buf + len, size - len, "; %#x %s [",
					s->abi[i].arch,
					flags ? "no-exit" : "stop");
			if (len >= size)
				break;
			len += describe_list(&s->abi[i].lists[flags],
					     buf + len, size - len);
			if (len < size)
				len += snprintf(buf + len, size - len,
						"] of %u", s->abi[i].nr_bits);
		}
	}
}

/* ---- the tracing loop ---- */

struct tracee {
	pid_t pid;
	bool in_syscall;	/* the last syscall stop was an entry */
	int nr;			/* of that entry */
};

static int fail(struct trace *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->error, sizeof(out->error), fmt, ap);
	va_end(ap);
	return -1;
}

static struct stop *record(struct trace *out, pid_t pid, int kind, int nr,
			   __u32 arch, long long rval)
{
	struct stop *s;

	if (out->nstops >= MAX_STOPS)
		return NULL;
	s = &out->stops[out->nstops++];
	*s = (struct stop){ pid, kind, nr, arch, rval };
	return s;
}

static struct tracee *find_tracee(struct tracee *ts, int *n, pid_t pid,
				  bool *is_new)
{
	*is_new = false;
	for (int i = 0; i < *n; i++)
		if (ts[i].pid == pid)
			return &ts[i];
	if (*n == MAX_TRACEES)
		return NULL;
	*is_new = true;
	ts[*n] = (struct tracee){ .pid = pid };
	return &ts[(*n)++];
}

static struct stop *record_syscall_stop(struct trace *out, struct tracee *tr)
{
	struct ptrace_syscall_info info;
	int nr;

	memset(&info, 0, sizeof(info));
	if (sys_ptrace(PTRACE_GET_SYSCALL_INFO, tr->pid, sizeof(info),
		       (unsigned long)&info) <= 0)
		return NULL;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		tr->in_syscall = true;
		tr->nr = (int)info.entry.nr;
		return record(out, tr->pid, STOP_ENTRY, tr->nr, info.arch, 0);
	case PTRACE_SYSCALL_INFO_EXIT:
		nr = tr->in_syscall ? tr->nr : NR_UNPAIRED;
		tr->in_syscall = false;
		return record(out, tr->pid, STOP_EXIT, nr, info.arch,
			      info.exit.rval);
	case PTRACE_SYSCALL_INFO_SECCOMP:
		return record(out, tr->pid, STOP_SECCOMP, (int)info.seccomp.nr,
			      info.arch, 0);
	}
	return NULL;
}

/*
 * Resumes @first and runs it, and every tracee that appears, to the end
 * (or to t->max_stops syscall stops). The first stop of a new tracee is
 * its initial SIGSTOP or PTRACE_EVENT_STOP, which is not delivered.
 */
int trace_run(struct tracer *t, pid_t first)
{
	struct tracee ts[MAX_TRACEES] = { { .pid = first } };
	struct trace *out = t->out;
	int ntracees = 1, live = 1;

	out->nstops = 0;
	out->nsyscall_stops = 0;
	out->exit_status = -1;
	out->error[0] = '\0';
	if (sys_ptrace(t->resume, first, 0, 0))
		return fail(out, "resuming %d: %s", first, strerror(errno));
	while (live > 0) {
		struct tracee *tr;
		struct stop *s = NULL;
		int status, sig, event, inject = 0;
		bool is_new;
		pid_t pid = waitpid(-1, &status, __WALL);

		if (pid < 0)
			return fail(out, "waitpid: %s", strerror(errno));
		tr = find_tracee(ts, &ntracees, pid, &is_new);
		if (!tr)
			return fail(out, "more than %d tracees", MAX_TRACEES);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			record(out, pid, STOP_GONE, 0, 0, status);
			live -= !is_new;
			if (pid == first)
				out->exit_status = status;
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		event = status >> 16;
		if (is_new) {
			live++;
			s = record(out, pid, STOP_NEW, 0, 0, 0);
		} else if (sig == (SIGTRAP | 0x80)) {
			s = record_syscall_stop(out, tr);
			if (!s)
				return fail(out, "stop %d of %d: no syscall info",
					    out->nstops, pid);
			out->nsyscall_stops++;
		} else if (sig == SIGTRAP && event == PTRACE_EVENT_SECCOMP) {
			s = record_syscall_stop(out, tr);
			if (!s)
				return fail(out, "seccomp stop of %d: no info", pid);
		} else if (sig == SIGTRAP && event) {
			s = record(out, pid, STOP_EVENT, event, 0, 0);
		} else if (!(event == PTRACE_EVENT_STOP)) {
			inject = sig;
		}
		if (out->nstops >= MAX_STOPS)
			return fail(out, "more than %d stops", MAX_STOPS);
		if (s && t->hook)
			t->hook(t, s);
		if (t->max_stops && out->nsyscall_stops >= t->max_stops)
			return 0;
		if (sys_ptrace(t->resume, pid, 0, inject) && errno != ESRCH)
			return fail(out, "resuming %d: %s", pid, strerror(errno));
	}
	return 0;
}

int trace_select(const struct trace *t, pid_t pid, const int *nrs, int n,
		 struct stop *out, int max)
{
	int count = 0;

	for (int i = 0; i < t->nstops && count < max; i++) {
		const struct stop *s = &t->stops[i];
		bool wanted = n == 0;

		if (s->pid != pid || s->kind < STOP_ENTRY ||
		    s->kind > STOP_SECCOMP)
			continue;
		for (int k = 0; k < n; k++)
			wanted |= s->nr == nrs[k];
		if (wanted)
			out[count++] = *s;
	}
	return count;
}

bool stops_equal(const struct stop *seen, int nseen,
		 const struct stop *want, int nwant)
{
	if (nseen != nwant)
		return false;
	for (int i = 0; i < nseen; i++)
		if (seen[i].kind != want[i].kind || seen[i].nr != want[i].nr ||
		    (want[i].arch && seen[i].arch != want[i].arch))
			return false;
	return true;
}

static const char *arch_name(__u32 arch)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64: return "x86_64";
	case AUDIT_ARCH_I386: return "i386";
	case AUDIT_ARCH_AARCH64: return "arm64";
	case AUDIT_ARCH_ARM: return "arm";
	case AUDIT_ARCH_RISCV64: return "riscv64";
	case 0: return "any";
	}
	return "?";
}

void stops_describe(const struct stop *s, int n, char *buf, size_t size)
{
	static const char kinds[] = "?EXS";
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		if (s[i].nr == NR_UNPAIRED)
			len += snprintf(buf + len, size - len, " X(unpaired)");
		else
			len += snprintf(buf + len, size - len, " %c%d/%s",
					kinds[s[i].kind <= 3 ? s[i].kind : 0],
					s[i].nr, arch_name(s[i].arch));
	}
	if (!n)
		snprintf(buf, size, " (none)");
}

/* ---- arena ---- */

/* [rw rw rw][hole][ro][hole] */
int arena_init(struct arena *a)
{
	size_t page = sysconf(_SC_PAGESIZE);
	char *base = mmap(NULL, 6 * page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		return -errno;
	a->page = page;
	a->rw = base;
	a->rw_end = base + 3 * page;
	a->ro = base + 4 * page;
	a->ro_end = base + 5 * page;
	memset(a->ro, 0xff, page);
	if (mprotect(a->rw_end, page, PROT_NONE) ||
	    mprotect(a->ro, page, PROT_READ) ||
	    mprotect(a->ro_end, page, PROT_NONE))
		return -errno;
	return 0;
}

static size_t bytes_before(__u64 ptr, const char *start, const char *end)
{
	if (ptr >= (unsigned long)start && ptr < (unsigned long)end)
		return (unsigned long)end - ptr;
	return 0;
}

size_t arena_readable(const struct arena *a, __u64 ptr)
{
	return bytes_before(ptr, a->rw, a->rw_end) +
	       bytes_before(ptr, a->ro, a->ro_end);
}

size_t arena_writable(const struct arena *a, __u64 ptr)
{
	return bytes_before(ptr, a->rw, a->rw_end);
}
