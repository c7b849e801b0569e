// SPDX-License-Identifier: GPL-2.0
/*
 * stracy: strace's command line and output, on libtracy-fast. Only the
 * syscalls that -e trace= (or -e inject=, or -c) selects get hooks, so
 * only they stop the tracee: on a kernel with syscall stop masks
 * (attached tracees included) and under the seccomp backend the others
 * run at full speed. The backend is the library's choice (TRACY_BACKEND
 * forces one). Each hook runs at the entry, where the line is begun (the
 * arguments the kernel reads), and at the exit, where it is finished (the
 * arguments it writes, the result); a printing tracer needs both.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stracy.h"
#include "syscalls.h"

struct options opt = {
	.string_limit = 32,
	.column = 40,
};

static struct tracy *session;
/* The ABI of the latest syscall stop, which a new tracee starts in. */
static int last_abi = TRACY_ABI_NATIVE;
/*
 * Every tcb: the library forgets a tracee without an event when another
 * thread of its process executes a program (the executing thread takes
 * the leader's pid), so what is left at the end is freed here.
 */
static struct tcb *tcbs;
static void tcb_free(struct tcb *t);
static pid_t first_pid;
static volatile sig_atomic_t interrupted;
/* -D: what the command does before its execve is stracy's, not shown. */
static bool hiding_until_execve;

/* execve or execveat: a program is executed. */
static bool is_execve(const char *name)
{
	return name && !strncmp(name, "execve", 6);
}

static void usage_hint(void)
{
	fprintf(stderr, "Try 'stracy -h' for more information.\n");
	exit(1);
}

static void usage(void)
{
	printf("\
Usage: stracy [-ACdDffFhinqqrtttTvVwxxyyzZ] [-a COLUMN] [-b execve] [-e EXPR]...\n\
              [-E VAR[=VAL]]... [-o FILE] [-p PID]... [-P PATH]... [-s STRSIZE]\n\
              [-S SORTBY] [-X FORMAT] {-p PID | [-u USERNAME] PROG [ARGS]}\n\
   or: stracy -c[fw] [-e EXPR]... [-S SORTBY] {-p PID | PROG [ARGS]}\n\
\n\
An strace-compatible system call tracer on libtracy-fast: only the selected\n\
system calls stop the tracee (kernel syscall masks, seccomp-bpf, or ptrace).\n\
\n\
Tracing:\n\
  -b execve      detach from a tracee when it executes a program\n\
  -f             follow forks, vforks and clones\n\
  -ff            with -o FILE: one file per process, FILE.PID\n\
  -F             the same as -f (deprecated, as in strace)\n\
Startup:\n\
  -D             run the tracer as a detached grandchild, the command in\n\
                 stracy's process (-DD: in a new process group, -DDD: in a\n\
                 new session)\n\
  -E VAR=VAL     put VAR=VAL in the command's environment\n\
  -E VAR         remove VAR from the command's environment\n\
  -p PID         trace process PID (several -p: several processes); Ctrl-C\n\
                 detaches and leaves them running\n\
  -u USERNAME    run the command with the user's ids and groups (as root)\n\
Filtering:\n\
  -e trace=SET   the system calls to trace: names, %%file %%process %%network\n\
                 %%signal %%ipc %%desc %%memory %%creds %%clock %%stat %%lstat\n\
                 %%fstat %%%%stat %%statfs %%fstatfs %%%%statfs %%pure, /REGEX,\n\
                 ?NAME, all, none; !SET for all but SET\n\
  -e signal=SET  the signals to show (default all)\n\
  -e status=SET  show syscalls only with these results: successful, failed,\n\
                 unfinished, unavailable, detached\n\
  -P PATH        only the syscalls that access PATH (several -P: any)\n\
  -z             successful syscalls only (-e status=successful)\n\
  -Z             failed syscalls only (-e status=failed)\n\
Tampering:\n\
  -e inject=SET[:error=ERRNO|:retval=VALUE][:signal=SIG][:when=WHEN]\n\
            [:rate=PERCENT[:seed=N]]\n\
  -e fault=SET[:error=ERRNO][:when=WHEN][:rate=PERCENT[:seed=N]]\n\
                 make the syscalls of SET fail with ERRNO or return VALUE\n\
                 (they do not run), or send SIG at their entry; WHEN is\n\
                 FIRST[..LAST][+[STEP]] counted per process (default: every\n\
                 call); fault= defaults to error=ENOSYS. stracy's own: of\n\
                 those calls, PERCENT (0-100) chosen at random from seed N\n\
                 (default: from the clock, and said), the same calls of each\n\
                 process for the same N\n\
Output:\n\
  -a COLUMN      align results at COLUMN (default 40)\n\
  -A             append to the -o files rather than truncate them\n\
  -o FILE        write the trace to FILE instead of stderr\n\
  -q             no messages about attaching and detaching\n\
  -qq            nor about exit statuses\n\
  -r             relative time stamp on each line\n\
  -s STRSIZE     show at most STRSIZE bytes of each string (default 32)\n\
  -t, -tt, -ttt  time of day; with microseconds; seconds since the epoch\n\
  -i             the instruction pointer at the time of the syscall\n\
  -n             the syscall's number on each line\n\
  -T             time spent in each syscall\n\
  -v             unabbreviated environments\n\
  -x, -xx        non-ASCII strings in hex; all strings in hex\n\
  -X FORMAT      constants and flags: abbrev (names, the default), raw\n\
                 (numbers) or verbose (numbers and names)\n\
  -y, -yy        paths of file descriptors; socket endpoints too\n\
Statistics:\n\
  -c             count time, calls and errors per syscall, and report\n\
  -C             like -c, and the trace as well\n\
  -S SORTBY      sort the table by time, calls, errors, name or nothing\n\
  -w             time in the table: wall clock, not CPU time in the kernel\n\
Miscellaneous:\n\
  -d             say which backend each tracee runs on, and at the end how\n\
                 many syscall stops the tracees made\n\
  -h, --help     this help\n\
  -V, --version  the version\n\
\n\
strace's long option names (--follow-forks, --trace=SET, ...) work too: stracy(1).\n\
Not supported, and refused: -I -k -O -U -Y (stracy(1) says why).\n\
TRACY_BACKEND=kmask|seccomp|classic in the environment forces a backend.\n");
	exit(0);
}

