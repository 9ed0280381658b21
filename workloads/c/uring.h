/* A small io_uring library for the io_uring scenarios, by hand on the raw
 * syscalls (no liburing): io_uring_setup, mmap of the SQ ring, the CQ ring
 * and the SQE array, SQEs written in place, io_uring_enter, CQEs read from
 * the mapped CQ ring. workloads/go/uring.go is the same library in Go and
 * issues the same syscalls in the same order. */
#ifndef URING_H
#define URING_H

#include "workload.h"
#include <limits.h>
#include <linux/io_uring.h>
#include <linux/stat.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>

struct ring {
	int fd;
	struct io_uring_params p;
	char *sq, *cq;
	struct io_uring_sqe *sqes;
	unsigned tail;      /* SQEs queued so far */
	unsigned published; /* the SQ tail the kernel was given */
};

/* One expected completion. ANY_FD as res: any res >= 0 (an OPENAT's fd). */
struct want {
	unsigned char op;
	unsigned long long user_data;
	int res;
};
#define ANY_FD INT_MIN

static inline const char *uring_op_name(unsigned char op)
{
	static const char *const names[] = {
		[IORING_OP_NOP] = "IORING_OP_NOP",
		[IORING_OP_READV] = "IORING_OP_READV",
		[IORING_OP_WRITEV] = "IORING_OP_WRITEV",
		[IORING_OP_FSYNC] = "IORING_OP_FSYNC",
		[IORING_OP_READ_FIXED] = "IORING_OP_READ_FIXED",
		[IORING_OP_WRITE_FIXED] = "IORING_OP_WRITE_FIXED",
		[IORING_OP_FALLOCATE] = "IORING_OP_FALLOCATE",
		[IORING_OP_OPENAT] = "IORING_OP_OPENAT",
		[IORING_OP_CLOSE] = "IORING_OP_CLOSE",
		[IORING_OP_STATX] = "IORING_OP_STATX",
		[IORING_OP_READ] = "IORING_OP_READ",
		[IORING_OP_WRITE] = "IORING_OP_WRITE",
		[IORING_OP_RENAMEAT] = "IORING_OP_RENAMEAT",
		[IORING_OP_UNLINKAT] = "IORING_OP_UNLINKAT",
		[IORING_OP_MKDIRAT] = "IORING_OP_MKDIRAT",
		[IORING_OP_SYMLINKAT] = "IORING_OP_SYMLINKAT",
		[IORING_OP_LINKAT] = "IORING_OP_LINKAT",
	};
	if (op < sizeof(names) / sizeof(names[0]) && names[op])
		return names[op];
	return "IORING_OP_?";
}

static inline void *ring_map(int fd, long off, size_t len)
{
	void *m = mmap(0, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, off);
	if (m == MAP_FAILED) {
		fprintf(stderr, "mmap of an io_uring ring at %#lx failed: %s\n", off, strerror(errno));
		exit(1);
	}
	return m;
}

/* io_uring_setup with these flags (sq_thread_idle in ms, for SQPOLL), then
 * the three mappings. Returns the ring fd, or -1 with errno from setup. */
static inline long ring_setup(struct ring *r, unsigned entries, unsigned flags, unsigned idle)
{
	memset(r, 0, sizeof(*r));
	r->p.flags = flags;
	r->p.sq_thread_idle = idle;
	long fd = syscall(SYS_io_uring_setup, entries, &r->p);
	if (fd < 0)
		return fd;
	r->fd = fd;
	r->sq = ring_map(fd, IORING_OFF_SQ_RING, r->p.sq_off.array + r->p.sq_entries * sizeof(unsigned));
	r->cq = ring_map(fd, IORING_OFF_CQ_RING,
			 r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe));
	r->sqes = ring_map(fd, IORING_OFF_SQES, r->p.sq_entries * sizeof(struct io_uring_sqe));
	return fd;
}

/* A plain ring; a kernel without io_uring (or with it disabled) is unsupported. */
static inline void ring_new(struct ring *r, unsigned entries)
{
	long fd = ring_setup(r, entries, 0, 0);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		unsupported("io_uring_setup");
	OK(fd);
}

#define RING_U32(base, off) ((unsigned *)((base) + (off)))

/* The next SQE, zeroed, with its opcode, fd and user_data. */
static inline struct io_uring_sqe *ring_sqe(struct ring *r, unsigned char op, int fd,
					    unsigned long long user_data)
{
	unsigned mask = *RING_U32(r->sq, r->p.sq_off.ring_mask);
	unsigned slot = r->tail++ & mask;
	struct io_uring_sqe *e = &r->sqes[slot];

	memset(e, 0, sizeof(*e));
	e->opcode = op;
	e->fd = fd;
	e->user_data = user_data;
	RING_U32(r->sq, r->p.sq_off.array)[slot] = slot;
	return e;
}

/* An SQE of the read/write family: buffer (or iovec array), length (or
 * iovec count) and file offset. */
static inline struct io_uring_sqe *ring_rw(struct ring *r, unsigned char op, int fd, const void *buf,
					   unsigned len, unsigned long long off, unsigned long long user_data)
{
	struct io_uring_sqe *e = ring_sqe(r, op, fd, user_data);
	e->addr = (unsigned long)buf;
	e->len = len;
	e->off = off;
	return e;
}

/* Gives the kernel the queued SQEs; returns how many. */
static inline unsigned ring_publish(struct ring *r)
{
	unsigned n = r->tail - r->published;
	__atomic_store_n(RING_U32(r->sq, r->p.sq_off.tail), r->tail, __ATOMIC_RELEASE);
	r->published = r->tail;
	return n;
}

