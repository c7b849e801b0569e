// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of PTRACE_SETSYSCALLMASK and friends: the lists of each ABI. execve
 * into a program of another ABI, int $0x80 on x86_64 (the i386 lists), and
 * x32: its syscalls use the x86_64 lists, which cover x32's own syscalls
 * (512-547) in both modes, and GET reports that larger table.
 */
#define _GNU_SOURCE
#include "syscall_mask.h"

/* ---- execve into another ABI ---- */

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

/* ---- int $0x80 and x32 ---- */

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

/* The exec'd images of the tests run the syscalls named on the command line. */
int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], TRACEE_ARG))
		return run_named_syscalls(argc - 2, argv + 2);
	return test_harness_run(argc, argv);
}
