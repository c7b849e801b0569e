// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: the four requests themselves.
 * The seed and the struct form, what GET and SET read and write, who may use
 * them (only the tracer, only on a stopped tracee), and EINVAL and EFAULT
 * for bad input, each time against a mask that must not change.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

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

TEST_HARNESS_MAIN
