#include "workload.h"
#include <sys/uio.h>

/* Offsets and lengths are passed as long, so that every register the
 * variadic syscall() reads is fully defined. Offsets passed by pointer
 * are read by the kernel at entry. */

#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#define FALLOC_FL_ZERO_RANGE 0x10
#endif

SCENARIO(lseek)
{
	char buf[8];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_lseek, fd, 4L, SEEK_SET), 4);
	EQ(syscall(SYS_lseek, fd, 2L, SEEK_CUR), 6);
	EQ(syscall(SYS_lseek, fd, -3L, SEEK_END), 7);
	EQ(syscall(SYS_read, fd, buf, 8L), 3);
	EQ(syscall(SYS_lseek, fd, 0L, SEEK_DATA), 0);
	EQ(syscall(SYS_lseek, fd, 0L, SEEK_HOLE), 10);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(lseek_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_lseek, 9999, 0L, SEEK_SET), EBADF);
	ERR(syscall(SYS_lseek, fd, 0L, 99), EINVAL);
	ERR(syscall(SYS_lseek, fd, -1L, SEEK_SET), EINVAL);
	ERR(syscall(SYS_lseek, fd, 100L, SEEK_DATA), ENXIO);
	ERR(syscall(SYS_lseek, p, 0L, SEEK_SET), ESPIPE);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(sendfile)
{
	long off = 6;
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long out = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_sendfile, out, in, &off, 5L), 5);
	/* No offset: from in's file position, which the first call left at 0. */
	EQ(syscall(SYS_sendfile, out, in, NULL, 100L), 11);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(sendfile_errors)
{
	long neg = -1;
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long out = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	ERR(syscall(SYS_sendfile, out, 9999, NULL, 5L), EBADF);
	ERR(syscall(SYS_sendfile, in, in, NULL, 5L), EBADF);
	ERR(syscall(SYS_sendfile, out, in, (void *)8, 5L), EFAULT);
	ERR(syscall(SYS_sendfile, out, in, &neg, 5L), EINVAL);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(splice)
{
	long off = 1;
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	long out = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_splice, in, &off, p, NULL, 4L, 0), 4);
	EQ(syscall(SYS_splice, p, NULL, out, NULL, 4L, SPLICE_F_MOVE), 4);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(splice_errors)
{
	long off = 0;
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_splice, in, NULL, in, NULL, 4L, 0), EBADF);
	ERR(syscall(SYS_splice, 9999, NULL, p, NULL, 4L, 0), EBADF);
	ERR(syscall(SYS_splice, p, &off, in, NULL, 4L, 0), ESPIPE);
	ERR(syscall(SYS_splice, p, NULL, p, NULL, 4L, 0), EINVAL);
	ERR(syscall(SYS_splice, in, NULL, p, NULL, 4L, 0x100), EINVAL);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(tee)
{
	char buf[16];
	long a = OK(syscall(SYS_openat, AT_FDCWD, P("p1"), O_RDWR, 0));
	long b = OK(syscall(SYS_openat, AT_FDCWD, P("p2"), O_RDWR, 0));
	EQ(syscall(SYS_write, a, "xyz", 3L), 3);
	EQ(syscall(SYS_tee, a, b, 16L, SPLICE_F_NONBLOCK), 3);
	EQ(syscall(SYS_read, b, buf, 16L), 3);
	EQ(syscall(SYS_read, a, buf, 16L), 3);
	EQ(syscall(SYS_close, b), 0);
	EQ(syscall(SYS_close, a), 0);
}

SCENARIO(tee_errors)
{
	long a = OK(syscall(SYS_openat, AT_FDCWD, P("p1"), O_RDWR, 0));
	long b = OK(syscall(SYS_openat, AT_FDCWD, P("p2"), O_RDWR, 0));
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	ERR(syscall(SYS_tee, a, b, 16L, SPLICE_F_NONBLOCK), EAGAIN);
	ERR(syscall(SYS_tee, a, a, 16L, 0), EINVAL);
	ERR(syscall(SYS_tee, f, b, 16L, 0), EINVAL);
	ERR(syscall(SYS_tee, 9999, b, 16L, 0), EBADF);
	EQ(syscall(SYS_close, f), 0);
	EQ(syscall(SYS_close, b), 0);
	EQ(syscall(SYS_close, a), 0);
}

SCENARIO(vmsplice)
{
	char buf[16];
	struct iovec v[2] = { { "hel", 3 }, { "lo", 2 } };
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	EQ(syscall(SYS_vmsplice, p, v, 2L, 0), 5);
	EQ(syscall(SYS_read, p, buf, 16L), 5);
	EQ(syscall(SYS_close, p), 0);
}

