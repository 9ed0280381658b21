package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// iocb is struct iocb (include/uapi/linux/aio_abi.h), little-endian.
type iocb struct {
	Data      uint64
	Key       uint32
	RWFlags   int32
	Opcode    uint16
	Reqprio   int16
	Fildes    uint32
	Buf       uint64
	Nbytes    uint64
	Offset    int64
	Reserved2 uint64
	Flags     uint32
	Resfd     uint32
}

// ioEvent is struct io_event.
type ioEvent struct {
	Data, Obj uint64
	Res, Res2 int64
}

const (
	iocbCmdPread  = 0
	iocbCmdPwrite = 1
)

// newIocb returns the address of a pinned iocb.
func newIocb(op uint16, fd uintptr, buf uintptr, n uint64, off int64) uintptr {
	c, p := New[iocb]()
	*c = iocb{Opcode: op, Fildes: uint32(fd), Buf: uint64(buf), Nbytes: n, Offset: off}
	return p
}

// iocbs returns the address of a pinned array of iocb pointers.
func iocbs(cbs ...uintptr) uintptr {
	b := make([]byte, 8*len(cbs))
	for i, c := range cbs {
		*(*uintptr)(unsafe.Pointer(&b[8*i])) = c
	}
	return Buf(b)
}

// Buffered Linux AIO on a regular file runs synchronously inside
// io_submit, so every event is ready by the time it is reaped.
func init() {
	register("aio", func() {
		ctx, ctxp := New[uint64]()
		r4, r3 := Buf(make([]byte, 4)), make([]byte, 3)
		events, evp := New[[4]ioEvent]()
		ts, tsp := New[unix.Timespec]()
		*ts = unix.Timespec{Sec: 5}
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		if r, e := call(unix.SYS_IO_SETUP, 8, ctxp); r != 0 {
			if e == unix.ENOSYS {
				Unsupported("io_setup")
			}
			fail(unix.SYS_IO_SETUP, r, e, "0")
		}
		a := newIocb(iocbCmdPread, fd, r4, 4, 0)
		b := newIocb(iocbCmdPwrite, fd, S("ab"), 2, 10)
		c := newIocb(iocbCmdPread, fd, Buf(r3), 3, 9)
		EQ(2, unix.SYS_IO_SUBMIT, uintptr(*ctx), 2, iocbs(a, b))
		EQ(2, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 2, 4, evp, tsp)
		EQ(1, unix.SYS_IO_SUBMIT, uintptr(*ctx), 1, iocbs(c))
		EQ(1, unix.SYS_IO_PGETEVENTS, uintptr(*ctx), 1, 4, evp, tsp, 0)
		if events[0].Res != 3 || string(r3) != "9ab" {
			fail(unix.SYS_IO_PGETEVENTS, events[0].Res, 0, "a read of 3 bytes at 9: 9ab")
		}
		// A completed request is no longer cancellable.
		ERR(unix.EINVAL, unix.SYS_IO_CANCEL, uintptr(*ctx), c, evp)
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
		ERR(unix.EINVAL, unix.SYS_IO_DESTROY, uintptr(*ctx))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("aio_errors", func() {
		ctx, ctxp := New[uint64]()
		_, evp := New[[1]ioEvent]()
		_, tsp := New[unix.Timespec]()
		aa := iocbs(newIocb(iocbCmdPread, 9999, Buf(make([]byte, 4)), 4, 0))
		if r, e := call(unix.SYS_IO_SETUP, 0, ctxp); r != -1 || e != unix.EINVAL {
			if e == unix.ENOSYS {
				Unsupported("io_setup")
			}
			fail(unix.SYS_IO_SETUP, r, e, "-EINVAL")
		}
		ERR(unix.EFAULT, unix.SYS_IO_SETUP, 8, 1)
		ERR(unix.EINVAL, unix.SYS_IO_SUBMIT, 1, 1, aa)
		ERR(unix.EINVAL, unix.SYS_IO_GETEVENTS, 1, 1, 1, evp, tsp)
		ERR(unix.EINVAL, unix.SYS_IO_DESTROY, 1)
		EQ(0, unix.SYS_IO_SETUP, 1, ctxp)
		// The first iocb names an fd that is not open.
		ERR(unix.EBADF, unix.SYS_IO_SUBMIT, uintptr(*ctx), 1, aa)
		ERR(unix.EINVAL, unix.SYS_IO_SUBMIT, uintptr(*ctx), ^uintptr(0), aa)
		EQ(0, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 0, 1, evp, tsp)
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
	})
}

// aio_many: 64 iocbs in one io_submit, reaped at once; then the same
// iocbs (the same addresses) submitted again with other aio_data and
// reaped in batches of 16: every request is an event, paired by its
// address.
func init() {
	register("aio_many", func() {
		ctx, ctxp := New[uint64]()
		cbs, _ := New[[64]iocb]()
		buf := Buf(make([]byte, 64))
		_, evp := New[[64]ioEvent]()
		ptrs := make([]uintptr, 64)
		for i := range ptrs {
			ptrs[i] = uintptr(unsafe.Pointer(&cbs[i]))
		}
		pp := iocbs(ptrs...)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		if _, e := call(unix.SYS_IO_SETUP, 128, ctxp); e == unix.ENOSYS {
			Unsupported("io_setup")
		} else if e != 0 {
			fail(unix.SYS_IO_SETUP, -1, e, "0")
		}
		for round := range 2 {
			for i := range cbs {
				cbs[i] = iocb{Opcode: iocbCmdPread, Fildes: uint32(fd), Buf: uint64(buf) + uint64(i), Nbytes: 1, Offset: int64(i),
					Data: uint64(round*100 + i + 1)}
			}
			EQ(64, unix.SYS_IO_SUBMIT, uintptr(*ctx), 64, pp)
			if round == 0 {
				EQ(64, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 64, 64, evp, 0)
			} else {
				for range 4 {
					EQ(16, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 16, 16, evp, 0)
				}
			}
		}
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
