// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of libtracy-fast, once per backend (FIXTURE_VARIANT): a tracee
 * (this program, run with TRACEE_ARG and a script of tracee.c) makes known
 * syscalls, and the hooks must see them with the right numbers, arguments,
 * results and ABI, change them when told, and read and write its memory.
 *
 * Backends that are not implemented yet SKIP, and so does kmask on a
 * kernel without syscall stop masks (the test probes that itself, not
 * through the library). tracy_deny_syscall() makes
 * the syscall fail with EPERM; the "deny" script checks exactly that.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <elf.h>
#include <unistd.h>

/*
 * The harness does not build with -Wextra: an unused parameter in
 * __timeout_handler(), and the setjmp() of every TEST_F() wrapper.
 */
#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#include "tracy.h"
#include "libtracy.h"

#define MAX_RECORDS	4096

/* One hook call, as the hooks below record it. */
struct record {
	pid_t pid;
	int entry;
	long nr, abi;
	long args[3];
	long ret;
	char path[32];		/* openat entries: the path argument */
	int mem_checked;	/* write entries of "memory": 1 if right */
};

/* Hooks get no argument of ours: a test runs in a process of its own. */
static struct {
	int n;
	struct record r[MAX_RECORDS];
	int hook_result;	/* what hooks return */
	int signals;		/* signal hook calls */
} rec;

static int record_hook(struct tracy_event *e)
{
	struct record *r;
	char *path;

	if (rec.n >= MAX_RECORDS)
		return rec.hook_result;
	r = &rec.r[rec.n++];
	r->pid = e->child->pid;
	r->entry = e->child->pre_syscall;
	r->nr = e->syscall_num;
	r->abi = e->abi;
	r->args[0] = e->args.a0;
	r->args[1] = e->args.a1;
	r->args[2] = e->args.a2;
	r->ret = e->args.return_code;
	if (r->entry && e->syscall_num ==
	    get_syscall_number_abi("openat", (int)e->abi)) {
		path = tracy_read_string(e->child, (void *)e->args.a1);
		if (path)
			strncpy(r->path, path, sizeof(r->path) - 1);
		free(path);
	}
	return rec.hook_result;
}

/* At the entry of getpid only. */
static int deny_getpid_hook(struct tracy_event *e)
{
	record_hook(e);
	return e->child->pre_syscall ? rec.hook_result : TRACY_HOOK_CONTINUE;
}

/* Checks the buffer of the "memory" script, then fills it anew. */
static int memory_hook(struct tracy_event *e)
{
	static unsigned char buf[MEM_LEN];
	struct record *r;
	char byte;
	long i;
	int ok;

	record_hook(e);
	if (!e->child->pre_syscall || e->args.a2 != MEM_LEN)
		return TRACY_HOOK_CONTINUE;
	r = &rec.r[rec.n - 1];
	ok = tracy_read_mem(e->child, buf, (void *)e->args.a1, MEM_LEN) ==
	     MEM_LEN;
	for (i = 0; ok && i < MEM_LEN; i++)
		ok = buf[i] == mem_pattern(0, i);
	for (i = 0; i < MEM_LEN; i++)
		buf[i] = mem_pattern(1, i);
	ok = ok && tracy_write_mem(e->child, (void *)e->args.a1, buf,
				   MEM_LEN) == MEM_LEN;
	/* Page 0 is never mapped: EIO, as Tracy says it, and nothing else. */
	ok = ok && tracy_read_mem(e->child, &byte, (void *)8, 1) == -1 &&
	     errno == EIO;
	r->mem_checked = ok;
	return TRACY_HOOK_CONTINUE;
}

static int suppress_signal_hook(struct tracy_event *e)
{
	rec.signals++;
	return e->signal_num == SIGUSR1 ? TRACY_HOOK_SUPPRESS :
					  TRACY_HOOK_CONTINUE;
}

FIXTURE(lib) {
	struct tracy *t;
	char self[PATH_MAX];
	enum tracy_backend backend;
};

FIXTURE_VARIANT(lib) {
	enum tracy_backend backend;
};

FIXTURE_VARIANT_ADD(lib, classic) {
	.backend = TRACY_BACKEND_CLASSIC,
};

FIXTURE_VARIANT_ADD(lib, seccomp) {
	.backend = TRACY_BACKEND_SECCOMP,
};

FIXTURE_VARIANT_ADD(lib, kmask) {
	.backend = TRACY_BACKEND_KMASK,
};

FIXTURE_SETUP(lib)
{
	ASSERT_TRUE(self_path(self->self, sizeof(self->self)));
	memset(&rec, 0, sizeof(rec));
	self->t = NULL;
}

FIXTURE_TEARDOWN(lib)
{
	tracy_free(self->t);
	check_leaks();
}

/*
 * A session on the variant's backend; false: SKIP, the backend is missing.
 * The seccomp backend needs TRACY_TRACE_CHILDREN (tested apart, in
 * seccomp_needs_trace_children): its sessions get it.
 */
static bool start(struct __test_metadata *_metadata,
		  FIXTURE_DATA(lib) *self, const FIXTURE_VARIANT(lib) *variant,
		  long opt)
{
	int usable;

	self->backend = variant->backend;
	self->t = tracy_init(opt | backend_opt(variant->backend));
	ASSERT_TRUE(self->t != NULL);
	usable = use_backend(self->t, variant->backend);
	ASSERT_LE(0, usable);
	return usable;
}

/*
 * Starts the script; NULL if it cannot, or if the tracee does not run on
 * the variant's backend (a fallback must not pass for the backend).
 */
static struct tracy_child *exec_script(FIXTURE_DATA(lib) *self,
				       const char *program, const char *script)
{
	char *argv[] = { (char *)program, TRACEE_ARG, (char *)script, NULL };
	struct tracy_child *c = tracy_exec(self->t, argv);

	if (c && c->backend != self->backend) {
		fprintf(stderr, "# tracee %d runs on %s, not %s\n", c->pid,
			tracy_backend_name(c->backend),
			tracy_backend_name(self->backend));
		return NULL;
	}
	return c;
}

