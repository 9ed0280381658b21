#include "workload.h"

/* A path of 16 directories of 240 bytes each, then a file: some 3860
 * bytes, past what ior once kept (255) and within PATH_MAX. The harness
 * makes the directories. */
static const char *deep(const char *leaf)
{
	static char bufs[2][4096];
	static int next;
	char *b = bufs[next++ % 2], *p = b;

	for (int i = 0; i < 16; i++) {
		memset(p, 'd', 240);
		p[240] = '/';
		p += 241;
	}
	strcpy(p, leaf);
	return P(b);
}

SCENARIO(long_path)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, deep("f"), (long)(O_CREAT | O_WRONLY), 0644L));

	EQ(syscall(SYS_write, fd, "x", 1L), 1);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_rename, deep("f"), deep("g")), 0);
	EQ(syscall(SYS_unlink, deep("g")), 0);
}

/* Names with a newline, a tab, ';', a terminal escape and bytes that are
 * not UTF-8: recorded exactly, shown escaped. */
static const char *const odd[] = { "a\nb", "t\tab", "semi;colon", "esc\x1b[31m", "bad\xff\xfe" };

SCENARIO(odd_names)
{
	enum { N = sizeof(odd) / sizeof(odd[0]) };
	long fds[N];

	/* All open at once, so each has an fd of its own in every run. */
	for (unsigned i = 0; i < N; i++)
		fds[i] = OK(syscall(SYS_openat, AT_FDCWD, P(odd[i]), (long)(O_CREAT | O_WRONLY), 0644L));
	for (unsigned i = 0; i < N; i++)
		EQ(syscall(SYS_close, fds[i]), 0);
	for (unsigned i = 0; i < N; i++)
		EQ(syscall(SYS_unlink, P(odd[i])), 0);
	/* A NULL path: the kernel faults, ior shows the address. */
	ERR(syscall(SYS_unlink, 0L), EFAULT);
}