struct tcb *tcb_of(struct tracy_child *c)
{
	struct tcb *t = c->custom;

	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t) {
		perror("stracy");
		exit(1);
	}
	t->pid = c->pid;
	t->schedstat_fd = -1;
	/* As strace: the ABI of the last stop, most likely its parent's. */
	t->abi = last_abi;
	t->out = shared_out;
	if (opt.follow == 2 && opt.outfile) {
		char name[4096];

		snprintf(name, sizeof(name), "%s.%d", opt.outfile, c->pid);
		t->out = fopen(name, opt.append ? "ae" : "we");
		if (!t->out) {
			fprintf(stderr, "stracy: Can't fopen '%s': %m\n", name);
			exit(1);
		}
	}
	c->custom = t;
	t->next = tcbs;
	if (tcbs)
		tcbs->prev = t;
	tcbs = t;
	nprocs++;
	return t;
}

/* Set while stracy starts or attaches its tracees: they are announced apart. */
static bool starting;

/* -d: what the library chose, and what it cost. */
static bool debug;

static void child_created(struct tracy_child *c)
{
	struct tcb *t = tcb_of(c);

	if (!starting && !opt.follow) {
		/* See struct tcb: a child of a command traced without -f. */
		t->hidden = true;
		nprocs--;
		return;
	}
	if (!starting && opt.quiet < 1)
		fprintf(stderr, "stracy: Process %d attached\n", c->pid);
}

static long event_arg(const struct tracy_event *e, int i)
{
	const long a[] = { e->args.a0, e->args.a1, e->args.a2, e->args.a3,
			   e->args.a4, e->args.a5 };

	return a[i];
}

/* strace's words for an ABI: "64 bit", "32 bit", "x32". */
static const char *abi_mode_name(int abi)
{
#if defined(__x86_64__)
	if (abi == TRACY_ABI_X32)
		return "x32";
#endif
	return abi_is_32bit(abi) ? "32 bit" : "64 bit";
}

static bool is_error(long rval)
{
	return rval < 0 && rval >= -MAX_ERRNO;
}

static bool status_shown(unsigned int kind)
{
	return opt.status & kind;
}

/*
 * -e status= other than all: the line is staged in memory until the
 * result says whether it is shown.
 */
static bool staging(void)
{
	return opt.status != STATUS_ALL;
}

static void stage_begin(struct tcb *t)
{
	t->staged_out = t->out;
	t->out = open_memstream(&t->staged, &t->staged_len);
	if (!t->out) {
		t->out = t->staged_out;
		t->staged_out = NULL;
	}
}

/* The staged entry goes out, after a leader of its own, or is dropped. */
static void stage_end(struct tcb *t, bool show)
{
	if (!t->staged_out)
		return;
	fclose(t->out);
	t->out = t->staged_out;
	t->staged_out = NULL;
	if (show) {
		line_begin(t);
		out_puts(t->staged);
	}
	free(t->staged);
	t->staged = NULL;
}

/*
 * rate=: whether the nth call of syscall name is chosen. A function of
 * the seed, the name and n only (the splitmix64 finaliser of their mix),
 * so that a seed chooses the same calls of each process however the
 * processes' calls interleave.
 */
static bool inject_chosen(const struct inject *in, const char *name,
			  unsigned long n)
{
	uint64_t z = in->seed + n * 0x9e3779b97f4a7c15ULL;
	const char *p;

	if (in->rate >= 100)
		return true;
	for (p = name; p && *p; p++)	/* FNV-1a of the name */
		z = (z ^ (unsigned char)*p) * 0x100000001b3ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	/* The top 53 bits, as a share in [0, 100). */
	return (double)(z >> 11) * 0x1.0p-53 * 100 < in->rate;
}

/* -e inject=: whether this call of the syscall is one to tamper with. */
static struct inject *inject_due(struct tcb *t, int abi, long nr)
{
	struct inject *in = syscall_inject(abi, nr);
	unsigned long n;

	if (!in)
		return NULL;
	if (!t->inject_count) {
		t->inject_count = calloc(TRACY_ABI_COUNT * MAX_SYSCALLS,
					 sizeof(*t->inject_count));
		if (!t->inject_count)
			return NULL;
	}
	n = ++t->inject_count[abi * MAX_SYSCALLS + nr];
	if (n < in->first || n > in->last)
		return NULL;
	if (n != in->first && (!in->step || (n - in->first) % in->step))
		return NULL;
	if (!inject_chosen(in, get_syscall_name_abi((int)nr, abi), n))
		return NULL;
	return in;
}

/*
 * -c: the CPU time thread t has used, from the first field of
 * /proc/TID/schedstat (the scheduler's runtime, in nanoseconds). Between
 * its entry and exit stops a thread never returns to user mode, so what
 * it uses there is the system time of the call. The file stays open: a
 * pread() from 0 reads it afresh. A thread's own CPU-time clock would be
 * simpler, but the kernel lets only the threads of its process read it.
 */