/* Runs the tracees to their end; the wait status of 'first', or -1. */
static int run(struct tracy *t, pid_t first)
{
	struct tracy_event *e;
	int status = -1;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e)
			return -1;
		if (e->type == TRACY_EVENT_NONE)
			return status;
		if (e->type == TRACY_EVENT_QUIT) {
			if (e->child->pid == first)
				status = (int)e->args.return_code;
			continue;
		}
		if (tracy_continue(e, 0))
			return -1;
	}
}

static const struct record *find(long abi, const char *name, int entry,
				 int skip)
{
	long nr = get_syscall_number_abi(name, (int)abi);
	int i;

	for (i = 0; i < rec.n; i++)
		if (rec.r[i].nr == nr && rec.r[i].abi == abi &&
		    rec.r[i].entry == entry && skip-- == 0)
			return &rec.r[i];
	return NULL;
}

/* The first entry (or exit) of syscall 'name' recorded after 'after'. */
static const struct record *find_after(const struct record *after, long abi,
				       const char *name, int entry)
{
	long nr = get_syscall_number_abi(name, (int)abi);
	int i;

	for (i = after ? after - rec.r + 1 : 0; i < rec.n; i++)
		if (rec.r[i].nr == nr && rec.r[i].abi == abi &&
		    rec.r[i].entry == entry)
			return &rec.r[i];
	return NULL;
}

/* The hook calls, entries and exits, for syscall 'name'. */
static int count(long abi, const char *name)
{
	long nr = get_syscall_number_abi(name, (int)abi);
	int i, n = 0;

	for (i = 0; i < rec.n; i++)
		n += rec.r[i].nr == nr && rec.r[i].abi == abi;
	return n;
}

/* The openat entry of 'path': a dynamic tracee opens its libraries first. */
static const struct record *find_open(long abi, const char *path)
{
	const struct record *r;
	int i;

	for (i = 0; (r = find(abi, "openat", 1, i)); i++)
		if (!strcmp(r->path, path))
			return r;
	return NULL;
}

static void hook_basic(struct __test_metadata *_metadata, struct tracy *t,
		       long abi)
{
	ASSERT_EQ(0, tracy_set_hook(t, "openat", abi, record_hook));
	ASSERT_EQ(0, tracy_set_hook(t, "write", abi, record_hook));
	ASSERT_EQ(0, tracy_set_hook(t, "getpid", abi, record_hook));
}

/* What the "basic" script did, as the hooks of hook_basic() saw it. */
static void check_basic(struct __test_metadata *_metadata, pid_t pid,
			long abi)
{
	const struct record *open_in = find_open(abi, "/dev/null");
	const struct record *open_out = open_in && open_in < &rec.r[rec.n - 1] ?
					open_in + 1 : NULL;
	const struct record *write_in = find(abi, "write", 1, 0);
	const struct record *write_out = find(abi, "write", 0, 0);
	const struct record *getpid_out = find(abi, "getpid", 0, 0);

	ASSERT_TRUE(open_in != NULL) TH_LOG("no openat entry of ABI %ld", abi);
	ASSERT_TRUE(open_out != NULL);
	ASSERT_EQ(0, open_out->entry);
	ASSERT_TRUE(write_in != NULL);
	ASSERT_TRUE(write_out != NULL);
	ASSERT_TRUE(getpid_out != NULL);
	EXPECT_EQ(pid, open_in->pid);
	EXPECT_EQ(AT_FDCWD, (int)open_in->args[0]);
	EXPECT_STREQ("/dev/null", open_in->path);
	EXPECT_EQ(O_WRONLY, (int)open_in->args[2]);
	ASSERT_LE(0, open_out->ret);
	EXPECT_EQ(open_out->ret, write_in->args[0]);
	EXPECT_EQ(MARK_LEN, write_in->args[2]);
	EXPECT_EQ(MARK_LEN, write_out->ret);
	EXPECT_EQ(pid, getpid_out->ret);
}

TEST_F(lib, hooks_see_syscalls)
{
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	hook_basic(_metadata, self->t, TRACY_ABI_NATIVE);
	c = exec_script(self, self->self, "basic");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(variant->backend, c->backend);
	ASSERT_EQ(0, tracy_main(self->t));
	check_basic(_metadata, pid, TRACY_ABI_NATIVE);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

/* The ABI and the entry/exit from the registers, as on kernels < 5.3. */
TEST_F(lib, hooks_see_syscalls_without_syscall_info)
{
	struct tracy_child *c;
	pid_t pid;

	setenv("TRACY_SYSCALL_INFO", "0", 1);
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	hook_basic(_metadata, self->t, TRACY_ABI_NATIVE);
	c = exec_script(self, self->self, "basic");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	check_basic(_metadata, pid, TRACY_ABI_NATIVE);
}

TEST_F(lib, entry_only_hook)
{
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook_flags(self->t, "getpid", TRACY_ABI_NATIVE,
					  record_hook, TRACY_HOOK_ENTRY_ONLY));
	ASSERT_EQ(0, tracy_set_hook(self->t, "write", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "basic");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getpid", 1, 0) != NULL);
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getpid", 0, 0) == NULL);
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "write", 0, 0) != NULL);
}

/* The entry of the script's read, each time: the first time, SIGUSR1. */
static int interrupt_read_hook(struct tracy_event *e)
{
	if (e->args.a2 != INTERRUPTED_LEN)
		return TRACY_HOOK_CONTINUE;
	record_hook(e);
	if (!rec.signals++)
		kill(e->child->pid, SIGUSR1);
	return TRACY_HOOK_CONTINUE;
}

/*
 * Entries and exits stay apart where the library does not read an exit
 * stop nobody wants (event.c, exit_unwanted()): a read hooked at its
 * entry only is interrupted by a signal, whose handler makes a write,
 * and restarted. Every hooked stop is seen, in order, as what it is.
 */
