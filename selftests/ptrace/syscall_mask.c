// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the syscall mask of ptrace: PTRACE_SETSYSCALLMASK,
 * PTRACE_GETSYSCALLMASK, PTRACE_SYSCALLWHITELIST, PTRACE_SYSCALLBLACKLIST,
 * written from the contract of the API
 * (Documentation/userspace-api/ptrace-syscall-mask.rst).
 *
 * Each test traces a child that stops itself, then runs a script of raw
 * syscalls that the test writes into shared memory (syscall_mask_tracee.c);
 * the tracer (syscall_mask_tracer.c) records every stop with
 * PTRACE_GET_SYSCALL_INFO and the test compares the stops with the ones
 * the contract predicts. A kernel without the mask answers EIO: then every
 * test that needs it SKIPs.
 *
 * The same program is built for every ABI a guest runs (x86_64, i386, x32,
 * arm64, arm), so the tests also run as compat tracers of compat tracees.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "syscall_mask.h"

#define OPTIONS		(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | \
			 PTRACE_O_TRACEEXEC)
#define INHERIT_OPTIONS	(OPTIONS | PTRACE_O_TRACEFORK | \
			 PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)
/* Syscall tables are bigger than this; none is bigger than LIST_BITS. */
#define MIN_TABLE_BITS	300U
#define OUT_OF_TABLE	100000
#define ARM_PRIVATE_NR	0x0f07f0	/* -ENOSYS on arm and AArch32 */
#define FUZZ_SEED	0x7ace5eedULL
#define MASK_SIZE	sizeof(struct ptrace_syscall_mask)

#define NO_MASK		"no syscall mask in this kernel (EIO)"

/* A few syscall or bit numbers: NRS(__NR_getpid, __NR_gettid). */
struct nrs {
	size_t n;
	long nr[8];
};

#define NRS(...)	((struct nrs){					\
	ARRAY_SIZE(((const long[]){ __VA_ARGS__ })), { __VA_ARGS__ } })

static __u32 prog_arch(void)
{
	return program_abi()->audit_arch;
}

/* ---- the fixture: a child stopped before its script ---- */

FIXTURE(mask) {
	struct shared *sh;
	struct arena arena;
	pid_t tracee;
	pid_t pids[8];		/* every process this test forked */
	int npids;
	int probe_errno;	/* of PTRACE_GETSYSCALLMASK on the tracee */
};

static pid_t spawn(struct __test_metadata *_metadata,
		   FIXTURE_DATA(mask) * self, int how)
{
	int status;
	pid_t pid;

	ASSERT_GT((int)ARRAY_SIZE(self->pids), self->npids);
	pid = spawn_tracee(self->sh, how);
	ASSERT_LT(0, pid) {
		TH_LOG("fork: %s", strerror(errno));
	}
	self->pids[self->npids++] = pid;
	if (!(how & SPAWN_TRACEME))
		return pid;
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP) {
		TH_LOG("the child did not stop itself: wait status %#x",
		       status);
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, OPTIONS)) {
		TH_LOG("PTRACE_SETOPTIONS: %s", strerror(errno));
	}
	return pid;
}

/* A helper process: runs @fn, then exits. */
static pid_t helper(struct __test_metadata *_metadata,
		    FIXTURE_DATA(mask) * self,
		    void (*fn)(struct __test_metadata *, FIXTURE_DATA(mask) *,
			       pid_t), pid_t target)
{
	pid_t pid;

	ASSERT_GT((int)ARRAY_SIZE(self->pids), self->npids);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		fn(_metadata, self, target);
		_exit(0);
	}
	self->pids[self->npids++] = pid;
	return pid;
}

static void wait_helper(struct __test_metadata *_metadata, pid_t pid)
{
	int status;

	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		TH_LOG("helper ended with wait status %#x", status);
	}
}

FIXTURE_SETUP(mask)
{
	struct list l;
	__u32 nr_bits = LIST_BITS;

	self->sh = mmap(NULL, sizeof(*self->sh), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(self->sh != MAP_FAILED);
	ASSERT_EQ(0, arena_init(&self->arena));
	ASSERT_TRUE(!!kabi.native) {
		TH_LOG("unknown kernel architecture");
	}
	script_reset(self->sh);
	self->tracee = spawn(_metadata, self, SPAWN_TRACEME);
	self->probe_errno = -mask_get(self->tracee, 0, 0, &l, &nr_bits);
	if (self->probe_errno < 0)
		self->probe_errno = 0;	/* it returned the mode */
}

FIXTURE_TEARDOWN(mask)
{
	bool ours[ARRAY_SIZE(self->pids)];
	siginfo_t info;

	/* Only the children not reaped yet: a reaped pid may be reused. */
	for (int i = 0; i < self->npids; i++) {
		ours[i] = !waitid(P_PID, self->pids[i], &info, WEXITED |
				  WSTOPPED | WNOHANG | WNOWAIT | __WALL);
		if (ours[i])
			kill(self->pids[i], SIGKILL);
	}
	for (int i = 0; i < self->npids; i++) {
		int status;

		while (ours[i] && waitpid(self->pids[i], &status, __WALL) ==
		       self->pids[i] && !WIFEXITED(status) &&
		       !WIFSIGNALED(status))
			;
	}
}

/*
 * Whether the kernel lacks the mask, which makes a test that needs it
 * SKIP. The probe of FIXTURE_SETUP may only fail with EIO.
 */
static bool mask_absent(struct __test_metadata *_metadata, int probe_errno)
{
	if (probe_errno == EIO)
		return true;
	ASSERT_EQ(0, probe_errno) {
		TH_LOG("PTRACE_GETSYSCALLMASK on a stopped tracee: %s",
		       strerror(probe_errno));
	}
	return false;
}

/* ---- requests ---- */

static int set_list(pid_t pid, __u32 arch, int flags, struct nrs bits)
{
	struct list l = { { 0 } };

	for (size_t i = 0; i < bits.n; i++)
		list_add(&l, (unsigned int)bits.nr[i]);
	return mask_set(pid, arch, flags, &l, LIST_BITS);
}

/* The lists of this program's ABI, from its own syscall numbers. */
static int set_prog_list(pid_t pid, int flags, struct nrs nrs)
{
	for (size_t i = 0; i < nrs.n; i++)
		nrs.nr[i] = list_bit(nrs.nr[i]);
	return set_list(pid, prog_arch(), flags, nrs);
}

/* Back to no mask: blacklist mode, both lists of every ABI empty. */
static int clear_mask(pid_t pid)
{
	const struct abi *abis[] = { kabi.native, kabi.compat };
	struct list empty = { { 0 } };
	int ret = mask_mode(pid, MODE_BLACKLIST);

	for (int i = 0; i < 2 && abis[i] && !ret; i++)
		for (int flags = 0; flags < 2 && !ret; flags++)
			ret = mask_set(pid, abis[i]->audit_arch, flags, &empty,
				       0);
	return ret;
}

/* The size of the table of @arch, checked for sanity. */
static __u32 table_bits(struct __test_metadata *_metadata, pid_t pid,
			__u32 arch)
{
	struct list l;
	__u32 nr_bits = LIST_BITS;

	ASSERT_LE(0, mask_get(pid, arch, 0, &l, &nr_bits));
	ASSERT_LE(MIN_TABLE_BITS, nr_bits) {
		TH_LOG("arch %#x: a table of %u syscalls?", arch, nr_bits);
	}
	ASSERT_GE((__u32)LIST_BITS, nr_bits) {
		TH_LOG("arch %#x: a table of %u syscalls?", arch, nr_bits);
	}
	return nr_bits;
}

static void expect_list(struct __test_metadata *_metadata, pid_t pid,
			__u32 arch, int flags, const struct list *want,
			const char *what)
{
	struct list got;
	__u32 nr_bits = LIST_BITS;
	int ret = mask_get(pid, arch, flags, &got, &nr_bits);

	ASSERT_LE(0, ret) {
		TH_LOG("%s: PTRACE_GETSYSCALLMASK: %s", what, strerror(-ret));
	}
	for (unsigned int bit = 0; bit < nr_bits; bit++) {
		EXPECT_EQ(list_has(want, bit), list_has(&got, bit)) {
			TH_LOG("%s: arch %#x %s list, bit %u", what, arch,
			       flags ? "no-exit" : "stop", bit);
			return;
		}
	}
}

/* The mask of @pid is @want; @what says when or whose. */
static void expect_mask(struct __test_metadata *_metadata, pid_t pid,
			const struct mask_state *want, const char *what)
{
	struct mask_state now;
	char want_s[600], now_s[600];

	ASSERT_EQ(0, mask_snapshot(pid, &now));
	EXPECT_TRUE(mask_state_equal(want, &now)) {
		mask_state_describe(want, want_s, sizeof(want_s));
		mask_state_describe(&now, now_s, sizeof(now_s));
		TH_LOG("%s: the mask is %s; expected %s", what, now_s, want_s);
	}
}

/* ---- expected stops ---- */

struct expect {
	int n;
	struct stop s[64];
};

static void want(struct expect *e, int kind, long nr, __u32 arch)
{
	if (e->n < (int)ARRAY_SIZE(e->s))
		e->s[e->n++] = (struct stop){ .kind = kind, .nr = (int)nr,
					      .arch = arch };
}

/* An entry stop of this program's syscall @nr, and an exit stop if @exit. */
static void want_syscall(struct expect *e, long nr, bool exit)
{
	want(e, STOP_ENTRY, nr, prog_arch());
	if (exit)
		want(e, STOP_EXIT, nr, prog_arch());
}

/* Entry and exit stops of each of this program's syscalls @nrs. */
static void want_syscalls(struct expect *e, struct nrs nrs)
{
	for (size_t i = 0; i < nrs.n; i++)
		want_syscall(e, nrs.nr[i], true);
}

/* The syscall stops of @pid, only of the syscalls @nrs if n > 0. */
static void expect_stops(struct __test_metadata *_metadata,
			 const struct trace *t, pid_t pid, const int *nrs,
			 int n, const struct expect *e, const char *what)
{
	static struct stop seen[MAX_STOPS];
	static char seen_s[2048], want_s[2048];
	int nseen = trace_select(t, pid, nrs, n, seen, MAX_STOPS);

	EXPECT_TRUE(stops_equal(seen, nseen, e->s, e->n)) {
		stops_describe(e->s, e->n, want_s, sizeof(want_s));
		stops_describe(seen, nseen, seen_s, sizeof(seen_s));
		TH_LOG("%s: stops expected (E entry, X exit, S seccomp):%s",
		       what, want_s);
		TH_LOG("%s: stops seen:%s", what, seen_s);
	}
}

/* Where in @t stop number @index of @kind of @pid (0: any) is, or -1. */
static int find_stop(const struct trace *t, pid_t pid, int kind, int index)
{
	for (int i = 0; i < t->nstops; i++)
		if ((!pid || t->stops[i].pid == pid) &&
		    t->stops[i].kind == kind && index-- == 0)
			return i;
	return -1;
}

/* Runs @pid and every tracee it makes to the end. */
static const struct trace *run(struct __test_metadata *_metadata,
			       FIXTURE_DATA(mask) * self, pid_t pid,
			       long resume, stop_hook hook, void *arg)
{
	struct tracer t = {
		.resume = resume, .hook = hook, .metadata = _metadata,
		.arg = arg, .out = &self->sh->trace,
	};
	int status;

	ASSERT_EQ(0, trace_run(&t, pid)) {
		TH_LOG("tracing %d: %s", pid, t.out->error);
	}
	status = t.out->exit_status;
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		TH_LOG("the tracee ended with wait status %#x", status);
	}
	return t.out;
}

/* Runs @pid and the tracees it makes to the end: @e are @pid's stops. */
static void run_and_expect(struct __test_metadata *_metadata,
			   FIXTURE_DATA(mask) * self, pid_t pid,
			   const struct expect *e, const char *what)
{
	const struct trace *t = run(_metadata, self, pid, PTRACE_SYSCALL,
				    NULL, NULL);

	expect_stops(_metadata, t, pid, NULL, 0, e, what);
}

