// SPDX-License-Identifier: GPL-2.0
// gbench.cc: the C shim over Google Benchmark (see gbench.h). This is the
// only C++ in bench/: everything measured lives in C.

#include "gbench.h"

#include <benchmark/benchmark.h>

#include <vector>

using benchmark::Counter;

// The C flags are Google Benchmark's own values.
#define SAME_FLAG(c, cxx) \
	static_assert(static_cast<unsigned>(c) == static_cast<unsigned>(cxx), #c)
SAME_FLAG(GBENCH_COUNTER_RATE, Counter::kIsRate);
SAME_FLAG(GBENCH_COUNTER_AVG_THREADS, Counter::kAvgThreads);
SAME_FLAG(GBENCH_COUNTER_ITERATION_INVARIANT, Counter::kIsIterationInvariant);
SAME_FLAG(GBENCH_COUNTER_AVG_ITERATIONS, Counter::kAvgIterations);
SAME_FLAG(GBENCH_COUNTER_INVERT, Counter::kInvert);

static benchmark::State *S(gbench_state *st)
{
	return reinterpret_cast<benchmark::State *>(st);
}

static benchmark::internal::Benchmark *B(gbench *b)
{
	return reinterpret_cast<benchmark::internal::Benchmark *>(b);
}

static gbench *C(benchmark::internal::Benchmark *b)
{
	return reinterpret_cast<gbench *>(b);
}

extern "C" {

gbench *gbench_register(const char *name, gbench_fn fn, void *arg)
{
	return C(benchmark::RegisterBenchmark(name, [fn, arg](benchmark::State &st) {
		fn(reinterpret_cast<gbench_state *>(&st), arg);
	}));
}

gbench *gbench_arg(gbench *b, int64_t value)
{
	return C(B(b)->Arg(value));
}

gbench *gbench_use_manual_time(gbench *b)
{
	return C(B(b)->UseManualTime());
}

gbench *gbench_use_real_time(gbench *b)
{
	return C(B(b)->UseRealTime());
}

gbench *gbench_iterations(gbench *b, int64_t n)
{
	return C(B(b)->Iterations(n));
}

gbench *gbench_min_time(gbench *b, double seconds)
{
	return C(B(b)->MinTime(seconds));
}

gbench *gbench_repetitions(gbench *b, int n)
{
	return C(B(b)->Repetitions(n));
}

gbench *gbench_unit(gbench *b, enum gbench_unit unit)
{
	static const benchmark::TimeUnit units[] = {
		benchmark::kNanosecond, benchmark::kMicrosecond,
		benchmark::kMillisecond, benchmark::kSecond,
	};
	return C(B(b)->Unit(units[unit]));
}

bool gbench_keep_running(gbench_state *st)
{
	return S(st)->KeepRunning();
}

bool gbench_keep_running_batch(gbench_state *st, int64_t n)
{
	return S(st)->KeepRunningBatch(n);
}

int64_t gbench_range(gbench_state *st, int index)
{
	return S(st)->range(index);
}

int64_t gbench_iteration_count(gbench_state *st)
{
	return S(st)->iterations();
}

void gbench_pause(gbench_state *st)
{
	S(st)->PauseTiming();
}

void gbench_resume(gbench_state *st)
{
	S(st)->ResumeTiming();
}

void gbench_set_iteration_time(gbench_state *st, double seconds)
{
	S(st)->SetIterationTime(seconds);
}

void gbench_set_label(gbench_state *st, const char *label)
{
	S(st)->SetLabel(label);
}

void gbench_set_items_processed(gbench_state *st, int64_t items)
{
	S(st)->SetItemsProcessed(items);
}

void gbench_set_bytes_processed(gbench_state *st, int64_t bytes)
{
	S(st)->SetBytesProcessed(bytes);
}

void gbench_skip_with_error(gbench_state *st, const char *message)
{
	S(st)->SkipWithError(message);
}

void gbench_counter(gbench_state *st, const char *name, double value,
		    unsigned flags)
{
	S(st)->counters[name] =
		Counter(value, static_cast<Counter::Flags>(flags));
}

// JSON is the default format: the results are read by scripts, and in a
// guest they come out on the serial console. Flags given later win.
int gbench_main(int argc, char **argv)
{
	std::vector<char *> args(argv, argv + argc);
	static char json[] = "--benchmark_format=json";
	args.insert(args.begin() + (argc > 0 ? 1 : 0), json);
	args.push_back(nullptr);
	int n = static_cast<int>(args.size()) - 1;

	benchmark::Initialize(&n, args.data());
	if (benchmark::ReportUnrecognizedArguments(n, args.data()))
		return 1;
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}

// A program that has its own main() takes it over this one.
__attribute__((weak)) int main(int argc, char **argv)
{
	return gbench_main(argc, argv);
}

}  // extern "C"
