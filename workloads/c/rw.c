/* Reads and writes with offsets and lengths, and their error paths. */
#include "workload.h"
#include <sys/uio.h>

SCENARIO(rw_offsets)
{
	char buf[8];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_pread64, fd, buf, 4L, 2L), 4);
	EQ(syscall(SYS_pread64, fd, buf, 4L, 8L), 2);
	EQ(syscall(SYS_pread64, fd, buf, 4L, 10L), 0);
	EQ(syscall(SYS_pwrite64, fd, "ab", 2L, 12L), 2);
	EQ(syscall(SYS_read, fd, buf, 3L), 3);
	EQ(syscall(SYS_pread64, fd, buf, 8L, 9L), 5);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(rw_large_offset)
{
	char buf[8];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	EQ(syscall(SYS_pwrite64, fd, "abcd", 4L, 1L << 32), 4);
	EQ(syscall(SYS_pread64, fd, buf, 8L, (1L << 32) + 2), 2);
	EQ(syscall(SYS_lseek, fd, 0L, SEEK_END), (1L << 32) + 4);
	EQ(syscall(SYS_lseek, fd, 0L, SEEK_DATA), 1L << 32);
	EQ(syscall(SYS_ftruncate, fd, 0L), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(rw_errors)
{
	char buf[4];
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR | O_NONBLOCK, 0));
	ERR(syscall(SYS_write, f, "x", 1L), EBADF);
	ERR(syscall(SYS_read, d, buf, 4L), EISDIR);
	ERR(syscall(SYS_pread64, f, buf, 4L, -1L), EINVAL);
	ERR(syscall(SYS_read, p, buf, 4L), EAGAIN);
	ERR(syscall(SYS_pread64, p, buf, 4L, 0L), ESPIPE);
	ERR(syscall(SYS_read, f, (void *)1, 4L), EFAULT);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, f), 0);
}

SCENARIO(vectored_offsets)
{
	char a[4], b[5], c[20];
	struct iovec r4 = { a, 4 }, r5 = { b, 5 };
	struct iovec wxyz = { "xyz", 3 }, wab = { "ab", 2 };
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	/* Offsets as two halves, low then high; -1: the file position. */
	EQ(syscall(SYS_preadv, fd, &r4, 1L, 6L, 0L), 4);
	EQ(syscall(SYS_pwritev, fd, &wxyz, 1L, 10L, 0L), 3);
	EQ(syscall(SYS_preadv2, fd, &r5, 1L, -1L, 0L, 0L), 5);
	EQ(syscall(SYS_pwritev2, fd, &wab, 1L, -1L, 0L, 0L), 2);
	EQ(syscall(SYS_read, fd, c, 20L), 6);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(vectored_errors)
{
	char a[4];
	struct iovec r = { a, 4 }, w = { "x", 1 };
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	ERR(syscall(SYS_readv, d, &r, 1L), EISDIR);
	ERR(syscall(SYS_writev, d, &w, 1L), EBADF);
	ERR(syscall(SYS_preadv, f, &r, 1L, -1L, 0L), EINVAL);
	ERR(syscall(SYS_pwritev, f, &w, 1L, -5L, 0L), EINVAL);
	ERR(syscall(SYS_pwritev2, f, &w, 1L, 0L, 0L, 0x80000000L), EOPNOTSUPP);
	ERR(syscall(SYS_writev, f, (void *)1, 1L), EFAULT);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, f), 0);
}

SCENARIO(rw_pipe)
{
	char buf[16];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR | O_NONBLOCK, 0));
	EQ(syscall(SYS_write, fd, "hello", 5L), 5);
	EQ(syscall(SYS_read, fd, buf, 3L), 3);
	EQ(syscall(SYS_read, fd, buf, 10L), 2);
	ERR(syscall(SYS_read, fd, buf, 10L), EAGAIN);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(lseek_offsets)
{
	char buf[4];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_lseek, fd, 4L, SEEK_SET), 4);
	EQ(syscall(SYS_lseek, fd, -2L, SEEK_CUR), 2);
	EQ(syscall(SYS_lseek, fd, -3L, SEEK_END), 7);
	EQ(syscall(SYS_lseek, fd, 100L, SEEK_SET), 100);
	EQ(syscall(SYS_read, fd, buf, 4L), 0);
	EQ(syscall(SYS_lseek, fd, 0L, SEEK_CUR), 100);
	EQ(syscall(SYS_close, fd), 0);
}
