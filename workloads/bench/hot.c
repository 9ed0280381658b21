/* The benchmark's single-threaded hot workload: READS pread64 of 64
 * bytes, then OPENS openat/close pairs, on FILE. Prints the loop's own wall
 * time in ns (to OUT if given, else stdout), so that tracer start-up and
 * shutdown are not counted.
 *
 *   bench-hot READS OPENS FILE [OUT] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	char buf[64];

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s READS OPENS FILE [OUT]\n", argv[0]);
		return 2;
	}
	long reads = atol(argv[1]), opens = atol(argv[2]);
	long fd = syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY, 0);
	if (fd < 0) {
		perror(argv[3]);
		return 1;
	}
	long long t0 = bench_now();
	for (long i = 0; i < reads; i++)
		if (syscall(SYS_pread64, fd, buf, sizeof(buf), 0) != sizeof(buf))
			return 1;
	for (long i = 0; i < opens; i++) {
		long f = syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY, 0);
		if (f < 0 || syscall(SYS_close, f) != 0)
			return 1;
	}
	return bench_report(argc == 5 ? argv[4] : NULL, bench_now() - t0) ? 1 : 0;
}