static void cpu_time(struct tcb *t, struct timespec *ts)
{
	char buf[64], path[48];
	unsigned long long ns;
	ssize_t n;

	*ts = (struct timespec){ 0 };
	if (t->schedstat_fd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/schedstat", t->pid);
		t->schedstat_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (t->schedstat_fd < 0)
			return;
	}
	n = pread(t->schedstat_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return;
	buf[n] = 0;
	if (sscanf(buf, "%llu", &ns) == 1) {
		ts->tv_sec = (time_t)(ns / 1000000000);
		ts->tv_nsec = (long)(ns % 1000000000);
	}
}

/* end - start, or 0 if end is earlier (a clock that could not be read). */
static void time_between(const struct timespec *start,
			 const struct timespec *end, struct timespec *spent)
{
	spent->tv_sec = end->tv_sec - start->tv_sec;
	spent->tv_nsec = end->tv_nsec - start->tv_nsec;
	if (spent->tv_nsec < 0) {
		spent->tv_sec--;
		spent->tv_nsec += 1000000000;
	}
	if (spent->tv_sec < 0)
		*spent = (struct timespec){ 0 };
}

static int syscall_entry(struct tracy_event *e, struct tcb *t)
{
	struct inject *in;
	int i;

	/* As strace, say when a process changes ABI (an exec, mostly). */
	if ((int)e->abi != t->abi && opt.quiet < 3 && !t->hidden)
		fprintf(stderr, "[ Process PID=%d runs in %s mode. ]\n",
			e->child->pid, abi_mode_name((int)e->abi));
	t->in_syscall = true;
	t->entry_printed = false;
	t->line_done = false;
	t->injected = false;
	t->nr = e->syscall_num;
	t->abi = last_abi = (int)e->abi;
	for (i = 0; i < 6; i++)
		t->args[i] = event_arg(e, i);
	t->sp = e->args.sp;
	t->ip = e->args.ip;
	t->ip_known = true;
	clock_gettime(CLOCK_MONOTONIC, &t->entry_time);
	if (opt.summary && !opt.summary_wall)
		cpu_time(t, &t->entry_cpu);

	if (hiding_until_execve) {
		const char *name = get_syscall_name_abi((int)t->nr, t->abi);

		/* -D: the command's own syscalls begin with its execve. */
		if (t->pid != first_pid || !is_execve(name)) {
			t->in_syscall = false;
			return TRACY_HOOK_CONTINUE;
		}
		hiding_until_execve = false;
	}

	in = inject_due(t, t->abi, t->nr);
	if (in) {
		if (in->signal)
			kill(e->child->pid, in->signal);
		if (in->error || in->retval || !in->signal) {
			if (tracy_deny_syscall_errno(e->child,
						     in->error ? in->error : 1))
				perror("stracy: inject");
			t->injected = true;
			t->injected_error = in->error;
			t->injected_retval = in->retval;
		}
	}
	/* -P: a call that does not touch the paths is neither shown nor counted. */
	t->path_skipped = opt.npaths && syscall_traced(t->abi, t->nr) &&
			  !syscall_touches_path(t, e);
	if (!syscall_traced(t->abi, t->nr) || opt.summary == 1 ||
	    t->path_skipped)
		return TRACY_HOOK_CONTINUE;
	if (staging()) {
		stage_begin(t);
		current = t;
		decode_entry(t, e);
	} else {
		line_begin(t);
		decode_entry(t, e);
		fflush(t->out);
	}
	t->entry_printed = true;
	return TRACY_HOOK_CONTINUE;
}

/*
 * A thread that is not the leader executed a program: the kernel gives it
 * the leader's pid, and the execve's exit stop arrives at the leader's
 * tcb. As strace, the leader is "superseded", and its tcb goes on with
 * the executing thread's execve, whose tcb the library forgot.
 */
static void exec_takeover(struct tracy_event *e, struct tcb *t)
{
	const char *name = get_syscall_name_abi((int)e->syscall_num, (int)e->abi);
	struct tcb *x;

	if (!is_execve(name) ||
	    (t->in_syscall && t->nr == e->syscall_num && t->abi == e->abi))
		return;
	for (x = tcbs; x; x = x->next)
		if (x != t && x->in_syscall && x->nr == e->syscall_num &&
		    x->abi == e->abi && !x->hidden)
			break;
	if (!x)
		return;
	struct tcb saved = *x;
	pid_t former = x->pid;

	if (x->entry_printed && !x->line_done && line_is_open(x)) {
		char why[48];

		snprintf(why, sizeof(why), "<pid changed to %d ...>", t->pid);
		line_interrupt_as(x, why);
	}
	tcb_free(x);
	if (t->in_syscall && t->entry_printed && !t->line_done)
		line_interrupt(t);
	t->in_syscall = false;
	/* After the executing thread is gone, as strace counts processes. */
	if (opt.quiet < 2 && opt.summary != 1) {
		line_begin(t);
		out_printf("+++ superseded by execve in pid %d +++", former);
		line_end(t);
	}
	t->in_syscall = true;
	t->entry_printed = saved.entry_printed;
	t->line_done = true;	/* its line goes on as <... execve resumed> */
	t->nr = saved.nr;
	t->abi = saved.abi;
	memcpy(t->args, saved.args, sizeof(t->args));
	t->sp = saved.sp;
	t->entry_time = saved.entry_time;
	t->entry_cpu = saved.entry_cpu;
	t->nr_args_shown = saved.nr_args_shown;
	t->entry_complete = saved.entry_complete;
	t->reg = saved.reg;
	t->saved_len = saved.saved_len;
	t->path_skipped = saved.path_skipped;
	t->injected = saved.injected;
	t->injected_error = saved.injected_error;
	t->injected_retval = saved.injected_retval;
}

static int syscall_exit(struct tracy_event *e, struct tcb *t)
{
	long rval = e->args.return_code;
	struct timespec now, spent, cpu;
	const char *name;

	exec_takeover(e, t);
	if (!t->in_syscall)
		return TRACY_HOOK_CONTINUE;
	t->in_syscall = false;
	t->ip = e->args.ip;
	t->ip_known = true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	time_between(&t->entry_time, &now, &spent);
	if (opt.summary && !opt.summary_wall) {
		cpu_time(t, &now);
		time_between(&t->entry_cpu, &now, &cpu);
	}
	if (t->injected) {
		if (t->injected_error) {
			rval = -t->injected_error;
		} else {
			struct tracy_sc_args a = e->args;

			/* The denied syscall returns the value instead. */
			a.return_code = t->injected_retval;
			if (tracy_modify_syscall_regs(e->child, e->syscall_num, &a))
				perror("stracy: inject");
			rval = t->injected_retval;
		}
	}
	if (opt.summary && syscall_traced(t->abi, t->nr) && !t->path_skipped)
		summary_count(t->abi, t->nr, opt.summary_wall ? &spent : &cpu,
			      is_error(abi_is_32bit(t->abi) ?
				       (long)(int32_t)rval : rval));
	if (!t->entry_printed)
		return TRACY_HOOK_CONTINUE;
	if (staging()) {
		bool err = is_error(abi_is_32bit(t->abi) ?
				    (long)(int32_t)rval : rval);

		stage_end(t, status_shown(err ? STATUS_FAILED :
					  STATUS_SUCCESSFUL));
		if (!status_shown(err ? STATUS_FAILED : STATUS_SUCCESSFUL)) {
			t->entry_printed = false;
			return TRACY_HOOK_CONTINUE;
		}
	} else if (!line_is_open(t)) {
		name = get_syscall_name_abi((int)t->nr, t->abi);
		line_begin(t);
		out_printf("<... %s resumed>", name ? name : "syscall");
	}
	current = t;
	decode_exit(t, e, rval);
	if (opt.syscall_times)
		out_printf(" <%ld.%06ld>", (long)spent.tv_sec,
			   (long)(spent.tv_nsec / 1000));
	line_end(t);
	t->entry_printed = false;
	return TRACY_HOOK_CONTINUE;
}

static void announce(struct tcb *t, struct tracy_child *c)
{
	if (!debug || t->announced)
		return;
	t->announced = true;
	fprintf(stderr, "stracy: pid %d on the %s backend%s\n", c->pid,
		tracy_backend_name(c->backend), t->hidden ? ", not shown" : "");
}

static int syscall_hook(struct tracy_event *e)
{
	struct tcb *t = tcb_of(e->child);
	int ret;

	announce(t, e->child);
	if (t->hidden) {
		/* Let it go where the backend allows: it costs nothing then. */
		if (e->child->backend != TRACY_BACKEND_SECCOMP)
			return TRACY_HOOK_DETACH_CHILD;
		return TRACY_HOOK_CONTINUE;
	}

	if (e->child->pre_syscall)
		return syscall_entry(e, t);
	ret = syscall_exit(e, t);
	/* -b execve: let go of a tracee that has executed a program. */
	if (opt.after_execve && !is_error(e->args.return_code)) {
		const char *name = get_syscall_name_abi((int)e->syscall_num,
							(int)e->abi);

		if (is_execve(name)) {
			if (e->child->pid != first_pid || opt.seen_execve)
				return TRACY_HOOK_DETACH_CHILD;
			opt.seen_execve = true;
		}
	}
	return ret;
}

static const char *si_code_name(const siginfo_t *si)
{
	static char buf[16];

	switch (si->si_code) {
	case SI_USER: return "SI_USER";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TIMER: return "SI_TIMER";
	case SI_MESGQ: return "SI_MESGQ";
	case SI_ASYNCIO: return "SI_ASYNCIO";
	case SI_SIGIO: return "SI_SIGIO";
	case SI_TKILL: return "SI_TKILL";
	}
	if (si->si_signo == SIGCHLD) {
		static const char *const cld[] = { NULL, "CLD_EXITED",
			"CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED",
			"CLD_STOPPED", "CLD_CONTINUED" };

		if (si->si_code > 0 && si->si_code <= 6)
			return cld[si->si_code];
	}
	if (si->si_signo == SIGSEGV) {
		static const char *const segv[] = { NULL, "SEGV_MAPERR",
			"SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR" };

		if (si->si_code > 0 && si->si_code <= 4)
			return segv[si->si_code];
	}
	if (si->si_signo == SIGBUS && si->si_code == BUS_ADRERR)
		return "BUS_ADRERR";
	if (si->si_signo == SIGTRAP && si->si_code == TRAP_BRKPT)
		return "TRAP_BRKPT";
	if (si->si_signo == SIGILL && si->si_code == ILL_ILLOPN)
		return "ILL_ILLOPN";
	if (si->si_signo == SIGFPE && si->si_code == FPE_INTDIV)
		return "FPE_INTDIV";
	snprintf(buf, sizeof(buf), "%d", si->si_code);
	return buf;
}

/* --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} --- */
static void print_signal(struct tracy_event *e)
{
	struct tcb *t = tcb_of(e->child);
	const siginfo_t *si = &e->siginfo;
	int sig = (int)e->signal_num;

	if (t->hidden || (hiding_until_execve && t->pid == first_pid))
		return;
	if (sig <= 0 || sig > 64 || !opt.signals[sig] || opt.summary == 1)
		return;
	t->ip = e->args.ip;
	t->ip_known = true;
	line_begin(t);
	out_printf("--- %s {si_signo=", signal_name(sig));
	print_const(XLAT_DEC, (uint64_t)si->si_signo, signal_name(si->si_signo));
	out_puts(", si_code=");
	print_const(si->si_code < 0 ? XLAT_DEC : XLAT_HEX,
		    (uint64_t)(int64_t)si->si_code, si_code_name(si));
	if (si->si_signo == SIGCHLD && si->si_code > 0) {
		out_printf(", si_pid=%d, si_uid=%u, si_status=", si->si_pid,
			   si->si_uid);
		if (si->si_code == CLD_EXITED)
			out_printf("%d", si->si_status);
		else
			print_const(XLAT_DEC, (uint64_t)si->si_status,
				    signal_name(si->si_status));
		out_printf(", si_utime=%ld, si_stime=%ld", (long)si->si_utime,
			   (long)si->si_stime);
	} else if (si->si_code == SI_USER || si->si_code == SI_TKILL) {
		out_printf(", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
	} else if (si->si_code == SI_QUEUE || si->si_code == SI_TIMER) {
		out_printf(", si_pid=%d, si_uid=%u, si_int=%d, si_ptr=%p",
			   si->si_pid, si->si_uid, si->si_int, si->si_ptr);
	} else if (si->si_code > 0 && (sig == SIGSEGV || sig == SIGBUS ||
				       sig == SIGILL || sig == SIGFPE ||
				       sig == SIGTRAP)) {
		if (si->si_addr)
			out_printf(", si_addr=%p", si->si_addr);
		else
			out_puts(", si_addr=NULL");
	}
	out_puts("} ---");
	line_end(t);
}

static void tcb_free(struct tcb *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		tcbs = t->next;
	if (t->next)
		t->next->prev = t->prev;
	output_close_tcb(t);
	if (t->schedstat_fd >= 0)
		close(t->schedstat_fd);
	free(t->inject_count);
	if (!t->hidden)
		nprocs--;
	free(t);
}

/* A tracee is gone: its pending syscall, then +++ exited/killed +++. */
static void print_exit(struct tracy_event *e)
{
	struct tcb *t = tcb_of(e->child);
	int status = (int)e->args.return_code;

	announce(t, e->child);
	if (t->hidden) {
		e->child->custom = NULL;
		tcb_free(t);
		return;
	}
	if (t->staged_out) {
		bool show = status_shown(t->entry_complete ? STATUS_UNAVAILABLE :
					 STATUS_UNFINISHED);

		stage_end(t, show);
		if (!show)
			t->entry_printed = false;
	}
	/* -i: a process that is gone has no registers to read. */
	t->ip_known = false;
	if (t->in_syscall && t->entry_printed && opt.summary != 1) {
		const char *name = get_syscall_name_abi((int)t->nr, t->abi);

		if (!line_is_open(t)) {
			line_begin(t);
			out_printf("<... %s resumed>", name ? name : "syscall");
		}
		current = t;
		if (!t->entry_complete)
			out_puts(" <unfinished ...>");
		out_puts(")");
		out_tab();
		out_puts(" = ?");
		line_end(t);
	}
	t->in_syscall = false;
	if (opt.quiet < 2 && opt.summary != 1) {
		if (status == -1) {
			/* A hook let it go (-b execve). */
			if (e->signal_num == 0 && opt.quiet < 1)
				fprintf(stderr, "stracy: Process %d detached\n",
					t->pid);
		} else {
			line_begin(t);
			if (WIFEXITED(status))
				out_printf("+++ exited with %d +++",
					   WEXITSTATUS(status));
			else
				out_printf("+++ killed by %s %s+++",
					   signal_name(WTERMSIG(status)),
					   WCOREDUMP(status) ? "(core dumped) " : "");
			line_end(t);
		}
	}
	e->child->custom = NULL;
	tcb_free(t);
}

/* The program execvp() runs for name: found in $PATH, or name itself. */
static const char *program_path(const char *name, char *found, size_t size)
{
	const char *p = getenv("PATH");

	if (strchr(name, '/'))
		return name;
	while (p && *p) {
		size_t len = strcspn(p, ":");

		snprintf(found, size, "%.*s/%s", (int)len, p, name);
		if (!access(found, X_OK))
			return found;
		p += len + (p[len] == ':');
	}
	return name;
}

/*
 * The execve that starts the command happens inside tracy_exec(), before
 * the hooks can see it: its line is written from what stracy gave it,
 * the program as execvp() finds it, the arguments, and the environment
 * (whose address in the child is that of stracy's, inherited by fork).
 */
static void print_first_execve(struct tracy_child *c, char **args)
{
	int nr = get_syscall_number_abi("execve", TRACY_ABI_NATIVE);
	char found[4096];
	const char *path = program_path(args[0], found, sizeof(found));
	struct tcb *t = tcb_of(c);
	unsigned long n;
	int i;

	if (nr < 0 || !syscall_traced(TRACY_ABI_NATIVE, nr) ||
	    (opt.npaths && !path_selected(path)))
		return;
	if (opt.summary)
		summary_count(TRACY_ABI_NATIVE, nr, &(struct timespec){ 0 },
			      false);
	if (opt.summary == 1 || !status_shown(STATUS_SUCCESSFUL))
		return;
	t->nr = nr;	/* for -n */
	line_begin(t);
	out_puts("execve(");
	print_quoted_local(path, strlen(path), -1);
	out_puts(", [");
	for (i = 0; args[i]; i++) {
		if (i)
			out_puts(", ");
		if (i == 32 && !opt.verbose) {
			int rest = 0;

			while (args[i + rest])
				rest++;
			out_printf("... /* %d entries */", rest);
			break;
		}
		print_quoted_local(args[i], strlen(args[i]), opt.string_limit);
	}
	out_puts("], ");
	for (n = 0; environ[n]; n++)
		;
	if (opt.verbose) {
		out_puts("[");
		for (n = 0; environ[n]; n++) {
			if (n)
				out_puts(", ");
			print_quoted_local(environ[n], strlen(environ[n]),
					   opt.string_limit);
		}
		out_puts("]");
	} else {
		out_printf("%p /* %lu var%s */", (void *)environ, n,
			   n == 1 ? "" : "s");
	}
	out_puts(")");
	out_tab();
	out_puts(" = 0");
	line_end(t);
}

/* Hooks on what is selected: nothing else stops a tracee. */
static int set_hooks(struct tracy *t)
{
	int abi, nr, hooked = 0;
	unsigned int flags;

	for (abi = 0; abi < TRACY_ABI_COUNT; abi++)
		for (nr = 0; nr < MAX_SYSCALLS; nr++) {
			const char *name = get_syscall_name_abi(nr, abi);

			/* -D: the command's execve ends what is hidden. */
			if (!name || (!opt.trace[abi][nr] &&
				      !opt.inject[abi][nr].set &&
				      !(opt.daemonize && is_execve(name))))
				continue;
			/*
			 * A syscall that is only failed, not shown nor
			 * counted, needs no exit stop: the kernel (or the
			 * seccomp filter) can spare the tracee that one.
			 */
			flags = !opt.trace[abi][nr] && !opt.summary &&
				opt.inject[abi][nr].error ?
				TRACY_HOOK_ENTRY_ONLY : 0;
			if (tracy_set_hook_flags(t, name, abi, syscall_hook,
						 flags)) {
				fprintf(stderr, "stracy: cannot hook %s: %m\n",
					name);
				return -1;
			}
			hooked++;
		}
	return hooked;
}

/* -f -p: the other threads of the process, as strace attaches them. */
static int attach_threads(pid_t pid)
{
	char path[64];
	struct dirent *d;
	int attached = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		pid_t tid = (pid_t)atoi(d->d_name);

		if (tid <= 0 || tid == pid)
			continue;
		if (tracy_attach(session, tid))
			attached++;
		else if (errno != ESRCH)
			fprintf(stderr, "stracy: attach: ptrace(PTRACE_SEIZE, "
				"%d): %m\n", tid);
	}
	closedir(dir);
	return attached;
}

static void on_interrupt(int sig)
{
	interrupted = sig;
}

static void on_nothing(int sig)
{
	(void)sig;
}

static int parse_number(int o, const char *arg, long min)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (end == arg || *end || v < min || v > 1 << 30) {
		fprintf(stderr, "stracy: invalid -%c argument: '%s'\n", o, arg);
		usage_hint();
	}
	return (int)v;
}