/* A script of plain syscalls of this program's ABI. */
static void script_syscalls(struct shared *sh, struct nrs nrs)
{
	script_reset(sh);
	for (size_t i = 0; i < nrs.n; i++)
		script_add(sh, OP_SYSCALL, nrs.nr[i], 0);
}

static void standard_script(struct shared *sh)
{
	script_syscalls(sh, NRS(__NR_getppid, __NR_getpid, __NR_gettid,
				__NR_getppid));
}

/* ---- classic ptrace and detection ---- */

/* Needs nothing: what every other test builds on. */
TEST_F(mask, classic_stops_without_mask)
{
	struct expect e = { 0 };

	standard_script(self->sh);
	want_syscalls(&e, NRS(__NR_getppid, __NR_getpid, __NR_gettid,
			      __NR_getppid));
	want_syscall(&e, __NR_exit_group, false);
	run_and_expect(_metadata, self, self->tracee, &e, "classic");
}

TEST_F(mask, detection)
{
	struct list l = { { 0 } };
	__u32 nr_bits = LIST_BITS;
	pid_t pid = self->tracee;
	int get = mask_get(pid, 0, 0, &l, &nr_bits);
	int set = mask_set(pid, 0, 0, &l, LIST_BITS);
	int seed = mask_seed(pid, false, 0);
	int white = mask_mode(pid, MODE_WHITELIST);
	int black = mask_mode(pid, MODE_BLACKLIST);

	if (get == -EIO) {
		EXPECT_EQ(-EIO, set);
		EXPECT_EQ(-EIO, seed);
		EXPECT_EQ(-EIO, white);
		EXPECT_EQ(-EIO, black);
		if (_metadata->exit_code == KSFT_PASS)
			SKIP(return, "all four requests answer EIO: no mask");
		return;
	}
	EXPECT_EQ(MODE_BLACKLIST, get) {
		TH_LOG("PTRACE_GETSYSCALLMASK: %s", strerror(-get));
	}
	EXPECT_EQ(0, set);
	EXPECT_EQ(0, seed);
	EXPECT_EQ(0, white);
	EXPECT_EQ(0, black);
}

TEST_F(mask, fresh_tracee_is_classic_blacklist)
{
	struct mask_state s;
	struct list empty = { { 0 } };

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	ASSERT_EQ(0, mask_snapshot(self->tracee, &s));
	EXPECT_EQ(MODE_BLACKLIST, s.mode);
	for (int i = 0; i < s.nabi; i++) {
		EXPECT_LE(MIN_TABLE_BITS, s.abi[i].nr_bits) {
			TH_LOG("arch %#x: table of %u", s.abi[i].arch,
			       s.abi[i].nr_bits);
		}
		for (int flags = 0; flags < 2; flags++) {
			EXPECT_EQ(0, memcmp(&empty, &s.abi[i].lists[flags],
					    sizeof(empty))) {
				TH_LOG("arch %#x: list %d of a new tracee is not empty",
				       s.abi[i].arch, flags);
			}
		}
	}
}

/* ---- the seed form and the struct form ---- */

TEST_F(mask, seed_form)
{
	struct list want_list = { { 0 } }, empty = { { 0 } };
	struct expect e = { 0 };
	pid_t pid = self->tracee;
	__u32 native = kabi.native->audit_arch, table;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	table = table_bits(_metadata, pid, 0);
	ASSERT_EQ(0, mask_seed(pid, true, 20));
	ASSERT_EQ(0, mask_seed(pid, true, table - 1));
	list_add(&want_list, 20);
	list_add(&want_list, table - 1);
	expect_list(_metadata, pid, 0, 0, &want_list, "added 20 and the last");
	expect_list(_metadata, pid, native, 0, &want_list, "explicit arch");
	expect_list(_metadata, pid, native, PTRACE_SYSCALLMASK_NOEXIT, &empty,
		    "the no-exit list");
	if (kabi.compat)
		expect_list(_metadata, pid, kabi.compat->audit_arch, 0, &empty,
			    "the compat list");

	ASSERT_EQ(0, mask_seed(pid, false, 20));
	ASSERT_EQ(0, mask_seed(pid, false, 20)) {
		TH_LOG("removing an absent syscall failed");
	}
	want_list.w[0] = 0;
	expect_list(_metadata, pid, 0, 0, &want_list, "removed 20");

	EXPECT_EQ(-EINVAL, mask_seed(pid, true, table));
	EXPECT_EQ(-EINVAL, mask_seed(pid, false, table));
	EXPECT_EQ(-EINVAL, mask_seed(pid, true, (unsigned long)-1));
	expect_list(_metadata, pid, 0, 0, &want_list, "after EINVAL");

	/* The seed names a native syscall, whatever ABI the tracee runs. */
	ASSERT_EQ(0, mask_seed(pid, false, table - 1));
	ASSERT_EQ(0, mask_seed(pid, true, list_bit(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid));
	if (prog_arch() == native)
		want_syscall(&e, __NR_getppid, true);
	run_and_expect(_metadata, self, pid, &e,
		       prog_arch() == native ? "native getppid listed" :
		       "native list set, compat tracee");
}

/* Both lists of @abi, set through @set_arch and read through both names. */
static void check_struct_form(struct __test_metadata *_metadata, pid_t pid,
			      const struct abi *abi, __u32 set_arch,
			      __u32 get_arch, const struct abi *other)
{
	struct list stop = { { 0 } }, noexit = { { 0 } }, empty = { { 0 } };
	__u32 arch = abi->audit_arch;
	__u32 table = table_bits(_metadata, pid, arch);

	list_add(&stop, 1);
	list_add(&stop, 7);
	list_add(&stop, 64);
	list_add(&stop, table - 1);
	list_add(&noexit, 2);
	list_add(&noexit, 65);
	ASSERT_EQ(0, mask_set(pid, set_arch, 0, &stop, LIST_BITS));
	ASSERT_EQ(0, mask_set(pid, set_arch, PTRACE_SYSCALLMASK_NOEXIT,
			      &noexit, LIST_BITS));
	expect_list(_metadata, pid, get_arch, 0, &stop, "stop list");
	expect_list(_metadata, pid, arch, 0, &stop, "stop list, by AUDIT_ARCH");
	expect_list(_metadata, pid, get_arch, PTRACE_SYSCALLMASK_NOEXIT,
		    &noexit, "no-exit list");
	if (other) {
		expect_list(_metadata, pid, other->audit_arch, 0, &empty,
			    "the other ABI's stop list");
		expect_list(_metadata, pid, other->audit_arch,
			    PTRACE_SYSCALLMASK_NOEXIT, &empty,
			    "the other ABI's no-exit list");
	}
	EXPECT_EQ(table, table_bits(_metadata, pid, get_arch));

	/* nr_bits == 0 empties one list, and only that one. */
	ASSERT_EQ(0, mask_set(pid, set_arch, 0, &stop, 0));
	expect_list(_metadata, pid, arch, 0, &empty, "emptied stop list");
	expect_list(_metadata, pid, arch, PTRACE_SYSCALLMASK_NOEXIT, &noexit,
		    "no-exit list after emptying the stop list");
	ASSERT_EQ(0, mask_set(pid, set_arch, PTRACE_SYSCALLMASK_NOEXIT,
			      &noexit, 0));
	expect_list(_metadata, pid, arch, PTRACE_SYSCALLMASK_NOEXIT, &empty,
		    "emptied no-exit list");
}

TEST_F(mask, struct_form_native)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_struct_form(_metadata, self->tracee, kabi.native, 0,
			  kabi.native->audit_arch, kabi.compat);
	check_struct_form(_metadata, self->tracee, kabi.native,
			  kabi.native->audit_arch, 0, kabi.compat);
}

TEST_F(mask, struct_form_compat)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (!kabi.compat)
		SKIP(return, "the %s kernel runs no compat ABI",
		     kabi.native->name);
	check_struct_form(_metadata, self->tracee, kabi.compat,
			  kabi.compat->audit_arch, kabi.compat->audit_arch,
			  kabi.native);
}

/* GET of @asked bits writes min(asked, table) bits and nothing else. */
static void check_get_bits(struct __test_metadata *_metadata, pid_t pid,
			   __u32 arch, __u32 asked, const struct list *list,
			   __u32 table)
{
	struct list got, want_list;
	__u32 nr_bits = asked;
	__u32 written = asked < table ? asked : table;
	int ret;

	memset(&got, 0xa5, sizeof(got));
	memset(&want_list, 0xa5, sizeof(want_list));
	for (unsigned int bit = 0; bit < written; bit++) {
		want_list.w[bit / 64] &= ~(1ULL << (bit % 64));
		if (list_has(list, bit))
			list_add(&want_list, bit);
	}
	ret = mask_get(pid, arch, 0, &got, &nr_bits);
	ASSERT_EQ(MODE_BLACKLIST, ret) {
		TH_LOG("GET of %u bits: %s", asked, strerror(-ret));
	}
	EXPECT_EQ(table, nr_bits) {
		TH_LOG("GET of %u bits: nr_bits is not the table size", asked);
	}
	for (unsigned int bit = 0; bit < LIST_BITS; bit++) {
		EXPECT_EQ(list_has(&want_list, bit), list_has(&got, bit)) {
			TH_LOG("arch %#x, GET of %u bits (table %u): bit %u %s",
			       arch, asked, table, bit, bit < written ?
			       "differs from the list" :
			       "beyond the bits asked for was written");
			return;
		}
	}
}

typedef void (*abi_check)(struct __test_metadata *_metadata, pid_t pid,
			  __u32 arch, __u32 table);

/* Runs @check on each ABI the kernel runs, with the size of its table. */
static void check_each_kernel_abi(struct __test_metadata *_metadata,
				  pid_t pid, abi_check check)
{
	const struct abi *abis[] = { kabi.native, kabi.compat };

	for (int i = 0; i < 2 && abis[i]; i++)
		check(_metadata, pid, abis[i]->audit_arch,
		      table_bits(_metadata, pid, abis[i]->audit_arch));
}

static void check_get_of_abi(struct __test_metadata *_metadata, pid_t pid,
			     __u32 arch, __u32 table)
{
	static const unsigned int bits[] = { 0, 5, 63, 64, 99, 100, 101 };
	struct list l = { { 0 } };

	for (size_t k = 0; k < ARRAY_SIZE(bits); k++)
		list_add(&l, bits[k]);
	list_add(&l, table - 1);
	ASSERT_EQ(0, mask_set(pid, arch, 0, &l, LIST_BITS));
	check_get_bits(_metadata, pid, arch, 100, &l, table);
	check_get_bits(_metadata, pid, arch, 1, &l, table);
	check_get_bits(_metadata, pid, arch, 0, &l, table);
	check_get_bits(_metadata, pid, arch, 64, &l, table);
	check_get_bits(_metadata, pid, arch, table, &l, table);
	check_get_bits(_metadata, pid, arch, LIST_BITS, &l, table);
}

TEST_F(mask, get_writes_only_the_bits_asked_for)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_each_kernel_abi(_metadata, self->tracee, check_get_of_abi);
}

