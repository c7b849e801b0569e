// SPDX-License-Identifier: GPL-2.0
/*
 * The traced child. It runs a script that the tracer writes into shared
 * memory while the child is stopped: raw syscalls with poison arguments,
 * forks, threads and execs. Between its stop and its exit the child makes
 * no syscall but the script's, so a tracer knows every stop to expect.
 * An exec'd image gets the script as syscall names (run_named_syscalls),
 * which each ABI's build turns into its own numbers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall_mask.h"

static const struct {
	const char *name;
	long nr;
} named_syscalls[] = {
	{ "getpid", __NR_getpid },
	{ "getppid", __NR_getppid },
	{ "gettid", __NR_gettid },
};

void script_reset(struct shared *sh)
{
	sh->ncalls = 0;
	sh->go = 0;
	sh->nexec_args = 0;
	memset(sh->results, 0, sizeof(sh->results));
	memset(sh->errnos, 0, sizeof(sh->errnos));
}

void script_add(struct shared *sh, int op, long nr, int children)
{
	if (sh->ncalls < MAX_CALLS)
		sh->calls[sh->ncalls++] = (struct call){
			op, children, nr,
			{ POISON, POISON + 1, POISON + 2, POISON + 3 },
		};
}

void script_add_args(struct shared *sh, long nr, long a0, long a1, long a2,
		     long a3)
{
	if (sh->ncalls < MAX_CALLS)
		sh->calls[sh->ncalls++] = (struct call){
			OP_SYSCALL, 0, nr, { a0, a1, a2, a3 },
		};
}

/* Lets a tracee spinning in OP_SPIN, in another process, go on. */
void script_go(struct shared *sh)
{
	__atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
}

/* @names: blank-separated syscall names for the exec'd image. */
void script_exec_args(struct shared *sh, const char *path, const char *names)
{
	char copy[128], *word, *save;

	snprintf(sh->exec_path, sizeof(sh->exec_path), "%s", path);
	snprintf(copy, sizeof(copy), "%s", names);
	sh->nexec_args = 0;
	for (word = strtok_r(copy, " ", &save); word && sh->nexec_args < 8;
	     word = strtok_r(NULL, " ", &save))
		snprintf(sh->exec_args[sh->nexec_args++],
			 sizeof(sh->exec_args[0]), "%s", word);
}

int run_named_syscalls(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(named_syscalls); k++)
			if (!strcmp(argv[i], named_syscalls[k].name))
				break;
		if (k == ARRAY_SIZE(named_syscalls))
			return 2;
		syscall(named_syscalls[k].nr, POISON, POISON, POISON);
	}
	return 0;
}

static void exec_script_image(struct shared *sh, char **argv)
{
	execv(sh->exec_path, argv);
	_exit(127);
}

static void build_exec_argv(struct shared *sh, char **argv)
{
	int n = 0;

	argv[n++] = sh->exec_path;
	argv[n++] = TRACEE_ARG;
	for (int i = 0; i < sh->nexec_args; i++)
		argv[n++] = sh->exec_args[i];
	argv[n] = NULL;
}

static void run_calls(struct shared *sh, int from, int to);

/*
 * Apart from run_calls(), which vfork() would clobber. GCC and clang do
 * not inline a function that calls vfork(), or any returns_twice function.
 */
static pid_t vfork_exec(struct shared *sh, char **argv)
{
	pid_t pid = vfork();

	if (pid == 0)
		exec_script_image(sh, argv);
	return pid;
}

struct thread_calls {
	struct shared *sh;
	int from, to;
};

static void *thread_main(void *arg)
{
	struct thread_calls *tc = arg;

	run_calls(tc->sh, tc->from, tc->to);
	return NULL;
}

static void record(struct shared *sh, int i, long ret)
{
	sh->results[i] = ret;
	sh->errnos[i] = ret == -1 ? errno : 0;
}

static void run_calls(struct shared *sh, int from, int to)
{
	char *argv[12];

	for (int i = from; i < to; i++) {
		const struct call *c = &sh->calls[i];
		struct thread_calls tc = { sh, i + 1, i + 1 + c->children };
		pthread_t thread;
		pid_t pid;

		switch (c->op) {
		case OP_SYSCALL:
			record(sh, i, syscall(c->nr, c->args[0], c->args[1],
					      c->args[2], c->args[3],
					      POISON + 4, POISON + 5));
			break;
		case OP_INT80:
			sh->results[i] = int80_syscall(c->nr);
			break;
		case OP_SPIN:
			while (!__atomic_load_n(&sh->go, __ATOMIC_ACQUIRE))
				syscall(__NR_sched_yield);
			break;
		case OP_FORK:
			pid = fork();
			if (pid == 0) {
				run_calls(sh, tc.from, tc.to);
				_exit(0);
			}
			record(sh, i, waitpid(pid, NULL, 0));
			i += c->children;
			break;
		case OP_THREAD:
			record(sh, i, pthread_create(&thread, NULL,
						     thread_main, &tc));
			if (!sh->results[i])
				pthread_join(thread, NULL);
			i += c->children;
			break;
		case OP_VFORK_EXEC:
			build_exec_argv(sh, argv);
			pid = vfork_exec(sh, argv);
			record(sh, i, waitpid(pid, NULL, 0));
			break;
		case OP_EXEC:
			build_exec_argv(sh, argv);
			exec_script_image(sh, argv);
			break;
		}
	}
}

/* SECCOMP_RET_TRACE for getppid, everything else allowed. */
static int install_trace_filter(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(insns), insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

static void child(struct shared *sh, int how)
{
	/* Die with the test; let a helper process of the test attach. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY);
	if ((how & SPAWN_SECCOMP) && install_trace_filter())
		_exit(3);
	if (how & SPAWN_LOOP) {
		for (;;) {
			for (int i = 0; i < 50; i++)
				syscall(__NR_getpid);
			syscall(__NR_getppid);
		}
	}
	if (how & SPAWN_TRACEME) {
		if (syscall(__NR_ptrace, PTRACE_TRACEME, 0, 0, 0))
			_exit(4);
		syscall(__NR_kill, syscall(__NR_getpid), SIGSTOP);
	}
	run_calls(sh, 0, sh->ncalls);
	_exit(0);
}

pid_t spawn_tracee(struct shared *sh, int how)
{
	pid_t pid = fork();

	if (pid == 0)
		child(sh, how);
	return pid;
}
