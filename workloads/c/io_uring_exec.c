#include "uring.h"

/* How requests are run: on io-wq (IOSQE_ASYNC), by the SQ thread
 * (IORING_SETUP_SQPOLL), in many batches. */

/* One READ forced to io-wq with IOSQE_ASYNC. */
SCENARIO(uring_async)
{
	static char buf[16];
	struct ring r;

	int fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	ring_new(&r, 8);
	struct io_uring_sqe *e = ring_rw(&r, IORING_OP_READ, fd, buf, sizeof(buf), 0, 1);
	e->flags = IOSQE_ASYNC;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 1, 10 });
	if (memcmp(buf, "uring-data", 10)) {
		fprintf(stderr, "READ read %.10s\n", buf);
		exit(1);
	}
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

/* A WRITE, then a READ, submitted by the SQ thread of an SQPOLL ring: one
 * io_uring_enter wakes the thread before any SQE is queued (see
 * ring_sqpoll_wake), none submits. The thread stays awake for 2 s without
 * work. */
SCENARIO(uring_sqpoll)
{
	static char rbuf[16], wbuf[] = "sqpoll";
	struct ring r;

	int fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	long ring = ring_setup(&r, 4, IORING_SETUP_SQPOLL, 2000);
	if (ring < 0 && errno == EPERM)
		unsupported("IORING_SETUP_SQPOLL");
	if (ring < 0 && errno == ENOSYS)
		unsupported("io_uring_setup");
	OK(ring);
	ring_sqpoll_wake(&r);
	ring_rw(&r, IORING_OP_WRITE, fd, wbuf, 6, 0, 1);
	ring_sqpoll_submit(&r);
	RING_EXPECT(&r, { IORING_OP_WRITE, 1, 6 });
	ring_rw(&r, IORING_OP_READ, fd, rbuf, sizeof(rbuf), 0, 2);
	ring_sqpoll_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, 6 });
	if (memcmp(rbuf, "sqpoll", 6)) {
		fprintf(stderr, "READ read %.6s\n", rbuf);
		exit(1);
	}
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

enum { BATCH_NOPS = 1000, BATCH_DEPTH = 32 };

/* 1000 NOPs (user_data 1 to 1000) on a ring of 32, in batches of 32 (the
 * last of 8), one enter each. */
SCENARIO(uring_batch)
{
	struct want w[BATCH_DEPTH];
	struct ring r;

	ring_new(&r, BATCH_DEPTH);
	for (unsigned done = 0; done < BATCH_NOPS;) {
		unsigned n = BATCH_NOPS - done < BATCH_DEPTH ? BATCH_NOPS - done : BATCH_DEPTH;
		for (unsigned i = 0; i < n; i++) {
			ring_sqe(&r, IORING_OP_NOP, 0, done + i + 1);
			w[i] = (struct want){ IORING_OP_NOP, done + i + 1, 0 };
		}
		ring_submit(&r);
		ring_expect_at(__FILE__, __LINE__, &r, w, n);
		done += n;
	}
	ring_close(&r);
}