static void check_set_of_abi(struct __test_metadata *_metadata, pid_t pid,
			     __u32 arch, __u32 table)
{
	struct list ones, l, want_list = { { 0 } };

	memset(&ones, 0xff, sizeof(ones));
	ASSERT_EQ(0, mask_set(pid, arch, 0, &ones, 100));
	for (unsigned int bit = 0; bit < 100; bit++)
		list_add(&want_list, bit);
	expect_list(_metadata, pid, arch, 0, &want_list, "100 bits of ones");

	memset(&want_list, 0, sizeof(want_list));
	memset(&l, 0, sizeof(l));
	list_add(&l, 1);
	ASSERT_EQ(0, mask_set(pid, arch, 0, &l, 1));
	expect_list(_metadata, pid, arch, 0, &want_list, "bit 1 of 1 bit");

	ASSERT_EQ(0, mask_set(pid, arch, 0, &ones, LIST_BITS)) {
		TH_LOG("bits beyond the table were not ignored");
	}
	for (unsigned int bit = 0; bit < table; bit++)
		list_add(&want_list, bit);
	expect_list(_metadata, pid, arch, 0, &want_list, "all ones");
	EXPECT_EQ(table, table_bits(_metadata, pid, arch));

	memset(&want_list, 0, sizeof(want_list));
	memset(&l, 0, sizeof(l));
	list_add(&l, table);
	ASSERT_EQ(0, mask_set(pid, arch, 0, &l, table + 1));
	expect_list(_metadata, pid, arch, 0, &want_list,
		    "only the bit just beyond the table");
}

TEST_F(mask, set_reads_only_nr_bits_and_ignores_bits_beyond_table)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_each_kernel_abi(_metadata, self->tracee, check_set_of_abi);
}

TEST_F(mask, get_returns_the_mode)
{
	struct list l;
	__u32 nr_bits = LIST_BITS;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	EXPECT_EQ(MODE_WHITELIST, mask_get(pid, 0, 0, &l, &nr_bits));
	EXPECT_EQ(MODE_WHITELIST, mask_get(pid, 0, PTRACE_SYSCALLMASK_NOEXIT,
					   &l, &nr_bits));
	if (kabi.compat) {
		EXPECT_EQ(MODE_WHITELIST, mask_get(pid, kabi.compat->audit_arch,
						   0, &l, &nr_bits));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	EXPECT_EQ(MODE_WHITELIST, mask_get(pid, 0, 0, &l, &nr_bits));
	ASSERT_EQ(0, mask_mode(pid, MODE_BLACKLIST));
	EXPECT_EQ(MODE_BLACKLIST, mask_get(pid, 0, 0, &l, &nr_bits));
}

/* ---- modes ---- */

TEST_F(mask, whitelist_stops_only_listed_syscalls)
{
	struct expect e = { 0 };

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, set_prog_list(self->tracee, 0,
				   NRS(__NR_getppid, __NR_gettid)));
	ASSERT_EQ(0, mask_mode(self->tracee, MODE_WHITELIST));
	want_syscalls(&e, NRS(__NR_getppid, __NR_gettid, __NR_getppid));
	run_and_expect(_metadata, self, self->tracee, &e, "whitelist");
}

TEST_F(mask, blacklist_stops_all_but_listed_syscalls)
{
	struct expect e = { 0 };

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, mask_mode(self->tracee, MODE_WHITELIST));
	ASSERT_EQ(0, set_prog_list(self->tracee, 0, NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(self->tracee, MODE_BLACKLIST));
	want_syscalls(&e, NRS(__NR_getppid, __NR_gettid, __NR_getppid));
	want_syscall(&e, __NR_exit_group, false);
	run_and_expect(_metadata, self, self->tracee, &e, "blacklist");
}

TEST_F(mask, empty_blacklist_stops_like_classic_ptrace)
{
	struct expect classic = { 0 };
	const struct trace *t;
	pid_t pid;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	script_add(self->sh, OP_SYSCALL, OUT_OF_TABLE, 0);
	t = run(_metadata, self, self->tracee, PTRACE_SYSCALL, NULL, NULL);
	classic.n = trace_select(t, self->tracee, NULL, 0, classic.s,
				 ARRAY_SIZE(classic.s));
	ASSERT_LT(0, classic.n);

	pid = spawn(_metadata, self, SPAWN_TRACEME);
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, clear_mask(pid));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, NULL, NULL);
	expect_stops(_metadata, t, pid, NULL, 0, &classic,
		     "empty blacklist against classic");
}

/* ---- exit stops ---- */

TEST_F(mask, noexit_list_drops_only_the_exit_stop)
{
	struct expect e = { 0 };
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid, __NR_gettid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_getpid, false);
	want_syscall(&e, __NR_getppid, true);
	run_and_expect(_metadata, self, pid, &e, "whitelist, no-exit");
	EXPECT_EQ(pid, self->sh->results[1]) {
		TH_LOG("getpid without exit stop returned %ld",
		       self->sh->results[1]);
	}

	/* The no-exit list applies in blacklist mode too. */
	pid = spawn(_metadata, self, SPAWN_TRACEME);
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	e.n = 0;
	want_syscall(&e, __NR_getppid, false);
	want_syscalls(&e, NRS(__NR_getpid, __NR_gettid));
	want_syscall(&e, __NR_getppid, false);
	want_syscall(&e, __NR_exit_group, false);
	run_and_expect(_metadata, self, pid, &e, "blacklist, no-exit");
	EXPECT_EQ(getpid(), self->sh->results[0]);
}

struct rewrite {
	int entries;
};

/* Rewrites the syscall number at the first four entry stops. */
static void rewrite_nr(struct tracer *tr, const struct stop *s)
{
	static const long new_nr[] = {
		__NR_gettid,	/* not listed */
		-1,		/* out of the table: skipped */
		__NR_getpid,	/* listed, in the no-exit list */
		__NR_getppid,	/* listed, with an exit stop */
	};
	struct __test_metadata *_metadata = tr->metadata;
	struct rewrite *rw = tr->arg;

	if (s->kind != STOP_ENTRY || rw->entries >= (int)ARRAY_SIZE(new_nr))
		return;
	EXPECT_EQ(0, set_syscall_nr(s->pid, (int)new_nr[rw->entries])) {
		TH_LOG("setting the syscall number at entry %d",
		       rw->entries);
	}
	rw->entries++;
}

TEST_F(mask, exit_stop_is_decided_at_entry_despite_new_nr)
{
	struct rewrite rw = { 0 };
	struct expect e = { 0 };
	int exit_stop;
	const struct trace *t;
	struct shared *sh = self->sh;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(sh, NRS(__NR_getppid, __NR_getppid, __NR_getppid,
				__NR_getpid, __NR_gettid));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, rewrite_nr, &rw);
	want_syscalls(&e, NRS(__NR_getppid, __NR_getppid, __NR_getppid));
	want_syscall(&e, __NR_getpid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "rewritten numbers");

	/* The rewrites took effect: the results are the new syscalls'. */
	EXPECT_EQ(pid, sh->results[0]);
	EXPECT_NE(getpid(), sh->results[1]);
	EXPECT_EQ(pid, sh->results[2]);
	EXPECT_EQ(getpid(), sh->results[3]);
	EXPECT_EQ(pid, sh->results[4]);
	exit_stop = find_stop(t, pid, STOP_EXIT, 0);
	ASSERT_LE(0, exit_stop);
	EXPECT_EQ(pid, t->stops[exit_stop].rval);
}

/* Changes the lists and the mode at the entry stops of getppid, getpid. */
static void change_lists(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;

	if (s->kind != STOP_ENTRY)
		return;
	if (s->nr == __NR_getppid) {
		EXPECT_EQ(0, set_prog_list(s->pid, 0, NRS(__NR_getpid)));
		EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_getpid, __NR_getppid)));
	} else if (s->nr == __NR_getpid) {
		EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_gettid)));
		EXPECT_EQ(0, mask_mode(s->pid, MODE_BLACKLIST));
	}
}

TEST_F(mask, exit_stop_is_decided_at_entry_despite_new_lists)
{
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_getuid));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_getpid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, change_lists, NULL);
	want_syscall(&e, __NR_getppid, true);	/* listed at entry */
	want_syscall(&e, __NR_getpid, false);	/* no-exit at entry */
	want_syscall(&e, __NR_getuid, true);	/* now a blacklist */
	want_syscall(&e, __NR_exit_group, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "lists changed at entry");
}

/* ---- numbers out of the table ---- */

static void out_of_table_script(struct shared *sh)
{
	script_reset(sh);
	script_add(sh, OP_SYSCALL, -1, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SYSCALL, OUT_OF_TABLE, 0);
#ifdef __arm__
	script_add(sh, OP_SYSCALL, ARM_PRIVATE_NR, 0);
#endif
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
}

/*
 * Runs out_of_table_script() in @mode with every syscall of this ABI
 * listed: @e are the stops expected.
 */
static void check_out_of_table(struct __test_metadata *_metadata,
			       FIXTURE_DATA(mask) * self, int mode,
			       const struct expect *e, const char *what)
{
	struct list ones;

	out_of_table_script(self->sh);
	/* Setting every bit sets none beyond the table. */
	memset(&ones, 0xff, sizeof(ones));
	ASSERT_EQ(0, mask_set(self->tracee, prog_arch(), 0, &ones, LIST_BITS));
	ASSERT_EQ(0, mask_mode(self->tracee, mode));
	run_and_expect(_metadata, self, self->tracee, e, what);
}

TEST_F(mask, out_of_table_numbers_never_stop_in_whitelist)
{
	struct expect e = { 0 };

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	want_syscalls(&e, NRS(__NR_getpid, __NR_getppid));
	want_syscall(&e, __NR_exit_group, false);
	check_out_of_table(_metadata, self, MODE_WHITELIST, &e,
			   "whitelist of everything");
}

TEST_F(mask, out_of_table_numbers_always_stop_in_blacklist)
{
	struct expect e = { 0 };

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	want_syscalls(&e, NRS(-1, OUT_OF_TABLE));
#ifdef __arm__
	want_syscall(&e, ARM_PRIVATE_NR, true);
#endif
	check_out_of_table(_metadata, self, MODE_BLACKLIST, &e,
			   "blacklist of everything");
}

/* ---- single-step ---- */

/*
 * Steps over getppid from its entry stop. The kernel reports the step at
 * the syscall's exit, before any user instruction: where the entry stop
 * was. A step report is no exit stop: the mask must not drop it.
 */
