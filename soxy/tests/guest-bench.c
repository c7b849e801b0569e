// SPDX-License-Identifier: GPL-2.0
/*
 * soxy's benchmark in the x86_64 guest (make bench, soxy/guest.mk):
 * connection set-up time and bulk throughput of the same static client
 * (soxy-bench-client) directly and through soxy, on each backend, with
 * our SOCKS5 server (soxy-socksd) in the guest, everything on loopback.
 *
 *	soxy_connect/B	one connection: socket, blocking connect, read of
 *			the web server's banner to EOF, close; the mean of
 *			CONNECT_ROUNDS in a row, timed by the client
 *	soxy_bulk/B	one connection reading BULK_MB MB to EOF, timed by
 *			the client
 *
 * B is "untraced" (direct to the server: no soxy, no proxy), "socks"
 * (through soxy-socksd, spoken by the client itself: the proxy's cost
 * without soxy's), or the backend soxy was forced to (TRACY_BACKEND):
 * kmask, seccomp, classic, through soxy-socksd. Each runs BENCHMARK_REPETITIONS times (3 if not
 * set; the guests get it on the kernel command line); one more run
 * under soxy -v counts soxy's syscall stops ("stops"). A row is a number
 * only if every run was checked: the client's exit status, the bytes it
 * read, and in the proxy's log one CONNECT per connection through soxy
 * and none for a direct one; otherwise it is an error row.
 *
 * Prints a line per row as it goes, then Google Benchmark's JSON between
 * the shim's markers (bench/shim/gbench.cc), which
 * bench/report/collect.py gathers.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "guest-lib.h"

#define BULK_MB		32
#define CONNECT_ROUNDS	100

static const char *const rows[] = { "untraced", "socks", "kmask",
				    "seccomp", "classic" };
static struct servers servers;
/* The "benchmarks" array, printed once every row has run. */
static FILE *json;
static int first_entry = 1;

/* The CONNECTs to port that soxy-socksd logged so far. */
static long proxied(unsigned short port)
{
	char line[256], want[64];
	long n = 0;
	FILE *f = fopen(SOCKSD_LOG, "r");

	snprintf(want, sizeof(want), "CONNECT 127.0.0.1:%u: 0\n", port);
	while (f && fgets(line, sizeof(line), f))
		n += !!strstr(line, want);
	if (f)
		fclose(f);
	return n;
}

/*
 * One run of the client for row (kind "connect" or "bulk"), under soxy
 * -v if verbose: its time per iteration in ns, or -1 with *error set.
 * *stops gets soxy's syscall stops when verbose.
 */
static double one_run(const char *row, const char *kind, int verbose,
		      long *stops_seen, const char **error)
{
	static char out[1 << 16];
	char port[8], rounds[16], *argv[16], *at;
	int direct = !strcmp(row, "untraced"), socks = !strcmp(row, "socks");
	int n = 0, connect = *kind == 'c';
	unsigned short to = connect ? servers.web : servers.bulk;
	long before = proxied(to), want = direct ? 0 :
		connect ? CONNECT_ROUNDS : 1;
	double value, rate;

	snprintf(port, sizeof(port), "%u", to);
	snprintf(rounds, sizeof(rounds), "%d", CONNECT_ROUNDS);
	if (!direct && !socks) {
		argv[n++] = SOXY_DIR "/soxy";
		if (verbose)
			argv[n++] = "-v";
		argv[n++] = "-s";
		argv[n++] = servers.proxy;
		argv[n++] = "--no-default-excludes";
		argv[n++] = "--";
	}
	argv[n++] = SOXY_DIR "/soxy-bench-client";
	if (socks) {
		argv[n++] = "-x";
		argv[n++] = strchr(servers.proxy, ':') + 1;
	}
	argv[n++] = (char *)kind;
	if (connect)
		argv[n++] = rounds;
	argv[n++] = "127.0.0.1";
	argv[n++] = port;
	argv[n] = NULL;
	if (run(direct || socks ? NULL : row, argv, out, sizeof(out))) {
		*error = "the client or soxy failed";
		printf("soxy_%s/%s: %s\n", kind, row, out);
		return -1;
	}
	if (proxied(to) - before != want) {
		*error = "the proxy's log does not show one CONNECT per "
			 "connection through soxy, and none for a direct one";
		return -1;
	}
	if (strstr(out, "TRACY_BACKEND=")) {
		*error = "soxy could not use the backend asked for";
		return -1;
	}
	if (verbose)
		*stops_seen = stops(out);
	at = strstr(out, connect ? " us per connection\n" : " bytes, ");
	while (at && at > out && at[-1] != '\n')
		at--;
	if (!at)
		value = -1;
	else if (connect)
		value = atof(at) * 1e3;
	else
		value = atoll(at) == (long long)BULK_MB << 20 &&
			(rate = atof(strstr(at, ", ") + 2)) > 0 ?
			(double)((long long)BULK_MB << 20) / rate * 1e3 : -1;
	if (value <= 0)
		*error = "the client did not print its measure (or read less "
			 "than it should)";
	return value;
}

