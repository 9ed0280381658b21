package main

// io_uring requests on plain fds and paths: each scenario checks every
// completion (user_data and res) and the data moved. Buffers and paths
// are made before the begin marker.

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// atFDCWD32 is AT_FDCWD as an SQE's fd.
const atFDCWD32 = -100

func wantBytes(what string, got []byte, want string) {
	if string(got) != want {
		fmt.Fprintf(os.Stderr, "%s: got %q, want %q\n", what, got, want)
		exit(1)
	}
}

// openatSqe queues an OPENAT of path relative to AT_FDCWD.
func (r *ring) openatSqe(path uintptr, flags uint32, userData uint64) *uringSqe {
	e := r.sqe(opOpenat, atFDCWD32, userData)
	e.Addr, e.OpFlags = uint64(path), flags
	return e
}

func init() {
	// WRITE then READ at offset 0 of a plain fd, one enter each.
	registerPrepared("uring_rw", func() func() {
		f, rbuf, wbuf := P("f"), make([]byte, 16), []byte("hello uring")
		rp, wp := Buf(rbuf), Buf(wbuf)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_CREAT|unix.O_RDWR, 0o644)
			r := newRing(8)
			r.rw(opWrite, int32(fd), wp, 11, 0, 1)
			r.submit()
			r.expect(want{opWrite, 1, 11})
			r.rw(opRead, int32(fd), rp, 16, 0, 2)
			r.submit()
			r.expect(want{opRead, 2, 11})
			wantBytes("READ", rbuf[:11], "hello uring")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// WRITEV of two buffers, then READV into two, at offset 0.
	registerPrepared("uring_rwv", func() func() {
		f, ra, rb := P("f"), make([]byte, 2), make([]byte, 8)
		wv, rv := iov([]byte("ab"), []byte("cde")), iov(ra, rb)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_CREAT|unix.O_RDWR, 0o644)
			r := newRing(8)
			r.rw(opWritev, int32(fd), wv, 2, 0, 1)
			r.submit()
			r.expect(want{opWritev, 1, 5})
			r.rw(opReadv, int32(fd), rv, 2, 0, 2)
			r.submit()
			r.expect(want{opReadv, 2, 5})
			wantBytes("READV", ra, "ab")
			wantBytes("READV", rb[:3], "cde")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// OPENAT through the ring, READ on the fd it returns, CLOSE of it
	// through the ring: one enter each.
	registerPrepared("uring_open_read_close", func() func() {
		f, buf := P("f"), make([]byte, 16)
		bp := Buf(buf)
		return func() {
			r := newRing(8)
			r.openatSqe(f, unix.O_RDONLY, 1)
			r.submit()
			fd := r.expect(want{opOpenat, 1, anyFD})
			r.rw(opRead, fd, bp, 16, 0, 2)
			r.submit()
			r.expect(want{opRead, 2, 10})
			wantBytes("READ", buf[:10], "uring-data")
			r.sqe(opClose, fd, 3)
			r.submit()
			r.expect(want{opClose, 3, 0})
			r.close()
		}
	})
	// A direct descriptor: a sparse table of 4 registered files, then one
	// linked chain in one enter: OPENAT into slot 1 (FileIndex is slot +
	// 1), READ through slot 1, CLOSE of slot 1.
	registerPrepared("uring_direct", func() func() {
		f, buf := P("f"), make([]byte, 16)
		bp := Buf(buf)
		reg, regp := New[uringRsrcRegister]()
		*reg = uringRsrcRegister{Nr: 4, Flags: rsrcSparse}
		return func() {
			r := newRing(8)
			EQ(0, unix.SYS_IO_URING_REGISTER, r.fd, registerFiles2, regp, unsafe.Sizeof(*reg))
			e := r.openatSqe(f, unix.O_RDONLY, 1)
			e.FileIndex, e.Flags = 2, sqeIOLink
			e = r.rw(opRead, 1, bp, 10, 0, 2) // a short read would break the link
			e.Flags = sqeFixedFile | sqeIOLink
			e = r.sqe(opClose, 0, 3)
			e.FileIndex = 2
			r.submit()
			r.expect(want{opOpenat, 1, 0}, want{opRead, 2, 10}, want{opClose, 3, 0})
			wantBytes("READ", buf[:10], "uring-data")
			r.close()
		}
	})
	// Failed requests: OPENAT of a missing file, READ of a bad fd, and a
	// linked chain whose failed head cancels its NOP.
	registerPrepared("uring_errors", func() func() {
		missing, buf := P("missing"), make([]byte, 16)
		bp := Buf(buf)
		return func() {
			r := newRing(8)
			r.openatSqe(missing, unix.O_RDONLY, 1)
			r.submit()
			r.expect(want{opOpenat, 1, -int32(unix.ENOENT)})
			r.rw(opRead, 999, bp, 16, 0, 2)
			r.submit()
			r.expect(want{opRead, 2, -int32(unix.EBADF)})
			e := r.openatSqe(missing, unix.O_RDONLY, 3)
			e.Flags = sqeIOLink
			r.sqe(opNop, 0, 4)
			r.submit()
			r.expect(want{opOpenat, 3, -int32(unix.ENOENT)}, want{opNop, 4, -int32(unix.ECANCELED)})
			r.close()
		}
	})
}
