#include "workload.h"
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/uio.h>

/* One READ_FIXED from src into registered buffer 0 and one WRITE_FIXED of
 * registered buffer 1 to dst, through registered files, in one enter. */
SCENARIO(io_uring)
{
	static char rbuf[16], wbuf[16] = "uring";
	struct io_uring_params p = { 0 };
	struct iovec bufs[2] = { { rbuf, sizeof(rbuf) }, { wbuf, 5 } };
	int files[2];

	files[0] = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	files[1] = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	long ring = syscall(SYS_io_uring_setup, 8, &p);
	if (ring < 0 && (errno == ENOSYS || errno == EPERM))
		unsupported("io_uring_setup");
	OK(ring);

	size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	char *sq = mmap(0, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	char *cq = mmap(0, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
	struct io_uring_sqe *sqes = mmap(0, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
		fprintf(stderr, "mmap of io_uring rings failed\n");
		exit(1);
	}
	EQ(syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, files, 2), 0);
	EQ(syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS, bufs, 2), 0);

	unsigned *tail = (unsigned *)(sq + p.sq_off.tail);
	unsigned mask = *(unsigned *)(sq + p.sq_off.ring_mask);
	unsigned *array = (unsigned *)(sq + p.sq_off.array);
	unsigned t = *tail;
	for (int i = 0; i < 2; i++) {
		struct io_uring_sqe *e = &sqes[(t + i) & mask];
		memset(e, 0, sizeof(*e));
		e->opcode = i == 0 ? IORING_OP_READ_FIXED : IORING_OP_WRITE_FIXED;
		e->flags = IOSQE_FIXED_FILE;
		e->fd = i; /* index into the registered files */
		e->addr = (unsigned long)bufs[i].iov_base;
		e->len = i == 0 ? 10 : 5;
		e->buf_index = i;
		e->user_data = 100 + i;
		array[(t + i) & mask] = (t + i) & mask;
	}
	__atomic_store_n(tail, t + 2, __ATOMIC_RELEASE);
	EQ(syscall(SYS_io_uring_enter, ring, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0), 2);

	unsigned *chead = (unsigned *)(cq + p.cq_off.head);
	unsigned ctail = __atomic_load_n((unsigned *)(cq + p.cq_off.tail), __ATOMIC_ACQUIRE);
	unsigned cmask = *(unsigned *)(cq + p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	EQ(ctail - *chead, 2);
	for (unsigned h = *chead; h != ctail; h++) {
		struct io_uring_cqe *c = &cqes[h & cmask];
		EQ(c->res, c->user_data == 100 ? 10 : 5);
	}
	__atomic_store_n(chead, ctail, __ATOMIC_RELEASE);
	if (memcmp(rbuf, "uring-data", 10)) {
		fprintf(stderr, "READ_FIXED read %.10s\n", rbuf);
		exit(1);
	}
	EQ(syscall(SYS_close, ring), 0);
	EQ(syscall(SYS_close, files[1]), 0);
	EQ(syscall(SYS_close, files[0]), 0);
}
