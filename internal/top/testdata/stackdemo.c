/*
 * ior top's stack test program: reads a file from two functions.
 * stacks-v4.ior.zst is a real run of it (TestReplayFlameByStack):
 *   gcc -O1 -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
 *       -Wl,-z,noseparate-code -o /tmp/ior-stacks/stackdemo stackdemo.c
 *   strip --strip-debug -R .comment /tmp/ior-stacks/stackdemo
 *   head -c 10000 /dev/urandom > /tmp/ior-stacks/data
 *   ior -stacks -o stacks-v4.ior.zst -- /tmp/ior-stacks/stackdemo /tmp/ior-stacks/data
 * and stackroot/ holds the program at the path it ran from (a sysroot
 * for symbolize.NewRoot: libc and ld.so stay file+offset).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char buf[4096];

__attribute__((noinline)) static long read_all(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		exit(1);
	}
	long total = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0) {
			perror("read");
			exit(1);
		}
		if (n == 0)
			break;
		total += n;
	}
	if (close(fd) != 0) {
		perror("close");
		exit(1);
	}
	return total;
}

__attribute__((noinline)) long load_index(const char *path) { return read_all(path); }

__attribute__((noinline)) long scan_log(const char *path)
{
	long t = 0;
	for (int i = 0; i < 3; i++)
		t += read_all(path);
	return t;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: stackdemo FILE\n");
		return 2;
	}
	long t = load_index(argv[1]) + scan_log(argv[1]);
	return t > 0 ? 0 : 1;
}