SCENARIO(vmsplice_errors)
{
	struct iovec v[1] = { { "x", 1 } };
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	ERR(syscall(SYS_vmsplice, 9999, v, 1L, 0), EBADF);
	ERR(syscall(SYS_vmsplice, f, v, 1L, 0), EBADF);
	ERR(syscall(SYS_vmsplice, p, v, 1L, 0x100), EINVAL);
	ERR(syscall(SYS_vmsplice, p, (void *)8, 1L, 0), EFAULT);
	EQ(syscall(SYS_close, f), 0);
	EQ(syscall(SYS_close, p), 0);
}

SCENARIO(copy_file_range)
{
	long off = 2;
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long out = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_copy_file_range, in, &off, out, NULL, 5L, 0), 5);
	EQ(syscall(SYS_copy_file_range, in, NULL, out, NULL, 100L, 0), 10);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(copy_file_range_errors)
{
	long in = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long out = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	ERR(syscall(SYS_copy_file_range, in, NULL, out, NULL, 5L, 1), EINVAL);
	ERR(syscall(SYS_copy_file_range, in, NULL, in, NULL, 5L, 0), EBADF);
	ERR(syscall(SYS_copy_file_range, 9999, NULL, out, NULL, 5L, 0), EBADF);
	ERR(syscall(SYS_copy_file_range, d, NULL, out, NULL, 5L, 0), EISDIR);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, in), 0);
}

SCENARIO(fallocate)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	EQ(syscall(SYS_fallocate, fd, 0, 0L, 8192L), 0);
	EQ(syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE, 8192L, 4096L), 0);
	EQ(syscall(SYS_fallocate, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0L, 4096L), 0);
	EQ(syscall(SYS_fallocate, fd, FALLOC_FL_ZERO_RANGE, 4096L, 4096L), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fallocate_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	long ro = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_fallocate, fd, 0, 0L, 0L), EINVAL);
	ERR(syscall(SYS_fallocate, fd, FALLOC_FL_PUNCH_HOLE, 0L, 4096L), EOPNOTSUPP);
	ERR(syscall(SYS_fallocate, ro, 0, 0L, 4096L), EBADF);
	ERR(syscall(SYS_fallocate, p, 0, 0L, 4096L), ESPIPE);
	ERR(syscall(SYS_fallocate, 9999, 0, 0L, 4096L), EBADF);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, ro), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fadvise64)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_SEQUENTIAL), 0);
	EQ(syscall(SYS_fadvise64, fd, 0L, 10L, POSIX_FADV_WILLNEED), 0);
	EQ(syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_DONTNEED), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fadvise64_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_fadvise64, fd, 0L, 0L, 99), EINVAL);
	ERR(syscall(SYS_fadvise64, fd, 0L, -1L, POSIX_FADV_NORMAL), EINVAL);
	ERR(syscall(SYS_fadvise64, p, 0L, 0L, POSIX_FADV_NORMAL), ESPIPE);
	ERR(syscall(SYS_fadvise64, 9999, 0L, 0L, POSIX_FADV_NORMAL), EBADF);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(readahead)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_readahead, fd, 0L, 4096L), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(readahead_errors)
{
	long wo = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_readahead, wo, 0L, 4096L), EBADF);
	ERR(syscall(SYS_readahead, p, 0L, 4096L), EINVAL);
	ERR(syscall(SYS_readahead, 9999, 0L, 4096L), EBADF);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, wo), 0);
}

/* Both files of each in-kernel copy named, pipe ends included, and the
 * offsets passed by pointer as the kernel read them at entry. */
SCENARIO(transfer_two_files)
{
	int p[2], q[2];
	long in_off = 1, out_off = 2, a = 0, b = 6, c = 4;
	long src = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long dst = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_RDWR, 0644));

	EQ(syscall(SYS_pipe2, p, 0), 0);
	EQ(syscall(SYS_splice, src, &in_off, (long)p[1], NULL, 4L, 0), 4);
	EQ(syscall(SYS_splice, (long)p[0], NULL, dst, &out_off, 4L, 0), 4);
	EQ(syscall(SYS_copy_file_range, src, &a, dst, &b, 2L, 0), 2);
	EQ(syscall(SYS_sendfile, (long)p[1], src, &c, 2L), 2);
	EQ(syscall(SYS_pipe2, q, 0), 0);
	EQ(syscall(SYS_tee, (long)p[0], (long)q[1], 2L, SPLICE_F_NONBLOCK), 2);
	EQ(syscall(SYS_close, (long)q[1]), 0);
	EQ(syscall(SYS_close, (long)q[0]), 0);
	EQ(syscall(SYS_close, (long)p[1]), 0);
	EQ(syscall(SYS_close, (long)p[0]), 0);
	EQ(syscall(SYS_close, dst), 0);
	EQ(syscall(SYS_close, src), 0);
}