/* One entry of the "benchmarks" array of Google Benchmark's JSON. */
static void entry(const char *name, const char *label, const char *type,
		  const char *aggregate, int index, int repetitions,
		  long iterations, double time, long stops_seen,
		  double bytes_per_second)
{
	fprintf(json, "%s    {\"name\": \"%s%s%s\", \"run_name\": \"%s\", "
	       "\"run_type\": \"%s\", ", first_entry ? "" : ",\n", name,
	       aggregate ? "_" : "", aggregate ? aggregate : "", name, type);
	first_entry = 0;
	if (aggregate)
		fprintf(json, "\"aggregate_name\": \"%s\", ", aggregate);
	else
		fprintf(json, "\"repetition_index\": %d, ", index);
	fprintf(json, "\"repetitions\": %d, \"threads\": 1, \"iterations\": %ld, "
	       "\"real_time\": %.6g, \"cpu_time\": %.6g, \"time_unit\": "
	       "\"ns\", \"label\": \"%s\"", repetitions, iterations, time,
	       time, label);
	if (stops_seen >= 0)
		fprintf(json, ", \"stops\": %ld", stops_seen);
	if (bytes_per_second > 0)
		fprintf(json, ", \"bytes_per_second\": %.6g",
			bytes_per_second);
	fprintf(json, "}");
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The repetitions of one row, their median and their cv, as entries. */
static void benchmark(const char *kind, const char *row, int repetitions)
{
	char name[64], label[256];
	const char *error = NULL;
	double times[64], sorted[64], mean = 0, var = 0, median;
	long stops_seen = -1, iterations = *kind == 'c' ? CONNECT_ROUNDS : 1;
	double bytes = *kind == 'b' ? (double)((long long)BULK_MB << 20) : 0;
	int i, soxy_row = strcmp(row, "untraced") && strcmp(row, "socks");

	snprintf(name, sizeof(name), "soxy_%s/%s", kind, row);
	if (*kind == 'c')
		snprintf(label, sizeof(label), "per connection (connect, read "
			 "the banner, close; mean of %d)", CONNECT_ROUNDS);
	else
		snprintf(label, sizeof(label), "one connection reading %d MB",
			 BULK_MB);
	snprintf(label + strlen(label), sizeof(label) - strlen(label), ", %s",
		 !strcmp(row, "untraced") ? "direct, no soxy, no proxy" :
		 !strcmp(row, "socks") ? "the client's own SOCKS5 through "
					 "soxy-socksd, no soxy" :
					 "through soxy and soxy-socksd");
	if (soxy_row)
		snprintf(label + strlen(label), sizeof(label) - strlen(label),
			 ", backend=%s", row);
	for (i = 0; i < repetitions && !error; i++)
		times[i] = one_run(row, kind, 0, NULL, &error);
	if (!error && soxy_row)
		one_run(row, kind, 1, &stops_seen, &error);
	if (error) {
		printf("%s ERROR: %s\n", name, error);
		fprintf(json, "%s    {\"name\": \"%s\", \"run_name\": "
		       "\"%s\", \"run_type\": \"iteration\", \"iterations\": 0, "
		       "\"real_time\": 0, \"cpu_time\": 0, \"time_unit\": "
		       "\"ns\", \"error_occurred\": true, \"error_message\": "
		       "\"%s\"}", first_entry ? "" : ",\n", name, name, error);
		first_entry = 0;
		return;
	}
	for (i = 0; i < repetitions; i++) {
		entry(name, label, "iteration", NULL, i, repetitions,
		      iterations, times[i], stops_seen,
		      bytes ? bytes / times[i] * 1e9 : 0);
		mean += times[i] / repetitions;
	}
	memcpy(sorted, times, sizeof(*times) * (size_t)repetitions);
	qsort(sorted, (size_t)repetitions, sizeof(*sorted), by_value);
	median = repetitions % 2 ? sorted[repetitions / 2] :
		(sorted[repetitions / 2 - 1] + sorted[repetitions / 2]) / 2;
	for (i = 0; i < repetitions; i++)
		var += (times[i] - mean) * (times[i] - mean);
	/* A line for make bench's progress (bench/benchmark.mk). */
	printf("%s %.0f ns, median of %d\n", name, median, repetitions);
	entry(name, label, "aggregate", "median", 0, repetitions, iterations,
	      median, stops_seen, bytes ? bytes / median * 1e9 : 0);
	if (repetitions > 1)
		entry(name, label, "aggregate", "cv", 0, repetitions,
		      iterations, sqrt(var / (repetitions - 1)) / mean, -1, 0);
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCHMARK_REPETITIONS");
	int repetitions = env ? atoi(env) : 3;
	char date[64], *array;
	time_t now = time(NULL);
	size_t size;

	(void)argc;
	if (repetitions < 1 || repetitions > 64)
		repetitions = 3;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (start_servers(&servers, BULK_MB))
		return 1;
	json = open_memstream(&array, &size);
	if (!json)
		return 1;
	for (unsigned int i = 0; i < sizeof(rows) / sizeof(*rows); i++)
		benchmark("connect", rows[i], repetitions);
	for (unsigned int i = 0; i < sizeof(rows) / sizeof(*rows); i++)
		benchmark("bulk", rows[i], repetitions);
	fclose(json);
	strftime(date, sizeof(date), "%FT%T%z", localtime(&now));
	printf("GBENCH-JSON-BEGIN\n{\n  \"context\": {\"date\": \"%s\", "
	       "\"executable\": \"%s\", \"num_cpus\": %ld, \"soxy\": "
	       "\"connection set-up and bulk throughput of soxy-bench-client, "
	       "direct and through soxy (per backend) and soxy-socksd, all "
	       "on loopback in this guest\"},\n  \"benchmarks\": [\n%s\n  ]\n}\n"
	       "GBENCH-JSON-END\n", date, argv[0],
	       sysconf(_SC_NPROCESSORS_ONLN), array);
	free(array);
	stop_servers(&servers);
	return 0;
}
