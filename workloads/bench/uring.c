/* The benchmark's io_uring workload: N IORING_OP_READ requests of 4 KiB
 * from FILE, QD of them in flight, through one ring set up and mmap'd by
 * hand (raw syscalls, no library). FILE (1 MiB, block b filled with the
 * byte b) is written before the clock starts, so every read is served from
 * the page cache. Request i reads block (i * 97) % 256: every block in
 * turn, not in file order. Each io_uring_enter submits the requests
 * prepared since the last one and waits for at least one completion
 * (GETEVENTS); every completion is checked (res == 4096, the block's
 * bytes) and its buffer is reused for the next request.
 *
 * Prints the timed part's wall time in ns (to OUT if given, else stdout),
 * then on a second line how many io_uring_enter calls it made: how many
 * requests complete per call depends on the kernel, so the bench learns
 * the count from here (ior records N requests + that many calls).
 *
 *   bench-uring N QD FILE [OUT] */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

#define BLOCK 4096
#define BLOCKS 256   /* FILE is BLOCKS * BLOCK = 1 MiB */
#define STRIDE 97    /* odd, so i * STRIDE % BLOCKS visits every block */

struct ring {
	int fd;
	unsigned *sq_tail, *sq_array, sq_mask;
	unsigned *cq_head, *cq_tail, cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

/* create writes FILE; returns its fd (read-write), or -1. */
static long create(const char *path)
{
	static char data[BLOCKS * BLOCK];
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		perror(path);
		return -1;
	}
	for (int b = 0; b < BLOCKS; b++)
		memset(data + b * BLOCK, b, BLOCK);
	for (size_t done = 0; done < sizeof(data);) {
		long n = syscall(SYS_pwrite64, fd, data + done, sizeof(data) - done, done);
		if (n <= 0) {
			fprintf(stderr, "pwrite64 %s: returned %ld: %s\n", path, n, strerror(errno));
			return -1;
		}
		done += n;
	}
	return fd;
}

/* setup creates a ring of at least qd entries and maps its SQ ring, CQ ring
 * and SQE array; 0 on success. */
static int setup(struct ring *r, unsigned qd)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	long fd = syscall(SYS_io_uring_setup, qd, &p);
	if (fd < 0) {
		perror("io_uring_setup");
		return -1;
	}
	if (p.sq_entries < qd || p.cq_entries < qd) {
		fprintf(stderr, "io_uring_setup(%u): %u SQ and %u CQ entries\n", qd, p.sq_entries, p.cq_entries);
		return -1;
	}
	size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	char *sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
	char *cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
	void *sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
		perror("mmap of the io_uring rings");
		return -1;
	}
	r->fd = fd;
	r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
	r->sq_array = (unsigned *)(sq + p.sq_off.array);
	r->sq_mask = *(unsigned *)(sq + p.sq_off.ring_mask);
	r->cq_head = (unsigned *)(cq + p.cq_off.head);
	r->cq_tail = (unsigned *)(cq + p.cq_off.tail);
	r->cq_mask = *(unsigned *)(cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	r->sqes = sqes;
	return 0;
}

int main(int argc, char **argv)
{
	struct ring r;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s N QD FILE [OUT]\n", argv[0]);
		return 2;
	}
	long n = atol(argv[1]), qd = atol(argv[2]);
	if (n < 0 || qd < 1 || qd > 4096) {
		fprintf(stderr, "N must be >= 0 and QD in 1..4096\n");
		return 2;
	}
	long file = create(argv[3]);
	if (file < 0 || setup(&r, qd) < 0)
		return 1;
	/* One buffer per request in flight; a completion's user_data is its
	 * buffer's index, and block[i] the block that buffer was asked for. */
	char *bufs = aligned_alloc(BLOCK, qd * BLOCK);
	int *free_bufs = calloc(qd, sizeof(int)), *block = calloc(qd, sizeof(int));
	if (!bufs || !free_bufs || !block) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	int nfree = qd;
	for (int i = 0; i < qd; i++)
		free_bufs[i] = i;

	long next = 0, done = 0, enters = 0;
	unsigned tail = *r.sq_tail, pending = 0;
	long long t0 = bench_now();
	while (done < n) {
		for (; nfree > 0 && next < n; next++, pending++, tail++) {
			int b = free_bufs[--nfree];
			unsigned slot = tail & r.sq_mask;
			struct io_uring_sqe *e = &r.sqes[slot];

			block[b] = next * STRIDE % BLOCKS;
			memset(e, 0, sizeof(*e));
			e->opcode = IORING_OP_READ;
			e->fd = file;
			e->addr = (unsigned long)(bufs + (long)b * BLOCK);
			e->len = BLOCK;
			e->off = (unsigned long long)block[b] * BLOCK;
			e->user_data = b;
			r.sq_array[slot] = slot;
		}
		__atomic_store_n(r.sq_tail, tail, __ATOMIC_RELEASE);
		long got = syscall(SYS_io_uring_enter, r.fd, pending, 1, IORING_ENTER_GETEVENTS, NULL, 0);
		enters++;
		if (got < 0 && errno == EINTR)
			continue; /* nothing submitted: submit the same again */
		if (got != (long)pending) {
			fprintf(stderr, "io_uring_enter(%u to submit) returned %ld: %s\n", pending, got,
				got < 0 ? strerror(errno) : "not all submitted");
			return 1;
		}
		pending = 0;
		unsigned head = *r.cq_head, ctail = __atomic_load_n(r.cq_tail, __ATOMIC_ACQUIRE);
		for (; head != ctail; head++, done++) {
			struct io_uring_cqe *c = &r.cqes[head & r.cq_mask];
			unsigned long long b = c->user_data;
			const char *buf = bufs + b * BLOCK;

			if (b >= (unsigned long long)qd || c->res != BLOCK || buf[0] != (char)block[b] ||
			    buf[BLOCK - 1] != (char)block[b]) {
				fprintf(stderr, "completion %ld: user_data %llu res %d (want %d bytes of block %d)\n",
					done, b, c->res, BLOCK, b < (unsigned long long)qd ? block[b] : -1);
				return 1;
			}
			free_bufs[nfree++] = b;
		}
		__atomic_store_n(r.cq_head, head, __ATOMIC_RELEASE);
	}
	long long ns = bench_now() - t0;
	return bench_report_calls(argc == 5 ? argv[4] : NULL, ns, enters) ? 1 : 0;
}