static void check_step_over_syscall(struct __test_metadata *_metadata,
				    pid_t pid)
{
	struct ptrace_syscall_info entry, step;
	int status;

	ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == (SIGTRAP | 0x80)) {
		TH_LOG("no entry stop: wait status %#x", status);
	}
	ASSERT_LT(0, sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(entry),
				(unsigned long)&entry));
	ASSERT_EQ(PTRACE_SYSCALL_INFO_ENTRY, entry.op);
	ASSERT_EQ((__u64)__NR_getppid, entry.entry.nr);
	if (sys_ptrace(PTRACE_SINGLESTEP, pid, 0, 0) && errno == EIO)
		SKIP(return, "no PTRACE_SINGLESTEP on this kernel");
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP) {
		TH_LOG("after the step: wait status %#x", status);
	}
	ASSERT_LT(0, sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(step),
				(unsigned long)&step));
	EXPECT_EQ(entry.instruction_pointer, step.instruction_pointer) {
		TH_LOG("the step was not reported at the syscall's exit");
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_CONT, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Needs nothing: checks what the next test relies on. */
TEST_F(mask, step_from_entry_stop_is_reported_at_exit)
{
	standard_script(self->sh);
	check_step_over_syscall(_metadata, self->tracee);
}

TEST_F(mask, step_report_stays_without_exit_stop)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	standard_script(self->sh);
	ASSERT_EQ(0, set_prog_list(self->tracee, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, set_prog_list(self->tracee, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(self->tracee, MODE_WHITELIST));
	check_step_over_syscall(_metadata, self->tracee);
}

/* ---- SYSEMU: x86 and arm64 ---- */

#ifdef PTRACE_SYSEMU
static void check_sysemu(struct __test_metadata *_metadata,
			 FIXTURE_DATA(mask) * self, pid_t pid, int mode,
			 struct nrs list, bool getpid_stops, bool getppid_stops)
{
	struct shared *sh = self->sh;
	struct expect e = { 0 };
	const struct trace *t;

	ASSERT_EQ(0, set_prog_list(pid, 0, list));
	ASSERT_EQ(0, mask_mode(pid, mode));
	t = run(_metadata, self, pid, PTRACE_SYSEMU, NULL, NULL);
	for (int i = 0; i < 4; i += 2) {
		if (getpid_stops)
			want_syscall(&e, __NR_getpid, false);
		if (getppid_stops)
			want_syscall(&e, __NR_getppid, false);
	}
	expect_stops(_metadata, t, pid, NULL, 0, &e, "SYSEMU");
	for (int i = 0; i < 4; i += 2) {
		/* Emulated syscalls return what the tracer left: not these. */
		EXPECT_EQ(!getpid_stops, sh->results[i] == pid) {
			TH_LOG("getpid #%d returned %ld, pid %d", i / 2,
			       sh->results[i], pid);
		}
		EXPECT_EQ(!getppid_stops, sh->results[i + 1] == getpid()) {
			TH_LOG("getppid #%d returned %ld, ppid %d", i / 2,
			       sh->results[i + 1], getpid());
		}
	}
}
#endif /* PTRACE_SYSEMU */

TEST_F(mask, sysemu_runs_unstopped_syscalls_natively)
{
#ifdef PTRACE_SYSEMU
	struct shared *sh = self->sh;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(sh, NRS(__NR_getpid, __NR_getppid, __NR_getpid,
				__NR_getppid));
	check_sysemu(_metadata, self, self->tracee, MODE_WHITELIST,
		     NRS(__NR_getppid), false, true);
	check_sysemu(_metadata, self, spawn(_metadata, self, SPAWN_TRACEME),
		     MODE_WHITELIST, NRS(__NR_getppid, __NR_getpid),
		     true, true);
	/* exit_group and exit must not be emulated, or it never ends. */
	check_sysemu(_metadata, self, spawn(_metadata, self, SPAWN_TRACEME),
		     MODE_BLACKLIST, NRS(__NR_getpid, __NR_exit_group,
					 __NR_exit), false, true);
#else
	SKIP(return, "no PTRACE_SYSEMU on %s", program_abi()->name);
#endif
}

/* ---- seccomp ---- */

TEST_F(mask, seccomp_trace_stops_are_not_masked)
{
	struct expect e = { 0 };
	pid_t pid;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_getppid));
	pid = spawn(_metadata, self, SPAWN_TRACEME | SPAWN_SECCOMP);
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0,
				OPTIONS | PTRACE_O_TRACESECCOMP));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	/*
	 * getppid gets no entry stop, but PTRACE_SYSCALL from its seccomp
	 * stop asks for its exit stop.
	 */
	want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getpid, true);
	want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	run_and_expect(_metadata, self, pid, &e, "SECCOMP_RET_TRACE");
	EXPECT_EQ(getpid(), self->sh->results[0]);
}

/* ---- lifetime ---- */

static void set_some_mask(struct __test_metadata *_metadata, pid_t pid)
{
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_getppid)));
	if (other_kernel_abi()) {
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch, 0,
				      NRS(1, 2, 3)));
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch,
				      PTRACE_SYSCALLMASK_NOEXIT, NRS(4)));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
}

static void expect_clean_mask(struct __test_metadata *_metadata, pid_t pid,
			      const char *what)
{
	struct mask_state s, clean;
	char desc[600];
	int ret = mask_snapshot(pid, &s);

	EXPECT_EQ(0, ret) {
		TH_LOG("%s: PTRACE_GETSYSCALLMASK: %s", what, strerror(-ret));
		return;
	}
	clean = s;
	clean.mode = MODE_BLACKLIST;
	for (int i = 0; i < clean.nabi; i++)
		memset(clean.abi[i].lists, 0, sizeof(clean.abi[i].lists));
	EXPECT_TRUE(mask_state_equal(&s, &clean)) {
		mask_state_describe(&s, desc, sizeof(desc));
		TH_LOG("%s: %s", what, desc);
	}
}

static void clear_mask_at_getppid(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;

	if (s->kind != STOP_ENTRY || s->nr != __NR_getppid)
		return;
	EXPECT_EQ(0, clear_mask(s->pid));
	expect_clean_mask(_metadata, s->pid, "cleared at an entry stop");
}

/*
 * A tracer that goes back to no mask while it goes on tracing gets every
 * stop again, exit stops included; the syscall it did so in keeps the
 * exit stop decided at its entry.
 */
TEST_F(mask, cleared_mask_at_entry_gives_classic_stops)
{
	struct expect e = { 0 };
	const struct trace *t;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_gettid));
	set_some_mask(_metadata, self->tracee);
	t = run(_metadata, self, self->tracee, PTRACE_SYSCALL,
		clear_mask_at_getppid, NULL);
	want_syscall(&e, __NR_getppid, false);	/* no-exit at entry */
	want_syscalls(&e, NRS(__NR_getpid, __NR_gettid));
	want_syscall(&e, __NR_exit_group, false);
	expect_stops(_metadata, t, self->tracee, NULL, 0, &e,
		     "mask cleared at entry");
}

/* Seizes a process that runs freely and stops it. */
static void seize(struct __test_metadata *_metadata, pid_t pid,
		  unsigned long options)
{
	int status;

	ASSERT_EQ(0, sys_ptrace(PTRACE_SEIZE, pid, 0, options)) {
		TH_LOG("PTRACE_SEIZE: %s", strerror(errno));
	}
	ASSERT_EQ(0, sys_ptrace(PTRACE_INTERRUPT, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, __WALL));
	ASSERT_TRUE(WIFSTOPPED(status) && status >> 16 == PTRACE_EVENT_STOP) {
		TH_LOG("after PTRACE_INTERRUPT: wait status %#x", status);
	}
}

/* The spinning tracee's script after the spin: every stop expected. */
static void expect_all_stops(struct __test_metadata *_metadata,
			     const struct trace *t, pid_t pid)
{
	static const int nrs[] = { __NR_getppid, __NR_getpid };
	struct expect e = { 0 };

	want_syscalls(&e, NRS(__NR_getppid, __NR_getpid, __NR_getppid));
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "a later tracer");
}

static void spin_script(struct shared *sh)
{
	script_reset(sh);
	script_add(sh, OP_SPIN, 0, 0);
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
}

/* A second tracer: attaches, checks the mask is clean, traces to the end. */
static void later_tracer(struct __test_metadata *_metadata,
			 FIXTURE_DATA(mask) * self, pid_t pid)
{
	struct tracer t = {
		.resume = PTRACE_SYSCALL, .out = &self->sh->other_trace,
	};

	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, pid, "after the first tracer detached");
	script_go(self->sh);
	EXPECT_EQ(0, trace_run(&t, pid)) {
		TH_LOG("second tracer: %s", t.out->error);
	}
}

TEST_F(mask, detach_clears_the_mask)
{
	struct mask_state s;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	spin_script(self->sh);
	set_some_mask(_metadata, pid);
	ASSERT_EQ(0, mask_snapshot(pid, &s));
	ASSERT_EQ(MODE_WHITELIST, s.mode);
	ASSERT_EQ(0, sys_ptrace(PTRACE_DETACH, pid, 0, 0));
	wait_helper(_metadata, helper(_metadata, self, later_tracer, pid));
	expect_all_stops(_metadata, &self->sh->other_trace, pid);
}

/* The first tracer: seizes, sets a mask, exits with the tracee stopped. */
static void exiting_tracer(struct __test_metadata *_metadata,
			   FIXTURE_DATA(mask) * self, pid_t pid)
{
	struct mask_state s;

	(void)self;
	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD);
	set_some_mask(_metadata, pid);
	EXPECT_EQ(0, mask_snapshot(pid, &s));
	EXPECT_EQ(MODE_WHITELIST, s.mode);
}

TEST_F(mask, tracer_exit_clears_the_mask)
{
	const struct trace *t;
	pid_t pid;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	spin_script(self->sh);
	pid = spawn(_metadata, self, SPAWN_FREE);
	wait_helper(_metadata, helper(_metadata, self, exiting_tracer, pid));
	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, pid, "after the first tracer exited");
	script_go(self->sh);
	t = run(_metadata, self, pid, PTRACE_SYSCALL, NULL, NULL);
	expect_all_stops(_metadata, t, pid);
}

/* A mask some stops must find, and how many such stops there were. */
struct mask_check {
	struct mask_state want;
	int checks;
};

static void compare_new_tracee(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;
	struct mask_check *mc = tr->arg;

	if (s->kind != STOP_NEW)
		return;
	mc->checks++;
	expect_mask(_metadata, s->pid, &mc->want,
		    "a new tracee, against its parent's");
	/* The copy is the child's own: this must not reach the parent. */
	EXPECT_EQ(0, set_prog_list(s->pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid, __NR_getppid)));
}

/*
 * @op makes a new tracee that runs getppid, gettid, getpid; then the
 * parent does. The new tracee starts with its parent's mask, and changes
 * to it at its first stop leave the parent's alone.
 */
static void check_inheritance(struct __test_metadata *_metadata,
			      FIXTURE_DATA(mask) * self, int op)
{
	struct mask_check mc = { 0 };
	struct expect e = { 0 };
	const struct trace *t;
	int born;
	struct shared *sh = self->sh;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_reset(sh);
	script_add(sh, op, 0, op == OP_VFORK_EXEC ? 0 : 3);
	if (op == OP_VFORK_EXEC) {
		script_exec_args(sh, "/proc/self/exe", "getppid gettid getpid");
	} else {
		script_add(sh, OP_SYSCALL, __NR_getppid, 0);
		script_add(sh, OP_SYSCALL, __NR_gettid, 0);
		script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	}
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
	script_add(sh, OP_SYSCALL, __NR_gettid, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_gettid)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid)));
	if (other_kernel_abi()) {
		ASSERT_EQ(0, set_list(pid, other_kernel_abi()->audit_arch, 0,
				      NRS(5, 6)));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &mc.want));

	t = run(_metadata, self, pid, PTRACE_SYSCALL, compare_new_tracee, &mc);
	EXPECT_EQ(1, mc.checks);
	/*
	 * fork, vfork or clone gets no entry stop, but PTRACE_SYSCALL from
	 * its event stop asks for its exit stop.
	 */
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "the parent");
	born = find_stop(t, 0, STOP_NEW, 0);
	ASSERT_LE(0, born);
	e.n = 0;
	/* The vfork child's execve, from its exec event stop likewise. */
	if (op == OP_VFORK_EXEC)
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, false);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, t->stops[born].pid, NULL, 0, &e,
		     "the new tracee");
	EXPECT_EQ(0, sh->results[0] < 0) {
		TH_LOG("the tracee could not make its child: %ld",
		       sh->results[0]);
	}
}

TEST_F(mask, fork_child_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_FORK);
}

TEST_F(mask, vfork_child_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_VFORK_EXEC);
}

TEST_F(mask, thread_inherits_the_mask)
{
	check_inheritance(_metadata, self, OP_THREAD);
}

/* The result of call @i of the script, once it is there (up to 10 s). */
static long wait_for_result(struct shared *sh, int i)
{
	long ret;

	for (int tries = 0; tries < 10000; tries++) {
		ret = __atomic_load_n(&sh->results[i], __ATOMIC_ACQUIRE);
		if (ret)
			return ret;
		usleep(1000);
	}
	return 0;
}

/*
 * A child that is not auto-attached (no PTRACE_O_TRACEFORK) starts without
 * a mask, whatever its parent's: a tracer that attaches to it later finds
 * classic ptrace.
 */
