/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What stracy knows of each syscall, by name (the numbers come from the
 * library, per ABI): its number of arguments, the classes of -e trace=%...
 * it belongs to, and for those it decodes, the type of each argument and
 * of the result. One table for every ABI: a syscall has the same meaning
 * in each, and the ABI's layout is handled where memory is read.
 */
#ifndef STRACY_SYSCALLS_H
#define STRACY_SYSCALLS_H

#include "stracy.h"

enum argtype {
	A_NONE,
	A_INT, A_UINT, A_LONG, A_ULONG, A_HEX, A_HEXINT, A_OCT, A_PTR,
	A_OFF64,	/* 64-bit: a register pair on 32-bit ABIs */
	A_FD, A_DIRFD, A_PATH, A_STR,
	A_BUF_IN,	/* bytes, their count in the next argument */
	A_XVAL, A_XVAL_LONG, A_FLAGS, A_OPEN_FLAGS, A_MODE, A_ACCESS,
	A_SIGNUM, A_SIGSET_IN, A_SIGACTION_IN, A_ARGV, A_ENVP,
	A_SOCKADDR_IN,	/* its length in the next argument */
	A_POLLFD, A_TIMESPEC_IN, A_TIMESPEC32_IN, A_RLIMIT_IN, A_IOV_IN,
	A_CLONE_FLAGS, A_OFF_PTR, A_PGOFF, A_STACK_IN, A_SOCKTYPE, A_SOCKPROTO, A_SOCKOPT_VAL,
	A_UID,		/* a user or group id, -1 as -1 */
	A_GIDS_IN,	/* gid_t[], their count in the argument before */
	/* From here on: printed at the exit, if the syscall succeeded. */
	A_EXIT_FIRST,
	A_BUF_OUT,	/* as many bytes as the result says */
	A_BUF_OUT_HEX, A_STR_OUT, A_PATH_OUT, A_STATFS_OUT, A_STATFS64_OUT,
	A_RLIMIT_LONG_OUT, A_STACK_OUT, A_STAT_OUT, A_STAT64_OUT, A_STATX_OUT,
	A_SIGSET_OUT, A_SIGACTION_OUT, A_WSTATUS_OUT,
	A_SOCKADDR_OUT,	/* its length behind the next argument */
	A_SOCKLEN_OUT, A_INT_OUT, A_POLLFD_OUT, A_TIMESPEC_OUT, A_RLIMIT_OUT,
	A_UNAME_OUT, A_FDPAIR_OUT, A_IOV_OUT, A_DIRENTS,
	A_UID_OUT,	/* [id] */
	A_GIDS_OUT,	/* gid_t[], as many as the result says */
};

enum rettype { R_DEC, R_HEX, R_FD, R_OCT, R_FCNTL };

/* Classes of -e trace=%NAME. */
enum {
	TF = 1 << 0,	/* %file */
	TP = 1 << 1,	/* %process */
	TN = 1 << 2,	/* %network */
	TS = 1 << 3,	/* %signal */
	TI = 1 << 4,	/* %ipc */
	TD = 1 << 5,	/* %desc */
	TM = 1 << 6,	/* %memory */
	TC = 1 << 7,	/* %creds */
	TCL = 1 << 8,	/* %clock */
	TST = 1 << 9,	/* %stat */
	TLST = 1 << 10,	/* %lstat */
	TFST = 1 << 11,	/* %fstat */
	TSTA = 1 << 12,	/* %%stat */
	TSF = 1 << 13,	/* %statfs */
	TFSF = 1 << 14,	/* %fstatfs */
	TSFA = 1 << 15,	/* %%statfs */
	PU = 1 << 16,	/* %pure */
};

struct sysent {
	const char *name;
	unsigned char nargs;
	unsigned int classes;
	bool decoded;
	enum rettype rtype;
	enum argtype type[6];
	const struct xlat *x[6];
	const char *dflt[6];
};

extern struct sysent sysents[];
extern const size_t SYSENTS;
/* Sorts the table by name: once, before any lookup. */
void sysents_init(void);
const struct sysent *sysent_find(const char *name);

#endif /* STRACY_SYSCALLS_H */
