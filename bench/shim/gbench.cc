// SPDX-License-Identifier: GPL-2.0
// gbench.cc: the C shim over Google Benchmark (see gbench.h). This is the
// only C++ in bench/: everything measured lives in C.

#include "gbench.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

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

static bool has_out_flag(const std::vector<char *> &args)
{
	static const char flag[] = "--benchmark_out=";

	for (char *arg : args)
		if (!strncmp(arg, flag, sizeof(flag) - 1))
			return true;
	return false;
}

// Copies the JSON file to stdout between the marker lines, and removes it.
// When no benchmark matched BENCHMARK_FILTER there is no file: the frame
// then holds an empty result, so that one filter can be given to every
// program of a place.
static int print_json(const std::string &path, size_t ran)
{
	std::ifstream json(path);

	std::cout << GBENCH_JSON_BEGIN "\n";
	if (!ran)
		std::cout << "{\"context\": {}, \"benchmarks\": []}";
	else
		std::cout << json.rdbuf();
	std::cout << "\n" << GBENCH_JSON_END << std::endl;
	unlink(path.c_str());
	return json || !ran ? 0 : 1;
}

// With --benchmark_out, Google Benchmark's own behaviour. Without it (in a
// guest, whose stdout is the serial console) the progress goes to stdout
// in console format and the JSON to a temporary file, printed on stdout
// in one piece at the end between the marker lines: whatever else reaches
// the console meanwhile (a message on stderr from the code measured, the
// progress) cannot fall inside it. Flags given later win.
int gbench_main(int argc, char **argv)
{
	std::vector<char *> args(argv, argv + argc);
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	std::string path = std::string(tmp) + "/gbench-XXXXXX";
	std::string out_flag;
	static char console[] = "--benchmark_format=console";
	static char no_color[] = "--benchmark_color=false";
	static char json[] = "--benchmark_out_format=json";
	bool to_stdout = !has_out_flag(args);

	if (to_stdout) {
		int fd = mkstemp(&path[0]);

		if (fd < 0) {
			perror(path.c_str());
			return 1;
		}
		close(fd);
		out_flag = "--benchmark_out=" + path;
		char *flags[] = { console, no_color, &out_flag[0], json };
		args.insert(args.begin() + (argc > 0 ? 1 : 0), flags,
			    flags + sizeof(flags) / sizeof(*flags));
	}
	args.push_back(nullptr);
	int n = static_cast<int>(args.size()) - 1;

	benchmark::Initialize(&n, args.data());
	if (benchmark::ReportUnrecognizedArguments(n, args.data())) {
		if (to_stdout)
			unlink(path.c_str());
		return 1;
	}
	size_t ran = benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return to_stdout ? print_json(path, ran) : 0;
}

// A program that has its own main() takes it over this one.
__attribute__((weak)) int main(int argc, char **argv)
{
	return gbench_main(argc, argv);
}

}  // extern "C"