TEST_F(mask, child_not_auto_attached_has_no_mask)
{
	struct shared *sh = self->sh;
	pid_t pid = self->tracee, child;
	int status;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	/* The child tells its pid, then spins until script_go(). */
	script_reset(sh);
	script_add(sh, OP_FORK, 0, 2);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SPIN, 0, 0);
	set_some_mask(_metadata, pid);
	ASSERT_EQ(0, sys_ptrace(PTRACE_CONT, pid, 0, 0));
	child = wait_for_result(sh, 1);
	ASSERT_LT(0, child) {
		TH_LOG("no child of the tracee ran: fork returned %ld",
		       sh->results[0]);
	}
	seize(_metadata, child, PTRACE_O_EXITKILL);
	expect_clean_mask(_metadata, child, "a child forked untraced");

	/* Both run to their end, the child untraced again. */
	ASSERT_EQ(0, kill(pid, SIGSTOP));
	ASSERT_EQ(pid, waitpid(pid, &status, __WALL));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	script_go(sh);
	ASSERT_EQ(0, sys_ptrace(PTRACE_DETACH, child, 0, 0));
	run(_metadata, self, pid, PTRACE_CONT, NULL, NULL);
	EXPECT_EQ(child, sh->results[0]);
}

static void compare_after_exec(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;
	struct mask_check *mc = tr->arg;

	if (s->kind != STOP_EVENT || s->nr != PTRACE_EVENT_EXEC)
		return;
	mc->checks++;
	expect_mask(_metadata, s->pid, &mc->want,
		    "after execve, against before");
}

/* A script that execs @path, which then runs the syscalls @names. */
static void exec_script(struct shared *sh, const char *path,
			const char *names)
{
	script_reset(sh);
	script_add(sh, OP_EXEC, 0, 0);
	script_exec_args(sh, path, names);
}

TEST_F(mask, exec_keeps_the_mask)
{
	struct mask_check mc = { 0 };
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	exec_script(self->sh, "/proc/self/exe", "getppid gettid getpid");
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid, __NR_gettid,
					       __NR_execve)));
	ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
				   NRS(__NR_gettid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &mc.want));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, compare_after_exec, &mc);
	EXPECT_EQ(1, mc.checks);
	want_syscall(&e, __NR_execve, true);
	want_syscall(&e, __NR_getppid, true);
	want_syscall(&e, __NR_gettid, false);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "across execve");
}

TEST_F(mask, exec_into_other_abi_uses_its_lists)
{
	char path[PATH_MAX];
	const struct abi *other;
	struct expect e = { 0 };
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	other = other_abi_program(path, sizeof(path));
	if (!other)
		SKIP(return, "no build of this program for another ABI here");
	exec_script(self->sh, path, "getppid getpid getppid");
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getpid, __NR_execve)));
	ASSERT_EQ(0, set_list(pid, other->audit_arch, 0, NRS(other->getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	want_syscall(&e, __NR_execve, false);
	want(&e, STOP_EXIT, __NR_execve, 0);
	for (int i = 0; i < 2; i++) {
		want(&e, STOP_ENTRY, other->getppid, other->audit_arch);
		want(&e, STOP_EXIT, other->getppid, other->audit_arch);
	}
	run_and_expect(_metadata, self, pid, &e, path);
}

/*
 * Resumes with PTRACE_CONT from the first exit stop on, and with
 * PTRACE_SYSCALL again from the PTRACE_EVENT_EXEC stop on: execve is
 * entered without syscall stops, which come back in its middle.
 */
static void syscall_stops_back_at_exec(struct tracer *tr, const struct stop *s)
{
	bool *exec_seen = tr->arg;

	if (s->kind == STOP_EXIT && !*exec_seen)
		tr->resume = PTRACE_CONT;
	if (s->kind == STOP_EVENT && s->nr == PTRACE_EVENT_EXEC) {
		*exec_seen = true;
		tr->resume = PTRACE_SYSCALL;
	}
}

/*
 * The tracee runs getppid, then execs this program, which runs getppid.
 * Without a mask it runs under PTRACE_CONT until the exec event; with
 * @masked, a whitelist that lists execve, it is traced until the exit stop
 * of getppid, then runs execve under PTRACE_CONT. From the exec event on
 * it is traced again, and gets the exit stop of execve either way.
 */
static void check_exec_event_resume(struct __test_metadata *_metadata,
				    FIXTURE_DATA(mask) * self, bool masked)
{
	static const int nrs[] = { __NR_getppid, NR_UNPAIRED };
	bool exec_seen = false;
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;

	script_syscalls(self->sh, NRS(__NR_getppid));
	script_add(self->sh, OP_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getppid");
	if (masked) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid,
						       __NR_execve)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
		want_syscall(&e, __NR_getppid, true);
	}
	/* execve's, though it got no entry stop */
	want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	want_syscall(&e, __NR_getppid, true);	/* of the new image */
	t = run(_metadata, self, pid, masked ? PTRACE_SYSCALL : PTRACE_CONT,
		syscall_stops_back_at_exec, &exec_seen);
	EXPECT_TRUE(exec_seen);
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     masked ? "mask, PTRACE_SYSCALL at the exec event" :
		     "no mask, PTRACE_SYSCALL at the exec event");
}

/*
 * Needs nothing: classic ptrace reports the exit of a syscall entered
 * while syscall stops were off, when they come on in its middle. Not on
 * the 32-bit ARM kernel: its syscall return path looks at the flags of
 * syscall work only when other work is pending, so it may report the
 * exit stop or not.
 */
TEST_F(mask, classic_exit_stop_after_syscall_resume_at_exec_event)
{
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	check_exec_event_resume(_metadata, self, false);
}

/*
 * With a mask as without: execve got no entry stop because syscall stops
 * were off, and the tracer asks for them at the exec event: it gets the
 * exit stop of execve, although the mask lists execve.
 */
TEST_F(mask, exit_stop_after_syscall_resume_at_exec_event)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	check_exec_event_resume(_metadata, self, true);
}

/* ---- syscall stops on and off at a stop inside a syscall ---- */

struct inside_resume {
	int kind;	/* the stop inside the syscall: STOP_SECCOMP, STOP_EVENT */
	int event;	/* its PTRACE_EVENT_*, for STOP_EVENT */
	long resume;	/* how the tracer resumes from it */
	pid_t pid;	/* the tracee it applies to */
	int seen;
};

/*
 * Resumes with inside_resume::resume from the stop inside the syscall, and
 * from the exit stop that may follow with PTRACE_CONT, as strace
 * --seccomp-bpf does with PTRACE_SYSCALL from a seccomp stop.
 */
static void resume_inside_syscall(struct tracer *tr, const struct stop *s)
{
	struct inside_resume *ir = tr->arg;

	if (s->pid != ir->pid)
		return;
	if (s->kind == ir->kind &&
	    (s->kind != STOP_EVENT || s->nr == ir->event)) {
		ir->seen++;
		tr->resume = ir->resume;
	} else if (s->kind == STOP_EXIT && ir->seen) {
		tr->resume = PTRACE_CONT;
	}
}

enum seccomp_mask {
	SECCOMP_NO_MASK,	/* classic ptrace */
	SECCOMP_MASK_SKIPS,	/* a whitelist without getppid */
	SECCOMP_MASK_NOEXIT,	/* getppid in the stop and no-exit lists */
};

/*
 * The tracee runs getppid, getpid, getppid under a SECCOMP_RET_TRACE filter
 * for getppid. The tracer starts with @start and resumes from each seccomp
 * stop with PTRACE_SYSCALL, then from the exit stop with PTRACE_CONT.
 */
static void check_seccomp_then_syscall(struct __test_metadata *_metadata,
				       FIXTURE_DATA(mask) * self,
				       enum seccomp_mask how, long start)
{
	static const int nrs[] = { __NR_getppid, NR_UNPAIRED };
	struct inside_resume ir = {
		.kind = STOP_SECCOMP, .resume = PTRACE_SYSCALL,
	};
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid;

	if (how != SECCOMP_NO_MASK &&
	    mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	script_syscalls(self->sh, NRS(__NR_getppid, __NR_getpid, __NR_getppid));
	pid = spawn(_metadata, self, SPAWN_TRACEME | SPAWN_SECCOMP);
	ir.pid = pid;
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0,
				OPTIONS | PTRACE_O_TRACESECCOMP));
	if (how == SECCOMP_MASK_SKIPS) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getpid)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	} else if (how == SECCOMP_MASK_NOEXIT) {
		ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
		ASSERT_EQ(0, set_prog_list(pid, PTRACE_SYSCALLMASK_NOEXIT,
					   NRS(__NR_getppid)));
		ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	}
	for (int i = 0; i < 2; i++) {
		if (start == PTRACE_SYSCALL && how == SECCOMP_MASK_NOEXIT) {
			/* Reported at entry, no exit stop: decided there. */
			want(&e, STOP_ENTRY, __NR_getppid, prog_arch());
			want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
			continue;
		}
		want(&e, STOP_SECCOMP, __NR_getppid, prog_arch());
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	}
	t = run(_metadata, self, pid, start, resume_inside_syscall, &ir);
	EXPECT_EQ(2, ir.seen);
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "PTRACE_SYSCALL from a seccomp stop");
	/* getppid of the tracee, which this process forked */
	EXPECT_EQ(getpid(), self->sh->results[0]);
	EXPECT_EQ(getpid(), self->sh->results[2]);
}

/* strace --seccomp-bpf: PTRACE_CONT, seccomp stop, PTRACE_SYSCALL, exit */
TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_classic)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_NO_MASK,
				   PTRACE_CONT);
}

TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_with_mask)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_SKIPS,
				   PTRACE_CONT);
}

/* The entry stop was not reported: the no-exit list does not apply. */
TEST_F(mask, seccomp_stop_then_syscall_gets_exit_stop_despite_noexit)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_NOEXIT,
				   PTRACE_CONT);
}

/* Syscall stops on all along, the mask skipped the entry of getppid. */
TEST_F(mask, seccomp_stop_in_masked_syscall_then_syscall_gets_exit_stop)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_SKIPS,
				   PTRACE_SYSCALL);
}

/*
 * getppid is reported at entry and listed as no-exit: PTRACE_SYSCALL from
 * its seccomp stop gives no exit stop, as decided at entry.
 */
TEST_F(mask, seccomp_stop_keeps_the_entry_decision_of_a_reported_syscall)
{
	check_seccomp_then_syscall(_metadata, self, SECCOMP_MASK_NOEXIT,
				   PTRACE_SYSCALL);
}

/* The syscalls vfork() may make: vfork, or clone where there is none. */
static struct nrs vfork_nrs(void)
{
#ifdef __NR_vfork
	return NRS(__NR_vfork, __NR_clone);
#else
	return NRS(__NR_clone);
#endif
}

/*
 * The tracee vforks a child that execs this program. The tracer starts
 * with @start and resumes from the PTRACE_EVENT_VFORK stop of the parent
 * with @at_event. @whitelist_vfork: a whitelist mask that lists the
 * syscall of vfork() (vfork or clone); otherwise one that does not.
 * The exit stop of the vfork follows iff syscall stops come on at the
 * event or the entry was reported and they stay on.
 */
static void check_vfork_event_resume(struct __test_metadata *_metadata,
				     FIXTURE_DATA(mask) * self, long start,
				     long at_event, bool whitelist_vfork)
{
	static const int nrs[] = { NR_UNPAIRED };
	struct inside_resume ir = {
		.kind = STOP_EVENT, .event = PTRACE_EVENT_VFORK,
		.resume = at_event,
	};
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee;
	bool exit_stop;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (kabi.native->audit_arch == AUDIT_ARCH_ARM)
		SKIP(return, "the arm kernel may not see syscall stops come on in a syscall");
	ir.pid = pid;
	script_reset(self->sh);
	script_add(self->sh, OP_VFORK_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getpid");
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, whitelist_vfork ? vfork_nrs() :
				   NRS(__NR_getpid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));

	exit_stop = at_event == PTRACE_SYSCALL;
	if (exit_stop)
		want(&e, STOP_EXIT, NR_UNPAIRED, 0);
	t = run(_metadata, self, pid, start, resume_inside_syscall, &ir);
	EXPECT_EQ(1, ir.seen);
	/* A reported entry pairs its exit: look at unpaired exits only. */
	if (start == PTRACE_SYSCALL && whitelist_vfork)
		e.n = 0;
	expect_stops(_metadata, t, pid, nrs, ARRAY_SIZE(nrs), &e,
		     "syscall stops changed at the vfork event");
	EXPECT_LT(0, self->sh->results[0]);
}