/* The command's own status, as strace passes it on. */
static int exit_status_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 0x100 | WTERMSIG(status);
}

static void die_like(int status)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	struct rlimit no_core = { 0, 0 };
	sigset_t set;
	int sig;

	if (!(status & 0x100))
		exit(status);
	/* Killed by a signal: so is stracy, without a core of its own. */
	sig = status & 0xff;
	if (sig != SIGSTOP) {
		setrlimit(RLIMIT_CORE, &no_core);
		sigaction(sig, &dfl, NULL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
	}
	exit(128 + sig);
}

/* The processes of -p. */
static pid_t pids[64];
static int npids;

/* -p PID, or a list of them separated by commas or blanks. */
static void parse_pids(const char *arg)
{
	char *copy = strdup(arg), *tok, *save;

	for (tok = strtok_r(copy, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		char *end;
		long pid = strtol(tok, &end, 10);

		if (end == tok || *end || pid <= 0) {
			fprintf(stderr, "stracy: Invalid process id: '%s'\n",
				tok);
			exit(1);
		}
		if (pid == getpid()) {
			fprintf(stderr, "stracy: I'm sorry, I can't let you do "
				"that, Dave.\n");
			exit(1);
		}
		if (npids == (int)(sizeof(pids) / sizeof(*pids))) {
			fprintf(stderr, "stracy: too many -p\n");
			exit(1);
		}
		pids[npids++] = (pid_t)pid;
	}
	free(copy);
}

static const char *parse_sort(const char *arg)
{
	static const char *const keys[] = { "time", "calls", "count",
		"errors", "name", "syscall", "nothing", "none", NULL };
	int k;

	for (k = 0; keys[k] && strcmp(keys[k], arg); k++)
		;
	if (!keys[k]) {
		fprintf(stderr, "stracy: invalid sortby: '%s'\n", arg);
		usage_hint();
	}
	return arg;
}

/*
 * strace's options stracy does not have, and why: refused, with status 1,
 * before anything is started.
 */
static const struct {
	struct option opt;	/* strace's long name, and the letter */
	const char *why;
} unsupported[] = {
	{ { "interruptible", required_argument, NULL, 'I' },
	  "the signals stracy blocks while it traces are fixed (as -I 2)" },
	{ { "stack-trace", no_argument, NULL, 'k' },
	  "stack traces need an unwinder (libdw or libunwind), which stracy "
	  "does not link" },
	{ { "summary-syscall-overhead", required_argument, NULL, 'O' },
	  "there is no overhead to subtract: -c measures the CPU time of the "
	  "call itself" },
	{ { "summary-columns", required_argument, NULL, 'U' },
	  "the columns of the -c table are strace's default ones" },
	{ { "decode-pids", required_argument, NULL, 'Y' },
	  "processes are not named by their comm" },
};
#define UNSUPPORTED	(sizeof(unsupported) / sizeof(*unsupported))

static void refuse(int letter)
{
	unsigned int i;

	for (i = 0; i < UNSUPPORTED; i++)
		if (unsupported[i].opt.val == letter) {
			fprintf(stderr, "stracy: option -%c is not supported: "
				"%s\n", letter, unsupported[i].why);
			exit(1);
		}
}

/* -P PATH: the path, and also what it resolves to, as strace. */
static void add_path(const char *path)
{
	char *real = realpath(path, NULL);

	if (opt.npaths + 2 > (int)(sizeof(opt.paths) / sizeof(*opt.paths))) {
		fprintf(stderr, "stracy: too many -P\n");
		exit(1);
	}
	opt.paths[opt.npaths++] = path;
	if (real && strcmp(real, path)) {
		fprintf(stderr, "stracy: Requested path \"%s\" resolved into "
			"\"%s\"\n", path, real);
		opt.paths[opt.npaths++] = real;
	} else {
		free(real);
	}
}

bool path_selected(const char *path)
{
	int i;

	for (i = 0; i < opt.npaths; i++)
		if (!strcmp(opt.paths[i], path))
			return true;
	return false;
}

/* -u USERNAME: the credentials of the command, as strace gives them. */
static struct {
	const char *name;
	uid_t uid;
	gid_t gid;
	gid_t groups[NGROUPS_MAX];
	int ngroups;
} user;

/* The user's ids and groups (initgroups()'s), or strace's message. */
static void user_lookup(void)
{
	struct passwd *pw;

	if (getuid() || geteuid()) {
		fprintf(stderr, "stracy: You must be root to use the "
			"-u/--username option\n");
		exit(1);
	}
	pw = getpwnam(user.name);
	if (!pw) {
		fprintf(stderr, "stracy: Cannot find user '%s'\n", user.name);
		exit(1);
	}
	user.uid = pw->pw_uid;
	user.gid = pw->pw_gid;
	user.ngroups = NGROUPS_MAX;
	if (getgrouplist(user.name, user.gid, user.groups, &user.ngroups) < 0) {
		fprintf(stderr, "stracy: initgroups: too many groups\n");
		exit(1);
	}
}

/* -D: stracy's own process becomes the user's, before it executes. */
static void become_user(void)
{
	if (setgroups((size_t)user.ngroups, user.groups)) {
		perror("stracy: initgroups");
		exit(1);
	}
	if (setresgid(user.gid, user.gid, user.gid)) {
		perror("stracy: setregid");
		exit(1);
	}
	if (setresuid(user.uid, user.uid, user.uid)) {
		perror("stracy: setreuid");
		exit(1);
	}
}

/* -E VAR=VAL or -E VAR, for the command: applied once stracy has started. */
static const char *env_changes[64];
static int nenv_changes;

static void apply_env_changes(void)
{
	int i;

	for (i = 0; i < nenv_changes; i++) {
		const char *eq = strchr(env_changes[i], '=');

		if (eq)
			putenv((char *)env_changes[i]);
		else
			unsetenv(env_changes[i]);
	}
}

/* Long options without a letter; the -e ones in longopts[]'s order. */
enum {
	LONG_TRACE = 256, LONG_SIGNAL, LONG_STATUS, LONG_INJECT, LONG_FAULT,
	LONG_SEPARATELY, LONG_SECCOMP, LONG_DAEMONIZE,
};
/* --trace=SET is -e trace=SET, and so on. */
static const char *const long_expr_names[] = {
	"trace", "signal", "status", "inject", "fault",
};

/* The options, into opt; returns the index of the command in argv. */
static int parse_options(int argc, char **argv)
{
	/* strace's long names of the same options. */
	static const struct option supported[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "columns", required_argument, NULL, 'a' },
		{ "detach-on", required_argument, NULL, 'b' },
		{ "summary-only", no_argument, NULL, 'c' },
		{ "summary", no_argument, NULL, 'C' },
		{ "debug", no_argument, NULL, 'd' },
		{ "follow-forks", no_argument, NULL, 'f' },
		{ "output-separately", no_argument, NULL, LONG_SEPARATELY },
		{ "output", required_argument, NULL, 'o' },
		{ "attach", required_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "relative-timestamps", no_argument, NULL, 'r' },
		{ "string-limit", required_argument, NULL, 's' },
		{ "summary-sort-by", required_argument, NULL, 'S' },
		{ "summary-wall-clock", no_argument, NULL, 'w' },
		{ "absolute-timestamps", no_argument, NULL, 't' },
		{ "syscall-times", no_argument, NULL, 'T' },
		{ "syscall-number", no_argument, NULL, 'n' },
		{ "instruction-pointer", no_argument, NULL, 'i' },
		{ "user", required_argument, NULL, 'u' },
		{ "no-abbrev", no_argument, NULL, 'v' },
		{ "decode-fds", no_argument, NULL, 'y' },
		{ "successful-only", no_argument, NULL, 'z' },
		{ "failed-only", no_argument, NULL, 'Z' },
		{ "trace", required_argument, NULL, LONG_TRACE },
		{ "signal", required_argument, NULL, LONG_SIGNAL },
		{ "status", required_argument, NULL, LONG_STATUS },
		{ "inject", required_argument, NULL, LONG_INJECT },
		{ "fault", required_argument, NULL, LONG_FAULT },
		/* What it asks for, the library does unasked. */
		{ "seccomp-bpf", no_argument, NULL, LONG_SECCOMP },
		{ "output-append-mode", no_argument, NULL, 'A' },
		{ "daemonize", optional_argument, NULL, LONG_DAEMONIZE },
		{ "env", required_argument, NULL, 'E' },
		{ "trace-path", required_argument, NULL, 'P' },
		{ "const-print-style", required_argument, NULL, 'X' },
	};
	/* ... and those of the refused ones, refused as their letters. */
	struct option longopts[sizeof(supported) / sizeof(*supported) +
			       UNSUPPORTED + 1] = { { NULL, 0, NULL, 0 } };
	size_t n = sizeof(supported) / sizeof(*supported), i;
	char expr[4096];
	int o;

	memcpy(longopts, supported, sizeof(supported));
	for (i = 0; i < UNSUPPORTED; i++)
		longopts[n + i] = unsupported[i].opt;

	while ((o = getopt_long(argc, argv, "+a:Ab:cCdDe:E:fFhiI:knO:o:p:P:qrs:S:tTu:U:vVwxX:yYzZ",
				longopts, NULL)) != -1) {
		switch (o) {
		case 'a': opt.column = parse_number(o, optarg, 0); break;
		case 'b':
			if (strcmp(optarg, "execve")) {
				fprintf(stderr, "stracy: syscall '%s' for -b "
					"isn't supported\n", optarg);
				usage_hint();
			}
			opt.after_execve = true;
			break;
		case 'A': opt.append = true; break;
		case 'D': opt.daemonize++; break;
		case LONG_DAEMONIZE:
			opt.daemonize = !optarg || !strcmp(optarg, "grandchild") ? 1 :
					!strcmp(optarg, "pgroup") ||
					!strcmp(optarg, "pgrp") ? 2 :
					!strcmp(optarg, "session") ? 3 : 0;
			if (!opt.daemonize) {
				fprintf(stderr, "stracy: invalid --daemonize "
					"argument: '%s'\n", optarg);
				usage_hint();
			}
			break;
		case 'E':
			if (nenv_changes == (int)(sizeof(env_changes) /
						  sizeof(*env_changes))) {
				fprintf(stderr, "stracy: too many -E\n");
				exit(1);
			}
			env_changes[nenv_changes++] = optarg;
			break;
		case 'F':
			fprintf(stderr, "stracy: option -F is deprecated, please "
				"use -f/--follow-forks instead\n");
			opt.follow++;
			break;
		case 'P': add_path(optarg); break;
		case 'X':
			if (!strcmp(optarg, "raw"))
				opt.xlat_style = XLAT_RAW;
			else if (!strcmp(optarg, "abbrev"))
				opt.xlat_style = XLAT_ABBREV;
			else if (!strcmp(optarg, "verbose"))
				opt.xlat_style = XLAT_VERBOSE;
			else {
				fprintf(stderr, "stracy: invalid -X argument: "
					"'%s'\n", optarg);
				usage_hint();
			}
			break;
		case 'n': opt.syscall_numbers = true; break;
		case 'i': opt.instruction_pointer = true; break;
		case 'u': user.name = optarg; break;
		case 'I': case 'k': case 'O': case 'U': case 'Y':
			refuse(o);
			break;
		case 'c': opt.summary = 1; break;
		case 'w': opt.summary_wall = true; break;
		case 'C': opt.summary = 2; break;
		case 'd': debug = true; break;
		case 'e':
			if (qualify(optarg))
				exit(1);
			break;
		case LONG_TRACE:
		case LONG_SIGNAL:
		case LONG_STATUS:
		case LONG_INJECT:
		case LONG_FAULT:
			snprintf(expr, sizeof(expr), "%s=%s",
				 long_expr_names[o - LONG_TRACE], optarg);
			if (qualify(expr))
				exit(1);
			break;
		case LONG_SEPARATELY: opt.follow = 2; break;
		case LONG_SECCOMP: break;
		case 'f': opt.follow++; break;
		case 'h': usage(); break;
		case 'o': opt.outfile = optarg; break;
		case 'p': parse_pids(optarg); break;
		case 'q': opt.quiet++; break;
		case 'r': opt.relative = true; break;
		case 's':
			opt.string_limit = (unsigned int)parse_number(o, optarg, 0);
			break;
		case 'S': opt.sort_by = parse_sort(optarg); break;
		case 't': opt.timestamps++; break;
		case 'T': opt.syscall_times = true; break;
		case 'v': opt.verbose = true; break;
		case 'V':
			printf("stracy -- version %s (libtracy-fast)\n",
			       STRACY_VERSION);
			exit(0);
		case 'x': opt.hex_strings++; break;
		case 'y': opt.decode_fds++; break;
		case 'z': opt.status = STATUS_SUCCESSFUL; break;
		case 'Z': opt.status = STATUS_FAILED; break;
		default:
			usage_hint();
		}
	}
	if ((optind < argc) == (npids > 0) && !(optind < argc && npids)) {
		fprintf(stderr, "stracy: must have PROG [ARGS] or -p PID\n");
		usage_hint();
	}
	if (opt.daemonize > 3) {
		fprintf(stderr, "stracy: Too many -D's (%d), maximum supported "
			"-D count is 3\n", opt.daemonize);
		usage_hint();
	}
	if (opt.daemonize && optind >= argc) {
		fprintf(stderr, "stracy: PROG [ARGS] must be specified with "
			"-D/--daemonize\n");
		usage_hint();
	}
	if (user.name)
		user_lookup();
	if (opt.append && !opt.outfile)
		fprintf(stderr, "stracy: -A/--output-append-mode has no effect "
			"without -o/--output\n");
	if (opt.follow == 2 && !opt.outfile)
		opt.follow = 1;
	if (opt.timestamps > 3)
		opt.timestamps = 3;
	if (opt.hex_strings > 2)
		opt.hex_strings = 2;
	return optind;
}

