// SPDX-License-Identifier: GPL-2.0
/*
 * The lines, as strace writes them: one line per syscall, begun at its
 * entry and ended at its exit. When another tracee has something to say
 * in between, the open line is ended with " <unfinished ...>" and the exit
 * later begins a line of its own with "<... NAME resumed>". Each line
 * starts with the leader: "[pid N] " when more than one process is traced
 * (or "N " in a file of -f), then the time stamps of -t/-tt/-ttt and -r,
 * the syscall number of -n and the instruction pointer of -i.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "stracy.h"

FILE *shared_out;
int nprocs;
/* The tracee whose line is being written, and the one whose line is open. */
struct tcb *current;
static struct tcb *printing;

void out_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(current->out, fmt, ap);
	va_end(ap);
	if (n > 0)
		current->column += n;
}

void out_puts(const char *s)
{
	fputs(s, current->out);
	current->column += (int)strlen(s);
}

void out_tab(void)
{
	/* strace pads so that " = " begins one column before -a's. */
	while (current->column < opt.column - 1) {
		fputc(' ', current->out);
		current->column++;
	}
}

bool line_is_open(struct tcb *t)
{
	/* -ff: each tracee has a file of its own, where nothing interrupts. */
	if (opt.follow == 2)
		return !t->line_done && t->entry_printed;
	return printing == t && !t->line_done && t->entry_printed;
}

void line_interrupt_as(struct tcb *t, const char *why)
{
	struct tcb *open = opt.follow == 2 ? t : printing;

	if (!open || !open->in_syscall || !open->entry_printed ||
	    open->line_done)
		return;
	if (open != t && opt.follow == 2)
		return;
	fprintf(open->out, " %s\n", why);
	fflush(open->out);
	open->line_done = true;
	open->column = 0;
	printing = NULL;
}

void line_interrupt(struct tcb *t)
{
	line_interrupt_as(t, "<unfinished ...>");
}

void line_begin(struct tcb *t)
{
	struct timespec now;

	line_interrupt(t);
	current = printing = t;
	t->column = 0;
	if (opt.outfile && opt.follow < 2 && (opt.follow == 1 || nprocs > 1))
		out_printf("%-5d ", t->pid);
	else if (!opt.outfile && nprocs > 1)
		out_printf("[pid %5d] ", t->pid);
	if (opt.timestamps) {
		clock_gettime(CLOCK_REALTIME, &now);
		if (opt.timestamps == 3) {
			out_printf("%lld.%06ld ", (long long)now.tv_sec,
				   (long)(now.tv_nsec / 1000));
		} else {
			char buf[32];
			struct tm tm;

			localtime_r(&now.tv_sec, &tm);
			strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
			if (opt.timestamps == 2)
				out_printf("%s.%06ld ", buf, (long)(now.tv_nsec / 1000));
			else
				out_printf("%s ", buf);
		}
	}
	if (opt.relative) {
		static struct timespec last;
		struct timespec d;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!last.tv_sec && !last.tv_nsec)
			last = now;
		d.tv_sec = now.tv_sec - last.tv_sec;
		d.tv_nsec = now.tv_nsec - last.tv_nsec;
		if (d.tv_nsec < 0) {
			d.tv_sec--;
			d.tv_nsec += 1000000000;
		}
		last = now;
		out_printf("%s%6ld.%06ld%s", opt.timestamps ? "(+" : "",
			   (long)d.tv_sec, (long)(d.tv_nsec / 1000),
			   opt.timestamps ? ") " : " ");
	}
	/* -n: the number of the syscall, or of the last one, as strace. */
	if (opt.syscall_numbers)
		out_printf("[%4ld] ", t->nr);
	/* -i: as wide as a pointer of the tracee; ? where no stop says. */
	if (opt.instruction_pointer) {
		int width = abi_is_32bit(t->abi) ? 8 : 16;

		if (t->ip_known)
			out_printf("[%0*lx] ", width, (unsigned long)t->ip);
		else
			out_printf("[%.*s] ", width, "????????????????");
	}
}

void line_end(struct tcb *t)
{
	fputc('\n', t->out);
	fflush(t->out);
	if (printing == t)
		printing = NULL;
	t->column = 0;
}

void output_open(void)
{
	shared_out = stderr;
	if (opt.outfile && opt.follow < 2) {
		shared_out = fopen(opt.outfile, opt.append ? "ae" : "we");
		if (!shared_out) {
			fprintf(stderr, "stracy: Can't fopen '%s': %m\n",
				opt.outfile);
			exit(1);
		}
	}
}

void output_close_tcb(struct tcb *t)
{
	if (printing == t)
		printing = NULL;
	if (t->out && t->out != shared_out)
		fclose(t->out);
	else if (t->out)
		fflush(t->out);
	t->out = NULL;
}
