/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gbench.h: Google Benchmark for benchmarks written in C.
 *
 * A benchmark is a C function that runs its loop while gbench_keep_running()
 * says so, and times it either automatically (wall and CPU time of the loop,
 * gbench_pause()/gbench_resume() around set-up) or by hand
 * (gbench_use_manual_time() at registration, gbench_set_iteration_time()
 * once per iteration). Register it with GBENCH(function) at file scope, or
 * with gbench_register() from code. The shim's main() (used unless the
 * program defines its own) runs them all: with --benchmark_out=FILE as
 * Google Benchmark does; without it, showing progress on stdout and then
 * printing the JSON results there, framed by GBENCH_JSON_BEGIN and
 * GBENCH_JSON_END lines. The usual --benchmark_* flags apply.
 *
 *	static void getpid_untraced(gbench_state *st, void *arg)
 *	{
 *		while (gbench_keep_running(st))
 *			syscall(SYS_getpid);
 *	}
 *	GBENCH(getpid_untraced);
 */
#ifndef TRACY_FAST_GBENCH_H
#define TRACY_FAST_GBENCH_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbench_state gbench_state;	/* benchmark::State */
typedef struct gbench gbench;			/* benchmark::internal::Benchmark */
typedef void (*gbench_fn)(gbench_state *st, void *arg);

/* Registration: @name as shown in the results; @arg is passed to @fn. */
gbench *gbench_register(const char *name, gbench_fn fn, void *arg);
/* Runs the benchmark once more for each value, read back by gbench_range(). */
gbench *gbench_arg(gbench *b, int64_t value);
/* Timing by gbench_set_iteration_time() instead of the loop's clock. */
gbench *gbench_use_manual_time(gbench *b);
/*
 * Iterations and rates by the loop's wall-clock time rather than the CPU
 * time of the calling thread (which misses the time spent waiting for
 * another process, such as a tracee).
 */
gbench *gbench_use_real_time(gbench *b);
/* Fixed iteration count (otherwise Google Benchmark chooses). */
gbench *gbench_iterations(gbench *b, int64_t n);
/* Minimum measuring time in seconds. */
gbench *gbench_min_time(gbench *b, double seconds);
/* Repeat the whole measurement, for mean/median/stddev in the results. */
gbench *gbench_repetitions(gbench *b, int n);
enum gbench_unit { GBENCH_NS, GBENCH_US, GBENCH_MS, GBENCH_S };
gbench *gbench_unit(gbench *b, enum gbench_unit unit);

/* In a benchmark. */
bool gbench_keep_running(gbench_state *st);
bool gbench_keep_running_batch(gbench_state *st, int64_t n);
int64_t gbench_range(gbench_state *st, int index);
int64_t gbench_iteration_count(gbench_state *st);
void gbench_pause(gbench_state *st);
void gbench_resume(gbench_state *st);
void gbench_set_iteration_time(gbench_state *st, double seconds);
void gbench_set_label(gbench_state *st, const char *label);
void gbench_set_items_processed(gbench_state *st, int64_t items);
void gbench_set_bytes_processed(gbench_state *st, int64_t bytes);
/* Ends the benchmark with an error shown in its results; return after it. */
void gbench_skip_with_error(gbench_state *st, const char *message);

/* Counters: benchmark::Counter::Flags, combinable. */
enum gbench_counter_flags {
	GBENCH_COUNTER_DEFAULT = 0,
	GBENCH_COUNTER_RATE = 1 << 0,		/* divided by the time */
	GBENCH_COUNTER_AVG_THREADS = 1 << 1,
	GBENCH_COUNTER_ITERATION_INVARIANT = 1 << 2,	/* times iterations */
	GBENCH_COUNTER_AVG_ITERATIONS = 1 << 3,	/* divided by iterations */
};
#define GBENCH_COUNTER_INVERT 0x80000000u	/* 1 / value */
void gbench_counter(gbench_state *st, const char *name, double value,
		    unsigned flags);

#define GBENCH_JSON_BEGIN	"GBENCH-JSON-BEGIN"
#define GBENCH_JSON_END		"GBENCH-JSON-END"

/* Runs every registered benchmark; argv as for Google Benchmark. */
int gbench_main(int argc, char **argv);

/* Keeps the compiler from dropping a value or from caching memory. */
#define gbench_do_not_optimize(value) \
	__asm__ __volatile__("" : : "r,m"(value) : "memory")
#define gbench_clobber_memory() __asm__ __volatile__("" : : : "memory")

/* Registers static void FN(gbench_state *, void *) under its own name. */
#define GBENCH(fn)							\
	__attribute__((constructor)) static void gbench_register_##fn(void) \
	{								\
		gbench_register(#fn, fn, 0);				\
	}

#ifdef __cplusplus
}
#endif

#endif /* TRACY_FAST_GBENCH_H */