/* Off at entry, on at the event: the exit stop, though the mask skips */
TEST_F(mask, vfork_event_syscall_resume_gets_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_CONT, PTRACE_SYSCALL,
				 false);
}

/* On at entry, skipped by the mask, on at the event: the exit stop */
TEST_F(mask, vfork_event_syscall_resume_in_masked_syscall_gets_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_SYSCALL,
				 PTRACE_SYSCALL, false);
}

/* On at entry, skipped by the mask, off at the event: no exit stop */
TEST_F(mask, vfork_event_cont_in_masked_syscall_gets_no_exit_stop)
{
	check_vfork_event_resume(_metadata, self, PTRACE_SYSCALL, PTRACE_CONT,
				 false);
}

/* On at entry and reported, off at the event: no exit stop either */
TEST_F(mask, vfork_event_cont_drops_the_exit_stop)
{
	struct inside_resume ir = {
		.kind = STOP_EVENT, .event = PTRACE_EVENT_VFORK,
		.resume = PTRACE_CONT,
	};
	const struct trace *t;
	pid_t pid = self->tracee;
	int entry, i;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	ir.pid = pid;
	script_reset(self->sh);
	script_add(self->sh, OP_VFORK_EXEC, 0, 0);
	script_exec_args(self->sh, "/proc/self/exe", "getpid");
	ASSERT_EQ(0, sys_ptrace(PTRACE_SETOPTIONS, pid, 0, INHERIT_OPTIONS));
	ASSERT_EQ(0, set_prog_list(pid, 0, vfork_nrs()));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, resume_inside_syscall, &ir);
	EXPECT_EQ(1, ir.seen);
	entry = find_stop(t, pid, STOP_ENTRY, 0);
	ASSERT_LE(0, entry);
	for (i = entry + 1; i < t->nstops; i++)
		if (t->stops[i].pid == pid)
			EXPECT_NE(STOP_EXIT, t->stops[i].kind);
}

/* ---- mixed ABIs ---- */

TEST_F(mask, int80_uses_the_i386_lists)
{
	const struct abi *ia32 = abi_by_name("i386");
	struct expect e = { 0 };
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (!have_int80())
		SKIP(return, "int $0x80 needs an x86_64 build and i386 emulation");
	script_reset(self->sh);
	script_add(self->sh, OP_INT80, ia32->getpid, 0);
	script_add(self->sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(self->sh, OP_SYSCALL, __NR_getppid, 0);
	script_add(self->sh, OP_INT80, ia32->getppid, 0);
	ASSERT_EQ(0, set_list(pid, AUDIT_ARCH_I386, 0, NRS(ia32->getpid)));
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	want(&e, STOP_ENTRY, ia32->getpid, AUDIT_ARCH_I386);
	want(&e, STOP_EXIT, ia32->getpid, AUDIT_ARCH_I386);
	want_syscall(&e, __NR_getppid, true);
	run_and_expect(_metadata, self, pid, &e, "int $0x80");
	EXPECT_EQ(pid, self->sh->results[0]);
	EXPECT_EQ(getpid(), self->sh->results[3]);
}

TEST_F(mask, x32_uses_the_x86_64_lists)
{
	struct expect e = { 0 };
	pid_t pid = self->tracee;
	long nr64 = list_bit(__NR_getpid);

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (!is_x32())
		SKIP(return, "an x32 build tests this");
	EXPECT_EQ(-EINVAL, mask_seed(pid, true, __NR_getpid)) {
		TH_LOG("the seed form took an x32 number with its x32 bit");
	}
	/* The second one is the x86_64 ABI's. */
	script_syscalls(self->sh, NRS(__NR_getpid, nr64, __NR_getppid));
	ASSERT_EQ(0, set_list(pid, AUDIT_ARCH_X86_64, 0, NRS(nr64)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	want_syscalls(&e, NRS(__NR_getpid, nr64));
	run_and_expect(_metadata, self, pid, &e, "x32");
}

/*
 * x32's own syscalls, 512 to 547, follow the x86_64 table in the x86_64
 * lists on a kernel with x32, and GET reports that larger table.
 */
#define X32_FIRST_OWN_NR	512U
#define X32_LAST_OWN_NR		547U
#define X32_IOCTL_NR		514U

TEST_F(mask, x86_64_lists_cover_x32_syscalls)
{
	struct list l = { { 0 } };
	__u32 nr_bits = LIST_BITS;
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (!have_x32_syscalls())
		SKIP(return, "no x32 ABI in this kernel, or not an x86_64 program");
	ASSERT_EQ(0, mask_get(pid, AUDIT_ARCH_X86_64, 0, &l, &nr_bits));
	EXPECT_LE(X32_LAST_OWN_NR + 1, nr_bits) {
		TH_LOG("GET reports %u bits for x86_64, short of x32's %d",
		       nr_bits, X32_LAST_OWN_NR);
	}
	/* Both ends of x32's own range are in the table, seed form too. */
	EXPECT_EQ(0, mask_seed(pid, true, X32_FIRST_OWN_NR));
	EXPECT_EQ(0, mask_seed(pid, true, X32_LAST_OWN_NR));
	nr_bits = LIST_BITS;
	ASSERT_EQ(0, mask_get(pid, AUDIT_ARCH_X86_64, 0, &l, &nr_bits));
	EXPECT_TRUE(list_has(&l, X32_FIRST_OWN_NR));
	EXPECT_TRUE(list_has(&l, X32_LAST_OWN_NR));
	EXPECT_EQ(-EINVAL, mask_seed(pid, true, nr_bits));
}

/*
 * ioctl(-1, 0) of x32 is x32's own syscall 514, EBADF. @whitelist: only it
 * stops; otherwise everything but it.
 */
static void check_x32_own_syscall(struct __test_metadata *_metadata,
				  FIXTURE_DATA(mask) * self, bool whitelist)
{
	struct expect e = { 0 };
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (!is_x32())
		SKIP(return, "an x32 build tests this");
	ASSERT_EQ(X32_IOCTL_NR, list_bit(__NR_ioctl));
	script_reset(self->sh);
	script_add(self->sh, OP_SYSCALL, __NR_getpid, 0);
	script_add_args(self->sh, __NR_ioctl, -1, 0, 0, 0);
	script_add(self->sh, OP_SYSCALL, __NR_getppid, 0);
	ASSERT_EQ(0, set_list(pid, AUDIT_ARCH_X86_64, 0, NRS(X32_IOCTL_NR)));
	ASSERT_EQ(0, mask_mode(pid, whitelist ? MODE_WHITELIST :
					      MODE_BLACKLIST));
	if (whitelist) {
		want_syscall(&e, __NR_ioctl, true);
	} else {
		want_syscall(&e, __NR_getpid, true);
		want_syscall(&e, __NR_getppid, true);
		want_syscall(&e, __NR_exit_group, false);
	}
	run_and_expect(_metadata, self, pid, &e, "x32's own ioctl");
	EXPECT_EQ(-1, self->sh->results[1]);
	EXPECT_EQ(EBADF, self->sh->errnos[1]);
}

TEST_F(mask, x32_own_syscall_whitelisted)
{
	check_x32_own_syscall(_metadata, self, true);
}

TEST_F(mask, x32_own_syscall_blacklisted)
{
	check_x32_own_syscall(_metadata, self, false);
}

/*
 * ---- races: the lifetime of a mask that running threads read ----
 *
 * These tests drop, replace or inherit a mask while threads of the tracee
 * run masked syscalls on the other CPU, hundreds of times. On their own
 * they catch a crash, a hang or a wrong mask; in a kernel with KASAN,
 * lockdep and PROVE_RCU (make test-debug) also a use after free or a
 * missing rcu_read_lock(). With one CPU they still run, but race less.
 */

#define RACE_THREADS	3
#define RACE_ROUNDS	200
#define RACE_OPTIONS	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE)

struct race {
	int ready;			/* threads that stored their tid */
	pid_t tids[RACE_THREADS + 1];	/* [0]: the main thread */
	int forks;			/* children the fork storm made */
};

static struct race *race_map(void)
{
	struct race *r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return r == MAP_FAILED ? NULL : r;
}

/*
 * getpid and sched_yield are in no stop list of these tests. The yield
 * lets the tracer run often enough on a CPU it shares with the spinners.
 */
static void race_spin(void)
{
	for (;;) {
		syscall(__NR_getpid);
		syscall(__NR_sched_yield);
	}
}

/* Hundreds of rounds where the threads can race; fewer where they cannot. */
static int race_rounds(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) < 2 ? RACE_ROUNDS / 4 :
						   RACE_ROUNDS;
}

static void *race_thread(void *arg)
{
	struct race *r = arg;
	int i = __atomic_add_fetch(&r->ready, 1, __ATOMIC_SEQ_CST);

	r->tids[i] = syscall(__NR_gettid);
	race_spin();
	return NULL;
}

/*
 * The tracee: RACE_THREADS threads spin getpid; the main thread spins too,
 * or forks children that exit at once, as fast as it can.
 */
static void race_tracee(struct race *r, bool fork_storm)
{
	pthread_t thread;

	r->tids[0] = syscall(__NR_gettid);
	for (int i = 0; i < RACE_THREADS; i++)
		if (pthread_create(&thread, NULL, race_thread, r))
			_exit(2);
	while (fork_storm) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0 && waitpid(pid, NULL, 0) == pid)
			__atomic_add_fetch(&r->forks, 1, __ATOMIC_SEQ_CST);
	}
	race_spin();
}

static pid_t race_spawn(struct race *r, bool fork_storm)
{
	pid_t pid = fork();

	if (pid == 0) {
		race_tracee(r, fork_storm);
		_exit(0);
	}
	while (pid > 0 &&
	       __atomic_load_n(&r->ready, __ATOMIC_SEQ_CST) < RACE_THREADS)
		sched_yield();
	return pid;
}

/*
 * Stops running thread @tid of a tracee seized by the caller. Any
 * ptrace-stop will do: one that comes first, such as a fork event of the
 * fork storm, takes the place of the PTRACE_EVENT_STOP, which the kernel
 * then drops (any trap clears a pending STOP trap), so waiting on for it
 * would wait for ever.
 */
static int race_interrupt(pid_t tid)
{
	int status;

	if (sys_ptrace(PTRACE_INTERRUPT, tid, 0, 0))
		return -errno;
	if (waitpid(tid, &status, __WALL) != tid)
		return -errno;
	return WIFSTOPPED(status) ? 0 : -ECHILD;
}

/* A whitelist of getppid (and gettid if @more): nothing the threads do. */
static int race_set_mask(pid_t tid, bool more)
{
	struct list l = { { 0 } };
	int ret;

	list_add(&l, list_bit(__NR_getppid));
	if (more)
		list_add(&l, list_bit(__NR_gettid));
	ret = mask_set(tid, 0, 0, &l, LIST_BITS);
	return ret ? ret : mask_mode(tid, MODE_WHITELIST);
}

enum race_end { RACE_EXIT, RACE_DETACH };

/*
 * The helper tracer of one round: seizes every thread, gives each a mask
 * and PTRACE_SYSCALL, lets them run a little, then exits or detaches while
 * they run. Its exit status says what went wrong.
 */
