// SPDX-License-Identifier: GPL-2.0
/*
 * bench-memory: scenario 5 of bench/README.md, how fast a tracer reads a
 * stopped tracee's memory with tracy_read_mem(), by each of its paths
 * (TRACY_MEMORY, forced at tracy_init()):
 *
 *   memory/process_vm/SIZE   process_vm_readv
 *   memory/proc_mem/SIZE     pread of /proc/PID/mem
 *   memory/peekpoke/SIZE     PTRACE_PEEKDATA, a word at a time
 *
 * for SIZE bytes in one call. The tracee (tracee/loop.c, memory mode)
 * fills a buffer with tracee_pattern() and stops at the entry of
 * getppid(buffer, SIZE); the timed loop reads the buffer again and again
 * while it stays stopped, after one read has been checked byte by byte.
 * The backend that stopped it does not matter to a read; classic is the
 * one every kernel has.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gbench.h"
#include "tracee/tracee.h"
#include "tracer.h"

static const char *const paths[] = { "process_vm", "proc_mem", "peekpoke" };
#define PATHS (sizeof(paths) / sizeof(*paths))
static const long sizes[] = { 8, 4096, 65536 };
#define SIZES (sizeof(sizes) / sizeof(*sizes))

struct memory_case {
	const char *path;
	long size;
};

static int hook_handover(struct tracy_event *e)
{
	(void)e;
	return TRACY_HOOK_CONTINUE;
}

static int set_hooks(struct tracy *t)
{
	return tracy_set_hook_flags(t, "getppid", TRACY_ABI_NATIVE,
				    hook_handover, TRACY_HOOK_ENTRY_ONLY);
}

/* Runs the tracee up to getppid(buffer, size); NULL with run->error. */
static struct tracy_event *wait_handover(struct bench_run *run,
					 struct tracy *t, long size)
{
	int getppid_nr = get_syscall_number_abi("getppid", TRACY_ABI_NATIVE);
	struct tracy_event *e;

	for (;;) {
		e = tracy_wait_event(t, -1);
		if (!e) {
			bench_fail(run, true, "tracy_wait_event");
			return NULL;
		}
		if (e->type == TRACY_EVENT_NONE ||
		    e->type == TRACY_EVENT_QUIT) {
			bench_fail(run, false, "the tracee ended first");
			return NULL;
		}
		if (e->type == TRACY_EVENT_SYSCALL &&
		    e->syscall_num == getppid_nr && e->child->pre_syscall)
			break;
		if (tracy_continue(e, 0)) {
			bench_fail(run, true, "tracy_continue");
			return NULL;
		}
	}
	if (e->args.a1 != size) {
		bench_fail(run, false, "the tracee handed %ld bytes, not %ld",
			   e->args.a1, size);
		return NULL;
	}
	return e;
}

static int read_checked(struct bench_run *run, struct tracy_child *c,
			unsigned char *buf, long addr, long size)
{
	ssize_t got = tracy_read_mem(c, buf, (tracy_child_addr_t)addr, size);
	long i;

	if (got != size)
		return bench_fail(run, got < 0, "read %zd of %ld bytes", got,
				  size);
	for (i = 0; i < size; i++)
		if (buf[i] != tracee_pattern(i))
			return bench_fail(run, false, "byte %ld is %#x, not "
					  "%#x", i, buf[i], tracee_pattern(i));
	return 0;
}

static void bench_memory(gbench_state *st, void *arg)
{
	const struct memory_case *mc = arg;
	struct bench_run run = {
		.backend = &bench_backends[BENCH_CLASSIC],
		.set_hooks = set_hooks,
		.child_fd = -1,
	};
	char size[32], label[64];
	char *argv[] = { (char *)bench_program("tracee-loop"), "memory", size,
			 NULL };
	unsigned char *buf = malloc(mc->size);
	struct tracy_child *c = NULL;
	struct tracy_event *e = NULL;
	struct tracy *t;
	long addr = 0;

	snprintf(size, sizeof(size), "%ld", mc->size);
	setenv("TRACY_MEMORY", mc->path, 1);
	t = buf ? bench_session(&run) : NULL;
	unsetenv("TRACY_MEMORY");
	if (!buf)
		bench_fail(&run, true, "malloc");
	if (t)
		c = bench_exec(&run, t, argv);
	if (c)
		e = wait_handover(&run, t, mc->size);
	if (e) {
		addr = e->args.a0;
		read_checked(&run, e->child, buf, addr, mc->size);
	}
	if (run.error[0]) {
		gbench_skip_with_error(st, run.error);
		goto out;
	}
	while (gbench_keep_running(st))
		if (tracy_read_mem(e->child, buf, (tracy_child_addr_t)addr,
				   mc->size) != mc->size) {
			bench_fail(&run, true, "tracy_read_mem");
			gbench_skip_with_error(st, run.error);
			goto out;
		}
	gbench_set_bytes_processed(st, gbench_iteration_count(st) * mc->size);
	snprintf(label, sizeof(label), "backend=%s memory=%s",
		 tracy_backend_name(c->backend), mc->path);
	gbench_set_label(st, label);
	if (tracy_continue(e, 0) || bench_trace_to_end(&run, t, c->pid))
		gbench_skip_with_error(st, run.error);
out:
	if (t)
		tracy_free(t);
	free(buf);
}

static struct memory_case cases[PATHS][SIZES];

__attribute__((constructor)) static void register_memory(void)
{
	char name[64];
	size_t p, s;

	for (p = 0; p < PATHS; p++)
		for (s = 0; s < SIZES; s++) {
			cases[p][s].path = paths[p];
			cases[p][s].size = sizes[s];
			snprintf(name, sizeof(name), "memory/%s/%ld", paths[p],
				 sizes[s]);
			gbench_use_real_time(gbench_register(name, bench_memory,
							     &cases[p][s]));
		}
}
