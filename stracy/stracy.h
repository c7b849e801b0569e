/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stracy: an strace-compatible tracer on libtracy-fast. What its parts
 * share: the options, the per-tracee state, and the interfaces between
 * option parsing (main.c, filter.c), decoding (decode.c, xlat.c), output
 * (output.c) and the summary (summary.c).
 */
#ifndef STRACY_H
#define STRACY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <tracy.h>

#define STRACY_VERSION	"0.1"

/* The largest errno the kernel returns as a syscall result. */
#define MAX_ERRNO	4095
/* Big enough for every syscall number of every ABI, ARM's private ones aside. */
#define MAX_SYSCALLS	1024

/* What -e inject= does to one syscall. */
struct inject {
	bool set;
	int error;		/* errno, or 0 for retval */
	long retval;
	unsigned long first, last, step;	/* when=FIRST..LAST+STEP, 1-based */
	int signal;		/* signal=SIG: sent at the syscall entry */
	double rate;		/* rate=PERCENT: the share of due calls, 0-100 */
	uint64_t seed;		/* seed=N: where the choice of rate= starts */
};

/* Qualifier sets of -e: bit n = syscall n of an ABI, or signal n. */
struct options {
	int follow;		/* -f: 1, -ff: 2 */
	const char *outfile;	/* -o */
	int timestamps;		/* -t: 1, -tt: 2, -ttt: 3 */
	bool relative;		/* -r */
	bool syscall_times;	/* -T */
	bool syscall_numbers;	/* -n */
	bool instruction_pointer;	/* -i */
	int summary;		/* -c: 1, -C: 2 */
	const char *sort_by;	/* -S */
	bool summary_wall;	/* -w: wall-clock time in the table */
	unsigned int string_limit;	/* -s */
	int hex_strings;	/* -x: 1, -xx: 2 */
	int decode_fds;		/* -y: 1, -yy: 2 */
	enum { XLAT_ABBREV, XLAT_RAW, XLAT_VERBOSE } xlat_style;	/* -X */
	bool verbose;		/* -v */
	int column;		/* -a */
	int quiet;		/* -q: 1, -qq: 2 (-qqq: 3) */
	bool append;		/* -A: append to the -o files */
	int daemonize;		/* -D: 1, -DD: 2, -DDD: 3 */
	const char *paths[64];	/* -P: the paths, and those they resolve to */
	int npaths;
	bool after_execve;	/* -b execve: detach at the first execve */
	bool seen_execve;
	/* -e trace=: per ABI, the syscalls to show */
	bool trace[TRACY_ABI_COUNT][MAX_SYSCALLS];
	bool trace_private[TRACY_ABI_COUNT];	/* ARM's 0x0f0000 range */
	/* -e signal=: the signals to show */
	bool signals[65];
	/* -e status=: bit per enum status_kind */
	unsigned int status;
	/* -e inject= */
	struct inject inject[TRACY_ABI_COUNT][MAX_SYSCALLS];
	bool any_inject;
};

enum status_kind {
	STATUS_SUCCESSFUL = 1 << 0,
	STATUS_FAILED = 1 << 1,
	STATUS_UNFINISHED = 1 << 2,
	STATUS_UNAVAILABLE = 1 << 3,
	STATUS_DETACHED = 1 << 4,
	STATUS_ALL = 0x1f,
};

extern struct options opt;

/* Per tracee: c->custom. */
struct tcb {
	pid_t pid;
	struct tcb *prev, *next;	/* every tcb, to free what the library forgets */
	FILE *out;		/* -ff: its own file; else the shared one */
	/*
	 * A child of a command started without -f: traced only because a
	 * seccomp filter it inherited needs a tracer; nothing of it shows.
	 */
	bool hidden;
	bool announced;		/* -d said its backend */
	bool in_syscall;	/* the entry was seen, the exit not yet */
	bool entry_printed;	/* the entry part went out (now or earlier) */
	bool line_done;		/* ... and its line was ended by another's */
	int column;		/* where its line is, for -a */
	long nr;
	int abi;
	long args[6];
	long sp;		/* the stack pointer at the entry */
	long ip;		/* -i: the instruction pointer at the last stop */
	bool ip_known;		/* ... if there was one to read */
	struct timespec entry_time;
	struct timespec entry_cpu;	/* -c: its CPU time at the entry */
	int schedstat_fd;	/* -c: its /proc/TID/schedstat, once open */
	long saved_len;		/* what the entry left for the exit */
	unsigned long *inject_count;	/* -e inject=: calls per syscall */
	int nr_args_shown;	/* arguments the entry printed */
	bool entry_complete;	/* ... all of them */
	int reg;		/* the register the exit goes on from */
	FILE *staged_out;	/* -e status=: the real output, while staged */
	char *staged;
	size_t staged_len;
	bool path_skipped;	/* -P: this call touches none of the paths */
	bool injected;
	int injected_error;
	long injected_retval;
};

