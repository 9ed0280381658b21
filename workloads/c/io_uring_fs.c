#include "uring.h"

/* io_uring requests on file metadata and names. The kernel runs each of
 * them on io-wq (they may block), so one enter each keeps the completions
 * in order. */

/* STATX of a path, FSYNC, FALLOCATE (mode 0: the file grows to 4096)
 * and FSYNC with IORING_FSYNC_DATASYNC of an fd. */
SCENARIO(uring_meta)
{
	static struct statx stx;
	struct ring r;

	int fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	ring_new(&r, 8);
	struct io_uring_sqe *e = ring_sqe(&r, IORING_OP_STATX, AT_FDCWD, 1);
	e->addr = (unsigned long)P("f");
	e->len = STATX_BASIC_STATS;
	e->addr2 = (unsigned long)&stx;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_STATX, 1, 0 });
	EQ(stx.stx_size, 10);
	ring_sqe(&r, IORING_OP_FSYNC, fd, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_FSYNC, 2, 0 });
	e = ring_sqe(&r, IORING_OP_FALLOCATE, fd, 3);
	e->off = 0;     /* offset */
	e->addr = 4096; /* length */
	e->len = 0;     /* mode */
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_FALLOCATE, 3, 0 });
	e = ring_sqe(&r, IORING_OP_FSYNC, fd, 4);
	e->fsync_flags = IORING_FSYNC_DATASYNC;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_FSYNC, 4, 0 });
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

static void path_op(struct ring *r, unsigned char op, unsigned long long user_data, const char *path,
		    unsigned len, const char *path2, unsigned flags)
{
	struct io_uring_sqe *e = ring_sqe(r, op, AT_FDCWD, user_data);
	e->addr = (unsigned long)path;
	e->len = len;
	e->addr2 = (unsigned long)path2;
	e->rename_flags = flags; /* the union of rename, unlink and hardlink flags */
	ring_submit(r);
	RING_EXPECT(r, { op, user_data, 0 });
}

/* MKDIRAT d, RENAMEAT f to d/g, SYMLINKAT d/s to g, LINKAT d/g to h,
 * UNLINKAT x, UNLINKAT of directory e: all relative to AT_FDCWD, the
 * second directory fd of RENAMEAT and LINKAT (in len) too. */
SCENARIO(uring_paths)
{
	struct ring r;

	ring_new(&r, 8);
	path_op(&r, IORING_OP_MKDIRAT, 1, P("d"), 0755, NULL, 0);
	path_op(&r, IORING_OP_RENAMEAT, 2, P("f"), AT_FDCWD, P("d/g"), 0);
	path_op(&r, IORING_OP_SYMLINKAT, 3, "g", 0, P("d/s"), 0);
	path_op(&r, IORING_OP_LINKAT, 4, P("d/g"), AT_FDCWD, P("h"), 0);
	path_op(&r, IORING_OP_UNLINKAT, 5, P("x"), 0, NULL, 0);
	path_op(&r, IORING_OP_UNLINKAT, 6, P("e"), 0, NULL, AT_REMOVEDIR);
	ring_close(&r);
}
