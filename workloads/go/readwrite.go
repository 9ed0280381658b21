package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// iov builds a pinned struct iovec array over the given buffers.
func iov(bufs ...[]byte) uintptr { return uintptr(unsafe.Pointer(iovs(bufs...))) }

// iovs is iov as a pointer, for the iovec fields of other structs.
func iovs(bufs ...[]byte) *unix.Iovec {
	v := make([]unix.Iovec, len(bufs))
	for i, b := range bufs {
		Buf(b)
		v[i].Base = &b[0]
		v[i].SetLen(len(b))
	}
	Buf(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*int(unsafe.Sizeof(v[0]))))
	return &v[0]
}

func init() {
	register("read_write", func() {
		buf := Buf(make([]byte, 100))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR))
		EQ(4, unix.SYS_READ, fd, buf, 4)
		EQ(5, unix.SYS_WRITE, fd, S("hello"), 5)
		EQ(3, unix.SYS_PREAD64, fd, buf, 3, 0)
		EQ(2, unix.SYS_PWRITE64, fd, S("ab"), 2, 0)
		EQ(1, unix.SYS_READ, fd, buf, 100)
		EQ(0, unix.SYS_READ, fd, buf, 100)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("stack_read", func() { readConfig() })
	register("vectored", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR))
		EQ(6, unix.SYS_READV, fd, iov(make([]byte, 3), make([]byte, 3)), 2)
		EQ(4, unix.SYS_WRITEV, fd, iov([]byte("ab"), []byte("cd")), 2)
		// preadv/pwritev take the offset as two halves: low, high.
		EQ(4, unix.SYS_PREADV, fd, iov(make([]byte, 4)), 1, 0, 0)
		EQ(2, unix.SYS_PWRITEV, fd, iov([]byte("xy")), 1, 1, 0)
		EQ(5, unix.SYS_PREADV2, fd, iov(make([]byte, 5)), 1, 0, 0, 0)
		EQ(3, unix.SYS_PWRITEV2, fd, iov([]byte("xyz")), 1, 2, 0, unix.RWF_DSYNC)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rw_ebadf", func() {
		buf := Buf(make([]byte, 1))
		ERR(unix.EBADF, unix.SYS_READ, 9999, buf, 1)
		ERR(unix.EBADF, unix.SYS_WRITE, 9999, S("x"), 1)
		ERR(unix.EBADF, unix.SYS_PREAD64, 9999, buf, 1, 0)
		ERR(unix.EBADF, unix.SYS_WRITEV, 9999, iov([]byte("x")), 1)
	})
}

// readConfig is stack_read's own function, which ior's stacks (-stacks)
// must show.
//
//go:noinline
func readConfig() {
	buf := Buf(make([]byte, 8))
	fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY))
	EQ(4, unix.SYS_READ, fd, buf, 4)
	EQ(3, unix.SYS_PREAD64, fd, buf, 3, 0)
	EQ(0, unix.SYS_CLOSE, fd)
}
