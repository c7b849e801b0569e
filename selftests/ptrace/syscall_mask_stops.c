// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: which syscalls stop. Classic
 * ptrace, the two modes, numbers outside the syscall table, PTRACE_SYSEMU,
 * SECCOMP_RET_TRACE stops, and a tracee seized while it runs.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

#define OUT_OF_TABLE	100000

/* ---- classic ptrace ---- */

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

/* ---- numbers out of the table ---- */

/*
 * @table is the size of the table of this ABI: that number is the first one
 * past it, whose bit the kernel may keep in a list rounded up for its own
 * use, and must still decide as a number out of the table.
 */
static void out_of_table_script(struct shared *sh, int table)
{
	script_reset(sh);
	script_add(sh, OP_SYSCALL, -1, 0);
	script_add(sh, OP_SYSCALL, __NR_getpid, 0);
	script_add(sh, OP_SYSCALL, table, 0);
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

	out_of_table_script(self->sh,
			    table_bits(_metadata, self->tracee, prog_arch()));
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
	want_syscalls(&e, NRS(-1,
			      table_bits(_metadata, self->tracee, prog_arch()),
			      OUT_OF_TABLE));
#ifdef __arm__
	want_syscall(&e, ARM_PRIVATE_NR, true);
#endif
	check_out_of_table(_metadata, self, MODE_BLACKLIST, &e,
			   "blacklist of everything");
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

TEST_HARNESS_MAIN