TEST_F(lib, interrupted_syscall_restarts)
{
	const struct record *read1, *read2, *write_in, *write_out, *getpid_out;
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook_flags(self->t, "read", TRACY_ABI_NATIVE,
					  interrupt_read_hook,
					  TRACY_HOOK_ENTRY_ONLY));
	ASSERT_EQ(0, tracy_set_hook(self->t, "write", TRACY_ABI_NATIVE,
				    record_hook));
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "read_interrupted");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	/*
	 * The script's syscalls, each found after the one before it: a
	 * runtime such as ASan's makes writes and getpids of its own before
	 * the script starts.
	 */
	read1 = find(TRACY_ABI_NATIVE, "read", 1, 0);
	read2 = find(TRACY_ABI_NATIVE, "read", 1, 1);
	write_in = find_after(read1, TRACY_ABI_NATIVE, "write", 1);
	write_out = find_after(write_in, TRACY_ABI_NATIVE, "write", 0);
	getpid_out = find_after(read2, TRACY_ABI_NATIVE, "getpid", 0);
	ASSERT_TRUE(read1 && read2 && write_in && write_out && getpid_out);
	EXPECT_EQ(2, rec.signals) TH_LOG("the read was not restarted once");
	EXPECT_EQ(2, count(TRACY_ABI_NATIVE, "read"));
	EXPECT_TRUE(write_out < read2)
		TH_LOG("the handler's write is not between the two reads");
	EXPECT_EQ(1, write_out->ret);
	EXPECT_EQ(pid, getpid_out->ret);
}

TEST_F(lib, default_hook)
{
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_default_hook(self->t, record_hook));
	c = exec_script(self, self->self, "basic");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	check_basic(_metadata, pid, TRACY_ABI_NATIVE);
}

TEST_F(lib, deny_with_eperm)
{
	const struct record *out;
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	rec.hook_result = TRACY_HOOK_DENY;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    deny_getpid_hook));
	c = exec_script(self, self->self, "deny");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid)) TH_LOG("the tracee did not get EPERM");
	out = find(TRACY_ABI_NATIVE, "getpid", 0, 0);
	ASSERT_TRUE(out != NULL) TH_LOG("no exit event of the denied getpid");
	EXPECT_EQ(-EPERM, out->ret);
}

/*
 * Denied at an entry-only hook: on kmask the syscall is in the no-exit
 * list, so the result set at the entry must be what the tracee gets.
 */
TEST_F(lib, deny_entry_only_with_eperm)
{
	struct tracy_child *c;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	rec.hook_result = TRACY_HOOK_DENY;
	ASSERT_EQ(0, tracy_set_hook_flags(self->t, "getpid", TRACY_ABI_NATIVE,
					  deny_getpid_hook,
					  TRACY_HOOK_ENTRY_ONLY));
	c = exec_script(self, self->self, "deny");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid)) TH_LOG("the tracee did not get EPERM");
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getpid", 1, 0) != NULL);
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getpid", 0, 0) == NULL);
}

TEST_F(lib, kill_child_from_hook)
{
	struct tracy_child *c;
	pid_t pid;
	int status;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	rec.hook_result = TRACY_HOOK_KILL_CHILD;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "loop");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	status = run(self->t, pid);
	/* The hook's QUIT event carries no wait status; the kill did happen. */
	EXPECT_EQ(-1, status);
	EXPECT_EQ(1, rec.n);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

TEST_F(lib, unknown_hook_name)
{
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	errno = 0;
	EXPECT_EQ(-1, tracy_set_hook(self->t, "no_such_syscall",
				     TRACY_ABI_NATIVE, record_hook));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tracy_set_hook(self->t, "getpid", TRACY_ABI_COUNT,
				     record_hook));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tracy_unset_hook(self->t, "no_such_syscall",
				       TRACY_ABI_NATIVE));
	EXPECT_EQ(EINVAL, errno);
	/* Nothing changed: the getpid hook is still there, and only it. */
	EXPECT_EQ(0, tracy_unset_hook(self->t, "getpid", TRACY_ABI_NATIVE));
	errno = 0;
	EXPECT_EQ(-1, tracy_unset_hook(self->t, "getpid", TRACY_ABI_NATIVE));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, get_syscall_number_abi("no_such_syscall",
					     TRACY_ABI_NATIVE));
	EXPECT_STREQ("getpid", get_syscall_name_abi(get_syscall_number_abi(
			"getpid", TRACY_ABI_NATIVE), TRACY_ABI_NATIVE));
	EXPECT_STREQ("SIGUSR1", get_signal_name(SIGUSR1));
}

TEST_F(lib, missing_program)
{
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	errno = 0;
	EXPECT_TRUE(exec_script(self, "/nonexistent/tracy-fast", "basic") == NULL);
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_TRUE(exec_script(self, "/dev/null", "basic") == NULL);
	EXPECT_EQ(EACCES, errno);
	errno = 0;
	EXPECT_TRUE(exec_script(self, "no-such-program-in-path", "basic") ==
		    NULL);
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

/* execvp() would run it with /bin/sh; tracy_exec() must not. */
TEST_F(lib, unexecutable_program)
{
	char path[] = "/tmp/libtracy-XXXXXX", script[64], created[64];
	int fd, len;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	snprintf(created, sizeof(created), "%s.sh-ran", path);
	len = snprintf(script, sizeof(script), "> %s\n", created);
	ASSERT_EQ(len, write(fd, script, len));
	ASSERT_EQ(0, fchmod(fd, 0755));
	close(fd);
	errno = 0;
	EXPECT_TRUE(exec_script(self, path, "basic") == NULL);
	EXPECT_EQ(ENOEXEC, errno);
	unlink(path);
	EXPECT_NE(0, access(created, F_OK)) {
		unlink(created);
		TH_LOG("/bin/sh ran the file");
	}
	EXPECT_EQ(TRACY_EVENT_NONE, tracy_wait_event(self->t, -1)->type);
}

static void memory_through(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lib) *self,
			   const FIXTURE_VARIANT(lib) *variant,
			   const char *path)
{
	const struct record *in;
	struct tracy_child *c;
	pid_t pid;

	setenv("TRACY_MEMORY", path, 1);
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "write", TRACY_ABI_NATIVE,
				    memory_hook));
	c = exec_script(self, self->self, "memory");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid))
		TH_LOG("the tracee did not see what %s wrote", path);
	in = find(TRACY_ABI_NATIVE, "write", 1, 0);
	ASSERT_TRUE(in != NULL);
	EXPECT_EQ(1, in->mem_checked) TH_LOG("%s read or wrote wrong", path);
}

