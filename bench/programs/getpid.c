// SPDX-License-Identifier: GPL-2.0
/*
 * getpid.c: the cost of one system call, untraced: the baseline that every
 * traced run of the hot-syscall scenario is compared with. syscall() rather
 * than getpid() so that no libc caches the answer.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "gbench.h"

static void getpid_untraced(gbench_state *st, void *arg)
{
	(void)arg;
	while (gbench_keep_running(st)) {
		long pid = syscall(SYS_getpid);

		gbench_do_not_optimize(pid);
	}
	gbench_counter(st, "syscalls", (double)gbench_iteration_count(st),
		       GBENCH_COUNTER_RATE);
}
GBENCH(getpid_untraced);
