package main

// io_uring requests on file metadata and names. The kernel runs each of
// them on io-wq (they may block), so one enter each keeps the completions
// in order.

import "golang.org/x/sys/unix"

// pathOp queues one request on paths relative to AT_FDCWD (len: a mode or
// the second directory fd; path2 in addr2; flags: the union of rename,
// unlink and hardlink flags), submits it and expects 0.
func (r *ring) pathOp(op uint8, userData uint64, path uintptr, n uint32, path2 uintptr, flags uint32) {
	e := r.sqe(op, atFDCWD32, userData)
	e.Addr, e.Len, e.Off, e.OpFlags = uint64(path), n, uint64(path2), flags
	r.submit()
	r.expect(want{op, userData, 0})
}

func init() {
	// STATX of a path, FSYNC, FALLOCATE (mode 0: the file grows to
	// 4096) and FSYNC with IORING_FSYNC_DATASYNC of an fd.
	registerPrepared("uring_meta", func() func() {
		f := P("f")
		stx, stxp := New[unix.Statx_t]()
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_RDWR, 0)
			r := newRing(8)
			e := r.sqe(opStatx, atFDCWD32, 1)
			e.Addr, e.Len, e.Off = uint64(f), unix.STATX_BASIC_STATS, uint64(stxp)
			r.submit()
			r.expect(want{opStatx, 1, 0})
			if stx.Size != 10 {
				fail(unix.SYS_IO_URING_ENTER, int64(stx.Size), 0, "STATX to give size 10")
			}
			r.sqe(opFsync, int32(fd), 2)
			r.submit()
			r.expect(want{opFsync, 2, 0})
			e = r.sqe(opFallocate, int32(fd), 3)
			e.Off, e.Addr, e.Len = 0, 4096, 0 // offset, length, mode
			r.submit()
			r.expect(want{opFallocate, 3, 0})
			e = r.sqe(opFsync, int32(fd), 4)
			e.OpFlags = 1 // IORING_FSYNC_DATASYNC
			r.submit()
			r.expect(want{opFsync, 4, 0})
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// MKDIRAT d, RENAMEAT f to d/g, SYMLINKAT d/s to g, LINKAT d/g to h,
	// UNLINKAT x, UNLINKAT of directory e: all relative to AT_FDCWD, the
	// second directory fd of RENAMEAT and LINKAT (in len) too.
	registerPrepared("uring_paths", func() func() {
		d, f, dg, g, ds, h, x, ed := P("d"), P("f"), P("d/g"), S("g"), P("d/s"), P("h"), P("x"), P("e")
		const cwd = uint32(atFDCWD32 & 0xffffffff)
		return func() {
			r := newRing(8)
			r.pathOp(opMkdirat, 1, d, 0o755, 0, 0)
			r.pathOp(opRenameat, 2, f, cwd, dg, 0)
			r.pathOp(opSymlinkat, 3, g, 0, ds, 0)
			r.pathOp(opLinkat, 4, dg, cwd, h, 0)
			r.pathOp(opUnlinkat, 5, x, 0, 0, 0)
			r.pathOp(opUnlinkat, 6, ed, 0, 0, unix.AT_REMOVEDIR)
			r.close()
		}
	})
}