TEST_F(lib, memory_process_vm)
{
	memory_through(_metadata, self, variant, "process_vm");
}

TEST_F(lib, memory_proc_mem)
{
	memory_through(_metadata, self, variant, "proc_mem");
}

TEST_F(lib, memory_peekpoke)
{
	memory_through(_metadata, self, variant, "peekpoke");
}

/*
 * getpid in two processes or threads: both seen, each with its own id,
 * in a session with option opt (TRACY_TRACE_CHILDREN or what implies it).
 */
static void children_traced(struct __test_metadata *_metadata,
			    FIXTURE_DATA(lib) *self,
			    const FIXTURE_VARIANT(lib) *variant,
			    const char *script, long opt)
{
	const struct record *first, *second;
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, opt))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, script);
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	first = find(TRACY_ABI_NATIVE, "getpid", 0, 0);
	second = find(TRACY_ABI_NATIVE, "getpid", 0, 1);
	ASSERT_TRUE(first != NULL);
	ASSERT_TRUE(second != NULL) TH_LOG("the %s child was not traced", script);
	EXPECT_NE(first->pid, second->pid);
	/* Entry and exit in each (a sanitizer's runtime may add its own). */
	EXPECT_LE(4, count(TRACY_ABI_NATIVE, "getpid"));
}

TEST_F(lib, fork_children)
{
	children_traced(_metadata, self, variant, "fork", TRACY_TRACE_CHILDREN);
}

TEST_F(lib, vfork_children)
{
	children_traced(_metadata, self, variant, "vfork", TRACY_TRACE_CHILDREN);
}

TEST_F(lib, clone_threads)
{
	children_traced(_metadata, self, variant, "thread", TRACY_TRACE_CHILDREN);
}

/*
 * A getpid the hook sees, then a fork it does not ask for: under kmask
 * the fork's exit still stops (after the fork event, resumed for syscall
 * stops), and must not pass for the exit of the getpid entered last.
 * Every getpid exit the hook sees returns the pid of its own process.
 */
TEST_F(lib, unhooked_exit_after_event)
{
	struct tracy_child *c;
	int i, exits = 0;

	if (!start(_metadata, self, variant, TRACY_TRACE_CHILDREN))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "getpid_fork");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	for (i = 0; i < rec.n; i++) {
		if (rec.r[i].entry)
			continue;
		exits++;
		EXPECT_EQ(rec.r[i].pid, rec.r[i].ret)
			TH_LOG("a getpid exit of %d returned %ld", rec.r[i].pid,
			       rec.r[i].ret);
	}
	/* The parent's two, the child's one. */
	EXPECT_LE(3, exits);
}

/* Tracy's safe tracing of children: the kernel's auto-attach does it. */
TEST_F(lib, safe_trace_traces_children)
{
	children_traced(_metadata, self, variant, "fork", TRACY_USE_SAFE_TRACE);
}

/*
 * A thread that is not the leader executes "basic": the exec'd program is
 * traced on under the leader's pid, its syscalls seen right (with and
 * without PTRACE_GET_SYSCALL_INFO, where entries and exits must keep
 * alternating across the exec).
 */
static void thread_exec_traced(struct __test_metadata *_metadata,
			       FIXTURE_DATA(lib) *self,
			       const FIXTURE_VARIANT(lib) *variant,
			       bool syscall_info)
{
	struct tracy_child *c;
	pid_t pid;

	if (!syscall_info)
		setenv("TRACY_SYSCALL_INFO", "0", 1);
	if (!start(_metadata, self, variant, TRACY_TRACE_CHILDREN))
		SKIP(return, "backend not available here");
	hook_basic(_metadata, self->t, TRACY_ABI_NATIVE);
	ASSERT_EQ(0, tracy_set_hook(self->t, "execve", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "thread_exec");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	check_basic(_metadata, pid, TRACY_ABI_NATIVE);
	/* Entered by the thread, left by the leader it became. */
	ASSERT_TRUE(find(TRACY_ABI_NATIVE, "execve", 1, 0) != NULL);
	EXPECT_NE(pid, find(TRACY_ABI_NATIVE, "execve", 1, 0)->pid);
	ASSERT_TRUE(find(TRACY_ABI_NATIVE, "execve", 0, 0) != NULL);
	EXPECT_EQ(pid, find(TRACY_ABI_NATIVE, "execve", 0, 0)->pid);
	EXPECT_EQ(0, find(TRACY_ABI_NATIVE, "execve", 0, 0)->ret);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

TEST_F(lib, exec_by_non_leader_thread)
{
	thread_exec_traced(_metadata, self, variant, true);
}

TEST_F(lib, exec_by_non_leader_thread_without_syscall_info)
{
	thread_exec_traced(_metadata, self, variant, false);
}

TEST_F(lib, signal_hook_suppresses)
{
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_signal_hook(self->t, suppress_signal_hook));
	c = exec_script(self, self->self, "signal");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid)) TH_LOG("SIGUSR1 got through");
	EXPECT_EQ(1, rec.signals);
}

static int count_signal_hook(struct tracy_event *e)
{
	(void)e;
	rec.signals++;
	return TRACY_HOOK_CONTINUE;
}

/*
 * A signal the hook lets through is delivered, and a SIGSTOP group-stop
 * neither hangs the loop nor loses the tracee: it runs on to its getpid.
 */
TEST_F(lib, signals_delivered_and_group_stop)
{
	struct tracy_child *c;
	pid_t pid;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_signal_hook(self->t, count_signal_hook));
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "signal_stop");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid)) TH_LOG("SIGUSR1 was not delivered");
	/* SIGUSR1 and SIGSTOP, each once: the group-stop is no event. */
	EXPECT_EQ(2, rec.signals);
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getpid", 1, 0) != NULL);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

/* The signal event's ip and sp, and the tracee's registers then. */
static struct {
	long ip, sp;
	long regs_ip, regs_sp;
	int events;
} sig_at;

