package main

// How requests are run: on io-wq (IOSQE_ASYNC), by the SQ thread
// (IORING_SETUP_SQPOLL), in many batches.

import "golang.org/x/sys/unix"

const (
	batchNops  = 1000
	batchDepth = 32
)

func init() {
	// One READ forced to io-wq with IOSQE_ASYNC.
	registerPrepared("uring_async", func() func() {
		f, buf := P("f"), make([]byte, 16)
		bp := Buf(buf)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_RDONLY, 0)
			r := newRing(8)
			e := r.rw(opRead, int32(fd), bp, 16, 0, 1)
			e.Flags = sqeAsync
			r.submit()
			r.expect(want{opRead, 1, 10})
			wantBytes("READ", buf[:10], "uring-data")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// A WRITE, then a READ, submitted by the SQ thread of an SQPOLL ring:
	// one io_uring_enter wakes the thread before any SQE is queued (see
	// sqpollWake), none submits. The thread stays awake for 2 s without
	// work.
	registerPrepared("uring_sqpoll", func() func() {
		f, rbuf, wbuf := P("f"), make([]byte, 16), []byte("sqpoll")
		rp, wp := Buf(rbuf), Buf(wbuf)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_CREAT|unix.O_RDWR, 0o644)
			r, e := setupRing(4, setupSqpoll, 2000)
			switch {
			case e == unix.EPERM:
				Unsupported("IORING_SETUP_SQPOLL")
			case e == unix.ENOSYS:
				Unsupported("io_uring_setup")
			case r == nil:
				fail(unix.SYS_IO_URING_SETUP, -1, e, ">= 0")
			}
			r.sqpollWake()
			r.rw(opWrite, int32(fd), wp, 6, 0, 1)
			r.sqpollSubmit()
			r.expect(want{opWrite, 1, 6})
			r.rw(opRead, int32(fd), rp, 16, 0, 2)
			r.sqpollSubmit()
			r.expect(want{opRead, 2, 6})
			wantBytes("READ", rbuf[:6], "sqpoll")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// 1000 NOPs (user_data 1 to 1000) on a ring of 32, in batches of 32
	// (the last of 8), one enter each.
	registerPrepared("uring_batch", func() func() {
		w := make([]want, batchDepth)
		return func() {
			r := newRing(batchDepth)
			for done := 0; done < batchNops; {
				n := min(batchNops-done, batchDepth)
				for i := range n {
					ud := uint64(done + i + 1)
					r.sqe(opNop, 0, ud)
					w[i] = want{opNop, ud, 0}
				}
				r.submit()
				r.expect(w[:n]...)
				done += n
			}
			r.close()
		}
	})
}
