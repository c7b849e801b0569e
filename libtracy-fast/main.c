// SPDX-License-Identifier: GPL-2.0
/*
 * tracy_main(): Tracy's ready event loop, for programs that only set
 * hooks. It ends the program as Tracy's did where Tracy's event loop
 * called tracy_quit() (TRACY_HOOK_ABORT, an invalid hook result), and
 * handles Ctrl-C as Tracy's did: SIGINT goes on to the first tracee the
 * session started, which then ends as it sees fit and the loop with it;
 * with no such tracee (only attached ones, or it is gone) the loop ends
 * at once, tracy_main() returns 0, and tracy_free() then detaches the
 * attached tracees. The handler is set for the time of the loop; while
 * it has nobody to pass SIGINT to, a second one ends the program.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* 0 while tracy_main() runs and a SIGINT has ended it; else 1. */
static volatile sig_atomic_t main_go_on = 1;
/* The first tracee tracy_exec() started, to which SIGINT goes; or 0. */
static volatile pid_t main_fpid;

static void main_sigint(int sig)
{
	static const char msg[] = "tracy: SIGINT and no tracee we started "
				  "to pass it on to: ending the event loop\n";
	struct sigaction dfl;
	int saved = errno;

	if (main_fpid > 0 && !kill(main_fpid, SIGINT)) {
		errno = saved;
		return;
	}
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
	main_go_on = 0;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* Nowhere to say it. */
	}
	errno = saved;
}

bool main_loop_ended(void)
{
	return !main_go_on;
}

/* The tracee SIGINT goes on to: the first one, if we started it. */
static pid_t foreground_tracee(struct session *s)
{
	struct child *c = child_find(s, s->pub.fpid);

	return c && c->spawned ? c->pub.pid : 0;
}

int tracy_main(struct tracy *t)
{
	struct session *s = session_of(t);
	struct sigaction sa, old;
	struct tracy_event *e;
	int ret = 0;

	main_fpid = foreground_tracee(s);
	main_go_on = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = main_sigint;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a SIGINT must end the wait for the next event. */
	sigaction(SIGINT, &sa, &old);
	while (main_go_on) {
		e = tracy_wait_event(t, -1);
		if (!e && errno == EINTR)
			continue;
		if (!e && errno == ECANCELED) {
			/* The tracees are gone already; so is the program. */
			sigaction(SIGINT, &old, NULL);
			tracy_quit(t, 1);
		}
		if (!e) {
			ret = -1;
			break;
		}
		if (e->type == TRACY_EVENT_NONE)
			break;
		if (e->type == TRACY_EVENT_QUIT)
			continue;
		if (tracy_continue(e, 0) && errno != ESRCH) {
			ret = -1;
			break;
		}
	}
	/* After a SIGINT that ended the loop, the next one ends the program. */
	if (main_go_on)
		sigaction(SIGINT, &old, NULL);
	main_fpid = 0;
	main_go_on = 1;
	return ret;
}