static int where_signal_hook(struct tracy_event *e)
{
	struct TRACY_REGS_NAME regs;
	struct iovec iov = { &regs, sizeof(regs) };

	if (e->signal_num != SIGUSR1)
		return TRACY_HOOK_CONTINUE;
	sig_at.events++;
	sig_at.ip = e->args.ip;
	sig_at.sp = e->args.sp;
	if (!ptrace(PTRACE_GETREGSET, e->child->pid, (void *)NT_PRSTATUS,
		    &iov)) {
		sig_at.regs_ip = (long)regs.TRACY_IP_REG;
		sig_at.regs_sp = (long)regs.TRACY_STACK_POINTER;
	}
	return TRACY_HOOK_SUPPRESS;
}

/*
 * A signal event says where the tracee is (an addition): its ip and sp
 * are the registers' (no syscall event before it could have left them).
 */
TEST_F(lib, signal_event_ip_and_sp)
{
	struct tracy_child *c;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_signal_hook(self->t, where_signal_hook));
	memset(&sig_at, 0, sizeof(sig_at));
	c = exec_script(self, self->self, "signal");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	ASSERT_EQ(1, sig_at.events);
	EXPECT_NE(0, sig_at.regs_ip);
	EXPECT_EQ(sig_at.regs_ip, sig_at.ip);
	EXPECT_EQ(sig_at.regs_sp, sig_at.sp);
}

/*
 * tracy_set_exec_credentials(): the program runs with the ids and groups
 * given (the "ids" script checks them), if the tracer may give them (as
 * root); otherwise tracy_exec() fails with EPERM.
 */
TEST_F(lib, exec_credentials)
{
	const gid_t groups[] = { CRED_GROUP0, CRED_GROUP1 };
	struct tracy_child *c;
	int status;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	errno = 0;
	EXPECT_EQ(-1, tracy_set_exec_credentials(self->t, CRED_UID, CRED_GID,
						 NGROUPS_MAX + 1L, groups));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, tracy_set_exec_credentials(self->t, CRED_UID, CRED_GID,
						2, groups));
	errno = 0;
	c = exec_script(self, self->self, "ids");
	if (geteuid()) {
		EXPECT_TRUE(c == NULL);
		EXPECT_EQ(EPERM, errno);
		return;
	}
	ASSERT_TRUE(c != NULL);
	status = run(self->t, c->pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("the program ran with other ids: status %#x", status);
}

/* The hook's tracee is killed from outside while it is stopped. */
static int kill_from_outside_hook(struct tracy_event *e)
{
	record_hook(e);
	kill(e->child->pid, SIGKILL);
	return TRACY_HOOK_CONTINUE;
}

/*
 * A tracee that dies in a stop: resuming it fails with ESRCH, and the
 * next event is its end (killed by SIGKILL); nothing hangs, nothing is
 * left.
 */
TEST_F(lib, tracee_killed_in_a_stop)
{
	struct tracy_child *c;
	struct tracy_event *e;
	pid_t pid;
	int quits = 0;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    kill_from_outside_hook));
	c = exec_script(self, self->self, "loop");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	for (;;) {
		e = tracy_wait_event(self->t, -1);
		ASSERT_TRUE(e != NULL);
		if (e->type == TRACY_EVENT_NONE)
			break;
		if (e->type == TRACY_EVENT_QUIT) {
			EXPECT_EQ(pid, e->child->pid);
			EXPECT_EQ(SIGKILL, e->signal_num);
			quits++;
			continue;
		}
		if (tracy_continue(e, 0))
			EXPECT_EQ(ESRCH, errno);
	}
	EXPECT_EQ(1, quits);
	EXPECT_EQ(1, rec.n);
	EXPECT_EQ(0, tracy_children_count(self->t));
}

TEST_F(lib, attach_and_detach)
{
	char *argv[] = { self->self, TRACEE_ARG, "loop", NULL };
	struct tracy_child *c;
	struct tracy_event *e;
	int status;
	pid_t pid;

	if (variant->backend == TRACY_BACKEND_SECCOMP)
		SKIP(return, "seccomp cannot attach (seccomp_cannot_attach)");
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	errno = 0;
	EXPECT_TRUE(tracy_attach(self->t, getpid()) == NULL);
	EXPECT_EQ(EPERM, errno);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		execv(argv[0], argv);
		_exit(TRACEE_USAGE);
	}
	rec.hook_result = TRACY_HOOK_DETACH_CHILD;
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = tracy_attach(self->t, pid);
	ASSERT_TRUE(c != NULL);
	EXPECT_EQ(1, c->attached);
	e = tracy_wait_event(self->t, -1);
	ASSERT_TRUE(e != NULL);
	EXPECT_EQ(TRACY_EVENT_QUIT, e->type);
	EXPECT_EQ(0, e->signal_num);
	EXPECT_EQ(1, rec.n);
	EXPECT_EQ(pid, rec.r[0].pid);
	EXPECT_EQ(0, tracy_children_count(self->t));
	/* Detached, it runs on untraced. */
	usleep(20000);
	ASSERT_EQ(0, waitpid(pid, &status, WNOHANG));
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	errno = 0;
	EXPECT_TRUE(tracy_attach(self->t, pid) == NULL);
	EXPECT_EQ(ESRCH, errno);
}

/* The flags of /proc/PID/stat (PF_*), or -1: it is gone. */
static long task_flags(pid_t pid)
{
	char path[64], buf[512], *p;
	long flags = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) &&
	    sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %ld", &flags) != 1)
		flags = -1;
	fclose(f);
	return flags;
}

/* The tracer of pid, from /proc/PID/status; -1 if not known. */
static pid_t tracer_of(pid_t pid)
{
	char path[64], line[256];
	pid_t tracer = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %d", &tracer) == 1)
			break;
	fclose(f);
	return tracer;
}

#define PF_EXITING_FLAG	0x4	/* the kernel's PF_EXITING */
#define ENDING_STATUS	3
#define NO_PID_NS	77

/*
 * The helper of attach_while_it_exits: in a pid namespace of its own, an
 * init that takes its time to end. The init of a namespace, ending, waits
 * for every process of it to be reaped, and one whose parent (this
 * helper) is outside is reaped only when this helper says: after the
 * test has seized the init. Writes the init's pid on report, or nothing
 * (and exits NO_PID_NS) if the kernel has no pid namespaces for us.
 */
