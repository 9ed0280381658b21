/* A CQ overflow: a ring whose CQ holds 2 completions is given 4 NOPs
 * before it is reaped; the last 2 completions go to the kernel's
 * overflow list, and reach the CQ when the ring is entered again. */
#include "uring.h"

SCENARIO(uring_overflow)
{
	struct ring r;
	long fd;

	memset(&r, 0, sizeof(r));
	r.p.flags = IORING_SETUP_CQSIZE;
	r.p.cq_entries = 2;
	fd = syscall(SYS_io_uring_setup, 2L, &r.p);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		unsupported("io_uring_setup");
	r.fd = OK(fd);
	r.sq = ring_map(fd, IORING_OFF_SQ_RING, r.p.sq_off.array + r.p.sq_entries * sizeof(unsigned));
	r.cq = ring_map(fd, IORING_OFF_CQ_RING, r.p.cq_off.cqes + r.p.cq_entries * sizeof(struct io_uring_cqe));
	r.sqes = ring_map(fd, IORING_OFF_SQES, r.p.sq_entries * sizeof(struct io_uring_sqe));
	for (unsigned b = 0; b < 2; b++) {
		ring_sqe(&r, IORING_OP_NOP, 0, 2 * b + 1);
		ring_sqe(&r, IORING_OP_NOP, 0, 2 * b + 2);
		EQ(syscall(SYS_io_uring_enter, r.fd, ring_publish(&r), 0L, 0L, NULL, 0L), 2);
	}
	RING_EXPECT(&r, { IORING_OP_NOP, 1, 0 }, { IORING_OP_NOP, 2, 0 });
	EQ(syscall(SYS_io_uring_enter, r.fd, 0L, 2L, (long)IORING_ENTER_GETEVENTS, NULL, 0L), 0);
	RING_EXPECT(&r, { IORING_OP_NOP, 3, 0 }, { IORING_OP_NOP, 4, 0 });
	ring_close(&r);
}
