/* Size queries and name errors of xattrs, io_uring and AIO error paths, a
 * cancelled AIO poll, lengths asked and moved by in-kernel copies, flock
 * on a directory. */
#include "workload.h"
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <time.h>

SCENARIO(xattr_sizes)
{
	char buf[64];
	EQ(syscall(SYS_setxattr, P("f"), "user.k", "hello", 5L, 0L), 0);
	EQ(syscall(SYS_getxattr, P("f"), "user.k", buf, 0L), 5);
	EQ(syscall(SYS_getxattr, P("f"), "user.k", buf, 64L), 5);
	EQ(syscall(SYS_listxattr, P("f"), buf, 0L), 7);
	EQ(syscall(SYS_listxattr, P("f"), buf, 64L), 7);
	EQ(syscall(SYS_setxattr, P("f"), "user.k", "", 0L, (long)XATTR_REPLACE), 0);
	EQ(syscall(SYS_getxattr, P("f"), "user.k", buf, 64L), 0);
}

SCENARIO(xattr_names)
{
	static char big[65537];
	char buf[64];
	ERR(syscall(SYS_setxattr, P("f"), "noprefix", "x", 1L, 0L), EOPNOTSUPP);
	ERR(syscall(SYS_setxattr, P("f"), "", "x", 1L, 0L), ERANGE);
	ERR(syscall(SYS_setxattr, P("f"), "user.v", big, 65537L, 0L), E2BIG);
	ERR(syscall(SYS_getxattr, P("f"), "user.missing", buf, 64L), ENODATA);
}

SCENARIO(io_uring_errors)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	long r = syscall(SYS_io_uring_setup, 4L, (void *)1);
	if (r < 0 && (errno == ENOSYS || errno == EPERM))
		unsupported("io_uring_setup");
	ERR(r, EFAULT);
	p.flags = 1u << 31;
	ERR(syscall(SYS_io_uring_setup, 4L, &p), EINVAL);
	memset(&p, 0, sizeof(p));
	long ring = OK(syscall(SYS_io_uring_setup, 4L, &p));
	ERR(syscall(SYS_io_uring_register, ring, 9999L, NULL, 0L), EINVAL);
	ERR(syscall(SYS_io_uring_enter, ring, 0L, 0L, 0x80000000L, NULL, 0L), EINVAL);
	EQ(syscall(SYS_io_uring_enter, ring, 0L, 0L, 0L, NULL, 0L), 0);
	EQ(syscall(SYS_close, ring), 0);
}

SCENARIO(aio_poll_cancel)
{
	aio_context_t ctx = 0;
	struct io_event ev[1];
	struct timespec ts = { 5, 0 };
	struct iocb c;
	struct iocb *cc[1] = { &c };
	int p[2];
	long r = syscall(SYS_io_setup, 1L, &ctx);
	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	EQ(r, 0);
	EQ(syscall(SYS_pipe2, p, 0L), 0);
	memset(&c, 0, sizeof(c));
	c.aio_lio_opcode = IOCB_CMD_POLL;
	c.aio_fildes = p[0];
	c.aio_buf = POLLIN;
	EQ(syscall(SYS_io_submit, ctx, 1L, cc), 1);
	ERR(syscall(SYS_io_cancel, ctx, &c, ev), EINPROGRESS);
	EQ(syscall(SYS_io_getevents, ctx, 1L, 1L, ev, &ts), 1);
	EQ(syscall(SYS_io_destroy, ctx), 0);
	EQ(syscall(SYS_close, (long)p[0]), 0);
	EQ(syscall(SYS_close, (long)p[1]), 0);
}