static void __attribute__((noreturn)) slow_init_helper(int report)
{
	pid_t init, zombie;
	int go[2], i;

	if (unshare(CLONE_NEWPID) && unshare(CLONE_NEWUSER | CLONE_NEWPID))
		_exit(NO_PID_NS);
	if (pipe(go))
		_exit(1);
	init = fork();
	if (!init) {
		char c;

		close(go[1]);
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(ENDING_STATUS);
	}
	zombie = fork();
	if (!zombie)
		_exit(0);
	if (init < 0 || zombie < 0 ||
	    write(report, &init, sizeof(init)) != sizeof(init))
		_exit(1);
	close(go[1]);
	/* The init ends as far as it can; 20 s for the test to seize it. */
	for (i = 0; i < 20000 && tracer_of(init) <= 0; i++)
		usleep(1000);
	waitpid(zombie, NULL, 0);
	waitpid(init, NULL, __WALL);
	_exit(i < 20000 ? 0 : 2);
}

/*
 * A process that ends while it is attached to (seized while it exits,
 * before it can stop) is a tracee all the same: tracy_attach() returns
 * it, and its end, with its status, is its first event (strace reports
 * it so).
 */
TEST_F(lib, attach_while_it_exits)
{
	struct tracy_event *e;
	struct tracy_child *c;
	int report[2], status, i;
	pid_t helper, init = 0;

	if (variant->backend == TRACY_BACKEND_SECCOMP)
		SKIP(return, "seccomp cannot attach (seccomp_cannot_attach)");
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, pipe(report));
	helper = fork();
	ASSERT_LE(0, helper);
	if (!helper) {
		close(report[0]);
		slow_init_helper(report[1]);
	}
	close(report[1]);
	if (read(report[0], &init, sizeof(init)) != sizeof(init)) {
		close(report[0]);
		ASSERT_EQ(helper, waitpid(helper, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(NO_PID_NS, WEXITSTATUS(status));
		SKIP(return, "no pid namespaces in this kernel, or not for us");
	}
	close(report[0]);
	for (i = 0; i < 10000 && !(task_flags(init) & PF_EXITING_FLAG); i++)
		usleep(1000);
	ASSERT_TRUE(task_flags(init) & PF_EXITING_FLAG);
	c = tracy_attach(self->t, init);
	ASSERT_TRUE(c != NULL);
	EXPECT_EQ(init, c->pid);
	EXPECT_EQ(1, c->attached);
	e = tracy_wait_event(self->t, -1);
	ASSERT_TRUE(e != NULL);
	EXPECT_EQ(TRACY_EVENT_QUIT, e->type);
	EXPECT_EQ(init, e->child->pid);
	EXPECT_EQ(ENDING_STATUS, e->signal_num);
	EXPECT_TRUE(WIFEXITED(e->args.return_code) &&
		    WEXITSTATUS(e->args.return_code) == ENDING_STATUS);
	e = tracy_wait_event(self->t, -1);
	ASSERT_TRUE(e != NULL);
	EXPECT_EQ(TRACY_EVENT_NONE, e->type);
	ASSERT_EQ(helper, waitpid(helper, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/*
 * The point of the backends: 2 * MANY_GETPIDS getpid and one getppid, with
 * a hook on getppid only. Classic stops the tracee at every syscall (and
 * the event loop resumes the unwanted stops): 2000 stops and more; kmask
 * only at getppid: 2.
 */
TEST_F(lib, unhooked_syscalls_do_not_stop)
{
	unsigned long stops;
	struct tracy_child *c;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "many");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getppid", 1, 0) != NULL);
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "getppid", 0, 0) != NULL);
	EXPECT_EQ(2, rec.n);
	stops = tracy_syscall_stops(self->t);
	TH_LOG("%s: %lu syscall stops", tracy_backend_name(variant->backend),
	       stops);
	if (variant->backend == TRACY_BACKEND_CLASSIC) {
		EXPECT_LE(4UL * MANY_GETPIDS, stops);
	} else {
		/* getppid's two; a sanitizer's runtime may add a few. */
		EXPECT_LE(2UL, stops);
		EXPECT_GT(50UL, stops);
	}
}

/*
 * A hook on readv, which in the x32 build is an x32-only syscall (515)
 * beyond the x86_64 table, yet in the x86_64 lists of the kernel mask:
 * kmask stops at it and still spares the tracee the getpid stops.
 */
TEST_F(lib, hook_beyond_kernel_lists)
{
	const struct record *out;
	unsigned long stops;
	struct tracy_child *c;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "readv", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "readv");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	EXPECT_TRUE(find(TRACY_ABI_NATIVE, "readv", 1, 0) != NULL);
	out = find(TRACY_ABI_NATIVE, "readv", 0, 0);
	ASSERT_TRUE(out != NULL);
	EXPECT_EQ(READV_LEN, out->ret);
	stops = tracy_syscall_stops(self->t);
	TH_LOG("%s: %lu syscall stops", tracy_backend_name(variant->backend),
	       stops);
	if (variant->backend == TRACY_BACKEND_KMASK)
		EXPECT_GT(50UL, stops);
}

/* At the exit of getppid: hook getpid if it is not, unhook it if it is. */
static int toggle_getpid_hook(struct tracy_event *e)
{
	struct tracy *t = e->child->tracy;

	record_hook(e);
	if (e->child->pre_syscall)
		return TRACY_HOOK_CONTINUE;
	if (tracy_unset_hook(t, "getpid", e->abi) && errno == ENOENT &&
	    tracy_set_hook(t, "getpid", e->abi, record_hook))
		return TRACY_HOOK_ABORT;
	return TRACY_HOOK_CONTINUE;
}

/* The getpid records after (after: 1) or before the getppid exit. */
static int getpids_around_getppid(int after)
{
	long getpid_nr = get_syscall_number_abi("getpid", TRACY_ABI_NATIVE);
	const struct record *exit = find(TRACY_ABI_NATIVE, "getppid", 0, 0);
	int i, n = 0;

	for (i = 0; exit && i < rec.n; i++)
		if (rec.r[i].nr == getpid_nr &&
		    (&rec.r[i] > exit) == after)
			n++;
	return n;
}

