package main

import "golang.org/x/sys/unix"

// setupCqsize is IORING_SETUP_CQSIZE: the CQ's size is the params'
// cq_entries.
const setupCqsize = 1 << 3

// uring_overflow: a ring whose CQ holds 2 completions is given 4 NOPs
// before it is reaped; the last 2 completions go to the kernel's overflow
// list, and reach the CQ when the ring is entered again.
func init() {
	register("uring_overflow", func() {
		p, pp := New[uringParams]()
		p.Flags, p.CqEntries = setupCqsize, 2
		fd, e := call(unix.SYS_IO_URING_SETUP, 2, pp)
		if e == unix.ENOSYS || e == unix.EPERM {
			Unsupported("io_uring_setup")
		}
		if fd < 0 {
			fail(unix.SYS_IO_URING_SETUP, -1, e, ">= 0")
		}
		r := &ring{fd: uintptr(fd), p: p}
		r.sq = mmapRing(int(fd), offSqRing, int(p.SqOff.Array+p.SqEntries*4))
		r.cq = mmapRing(int(fd), offCqRing, int(p.CqOff.Cqes+p.CqEntries*sizeofUringCqe))
		r.sqes = mmapRing(int(fd), offSqes, int(p.SqEntries*sizeofUringSqe))
		for b := range uint64(2) {
			r.sqe(opNop, 0, 2*b+1)
			r.sqe(opNop, 0, 2*b+2)
			EQ(2, unix.SYS_IO_URING_ENTER, r.fd, uintptr(r.publish()), 0, 0, 0, 0)
		}
		r.expect(want{opNop, 1, 0}, want{opNop, 2, 0})
		EQ(0, unix.SYS_IO_URING_ENTER, r.fd, 0, 2, enterGetEvents, 0, 0)
		r.expect(want{opNop, 3, 0}, want{opNop, 4, 0})
		r.close()
	})
}
