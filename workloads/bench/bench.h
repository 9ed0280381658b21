/* Shared by the benchmark's workloads: a monotonic clock and where the
 * timed loop's wall time goes. The time goes to a file when one is named,
 * because under some tracers (ior's default text output) stdout is shared
 * with the tracer's own lines and a number written there can land inside
 * one of them. */
#ifndef IOR_BENCH_H
#define IOR_BENCH_H

#include <stdio.h>
#include <time.h>

static inline long long bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* bench_report_calls writes ns, in decimal and a newline, to out (stdout
 * when out is NULL), then calls on a line of its own when it is not
 * negative: the syscalls the timed part issued beyond the fixed count the
 * bench knows from the arguments (a count only the workload can know, like
 * its io_uring_enter calls). 0 on success. */
static inline int bench_report_calls(const char *out, long long ns, long long calls)
{
	FILE *f = out ? fopen(out, "w") : stdout;

	if (!f) {
		perror(out);
		return -1;
	}
	fprintf(f, "%lld\n", ns);
	if (calls >= 0)
		fprintf(f, "%lld\n", calls);
	if (out && fclose(f)) {
		perror(out);
		return -1;
	}
	return 0;
}

/* bench_report writes ns alone: the timed part's syscalls are all known
 * from the arguments. */
static inline int bench_report(const char *out, long long ns)
{
	return bench_report_calls(out, ns, -1);
}

#endif