/*
 * Installs sa for sig unless stracy was started with sig ignored, as by
 * nohup or a shell's background job: then stracy ignores it too, and the
 * command it starts inherits it ignored, as it would without stracy
 * (strace forwards the dispositions it found to its tracees unchanged).
 */
static void catch_unless_ignored(int sig, const struct sigaction *sa)
{
	struct sigaction old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	sigaction(sig, sa, NULL);
}

/*
 * Handlers, not SIG_IGN: a command started from here must not inherit as
 * ignored a signal that was not, and exec resets handlers. A closed
 * output (EPIPE) does not stop the trace: the command goes on.
 */
static void set_signals(void)
{
	struct sigaction sa = { .sa_handler = on_interrupt };
	struct sigaction nothing = { .sa_handler = on_nothing };

	catch_unless_ignored(SIGPIPE, &nothing);
	catch_unless_ignored(SIGTERM, &sa);
	catch_unless_ignored(SIGHUP, &sa);
	/* Spawned, the command gets them from the terminal; stracy reports. */
	catch_unless_ignored(SIGINT, npids ? &sa : &nothing);
	catch_unless_ignored(SIGQUIT, npids ? &sa : &nothing);
}

static void start_command(char **command)
{
	struct tracy_child *c = tracy_exec(session, command);

	if (!c) {
		fprintf(stderr, "stracy: Can't exec '%s': %m\n", command[0]);
		exit(errno == ENOENT ? 127 : 126);
	}
	first_pid = c->pid;
	print_first_execve(c, command);
}

