/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ptrace constants and structures that older C library headers lack.
 * Every definition is guarded, so that a newer header wins.
 */
#ifndef TRACY_FAST_COMPAT_PTRACE_H
#define TRACY_FAST_COMPAT_PTRACE_H

#include <linux/types.h>
#include <sys/ptrace.h>

#ifndef PTRACE_SEIZE
# define PTRACE_SEIZE			0x4206
# define PTRACE_INTERRUPT		0x4207
# define PTRACE_LISTEN			0x4208
#endif
#ifndef PTRACE_EVENT_STOP
# define PTRACE_EVENT_STOP		128
#endif
#ifndef PTRACE_O_EXITKILL
# define PTRACE_O_EXITKILL		(1 << 20)
#endif

/* glibc has PTRACE_GET_SYSCALL_INFO since 2.31. */
#ifndef PTRACE_GET_SYSCALL_INFO
# define PTRACE_GET_SYSCALL_INFO	0x420e
# define PTRACE_SYSCALL_INFO_NONE	0
# define PTRACE_SYSCALL_INFO_ENTRY	1
# define PTRACE_SYSCALL_INFO_EXIT	2
# define PTRACE_SYSCALL_INFO_SECCOMP	3
#endif
#ifndef PTRACE_SET_SYSCALL_INFO
# define PTRACE_SET_SYSCALL_INFO	0x4212
#endif

/*
 * struct ptrace_syscall_info as Linux 6.16 has it, 88 bytes on every
 * architecture, which PTRACE_SET_SYSCALL_INFO wants: glibc's struct
 * __ptrace_syscall_info lacks the u32 after ret_data, and i386 aligns a
 * __u64 in it to 4 bytes only, so that it is 84 bytes there. The
 * library's own copy, for both requests; __aligned_u64 keeps its layout
 * the kernel's.
 */
struct tracy_syscall_info {
	__u8 op;
	__u8 reserved;
	__u16 flags;
	__u32 arch;
	__aligned_u64 instruction_pointer;
	__aligned_u64 stack_pointer;
	union {
		struct { __aligned_u64 nr; __aligned_u64 args[6]; } entry;
		struct { __s64 rval; __u8 is_error; } exit;
		struct {
			__aligned_u64 nr;
			__aligned_u64 args[6];
			__u32 ret_data;
			__u32 reserved2;
		} seccomp;
	};
};

/* The kernel syscall stop mask (doc/kernel-api.md): patched kernels only. */
#ifndef PTRACE_SETSYSCALLMASK
# define PTRACE_SETSYSCALLMASK		0x42f0
# define PTRACE_GETSYSCALLMASK		0x42f1
# define PTRACE_SYSCALLWHITELIST	0x42f2
# define PTRACE_SYSCALLBLACKLIST	0x42f3
#endif
#ifndef PTRACE_SYSCALLMASK_NOEXIT
# define PTRACE_SYSCALLMASK_NOEXIT	0x1
struct ptrace_syscall_mask {
	__u32 arch;		/* AUDIT_ARCH_*; 0: the kernel's native ABI */
	__u32 flags;		/* 0: stop list; PTRACE_SYSCALLMASK_NOEXIT */
	__u32 nr_bits;
	__u32 reserved;
	__aligned_u64 bitmap;	/* __u64 words; bit n = syscall n */
};
#endif

#endif /* TRACY_FAST_COMPAT_PTRACE_H */