/*
 * Hooks set and unset in a hook reach the kernel mask of the tracee.
 * Two tracees with a thousand hooked syscalls each: more than the
 * default 30 s in an emulated 32-bit arm guest.
 */
TEST_F_TIMEOUT(lib, hooks_change_while_tracing, 180)
{
	unsigned long stops;
	struct tracy_child *c;

	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    toggle_getpid_hook));
	c = exec_script(self, self->self, "many");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	EXPECT_EQ(0, getpids_around_getppid(0));
	/* Entries and exits; a sanitizer's runtime may add its own. */
	EXPECT_LE(2 * MANY_GETPIDS, getpids_around_getppid(1));

	/* And the other way round: hooked from the start, then unhooked. */
	tracy_free(self->t);
	memset(&rec, 0, sizeof(rec));
	ASSERT_TRUE(start(_metadata, self, variant, 0));
	ASSERT_EQ(0, tracy_set_hook(self->t, "getppid", TRACY_ABI_NATIVE,
				    toggle_getpid_hook));
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_NATIVE,
				    record_hook));
	c = exec_script(self, self->self, "many");
	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(0, run(self->t, c->pid));
	EXPECT_LE(2 * MANY_GETPIDS, getpids_around_getppid(0));
	EXPECT_EQ(0, getpids_around_getppid(1));
	stops = tracy_syscall_stops(self->t);
	if (variant->backend == TRACY_BACKEND_KMASK)
		EXPECT_GT(2UL * MANY_GETPIDS + 50, stops)
			TH_LOG("the unhooked getpid still stops the tracee");
}

#ifdef COMPAT_ABI
static void compat_tracee(struct __test_metadata *_metadata,
			  FIXTURE_DATA(lib) *self,
			  const FIXTURE_VARIANT(lib) *variant, bool syscall_info)
{
	struct tracy_child *c;
	char path[PATH_MAX + 32];
	pid_t pid;

	if (!compat_program(self->self, path, sizeof(path)))
		SKIP(return, "no " COMPAT_ABI_NAME " build of this test next to it");
	if (!syscall_info)
		setenv("TRACY_SYSCALL_INFO", "0", 1);
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	hook_basic(_metadata, self->t, COMPAT_ABI);
	hook_basic(_metadata, self->t, TRACY_ABI_NATIVE);
	c = exec_script(self, path, "basic");
	if (!c && errno == ENOEXEC)
		SKIP(return, "this kernel runs no " COMPAT_ABI_NAME " programs");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	check_basic(_metadata, pid, COMPAT_ABI);
	EXPECT_EQ(0, count(TRACY_ABI_NATIVE, "write"));
}

TEST_F(lib, compat_abi_tracee)
{
	compat_tracee(_metadata, self, variant, true);
}

TEST_F(lib, compat_abi_tracee_without_syscall_info)
{
	compat_tracee(_metadata, self, variant, false);
}
#endif

#if defined(__x86_64__) && !defined(__ILP32__)
static void int80_tracee(struct __test_metadata *_metadata,
			 FIXTURE_DATA(lib) *self,
			 const FIXTURE_VARIANT(lib) *variant, bool syscall_info)
{
	const struct record *out;
	struct tracy_child *c;
	pid_t pid;

	if (!syscall_info)
		setenv("TRACY_SYSCALL_INFO", "0", 1);
	if (!start(_metadata, self, variant, 0))
		SKIP(return, "backend not available here");
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_X86,
				    record_hook));
	ASSERT_EQ(0, tracy_set_hook(self->t, "getpid", TRACY_ABI_AMD64,
				    record_hook));
	c = exec_script(self, self->self, "int80");
	ASSERT_TRUE(c != NULL);
	pid = c->pid;
	ASSERT_EQ(0, run(self->t, pid));
	out = find(TRACY_ABI_X86, "getpid", 0, 0);
	ASSERT_TRUE(out != NULL) TH_LOG("int $0x80 not seen as the i386 ABI");
	EXPECT_EQ(pid, out->ret);
	/* Entry and exit, and only those: not taken for x86_64 syscalls. */
	EXPECT_EQ(2, count(TRACY_ABI_X86, "getpid"));
	/* The getpid() the script compares with, at least. */
	EXPECT_LE(2, count(TRACY_ABI_AMD64, "getpid"));
}

TEST_F(lib, int80_in_64bit_process)
{
	int80_tracee(_metadata, self, variant, true);
}

TEST_F(lib, int80_in_64bit_process_without_syscall_info)
{
	int80_tracee(_metadata, self, variant, false);
}
#endif

/* TEST() wrappers take a variant they do not use. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"


/*
 * AUTO: kmask where the kernel has masks; elsewhere seccomp for a tracee
 * we start in a session that traces children, classic otherwise.
 */
TEST(auto_backend_choice)
{
	char self[PATH_MAX], *argv[] = { self, TRACEE_ARG, "basic", NULL };
	struct tracy_child *c;
	struct tracy *t;
	int children;

	ASSERT_TRUE(self_path(self, sizeof(self)));
	unsetenv("TRACY_BACKEND");
	for (children = 0; children < 2; children++) {
		t = tracy_init(children ? TRACY_TRACE_CHILDREN : 0);
		ASSERT_TRUE(t != NULL);
		c = tracy_exec(t, argv);
		ASSERT_TRUE(c != NULL);
		EXPECT_EQ((int)(kernel_has_kmask() ? TRACY_BACKEND_KMASK :
				children && kernel_has_seccomp_trace() ?
				TRACY_BACKEND_SECCOMP : TRACY_BACKEND_CLASSIC),
			  (int)c->backend)
			TH_LOG("TRACY_TRACE_CHILDREN %s", children ? "on" : "off");
		EXPECT_EQ(0, run(t, c->pid));
		tracy_free(t);
		check_leaks();
	}
}