static void attach_all(void)
{
	int i, threads;

	for (i = 0; i < npids; i++) {
		struct tracy_child *c = tracy_attach(session, pids[i]);

		if (!c) {
			fprintf(stderr, "stracy: attach: ptrace(PTRACE_SEIZE, "
				"%d): %m\n", pids[i]);
			if (npids == 1)
				exit(1);
			continue;
		}
		if (!first_pid)
			first_pid = c->pid;
		threads = opt.follow ? attach_threads(pids[i]) : 0;
		if (opt.quiet >= 1)
			continue;
		if (threads)
			fprintf(stderr, "stracy: Process %d attached with %d "
				"threads\n", c->pid, threads + 1);
		else
			fprintf(stderr, "stracy: Process %d attached\n", c->pid);
	}
}

/* Until no tracee is left, or a signal: the command's status. */
static int trace(void)
{
	struct tracy_event *e;
	int status = 0, i;

	while (!interrupted) {
		e = tracy_wait_event(session, -1);
		if (!e) {
			if (errno == EINTR)
				continue;
			perror("stracy: wait");
			break;
		}
		if (e->type == TRACY_EVENT_NONE)
			break;
		if (e->type == TRACY_EVENT_QUIT) {
			int st = (int)e->args.return_code;

			if (e->child->pid == first_pid && !npids && st != -1)
				status = exit_status_of(st);
			print_exit(e);
			continue;
		}
		if (e->type == TRACY_EVENT_SIGNAL)
			print_signal(e);
		if (tracy_continue(e, 0) && errno != ESRCH) {
			perror("stracy: continue");
			break;
		}
	}
	if (interrupted) {
		struct tcb *t;

		/* A line left open ends as strace ends it. */
		for (t = tcbs; t; t = t->next)
			if (t->in_syscall && line_is_open(t))
				line_interrupt_as(t, "<detached ...>");
		if (opt.quiet < 1)
			for (i = 0; i < npids; i++)
				fprintf(stderr, "stracy: Process %d detached\n",
					pids[i]);
	}
	return status;
}