/* One io_uring_enter submits every queued SQE and waits for as many
 * completions. */
static inline void ring_submit(struct ring *r)
{
	unsigned n = ring_publish(r);
	EQ(syscall(SYS_io_uring_enter, r->fd, n, n, IORING_ENTER_GETEVENTS, NULL, 0), n);
}

/* SQPOLL: the SQ thread is looked at and waited for without a syscall:
 * a bounded spin, with sched_yield (which ior does not trace) once it
 * lasts. */
static inline unsigned ring_sq_flags(struct ring *r)
{
	return __atomic_load_n(RING_U32(r->sq, r->p.sq_off.flags), __ATOMIC_ACQUIRE);
}

static inline unsigned ring_cq_ready(struct ring *r)
{
	return __atomic_load_n(RING_U32(r->cq, r->p.cq_off.tail), __ATOMIC_ACQUIRE) -
	       *RING_U32(r->cq, r->p.cq_off.head);
}

#define RING_SPIN(what, cond)                                                             \
	do {                                                                              \
		struct timespec t0_, t_;                                                  \
		clock_gettime(CLOCK_MONOTONIC, &t0_);                                     \
		for (unsigned spin_ = 0; !(cond); spin_++) {                              \
			if (spin_ < 1000)                                                 \
				continue;                                                 \
			syscall(SYS_sched_yield);                                         \
			clock_gettime(CLOCK_MONOTONIC, &t_);                              \
			if (t_.tv_sec - t0_.tv_sec > 10) {                                \
				fprintf(stderr, "waited 10 s for %s\n", what);            \
				exit(1);                                                  \
			}                                                                 \
		}                                                                         \
	} while (0)

/* SQPOLL: the SQ thread starts asleep (it finds no work and its idle time
 * counts from 0). It is woken once, with io_uring_enter, before any SQE is
 * queued; from then on it polls the SQ ring for sq_thread_idle ms after
 * its last work, and submissions need no syscall. */
static inline void ring_sqpoll_wake(struct ring *r)
{
	RING_SPIN("the SQ thread to sleep", ring_sq_flags(r) & IORING_SQ_NEED_WAKEUP);
	EQ(syscall(SYS_io_uring_enter, r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0), 0);
	RING_SPIN("the SQ thread to wake", !(ring_sq_flags(r) & IORING_SQ_NEED_WAKEUP));
}

/* SQPOLL: publishes the queued SQEs for the SQ thread and waits for their
 * completions. An SQ thread gone idle (no work for sq_thread_idle ms) is
 * woken with io_uring_enter, which the trace then shows. */
static inline void ring_sqpoll_submit(struct ring *r)
{
	unsigned n = ring_publish(r);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the tail store before the flags load */
	if (ring_sq_flags(r) & IORING_SQ_NEED_WAKEUP) {
		fprintf(stderr, "note: the SQ thread was idle: woken with io_uring_enter\n");
		EQ(syscall(SYS_io_uring_enter, r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0), 0);
	}
	RING_SPIN("the SQ thread's completions", ring_cq_ready(r) >= n);
}

/* The CQ ring must hold exactly these completions, in this order; they are
 * consumed. A -EINVAL where none is expected is taken for a kernel that
 * lacks the opcode. Returns the last completion's res. */
static inline int ring_expect_at(const char *file, int line, struct ring *r, const struct want *w, unsigned n)
{
	unsigned *chead = RING_U32(r->cq, r->p.cq_off.head);
	unsigned ctail = __atomic_load_n(RING_U32(r->cq, r->p.cq_off.tail), __ATOMIC_ACQUIRE);
	unsigned cmask = *RING_U32(r->cq, r->p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)(r->cq + r->p.cq_off.cqes);
	int res = 0;

	if (ctail - *chead != n) {
		fprintf(stderr, "%s:%d: %u completions, want %u\n", file, line, ctail - *chead, n);
		exit(1);
	}
	for (unsigned i = 0; i < n; i++) {
		struct io_uring_cqe *c = &cqes[(*chead + i) & cmask];
		if (c->res == -EINVAL && w[i].res != -EINVAL)
			unsupported(uring_op_name(w[i].op));
		if (c->user_data != w[i].user_data || (w[i].res == ANY_FD ? c->res < 0 : c->res != w[i].res)) {
			fprintf(stderr, "%s:%d: completion %u of %s: user_data %llu res %d, want user_data %llu res %d\n",
				file, line, i, uring_op_name(w[i].op), (unsigned long long)c->user_data, c->res,
				w[i].user_data, w[i].res);
			exit(1);
		}
		res = c->res;
	}
	__atomic_store_n(chead, ctail, __ATOMIC_RELEASE);
	return res;
}

/* RING_EXPECT(r, {op, user_data, res}, ...) */
#define RING_EXPECT(r, ...)                                                                   \
	({                                                                                    \
		const struct want w_[] = { __VA_ARGS__ };                                     \
		ring_expect_at(__FILE__, __LINE__, (r), w_, sizeof(w_) / sizeof(w_[0]));      \
	})

/* The n bytes a request moved must be these. */
static inline void want_bytes(const char *what, const char *got, const char *want, size_t n)
{
	if (memcmp(got, want, n)) {
		fprintf(stderr, "%s: got %.*s, want %.*s\n", what, (int)n, got, (int)n, want);
		exit(1);
	}
}

static inline void ring_close(struct ring *r)
{
	EQ(syscall(SYS_close, r->fd), 0);
}

#endif
