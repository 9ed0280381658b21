package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

func init() {
	// One READ_FIXED from src into registered buffer 0 and one
	// WRITE_FIXED of registered buffer 1 to dst, through registered
	// files, in one enter.
	register("io_uring", func() {
		rbuf, wbuf := make([]byte, 16), []byte("uring\x00\x00\x00")
		files := []int32{
			int32(OK(unix.SYS_OPENAT, atFDCWD, P("src"), unix.O_RDONLY)),
			int32(OK(unix.SYS_OPENAT, atFDCWD, P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644)),
		}
		r := newRing(8)
		filesArg := Buf(unsafe.Slice((*byte)(unsafe.Pointer(&files[0])), 8))
		EQ(0, unix.SYS_IO_URING_REGISTER, r.fd, registerFiles, filesArg, 2)
		EQ(0, unix.SYS_IO_URING_REGISTER, r.fd, registerBuffers, iov(rbuf, wbuf[:5]), 2)

		// Fd is an index into the registered files, BufIndex into the buffers.
		e := r.rw(opReadFixed, 0, Buf(rbuf), 10, 0, 100)
		e.Flags, e.BufIndex = sqeFixedFile, 0
		e = r.rw(opWriteFixed, 1, Buf(wbuf), 5, 0, 101)
		e.Flags, e.BufIndex = sqeFixedFile, 1
		r.submit()
		r.expect(want{opReadFixed, 100, 10}, want{opWriteFixed, 101, 5})
		if string(rbuf[:10]) != "uring-data" {
			fail(unix.SYS_IO_URING_ENTER, 0, 0, "READ_FIXED to read uring-data")
		}
		r.close()
		EQ(0, unix.SYS_CLOSE, uintptr(files[1]))
		EQ(0, unix.SYS_CLOSE, uintptr(files[0]))
	})
}