/* -D: the tracer's end of the pipe the command waits on. */
static int daemon_ready = -1;

/*
 * -D: the command runs in stracy's own process, so that its parent (a
 * shell) waits for it itself, and stracy traces it from a grandchild
 * that is no one's child (-DD: in a process group of its own, -DDD: in a
 * session of its own). The command waits until the tracer has attached
 * (a byte on a pipe; the end of the pipe without it: the tracer failed,
 * and said why), then executes the program. Returns in the tracer, with
 * the pid of the command.
 */
static pid_t daemonize(char **command)
{
	pid_t tracee = getpid(), middle;
	char c, path[4096];
	int ready[2];
	ssize_t n;

	if (pipe2(ready, O_CLOEXEC)) {
		perror("stracy: pipe2");
		exit(1);
	}
	/* Yama's ptrace_scope 1 lets only ancestors attach, unless asked. */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY);
	middle = fork();
	if (middle < 0) {
		perror("stracy: fork");
		exit(1);
	}
	if (!middle) {
		pid_t tracer = fork();

		if (tracer)
			_exit(tracer < 0);
		close(ready[0]);
		if (opt.daemonize == 2)
			setpgid(0, 0);
		else if (opt.daemonize == 3)
			setsid();
		daemon_ready = ready[1];
		return tracee;
	}
	close(ready[1]);
	waitpid(middle, NULL, 0);
	while ((n = read(ready[0], &c, 1)) < 0 && errno == EINTR)
		;
	if (n != 1)
		exit(1);
	close(ready[0]);
	prctl(PR_SET_PTRACER, 0);
	if (user.name)
		become_user();
	/* One execve, as the line of a command stracy starts shows it. */
	execv(program_path(command[0], path, sizeof(path)), command);
	fprintf(stderr, "stracy: Can't exec '%s': %m\n", command[0]);
	exit(errno == ENOENT ? 127 : 126);
}