/* Its filter would give an untraced child ENOSYS: a clear error first. */
TEST(seccomp_needs_trace_children)
{
	struct tracy *t;

	unsetenv("TRACY_BACKEND");
	t = tracy_init(0);
	ASSERT_TRUE(t != NULL);
	errno = 0;
	EXPECT_EQ(-1, tracy_set_backend(t, TRACY_BACKEND_SECCOMP));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ((int)TRACY_BACKEND_AUTO, (int)t->backend);
	tracy_free(t);
	check_leaks();
}

/* A forced seccomp backend cannot attach: EINVAL, the process untouched. */
TEST(seccomp_cannot_attach)
{
	char self[PATH_MAX], *argv[] = { self, TRACEE_ARG, "loop", NULL };
	struct tracy *t;
	int status;
	pid_t pid;

	ASSERT_TRUE(self_path(self, sizeof(self)));
	unsetenv("TRACY_BACKEND");
	t = tracy_init(TRACY_TRACE_CHILDREN);
	ASSERT_TRUE(t != NULL);
	if (tracy_set_backend(t, TRACY_BACKEND_SECCOMP)) {
		tracy_free(t);
		SKIP(return, "no seccomp filters in this kernel");
	}
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		execv(argv[0], argv);
		_exit(TRACEE_USAGE);
	}
	errno = 0;
	EXPECT_TRUE(tracy_attach(t, pid) == NULL);
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, tracy_children_count(t));
	EXPECT_EQ(0, tracer_of(pid));
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	tracy_free(t);
	check_leaks();
}

/*
 * Detaching a tracee whose filter traces a syscall would leave it getting
 * ENOSYS from that syscall: tracy_detach_child() lets it go for the user
 * (no more events, not counted) but the library stays its tracer and
 * serves it out of sight until it ends (detach.c checks its output).
 * Here it is detached while it runs, and detaching it again is ESRCH.
 */
TEST(seccomp_detach_keeps_tracing)
{
	char self[PATH_MAX], *argv[] = { self, TRACEE_ARG, "many", NULL };
	struct tracy_child *c;
	struct tracy_event *e;
	struct tracy *t;
	pid_t pid;

	ASSERT_TRUE(self_path(self, sizeof(self)));
	unsetenv("TRACY_BACKEND");
	memset(&rec, 0, sizeof(rec));
	t = tracy_init(TRACY_TRACE_CHILDREN);
	ASSERT_TRUE(t != NULL);
	if (tracy_set_backend(t, TRACY_BACKEND_SECCOMP)) {
		tracy_free(t);
		SKIP(return, "no seccomp filters in this kernel");
	}
	ASSERT_EQ(0, tracy_set_hook(t, "getppid", TRACY_ABI_NATIVE,
				    record_hook));
	c = tracy_exec(t, argv);
	ASSERT_TRUE(c != NULL);
	EXPECT_EQ((int)TRACY_BACKEND_SECCOMP, (int)c->backend);
	pid = c->pid;
	e = tracy_wait_event(t, -1);
	ASSERT_TRUE(e != NULL);
	ASSERT_EQ(TRACY_EVENT_SYSCALL, e->type);
	ASSERT_EQ(0, tracy_continue(e, 0));
	EXPECT_EQ(0, tracy_detach_child(c));
	EXPECT_EQ(0, tracy_children_count(t));
	EXPECT_EQ(getpid(), tracer_of(pid)) TH_LOG("it was detached for real");
	errno = 0;
	EXPECT_EQ(-1, tracy_detach_child(c));
	EXPECT_EQ(ESRCH, errno);
	/* Its getppid exit is no event any more: it runs to its end. */
	EXPECT_EQ(0, tracy_main(t));
	EXPECT_EQ(1, rec.n);
	EXPECT_EQ(-1, kill(pid, 0)) TH_LOG("still there after tracy_main()");
	tracy_free(t);
	check_leaks();
}

/*
 * kmask forced by tracy_set_backend() on a kernel without masks: a clear
 * error, no tracee (TRACY_BACKEND=kmask falls back instead: environment.c).
 */
TEST(kmask_forced_without_kernel_support)
{
	char self[PATH_MAX], *argv[] = { self, TRACEE_ARG, "basic", NULL };
	struct tracy *t;

	if (kernel_has_kmask())
		SKIP(return, "this kernel has syscall stop masks");
	ASSERT_TRUE(self_path(self, sizeof(self)));
	unsetenv("TRACY_BACKEND");
	t = tracy_init(0);
	ASSERT_TRUE(t != NULL);
	/* Not known before a tracee is there to ask the kernel on. */
	ASSERT_EQ(0, tracy_set_backend(t, TRACY_BACKEND_KMASK));
	errno = 0;
	EXPECT_TRUE(tracy_exec(t, argv) == NULL);
	EXPECT_EQ(ENOSYS, errno);
	EXPECT_EQ(0, tracy_children_count(t));
	errno = 0;
	EXPECT_EQ(-1, tracy_set_backend(t, TRACY_BACKEND_KMASK));
	EXPECT_EQ(ENOSYS, errno);
	EXPECT_EQ(0, tracy_set_backend(t, TRACY_BACKEND_CLASSIC));
	tracy_free(t);
	check_leaks();
}
#pragma GCC diagnostic pop

/*
 * The harness keeps the fixtures of each file in a list of that file's
 * (harness-file.h): those of the other files join this one's.
 */
static void adopt_fixtures(struct __fixture_metadata *list)
{
	struct __fixture_metadata *f, *next;

	for (f = list; f; f = next) {
		next = f->next;
		if (f->tests)
			__register_fixture(f);
	}
}

int main(int argc, char **argv)
{
	/*
	 * The tracee leaves with _exit(): LeakSanitizer's check at exit
	 * cannot stop the threads of a traced process (it fails, saying so),
	 * and what make test-asan checks is the tracer.
	 */
	if (argc > 1 && !strcmp(argv[1], TRACEE_ARG))
		_exit(tracee_main(argc, argv));
	adopt_fixtures(inject_fixtures());
	adopt_fixtures(environment_fixtures());
	adopt_fixtures(detach_fixtures());
	adopt_fixtures(compat_fixtures());
	return test_harness_run(argc, argv);
}