/* ---- output.c: the lines, as strace writes them ---- */
struct tcb *tcb_of(struct tracy_child *c);
void output_open(void);
void output_close_tcb(struct tcb *t);
/* The leader of a new line of t: [pid N], the time stamps. */
void line_begin(struct tcb *t);
/* Ends the line of t if it is the open one. */
void line_end(struct tcb *t);
/* Another tracee's line is open: end it with <unfinished ...>. */
void line_interrupt(struct tcb *t);
/* The same, with another reason than "<unfinished ...>". */
void line_interrupt_as(struct tcb *t, const char *why);
bool line_is_open(struct tcb *t);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_puts(const char *s);
/* Pads to the -a column as strace does before " = ". */
void out_tab(void);
/* Counted processes, for the [pid N] prefix. */
extern int nprocs;
extern struct tcb *current;
extern FILE *shared_out;

/* ---- xlat.c: constants and flags ---- */
struct xlat {
	unsigned long value;
	const char *name;
};
#define XLAT_END { 0, NULL }
/*
 * -X: a constant begins. raw and verbose print its number, in format;
 * returns whether its name is to follow (abbrev, verbose), and then
 * xlat_end() ends it (verbose: "NUMBER /+ NAME +/").
 */
enum xlat_format { XLAT_HEX, XLAT_DEC, XLAT_UDEC, XLAT_OCT };
bool xlat_begin(enum xlat_format format, uint64_t value);
void xlat_end(void);
/* A constant of that name, as -X says. */
void print_const(enum xlat_format format, uint64_t value, const char *name);
/* Prints value as NAME|NAME|0x.., or "0" or dflt if none; as -X says. */
void print_flags(const struct xlat *x, unsigned long value, const char *dflt);
/* The same, names only whatever -X says: a part of a larger constant. */
void print_flag_names(const struct xlat *x, unsigned long value,
		      const char *dflt);
/* Prints the name of value, or value as fmt with a comment dflt. */
void print_xval(const struct xlat *x, unsigned long value, const char *dflt);
const char *xlat_name(const struct xlat *x, unsigned long value);
const char *errno_name(int err);
const char *errno_text(int err);
const char *signal_name(int sig);	/* "SIGCHLD", "SIGRT_3" */
int signal_number(const char *name);	/* "CHLD", "SIGCHLD", "17"; -1 */
int errno_number(const char *name);	/* "ENOENT", "2"; -1 */

extern const struct xlat open_flags[], open_access[], at_flags[],
	mmap_prot[], mmap_flags[], access_modes[], whence[], sig_how[],
	clone_flags[], wait_options[], socket_families[], socket_types[],
	socket_type_flags[], poll_events[], futex_ops[], rlimit_resources[],
	arch_prctl_codes[], getrandom_flags[], fcntl_cmds[], fd_flags[],
	sa_flags[], ioctl_requests[], msg_flags[], ipprotos[], madvise_advice[],
	clock_ids[], timer_flags[], prctl_options[], epoll_ctl_ops[],
	statx_masks[], shutdown_hows[], sock_levels[],
	sock_options[], unlink_flags[], mremap_flags[],
	eventfd_flags[], pipe_flags[], dup3_flags[], inotify_flags[],
	rename_flags[], resource_who[],
	faccessat_flags[],
	fadvise_advice[], mlockall_flags[], close_range_flags[],
	statx_flags[],
	rseq_flags[], fs_magics[], statfs_flags[],
	termios_iflags[], termios_oflags[], termios_cflags[], termios_lflags[],
	baud_rates[];

/* ---- decode.c: syscall arguments and results ---- */
/* The entry part of the line: "name(arg, arg, " or the whole args. */
void decode_entry(struct tcb *t, struct tracy_event *e);
/* The exit part: the rest of the args, ") = result". */
void decode_exit(struct tcb *t, struct tracy_event *e, long rval);
/* Whether the ABI's pointers and longs are 32-bit. */
bool abi_is_32bit(int abi);
/* A string of stracy's own memory, quoted, at most limit bytes (-1: all). */
void print_quoted_local(const char *s, size_t len, long limit);
void print_path_fd(struct tracy_child *c, int fd);

/* ---- sockdiag.c: -yy ---- */
/*
 * "<TCP:[...]>" for the socket of inode whose /proc/PID/fd link is fd_path;
 * false if it cannot even name its protocol.
 */
bool print_socket_details(const char *fd_path, unsigned long inode);

/* -P: whether path is one of -P's; main.c. */
bool path_selected(const char *path);
/* -P: whether the syscall at its entry touches one of -P's paths. */
bool syscall_touches_path(struct tcb *t, struct tracy_event *e);

/* ---- filter.c: -e expressions and syscall classes ---- */
/* 0, or -1 after an error message. */
int qualify(const char *expr);
/* Defaults: trace=all, signal=all, status=all. */
void qualify_defaults(void);
bool syscall_traced(int abi, long nr);
struct inject *syscall_inject(int abi, long nr);

/* ---- summary.c: -c, -C ---- */
void summary_count(int abi, long nr, const struct timespec *spent, bool error);
void summary_print(FILE *f);

#endif /* STRACY_H */
