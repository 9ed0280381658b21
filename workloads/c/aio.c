#include "workload.h"

#include <linux/aio_abi.h>
#include <time.h>

/* Counts are long in the kernel (nr, min_nr): pass them as long so the
 * registers, which ior records, hold no stray upper bits.
 *
 * Buffered Linux AIO on a regular file runs synchronously inside
 * io_submit, so every event is ready by the time it is reaped. */

static struct iocb cb(unsigned short op, long fd, void *buf, unsigned long n, long long off)
{
	struct iocb c;
	memset(&c, 0, sizeof(c));
	c.aio_lio_opcode = op;
	c.aio_fildes = fd;
	c.aio_buf = (unsigned long)buf;
	c.aio_nbytes = n;
	c.aio_offset = off;
	return c;
}

SCENARIO(aio)
{
	aio_context_t ctx = 0;
	char r4[4], r3[3];
	struct io_event ev[4];
	struct timespec ts = { 5, 0 };
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	long r = syscall(SYS_io_setup, 8L, &ctx);
	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	EQ(r, 0);
	struct iocb a = cb(IOCB_CMD_PREAD, fd, r4, 4, 0);
	struct iocb b = cb(IOCB_CMD_PWRITE, fd, "ab", 2, 10);
	struct iocb c = cb(IOCB_CMD_PREAD, fd, r3, 3, 9);
	struct iocb *ab[2] = { &a, &b };
	struct iocb *cc[1] = { &c };
	EQ(syscall(SYS_io_submit, ctx, 2L, ab), 2);
	EQ(syscall(SYS_io_getevents, ctx, 2L, 4L, ev, &ts), 2);
	EQ(syscall(SYS_io_submit, ctx, 1L, cc), 1);
	EQ(syscall(SYS_io_pgetevents, ctx, 1L, 4L, ev, &ts, 0L), 1);
	if (ev[0].res != 3 || memcmp(r3, "9ab", 3) != 0)
		fail(__FILE__, __LINE__, "aio read of 3 bytes at 9", ev[0].res, 0, "9ab");
	/* A completed request is no longer cancellable. */
	ERR(syscall(SYS_io_cancel, ctx, &c, ev), EINVAL);
	EQ(syscall(SYS_io_destroy, ctx), 0);
	ERR(syscall(SYS_io_destroy, ctx), EINVAL);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(aio_errors)
{
	aio_context_t ctx = 0;
	struct io_event ev[1];
	struct timespec ts = { 0, 0 };
	char buf[4];
	struct iocb a = cb(IOCB_CMD_PREAD, 9999, buf, 4, 0);
	struct iocb *aa[1] = { &a };
	long r = syscall(SYS_io_setup, 0L, &ctx);
	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	ERR(r, EINVAL);
	ERR(syscall(SYS_io_setup, 8L, 1L), EFAULT);
	ERR(syscall(SYS_io_submit, 1L, 1L, aa), EINVAL);
	ERR(syscall(SYS_io_getevents, 1L, 1L, 1L, ev, &ts), EINVAL);
	ERR(syscall(SYS_io_destroy, 1L), EINVAL);
	EQ(syscall(SYS_io_setup, 1L, &ctx), 0);
	/* The first iocb names an fd that is not open. */
	ERR(syscall(SYS_io_submit, ctx, 1L, aa), EBADF);
	ERR(syscall(SYS_io_submit, ctx, -1L, aa), EINVAL);
	EQ(syscall(SYS_io_getevents, ctx, 0L, 1L, ev, &ts), 0);
	EQ(syscall(SYS_io_destroy, ctx), 0);
}

/* 64 iocbs in one io_submit, reaped at once; then the same iocbs (the
 * same addresses) submitted again with other aio_data and reaped in
 * batches of 16: every request is an event, paired by its address. */
SCENARIO(aio_many)
{
	aio_context_t ctx = 0;
	struct iocb cbs[64], *ptrs[64];
	struct io_event ev[64];
	char buf[64];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long r = syscall(SYS_io_setup, 128L, &ctx);

	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	EQ(r, 0);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 64; i++) {
			cbs[i] = cb(IOCB_CMD_PREAD, fd, &buf[i], 1, i);
			cbs[i].aio_data = round * 100 + i + 1;
			ptrs[i] = &cbs[i];
		}
		EQ(syscall(SYS_io_submit, ctx, 64L, ptrs), 64);
		if (round == 0)
			EQ(syscall(SYS_io_getevents, ctx, 64L, 64L, ev, 0L), 64);
		else
			for (int b = 0; b < 4; b++)
				EQ(syscall(SYS_io_getevents, ctx, 16L, 16L, ev, 0L), 16);
	}
	EQ(syscall(SYS_io_destroy, ctx), 0);
	EQ(syscall(SYS_close, fd), 0);
}
