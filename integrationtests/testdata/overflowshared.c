/* A CQ of 2 given 4 NOPs (two io_uring_enter of 2) before it is reaped,
 * twice, by raw syscalls: first with user_data 1-4 (3 and 4 overflow, each
 * the only request in flight with its user_data: recorded), then all with
 * user_data 9 (the last two overflow while sharing it: ior cannot tell
 * them apart and counts them). */
#define _GNU_SOURCE
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 2;
	int ring = syscall(SYS_io_uring_setup, 2, &p);
	if (ring < 0)
		return 77;
	char *sq = mmap(0, p.sq_off.array + p.sq_entries * sizeof(unsigned), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	struct io_uring_sqe *sqes = mmap(0, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	char *cq = mmap(0, p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
	if (sq == MAP_FAILED || sqes == MAP_FAILED || cq == MAP_FAILED)
		return 1;
	unsigned *tail = (unsigned *)(sq + p.sq_off.tail), *array = (unsigned *)(sq + p.sq_off.array);
	unsigned mask = *(unsigned *)(sq + p.sq_off.ring_mask);
	unsigned *cqhead = (unsigned *)(cq + p.cq_off.head), *cqtail = (unsigned *)(cq + p.cq_off.tail);

	for (int round = 0; round < 2; round++) {
		for (unsigned half = 0; half < 2; half++) {
			unsigned t = *tail;

			for (unsigned i = 0; i < 2; i++) {
				struct io_uring_sqe *e = &sqes[(t + i) & mask];

				memset(e, 0, sizeof(*e));
				e->opcode = IORING_OP_NOP;
				e->user_data = round ? 9 : 1 + 2 * half + i;
				array[(t + i) & mask] = (t + i) & mask;
			}
			__atomic_store_n(tail, t + 2, __ATOMIC_RELEASE);
			long n = syscall(SYS_io_uring_enter, ring, 2, 0, 0, NULL, 0);
			if (n != 2) {
				fprintf(stderr, "io_uring_enter: %ld\n", n);
				return 1;
			}
		}
		/* Reap all 4: the CQ's 2, then the overflow list's, moved
		 * into the CQ by each enter as room is made. */
		for (unsigned seen = 0, k = 0; seen < 4; k++) {
			if (k == 16) {
				fprintf(stderr, "reaped %u of 4\n", seen);
				return 1;
			}
			long n = syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0);
			if (n < 0) {
				perror("io_uring_enter");
				return 1;
			}
			unsigned t = __atomic_load_n(cqtail, __ATOMIC_ACQUIRE);
			seen += t - *cqhead;
			__atomic_store_n(cqhead, t, __ATOMIC_RELEASE);
		}
	}
	return 0;
}