SCENARIO(aio_pgetevents_errors)
{
	aio_context_t ctx = 0;
	struct io_event ev[1];
	struct timespec ts = { 0, 0 };
	long r = syscall(SYS_io_setup, 1L, &ctx);
	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	EQ(r, 0);
	ERR(syscall(SYS_io_pgetevents, ctx, 2L, 1L, ev, &ts, 0L), EINVAL);
	EQ(syscall(SYS_io_pgetevents, ctx, 0L, 1L, ev, &ts, 0L), 0);
	ERR(syscall(SYS_io_pgetevents, ctx, 1L, 1L, ev, &ts, 1L), EFAULT);
	EQ(syscall(SYS_io_destroy, ctx), 0);
	ERR(syscall(SYS_io_pgetevents, ctx, 1L, 1L, ev, &ts, 0L), EINVAL);
}

SCENARIO(sendfile_lengths)
{
	long long off = 2;
	long src = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long dst = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_sendfile, dst, src, &off, 4L), 4);
	EQ(syscall(SYS_sendfile, dst, src, NULL, 100L), 11);
	EQ(syscall(SYS_sendfile, dst, src, NULL, 100L), 0);
	EQ(syscall(SYS_close, dst), 0);
	EQ(syscall(SYS_close, src), 0);
}

SCENARIO(splice_lengths)
{
	long src = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	long dst = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_splice, src, NULL, p, NULL, 100L, 0L), 6);
	EQ(syscall(SYS_splice, p, NULL, dst, NULL, 3L, 0L), 3);
	EQ(syscall(SYS_splice, p, NULL, dst, NULL, 100L, 0L), 3);
	EQ(syscall(SYS_splice, src, NULL, p, NULL, 100L, 0L), 0);
	EQ(syscall(SYS_close, dst), 0);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, src), 0);
}

SCENARIO(copy_file_range_lengths)
{
	long src = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long dst = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_copy_file_range, src, NULL, dst, NULL, 100L, 0L), 10);
	EQ(syscall(SYS_copy_file_range, src, NULL, dst, NULL, 100L, 0L), 0);
	EQ(syscall(SYS_close, dst), 0);
	EQ(syscall(SYS_close, src), 0);
}

SCENARIO(flock_dir)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_flock, d, (long)LOCK_EX), 0);
	EQ(syscall(SYS_flock, d, (long)LOCK_SH), 0);
	EQ(syscall(SYS_flock, d, (long)LOCK_UN), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(tee_lengths)
{
	long p1 = OK(syscall(SYS_openat, AT_FDCWD, P("p1"), O_RDWR, 0));
	long p2 = OK(syscall(SYS_openat, AT_FDCWD, P("p2"), O_RDWR, 0));
	char buf[16];
	EQ(syscall(SYS_write, p1, "hello", 5L), 5);
	EQ(syscall(SYS_tee, p1, p2, 2L, 0L), 2);
	EQ(syscall(SYS_tee, p1, p2, 100L, 0L), 5);
	EQ(syscall(SYS_read, p2, buf, 16L), 7);
	EQ(syscall(SYS_close, p2), 0);
	EQ(syscall(SYS_close, p1), 0);
}

SCENARIO(vmsplice_iovs)
{
	struct iovec v[2] = { { "abc", 3 }, { "def", 3 } };
	char buf[16];
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	EQ(syscall(SYS_vmsplice, p, v, 2L, 0L), 6);
	EQ(syscall(SYS_read, p, buf, 16L), 6);
	EQ(syscall(SYS_close, p), 0);
}

SCENARIO(xattr_dir)
{
	char buf[64];
	EQ(syscall(SYS_setxattr, P("d"), "user.dir", "on", 2L, 0L), 0);
	EQ(syscall(SYS_listxattr, P("d"), buf, 64L), 9);
	EQ(syscall(SYS_removexattr, P("d"), "user.dir"), 0);
	EQ(syscall(SYS_listxattr, P("d"), buf, 64L), 0);
}

SCENARIO(writev_many)
{
	struct iovec v[8] = { { "a", 1 }, { "b", 1 }, { "c", 1 }, { "d", 1 },
			      { "e", 1 }, { "f", 1 }, { "g", 1 }, { "h", 1 } };
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	EQ(syscall(SYS_writev, fd, v, 8L), 8);
	EQ(syscall(SYS_close, fd), 0);
}
