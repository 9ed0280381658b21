/* The benchmark's multi-threaded workload: THREADS threads, each doing
 * ITERS rounds of openat, pread64 of 64 bytes at offset 0, close on its
 * own file DIR/t<i> (created here, before the clock starts). All threads
 * start together behind a barrier; prints the wall time in ns from their
 * release to the last one's end (to OUT if given, else stdout), so that
 * tracer start-up, thread creation and shutdown are not counted.
 *
 *   bench-threads THREADS ITERS DIR [OUT] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

struct worker {
	pthread_t thread;
	char path[4096];
	long iters;
	int failed;
};

static pthread_barrier_t start;

static void *work(void *arg)
{
	struct worker *w = arg;
	char buf[64];

	pthread_barrier_wait(&start);
	for (long i = 0; i < w->iters; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, w->path, O_RDONLY, 0);
		if (fd < 0) {
			w->failed = 1;
			return NULL;
		}
		long n = syscall(SYS_pread64, fd, buf, sizeof(buf), 0);
		if (syscall(SYS_close, fd) != 0 || n != sizeof(buf)) {
			w->failed = 1;
			return NULL;
		}
	}
	return NULL;
}

/* create writes 4 KiB to path, so that every pread64 reads 64 bytes. */
static int create(const char *path)
{
	char data[4096];
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		perror(path);
		return -1;
	}
	memset(data, 'x', sizeof(data));
	if (syscall(SYS_write, fd, data, sizeof(data)) != sizeof(data)) {
		perror(path);
		syscall(SYS_close, fd);
		return -1;
	}
	return syscall(SYS_close, fd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s THREADS ITERS DIR [OUT]\n", argv[0]);
		return 2;
	}
	int n = atoi(argv[1]);
	long iters = atol(argv[2]);
	if (n < 1 || iters < 0) {
		fprintf(stderr, "%s: bad THREADS or ITERS\n", argv[0]);
		return 2;
	}
	struct worker *w = calloc(n, sizeof(*w));
	if (!w) {
		perror("calloc");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		snprintf(w[i].path, sizeof(w[i].path), "%s/t%d", argv[3], i);
		w[i].iters = iters;
		if (create(w[i].path))
			return 1;
	}
	pthread_barrier_init(&start, NULL, n + 1);
	for (int i = 0; i < n; i++) {
		int err = pthread_create(&w[i].thread, NULL, work, &w[i]);
		if (err) {
			fprintf(stderr, "pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	pthread_barrier_wait(&start);
	long long t0 = bench_now();
	int failed = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		failed |= w[i].failed;
	}
	long long t = bench_now() - t0;
	if (failed) {
		fprintf(stderr, "%s: a syscall failed in a worker thread\n", argv[0]);
		return 1;
	}
	return bench_report(argc == 5 ? argv[4] : NULL, t) ? 1 : 0;
}
