#include "workload.h"
#include <sys/uio.h>

#ifndef RWF_DSYNC
#define RWF_DSYNC 0x00000002
#endif

SCENARIO(read_write)
{
	char buf[100];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_read, fd, buf, 4), 4);
	EQ(syscall(SYS_write, fd, "hello", 5), 5);
	EQ(syscall(SYS_pread64, fd, buf, 3, 0), 3);
	EQ(syscall(SYS_pwrite64, fd, "ab", 2, 0), 2);
	EQ(syscall(SYS_read, fd, buf, sizeof(buf)), 1);
	EQ(syscall(SYS_read, fd, buf, sizeof(buf)), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(vectored)
{
	char a[3], b[3], c[5];
	struct iovec r2[2] = { { a, 3 }, { b, 3 } };
	struct iovec w2[2] = { { "ab", 2 }, { "cd", 2 } };
	struct iovec r4[1] = { { c, 4 } };
	struct iovec w_xy[1] = { { "xy", 2 } };
	struct iovec r5[1] = { { c, 5 } };
	struct iovec w_xyz[1] = { { "xyz", 3 } };
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_readv, fd, r2, 2), 6);
	EQ(syscall(SYS_writev, fd, w2, 2), 4);
	/* preadv/pwritev take the offset as two halves: low, high. */
	EQ(syscall(SYS_preadv, fd, r4, 1, 0, 0), 4);
	EQ(syscall(SYS_pwritev, fd, w_xy, 1, 1, 0), 2);
	EQ(syscall(SYS_preadv2, fd, r5, 1, 0, 0, 0), 5);
	EQ(syscall(SYS_pwritev2, fd, w_xyz, 1, 2, 0, RWF_DSYNC), 3);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(rw_ebadf)
{
	char buf[1];
	struct iovec v[1] = { { "x", 1 } };
	ERR(syscall(SYS_read, 9999, buf, 1), EBADF);
	ERR(syscall(SYS_write, 9999, "x", 1), EBADF);
	ERR(syscall(SYS_pread64, 9999, buf, 1, 0), EBADF);
	ERR(syscall(SYS_writev, 9999, v, 1), EBADF);
}

/* stack_read: the calls come from a function of the scenario's own,
 * which ior's stacks (-stacks) must show. do_read calls syscall(), whose
 * frame-less code leaves do_read itself out of a frame pointer chain;
 * read_config, its caller, is in it. noinline: each is a frame. */
static __attribute__((noinline)) void do_read(const char *path)
{
	char buf[8];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY, 0));
	EQ(syscall(SYS_read, fd, buf, 4), 4);
	EQ(syscall(SYS_pread64, fd, buf, 3, 0), 3);
	EQ(syscall(SYS_close, fd), 0);
}

static __attribute__((noinline)) void read_config(void)
{
	do_read(P("f"));
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

SCENARIO(stack_read)
{
	read_config();
}