static int race_tracer(struct race *r, int round, enum race_end end,
		       long options)
{
	for (int i = 0; i <= RACE_THREADS; i++) {
		pid_t tid = r->tids[i];

		if (sys_ptrace(PTRACE_SEIZE, tid, 0, options))
			return 10;
		if (race_interrupt(tid))
			return 11;
		if (race_set_mask(tid, round & 1))
			return 12;
		if (sys_ptrace(PTRACE_SYSCALL, tid, 0, 0))
			return 13;
	}
	for (int i = 0; i < round % 8; i++)
		sched_yield();
	if (end == RACE_DETACH) {
		for (int i = 0; i <= RACE_THREADS; i++) {
			if (race_interrupt(r->tids[i]))
				return 14;
			if (sys_ptrace(PTRACE_DETACH, r->tids[i], 0, 0))
				return 15;
		}
	}
	return 0;
}

static void race_tracer_ends(struct __test_metadata *_metadata,
			     FIXTURE_DATA(mask) * self, enum race_end end,
			     bool fork_storm)
{
	long options = fork_storm ? RACE_OPTIONS | PTRACE_O_TRACEFORK :
				    RACE_OPTIONS;
	struct race *r;
	pid_t tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		TH_LOG("one CPU: the tracee's threads do not really race");
	r = race_map();
	ASSERT_TRUE(!!r);
	tracee = race_spawn(r, fork_storm);
	ASSERT_LT(0, tracee);
	self->pids[self->npids++] = tracee;

	for (int round = 0; round < race_rounds(); round++) {
		pid_t helper = fork();
		int status;

		ASSERT_LE(0, helper);
		if (helper == 0)
			_exit(race_tracer(r, round, end, options));
		ASSERT_EQ(helper, waitpid(helper, &status, 0));
		ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status)) {
			TH_LOG("round %d: the tracer ended with %#x", round,
			       status);
		}
		/* The tracee runs on, untraced and unharmed. */
		ASSERT_EQ(0, waitpid(tracee, &status, WNOHANG | __WALL)) {
			TH_LOG("round %d: the tracee ended with %#x", round,
			       status);
		}
	}
	if (fork_storm)
		EXPECT_LT(0, __atomic_load_n(&r->forks, __ATOMIC_SEQ_CST));
	kill(tracee, SIGKILL);
	munmap(r, sizeof(*r));
}

TEST_F_TIMEOUT(mask, race_tracer_exits_while_masked_threads_run, 300)
{
	race_tracer_ends(_metadata, self, RACE_EXIT, false);
}

TEST_F_TIMEOUT(mask, race_tracer_detaches_while_sibling_threads_run, 300)
{
	race_tracer_ends(_metadata, self, RACE_DETACH, false);
}

/* Auto-attached children take a reference on the mask as the tracer exits. */
TEST_F_TIMEOUT(mask, race_fork_storm_while_tracer_exits, 300)
{
	race_tracer_ends(_metadata, self, RACE_EXIT, true);
}

/*
 * The threads share one mask (they inherit it through PTRACE_O_TRACECLONE
 * while traced). The tracer replaces the mask of one thread at a time,
 * which drops that thread's reference to the shared mask while the others
 * still read it.
 */
TEST_F_TIMEOUT(mask, race_mask_replaced_while_siblings_share_it, 300)
{
	struct mask_state want, seen;
	struct race *r;
	pid_t tracee;
	int status;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	r = race_map();
	ASSERT_TRUE(!!r);
	tracee = fork();
	ASSERT_LE(0, tracee);
	if (tracee == 0) {
		raise(SIGSTOP);
		race_tracee(r, false);
	}
	self->pids[self->npids++] = tracee;
	ASSERT_EQ(tracee, waitpid(tracee, &status, WUNTRACED));
	ASSERT_EQ(0, sys_ptrace(PTRACE_SEIZE, tracee, 0,
				RACE_OPTIONS | PTRACE_O_EXITKILL));
	ASSERT_EQ(0, race_set_mask(tracee, false));
	kill(tracee, SIGCONT);
	/*
	 * Follow the clones until every thread runs, each with the mask. Not
	 * blocking: the last thread may count itself ready just after the
	 * check, and then no stop is left to wake a blocking wait.
	 */
	while (__atomic_load_n(&r->ready, __ATOMIC_SEQ_CST) < RACE_THREADS) {
		pid_t tid = waitpid(-1, &status, __WALL | WNOHANG);

		ASSERT_LE(0, tid);
		if (!tid) {
			sched_yield();
			continue;
		}
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, tid, 0, 0));
	}

	for (int round = 0; round < race_rounds(); round++) {
		pid_t tid = r->tids[round % (RACE_THREADS + 1)];

		ASSERT_EQ(0, race_interrupt(tid)) {
			TH_LOG("round %d: thread %d did not stop", round, tid);
		}
		ASSERT_EQ(0, race_set_mask(tid, round & 1));
		ASSERT_EQ(0, mask_snapshot(tid, &seen));
		ASSERT_EQ(0, race_set_mask(tid, round & 1));
		ASSERT_EQ(0, mask_snapshot(tid, &want));
		EXPECT_TRUE(mask_state_equal(&want, &seen));
		ASSERT_EQ(0, sys_ptrace(PTRACE_SYSCALL, tid, 0, 0));
	}
	kill(tracee, SIGKILL);
	/*
	 * Traced threads that die wait for their tracer, this test, to reap
	 * them, and until they are reaped the leader cannot be: the fixture's
	 * teardown, which waits for the leader only, would wait for ever.
	 */
	for (int i = 1; i <= RACE_THREADS; i++)
		while (waitpid(r->tids[i], &status, __WALL) == r->tids[i] &&
		       !WIFEXITED(status) && !WIFSIGNALED(status))
			;
	munmap(r, sizeof(*r));
}

/* ---- who may ---- */

static void stranger(struct __test_metadata *_metadata,
		     FIXTURE_DATA(mask) * self, pid_t pid)
{
	struct list l = { { 0 } };
	__u32 nr_bits = LIST_BITS;

	(void)self;
	EXPECT_EQ(-ESRCH, mask_get(pid, 0, 0, &l, &nr_bits));
	EXPECT_EQ(-ESRCH, mask_set(pid, 0, 0, &l, LIST_BITS));
	EXPECT_EQ(-ESRCH, mask_seed(pid, true, 0));
	EXPECT_EQ(-ESRCH, mask_mode(pid, MODE_WHITELIST));
	EXPECT_EQ(-ESRCH, mask_mode(pid, MODE_BLACKLIST));
}

TEST_F(mask, only_the_tracer_may_use_the_requests)
{
	struct mask_state before;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	set_some_mask(_metadata, self->tracee);
	ASSERT_EQ(0, mask_snapshot(self->tracee, &before));
	wait_helper(_metadata, helper(_metadata, self, stranger, self->tracee));
	expect_mask(_metadata, self->tracee, &before, "after another process");
}

TEST_F(mask, only_a_stopped_tracee_takes_the_requests)
{
	struct mask_state before;
	struct list l = { { 0 } };
	__u32 nr_bits = LIST_BITS;
	struct expect e = { 0 };
	pid_t pid = self->tracee;
	int status;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	script_reset(self->sh);
	script_add(self->sh, OP_SPIN, 0, 0);
	script_add(self->sh, OP_SYSCALL, __NR_getppid, 0);
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &before));
	ASSERT_EQ(0, sys_ptrace(PTRACE_CONT, pid, 0, 0));
	EXPECT_EQ(-ESRCH, mask_get(pid, 0, 0, &l, &nr_bits));
	EXPECT_EQ(-ESRCH, mask_set(pid, prog_arch(), 0, &l, LIST_BITS));
	EXPECT_EQ(-ESRCH, mask_seed(pid, false, list_bit(__NR_getppid)));
	EXPECT_EQ(-ESRCH, mask_mode(pid, MODE_BLACKLIST));
	EXPECT_EQ(-ESRCH, mask_mode(pid, MODE_WHITELIST));

	ASSERT_EQ(0, kill(pid, SIGSTOP));
	ASSERT_EQ(pid, waitpid(pid, &status, __WALL));
	ASSERT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	expect_mask(_metadata, pid, &before, "after the running time");
	script_go(self->sh);
	want_syscall(&e, __NR_getppid, true);
	run_and_expect(_metadata, self, pid, &e, "after the running time");
}

static void compare_at_getppid(struct tracer *tr, const struct stop *s)
{
	struct __test_metadata *_metadata = tr->metadata;
	struct mask_check *mc = tr->arg;

	if (s->kind != STOP_ENTRY)
		return;
	expect_mask(_metadata, s->pid, &mc->want,
		    "the tracee changed its own mask");
}

TEST_F(mask, tracee_cannot_use_the_requests)
{
	struct shared *sh = self->sh;
	struct mask_check mc = { 0 };
	struct expect e = { 0 };
	const struct trace *t;
	pid_t pid = self->tracee, tracer = getpid();
	long mask = (long)&sh->child_mask, seed = list_bit(__NR_getppid);

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	sh->child_mask = (struct ptrace_syscall_mask){
		.nr_bits = LIST_BITS, .bitmap = (unsigned long)sh->child_bits,
	};
	script_reset(sh);
	script_add_args(sh, __NR_ptrace, PTRACE_SETSYSCALLMASK, pid,
			MASK_SIZE, mask);
	script_add_args(sh, __NR_ptrace, PTRACE_SETSYSCALLMASK, pid, 0, seed);
	script_add_args(sh, __NR_ptrace, PTRACE_SYSCALLBLACKLIST, pid, 0, 0);
	script_add_args(sh, __NR_ptrace, PTRACE_GETSYSCALLMASK, pid,
			MASK_SIZE, mask);
	script_add_args(sh, __NR_ptrace, PTRACE_SYSCALLBLACKLIST, tracer, 0, 0);
	script_add_args(sh, __NR_ptrace, PTRACE_GETSYSCALLMASK, tracer,
			MASK_SIZE, mask);
	script_add(sh, OP_SYSCALL, __NR_getppid, 0);
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, mask_snapshot(pid, &mc.want));
	t = run(_metadata, self, pid, PTRACE_SYSCALL, compare_at_getppid, &mc);
	for (int i = 0; i < 6; i++) {
		EXPECT_EQ(-1, sh->results[i]) {
			TH_LOG("request %d of the tracee succeeded", i);
		}
		EXPECT_EQ(ESRCH, sh->errnos[i]) {
			TH_LOG("request %d of the tracee: %s", i,
			       strerror(sh->errnos[i]));
		}
	}
	want_syscall(&e, __NR_getppid, true);
	expect_stops(_metadata, t, pid, NULL, 0, &e, "own requests");
}

/* ---- bad input ---- */

/* A distinctive mask, to see that a bad request changes none of it. */
static void set_distinct_mask(struct __test_metadata *_metadata, pid_t pid)
{
	ASSERT_EQ(0, set_list(pid, 0, 0, NRS(3, 5)));
	ASSERT_EQ(0, set_list(pid, 0, PTRACE_SYSCALLMASK_NOEXIT, NRS(4)));
	if (kabi.compat) {
		ASSERT_EQ(0, set_list(pid, kabi.compat->audit_arch, 0, NRS(6)));
		ASSERT_EQ(0, set_list(pid, kabi.compat->audit_arch,
				      PTRACE_SYSCALLMASK_NOEXIT, NRS(7)));
	}
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
}

static void expect_rejected(struct __test_metadata *_metadata, pid_t pid,
			    long request, unsigned long addr,
			    unsigned long data, int err, const char *what)
{
	struct mask_state before;
	char changed[160];
	long ret;

	ASSERT_EQ(0, mask_snapshot(pid, &before));
	errno = 0;
	ret = sys_ptrace(request, pid, addr, data);
	EXPECT_EQ(-1, ret) {
		TH_LOG("%s: returned %ld, expected %s", what, ret,
		       strerror(err));
	}
	EXPECT_EQ(err, errno) {
		TH_LOG("%s: %s, expected %s", what, strerror(errno),
		       strerror(err));
	}
	snprintf(changed, sizeof(changed), "%s changed the mask", what);
	expect_mask(_metadata, pid, &before, changed);
}