/* -D: the tracer attaches to the command, and lets it go on. */
static void attach_command(pid_t pid)
{
	if (!tracy_attach(session, pid)) {
		fprintf(stderr, "stracy: attach: ptrace(PTRACE_SEIZE, %d): %m\n",
			pid);
		exit(1);
	}
	first_pid = pid;
	hiding_until_execve = true;
	if (opt.quiet < 1)
		fprintf(stderr, "stracy: Process %d attached\n", pid);
	if (write(daemon_ready, "", 1) != 1) {
		perror("stracy: write");
		exit(1);
	}
	close(daemon_ready);
}

int main(int argc, char **argv)
{
	pid_t daemon_pid = 0;
	int command, status;

	sysents_init();
	qualify_defaults();
	command = parse_options(argc, argv);
	if (opt.daemonize) {
		apply_env_changes();
		daemon_pid = daemonize(argv + command);
	}
	/*
	 * A command started without -f is traced with its children all the
	 * same, hidden (struct tcb): the seccomp backend, the fast one on a
	 * stock kernel, can only run a command whose children it traces.
	 * One attached to (-D) runs on ptrace or kmask, which let go of them.
	 */
	session = tracy_init(opt.follow || (command < argc && !daemon_pid) ?
			     TRACY_TRACE_CHILDREN : 0);
	if (!session) {
		perror("stracy: tracy_init");
		exit(1);
	}
	/* A tracee under seccomp cannot be let go of: -b needs ptrace's. */
	if (opt.after_execve && !getenv("TRACY_BACKEND"))
		tracy_set_backend(session, TRACY_BACKEND_CLASSIC);
	session->se.child_create = child_created;
	if (set_hooks(session) < 0)
		exit(1);
	if (user.name && tracy_set_exec_credentials(session, user.uid, user.gid,
						    (size_t)user.ngroups,
						    user.groups)) {
		perror("stracy: tracy_set_exec_credentials");
		exit(1);
	}
	output_open();
	set_signals();

	starting = true;
	if (daemon_pid) {
		attach_command(daemon_pid);
	} else if (command < argc) {
		apply_env_changes();
		start_command(argv + command);
	}
	attach_all();
	starting = false;
	status = trace();

	if (opt.summary)
		summary_print(shared_out);
	if (debug)
		fprintf(stderr, "stracy: %lu syscall stops\n",
			tracy_syscall_stops(session));
	tracy_free(session);
	while (tcbs)
		tcb_free(tcbs);
	if (shared_out != stderr)
		fclose(shared_out);
	/* -D: no one waits for the tracer; the command's parent has its status. */
	die_like(daemon_pid ? 0 : status);
}
