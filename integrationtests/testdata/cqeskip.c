/* Two NOPs through an io_uring, one with IOSQE_CQE_SKIP_SUCCESS (it posts
 * no completion when it succeeds), by raw syscalls: ior records the
 * other and counts this one as not recorded. */
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
	int ring = syscall(SYS_io_uring_setup, 4, &p);
	if (ring < 0)
		return 77;
	char *sq = mmap(0, p.sq_off.array + p.sq_entries * sizeof(unsigned), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	struct io_uring_sqe *sqes = mmap(0, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || sqes == MAP_FAILED)
		return 1;
	unsigned *tail = (unsigned *)(sq + p.sq_off.tail), *array = (unsigned *)(sq + p.sq_off.array);
	unsigned mask = *(unsigned *)(sq + p.sq_off.ring_mask), t = *tail;
	for (unsigned i = 0; i < 2; i++) {
		struct io_uring_sqe *e = &sqes[(t + i) & mask];
		memset(e, 0, sizeof(*e));
		e->opcode = IORING_OP_NOP;
		e->flags = i == 0 ? IOSQE_CQE_SKIP_SUCCESS : 0;
		e->user_data = 1 + i;
		array[(t + i) & mask] = (t + i) & mask;
	}
	__atomic_store_n(tail, t + 2, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, ring, 2, 1, IORING_ENTER_GETEVENTS, NULL, 0) != 2)
		return 1;
	return 0;
}