/* Audit arches of ABIs the kernel does not run, 0-terminated. */
static void foreign_arches(__u32 *out)
{
	static const __u32 known[] = {
		AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64,
		AUDIT_ARCH_ARM, AUDIT_ARCH_RISCV64, 0x12345678,
	};
	int n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (known[i] != kabi.native->audit_arch &&
		    (!kabi.compat || known[i] != kabi.compat->audit_arch))
			out[n++] = known[i];
	out[n] = 0;
}

/*
 * Each struct that is valid but for one field, for SET and GET, against a
 * distinctive mask.
 */
static void check_bad_fields(struct __test_metadata *_metadata, pid_t pid,
			     long request)
{
	static const __u32 bad_flags[] = {
		2, 3, 0x80000000, PTRACE_SYSCALLMASK_NOEXIT | 0x100,
	};
	static const unsigned long bad_addr[] = {
		2, 8, MASK_SIZE - 1, MASK_SIZE + 1, MASK_SIZE + 8,
		(unsigned long)-1,
	};
	static struct list ones;
	struct ptrace_syscall_mask m;
	const struct ptrace_syscall_mask valid = {
		.nr_bits = LIST_BITS, .bitmap = (unsigned long)ones.w,
	};
	unsigned long data = (unsigned long)&m;
	__u32 arches[8];
	char what[100];

	set_distinct_mask(_metadata, pid);
	memset(&ones, 0xff, sizeof(ones));
	for (size_t i = 0; i < ARRAY_SIZE(bad_addr); i++) {
		m = valid;
		snprintf(what, sizeof(what), "addr %#lx", bad_addr[i]);
		expect_rejected(_metadata, pid, request, bad_addr[i], data,
				EINVAL, what);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad_flags); i++) {
		m = valid;
		m.flags = bad_flags[i];
		snprintf(what, sizeof(what), "flags %#x", bad_flags[i]);
		expect_rejected(_metadata, pid, request, MASK_SIZE, data,
				EINVAL, what);
	}
	m = valid;
	m.reserved = 1;
	expect_rejected(_metadata, pid, request, MASK_SIZE, data, EINVAL,
			"reserved 1");
	m.reserved = 0x80000000;
	expect_rejected(_metadata, pid, request, MASK_SIZE, data, EINVAL,
			"reserved 0x80000000");
	foreign_arches(arches);
	for (int i = 0; arches[i]; i++) {
		m = valid;
		m.arch = arches[i];
		snprintf(what, sizeof(what), "arch %#x", arches[i]);
		expect_rejected(_metadata, pid, request, MASK_SIZE, data,
				EINVAL, what);
	}
}

TEST_F(mask, set_rejects_bad_fields_with_einval)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_bad_fields(_metadata, self->tracee, PTRACE_SETSYSCALLMASK);
}

TEST_F(mask, get_rejects_bad_fields_with_einval)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_bad_fields(_metadata, self->tracee, PTRACE_GETSYSCALLMASK);
	{
		struct list l;
		struct ptrace_syscall_mask m = {
			.nr_bits = LIST_BITS, .bitmap = (unsigned long)l.w,
		};

		/* GET has no seed form. */
		expect_rejected(_metadata, self->tracee, PTRACE_GETSYSCALLMASK,
				0, (unsigned long)&m, EINVAL, "GET, addr 0");
		expect_rejected(_metadata, self->tracee, PTRACE_GETSYSCALLMASK,
				1, (unsigned long)&m, EINVAL, "GET, addr 1");
	}
}

TEST_F(mask, seed_rejects_syscalls_beyond_the_native_table)
{
	pid_t pid = self->tracee;
	__u32 table;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	set_distinct_mask(_metadata, pid);
	table = table_bits(_metadata, pid, 0);
	for (unsigned long add = 0; add < 2; add++) {
		expect_rejected(_metadata, pid, PTRACE_SETSYSCALLMASK, add,
				table, EINVAL, "the table size");
		expect_rejected(_metadata, pid, PTRACE_SETSYSCALLMASK, add,
				table + 1, EINVAL, "beyond the table");
		expect_rejected(_metadata, pid, PTRACE_SETSYSCALLMASK, add,
				(unsigned long)-1, EINVAL, "-1");
		expect_rejected(_metadata, pid, PTRACE_SETSYSCALLMASK, add,
				ARM_PRIVATE_NR, EINVAL, "ARM private");
	}
}

TEST_F(mask, mode_requests_reject_arguments)
{
	static const struct { unsigned long addr, data; } bad[] = {
		{ 1, 0 }, { 0, 1 }, { 1, 1 }, { MASK_SIZE, 0 },
		{ 0, (unsigned long)-1 },
	};
	pid_t pid = self->tracee;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	set_distinct_mask(_metadata, pid);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(_metadata, pid, PTRACE_SYSCALLBLACKLIST,
				bad[i].addr, bad[i].data, EINVAL,
				"BLACKLIST with arguments");
	ASSERT_EQ(0, mask_mode(pid, MODE_BLACKLIST));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(_metadata, pid, PTRACE_SYSCALLWHITELIST,
				bad[i].addr, bad[i].data, EINVAL,
				"WHITELIST with arguments");
}

/*
 * Bad pointers, against a distinctive mask: the bitmap's for @request,
 * then the struct's.
 */
static void check_bad_pointers(struct __test_metadata *_metadata, pid_t pid,
			       const struct arena *a, long request)
{
	bool get = request == PTRACE_GETSYSCALLMASK;
	const struct {
		__u64 bitmap;
		__u32 nr_bits;
		const char *what;
	} bitmaps[] = {
		{ 0, 64, "bitmap NULL" },
		{ 8, 64, "bitmap 8" },
		{ (unsigned long)a->rw_end, 64, "bitmap in a hole" },
		{ (unsigned long)a->rw_end - 8, 128, "bitmap running into a hole" },
		{ 0xffff800000001000ULL, 64, "bitmap in the kernel" },
		{ (unsigned long)a->ro, 64, "bitmap read-only" },
	};
	/* A read-only bitmap is fine to read from. */
	size_t nbitmaps = ARRAY_SIZE(bitmaps) - !get;
	const unsigned long structs[] = {
		0, 8, (unsigned long)a->rw_end, (unsigned long)a->rw_end - 8,
		(unsigned long)-4096,
	};
	struct ptrace_syscall_mask *m = (void *)a->rw;
	char what[100];

	set_distinct_mask(_metadata, pid);
	memset(a->rw, 0xff, a->rw_end - a->rw);
	for (size_t i = 0; i < nbitmaps; i++) {
		*m = (struct ptrace_syscall_mask){
			.nr_bits = bitmaps[i].nr_bits,
			.bitmap = bitmaps[i].bitmap,
		};
		expect_rejected(_metadata, pid, request, MASK_SIZE,
				(unsigned long)m, EFAULT, bitmaps[i].what);
	}
	for (size_t i = 0; i < ARRAY_SIZE(structs); i++) {
		*m = (struct ptrace_syscall_mask){
			.nr_bits = 64, .bitmap = (unsigned long)(a->rw + 64),
		};
		if (i == 3)
			memcpy((void *)structs[i], m, 8);
		snprintf(what, sizeof(what), "struct at %#lx", structs[i]);
		expect_rejected(_metadata, pid, request, MASK_SIZE, structs[i],
				EFAULT, what);
	}
	if (get) {
		/* Readable but not writable: nr_bits cannot be written back. */
		ASSERT_EQ(0, mprotect(a->ro, a->page, PROT_READ | PROT_WRITE));
		*(struct ptrace_syscall_mask *)a->ro = *m;
		ASSERT_EQ(0, mprotect(a->ro, a->page, PROT_READ));
		expect_rejected(_metadata, pid, request, MASK_SIZE,
				(unsigned long)a->ro, EFAULT,
				"struct read-only");
	}
}

TEST_F(mask, set_rejects_bad_pointers_with_efault)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_bad_pointers(_metadata, self->tracee, &self->arena,
			   PTRACE_SETSYSCALLMASK);
}

TEST_F(mask, get_rejects_bad_pointers_with_efault)
{
	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	check_bad_pointers(_metadata, self->tracee, &self->arena,
			   PTRACE_GETSYSCALLMASK);
}

/* ---- fuzz ---- */

/*
 * At least 10,000 random requests (SYSCALL_MASK_FUZZ_COUNT for more), and
 * a tracee the requests never name, whose mask must not change.
 */
TEST_F_TIMEOUT(mask, fuzz, 600)
{
	const char *env = getenv("SYSCALL_MASK_FUZZ_SEED");
	const char *count_env = getenv("SYSCALL_MASK_FUZZ_COUNT");
	__u64 seed = env ? strtoull(env, NULL, 0) : FUZZ_SEED;
	int count = count_env ? atoi(count_env) : 10000;
	struct mask_state bystander_before, bystander_after;
	struct fuzz_result res;
	const struct trace *t;
	char line[512] = "";
	int kmsg, kmsg_errno, bad;
	pid_t bystander;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	bystander = spawn(_metadata, self, SPAWN_TRACEME);
	set_some_mask(_metadata, bystander);
	ASSERT_EQ(0, mask_snapshot(bystander, &bystander_before));
	standard_script(self->sh);
	table_bits(_metadata, self->tracee, 0);
	if (kabi.compat)
		table_bits(_metadata, self->tracee, kabi.compat->audit_arch);
	TH_LOG("seed %#llx (SYSCALL_MASK_FUZZ_SEED), %d requests",
	       (unsigned long long)seed, count);
	kmsg = kmsg_open();
	kmsg_errno = errno;
	ASSERT_EQ(0, fuzz_requests(self->tracee, &self->arena, seed, count,
				   &res)) {
		TH_LOG("%s", res.error);
	}
	TH_LOG("%d of %d requests succeeded", res.succeeded, res.requests);
	ASSERT_EQ(0, mask_snapshot(bystander, &bystander_after));
	EXPECT_TRUE(mask_state_equal(&bystander_before, &bystander_after)) {
		TH_LOG("the requests changed the mask of a tracee they never named");
	}

	/* Whatever mask the fuzzer left, the tracee runs to its end. */
	t = run(_metadata, self, self->tracee, PTRACE_SYSCALL, NULL, NULL);
	for (int i = 0; i < t->nstops; i++) {
		EXPECT_NE(NR_UNPAIRED, t->stops[i].nr) {
			TH_LOG("an exit stop without its entry stop");
		}
	}
	EXPECT_EQ(getpid(), self->sh->results[0]);

	if (kmsg < 0) {
		TH_LOG("/dev/kmsg unreadable (%s): kernel log not checked",
		       strerror(kmsg_errno));
		return;
	}
	bad = kmsg_bad_lines(kmsg, line, sizeof(line));
	close(kmsg);
	EXPECT_EQ(0, bad) {
		TH_LOG("%d new kernel log lines like: %s", bad, line);
	}
}

/* ---- attach ---- */

TEST_F(mask, attach_to_a_running_process)
{
	struct tracer tr = {
		.resume = PTRACE_SYSCALL, .max_stops = 10,
		.out = &self->sh->trace,
	};
	struct expect e = { 0 };
	pid_t pid;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	pid = spawn(_metadata, self, SPAWN_LOOP);
	seize(_metadata, pid, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	ASSERT_EQ(0, set_prog_list(pid, 0, NRS(__NR_getppid)));
	ASSERT_EQ(0, mask_mode(pid, MODE_WHITELIST));
	ASSERT_EQ(0, trace_run(&tr, pid)) {
		TH_LOG("%s", tr.out->error);
	}
	for (int i = 0; i < 5; i++)
		want_syscall(&e, __NR_getppid, true);
	expect_stops(_metadata, tr.out, pid, NULL, 0, &e, "attached");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], TRACEE_ARG))
		return run_named_syscalls(argc - 2, argv + 2);
	kernel_abis_init();
	return test_harness_run(argc, argv);
}
