#include "uring.h"

/* One READ_FIXED from src into registered buffer 0 and one WRITE_FIXED of
 * registered buffer 1 to dst, through registered files, in one enter. */
SCENARIO(io_uring)
{
	static char rbuf[16], wbuf[16] = "uring";
	struct iovec bufs[2] = { { rbuf, sizeof(rbuf) }, { wbuf, 5 } };
	struct ring r;
	int files[2];

	files[0] = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	files[1] = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	ring_new(&r, 8);
	EQ(syscall(SYS_io_uring_register, r.fd, IORING_REGISTER_FILES, files, 2), 0);
	EQ(syscall(SYS_io_uring_register, r.fd, IORING_REGISTER_BUFFERS, bufs, 2), 0);

	/* fd is an index into the registered files, buf_index into the buffers. */
	struct io_uring_sqe *e = ring_rw(&r, IORING_OP_READ_FIXED, 0, rbuf, 10, 0, 100);
	e->flags = IOSQE_FIXED_FILE;
	e->buf_index = 0;
	e = ring_rw(&r, IORING_OP_WRITE_FIXED, 1, wbuf, 5, 0, 101);
	e->flags = IOSQE_FIXED_FILE;
	e->buf_index = 1;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ_FIXED, 100, 10 }, { IORING_OP_WRITE_FIXED, 101, 5 });
	if (memcmp(rbuf, "uring-data", 10)) {
		fprintf(stderr, "READ_FIXED read %.10s\n", rbuf);
		exit(1);
	}
	ring_close(&r);
	EQ(syscall(SYS_close, files[1]), 0);
	EQ(syscall(SYS_close, files[0]), 0);
}
