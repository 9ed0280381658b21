#include "uring.h"

/* io_uring requests on plain fds and paths: each scenario checks every
 * completion (user_data and res) and the data moved. */

/* WRITE then READ at offset 0 of a plain fd, one enter each. */
SCENARIO(uring_rw)
{
	static char rbuf[16], wbuf[] = "hello uring";
	struct ring r;

	int fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	ring_new(&r, 8);
	ring_rw(&r, IORING_OP_WRITE, fd, wbuf, 11, 0, 1);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_WRITE, 1, 11 });
	ring_rw(&r, IORING_OP_READ, fd, rbuf, sizeof(rbuf), 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, 11 });
	want_bytes("READ", rbuf, "hello uring", 11);
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

/* WRITEV of two buffers, then READV into two, at offset 0. */
SCENARIO(uring_rwv)
{
	static char a[] = "ab", b[] = "cde", ra[2], rb[8];
	struct iovec wv[2] = { { a, 2 }, { b, 3 } }, rv[2] = { { ra, sizeof(ra) }, { rb, sizeof(rb) } };
	struct ring r;

	int fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	ring_new(&r, 8);
	ring_rw(&r, IORING_OP_WRITEV, fd, wv, 2, 0, 1);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_WRITEV, 1, 5 });
	ring_rw(&r, IORING_OP_READV, fd, rv, 2, 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READV, 2, 5 });
	want_bytes("READV", ra, "ab", 2);
	want_bytes("READV", rb, "cde", 3);
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

/* OPENAT through the ring, READ on the fd it returns, CLOSE of it through
 * the ring: one enter each. */
SCENARIO(uring_open_read_close)
{
	static char buf[16];
	struct ring r;

	ring_new(&r, 8);
	struct io_uring_sqe *e = ring_sqe(&r, IORING_OP_OPENAT, AT_FDCWD, 1);
	e->addr = (unsigned long)P("f");
	e->open_flags = O_RDONLY;
	ring_submit(&r);
	int fd = RING_EXPECT(&r, { IORING_OP_OPENAT, 1, ANY_FD });
	ring_rw(&r, IORING_OP_READ, fd, buf, sizeof(buf), 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, 10 });
	want_bytes("READ", buf, "uring-data", 10);
	ring_sqe(&r, IORING_OP_CLOSE, fd, 3);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_CLOSE, 3, 0 });
	ring_close(&r);
}

/* A direct descriptor: a sparse table of 4 registered files, then one
 * linked chain in one enter: OPENAT into slot 1 (file_index is slot + 1),
 * READ through slot 1, CLOSE of slot 1. */
SCENARIO(uring_direct)
{
	static char buf[16];
	struct io_uring_rsrc_register reg = { .nr = 4, .flags = IORING_RSRC_REGISTER_SPARSE };
	struct ring r;

	ring_new(&r, 8);
	EQ(syscall(SYS_io_uring_register, r.fd, IORING_REGISTER_FILES2, &reg, sizeof(reg)), 0);
	struct io_uring_sqe *e = ring_sqe(&r, IORING_OP_OPENAT, AT_FDCWD, 1);
	e->addr = (unsigned long)P("f");
	e->open_flags = O_RDONLY;
	e->file_index = 2;
	e->flags = IOSQE_IO_LINK;
	e = ring_rw(&r, IORING_OP_READ, 1, buf, 10, 0, 2); /* a short read would break the link */
	e->flags = IOSQE_FIXED_FILE | IOSQE_IO_LINK;
	e = ring_sqe(&r, IORING_OP_CLOSE, 0, 3);
	e->file_index = 2;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_OPENAT, 1, 0 }, { IORING_OP_READ, 2, 10 }, { IORING_OP_CLOSE, 3, 0 });
	want_bytes("READ", buf, "uring-data", 10);
	ring_close(&r);
}

/* Failed requests: OPENAT of a missing file, READ of a bad fd, and a
 * linked chain whose failed head cancels its NOP. */
SCENARIO(uring_errors)
{
	static char buf[16];
	struct ring r;

	ring_new(&r, 8);
	struct io_uring_sqe *e = ring_sqe(&r, IORING_OP_OPENAT, AT_FDCWD, 1);
	e->addr = (unsigned long)P("missing");
	e->open_flags = O_RDONLY;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_OPENAT, 1, -ENOENT });
	ring_rw(&r, IORING_OP_READ, 999, buf, sizeof(buf), 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, -EBADF });
	e = ring_sqe(&r, IORING_OP_OPENAT, AT_FDCWD, 3);
	e->addr = (unsigned long)P("missing");
	e->open_flags = O_RDONLY;
	e->flags = IOSQE_IO_LINK;
	ring_sqe(&r, IORING_OP_NOP, 0, 4);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_OPENAT, 3, -ENOENT }, { IORING_OP_NOP, 4, -ECANCELED });
	ring_close(&r);
}
