package main

// io_uring requests whose files ior's own fd table cannot name: the
// kernel's file names them (integrationtests/scenarios_uring.go; the C
// twins are in workloads/c/io_uring_names.c).

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// registerFilesUpdate is IORING_REGISTER_FILES_UPDATE; uringFilesUpdate
// its argument, struct io_uring_files_update.
const registerFilesUpdate = 6

type uringFilesUpdate struct {
	Offset, Resv uint32
	Fds          uint64
}

func init() {
	// A READ on a file renamed after its open, then on it unlinked.
	registerPrepared("uring_renamed", func() func() {
		f, g, buf := P("f"), P("g"), make([]byte, 16)
		bp := Buf(buf)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_RENAME, f, g)
			r := newRing(8)
			r.rw(opRead, int32(fd), bp, 16, 0, 1)
			r.submit()
			r.expect(want{opRead, 1, 10})
			EQ(0, unix.SYS_UNLINK, g)
			r.rw(opRead, int32(fd), bp, 16, 0, 2)
			r.submit()
			r.expect(want{opRead, 2, 10})
			wantBytes("READ", buf[:10], "uring-data")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// A sparse table of 4 fixed files; FILES_UPDATE puts the fd into
	// slot 2; the fd is closed (the slot keeps the file); a READ on slot 2.
	registerPrepared("uring_files_update", func() func() {
		f, buf := P("f"), make([]byte, 16)
		bp := Buf(buf)
		reg, regp := New[uringRsrcRegister]()
		*reg = uringRsrcRegister{Nr: 4, Flags: rsrcSparse}
		fds, fdsp := New[[1]int32]()
		upd, updp := New[uringFilesUpdate]()
		*upd = uringFilesUpdate{Offset: 2, Fds: uint64(fdsp)}
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_RDONLY, 0)
			fds[0] = int32(fd)
			r := newRing(8)
			EQ(0, unix.SYS_IO_URING_REGISTER, r.fd, registerFiles2, regp, unsafe.Sizeof(*reg))
			EQ(1, unix.SYS_IO_URING_REGISTER, r.fd, registerFilesUpdate, updp, 1)
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
			e := r.rw(opRead, 2, bp, 16, 0, 1)
			e.Flags = sqeFixedFile
			r.submit()
			r.expect(want{opRead, 1, 10})
			wantBytes("READ", buf[:10], "uring-data")
			r.close()
		}
	})
	// A file's fd sent over a datagram socketpair with SCM_RIGHTS, closed,
	// received (the lowest free fd: the one just closed), read through
	// the ring.
	registerPrepared("uring_recv_rights", func() func() {
		f, buf := P("f"), make([]byte, 16)
		bp := Buf(buf)
		sv, psv := New[[2]int32]()
		out := make([]byte, unix.CmsgSpace(4))
		ctl := make([]byte, unix.CmsgSpace(4))
		m, pm := New[unix.Msghdr]()
		m.Iov, m.Iovlen = iovs([]byte("x")), 1
		m.Control, m.Controllen = &out[0], uint64(len(out))
		Buf(out)
		rm, prm := New[unix.Msghdr]()
		rm.Iov, rm.Iovlen = iovs(make([]byte, 1)), 1
		rm.Control, rm.Controllen = &ctl[0], uint64(len(ctl))
		Buf(ctl)
		return func() {
			EQ(0, unix.SYS_SOCKETPAIR, unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0, psv)
			fd := OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_RDONLY|unix.O_CLOEXEC, 0)
			copy(out, unix.UnixRights(int(fd)))
			EQ(1, unix.SYS_SENDMSG, uintptr(sv[0]), pm, 0)
			EQ(1, unix.SYS_RECVMSG, uintptr(sv[1]), prm, unix.MSG_CMSG_CLOEXEC)
			got := *(*int32)(unsafe.Pointer(&ctl[unix.CmsgLen(0)]))
			r := newRing(8)
			r.rw(opRead, got, bp, 16, 0, 1)
			r.submit()
			r.expect(want{opRead, 1, 10})
			wantBytes("READ", buf[:10], "uring-data")
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(got))
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
			EQ(0, unix.SYS_CLOSE, uintptr(sv[0]))
			EQ(0, unix.SYS_CLOSE, uintptr(sv[1]))
		}
	})
	// The directory above an open file renamed by an io_uring RENAMEAT
	// (d to e); then a READ through the ring and a pread64 of the file.
	registerPrepared("uring_renameat_open", func() func() {
		dx, d, e, buf := P("d/x"), P("d"), P("e"), make([]byte, 4)
		bp := Buf(buf)
		return func() {
			fd := OK(unix.SYS_OPENAT, atFDCWD, dx, unix.O_RDONLY, 0)
			r := newRing(8)
			r.pathOp(opRenameat, 1, d, uint32(atFDCWD32&0xffffffff), e, 0)
			r.rw(opRead, int32(fd), bp, 4, 0, 2)
			r.submit()
			r.expect(want{opRead, 2, 1})
			wantBytes("READ", buf[:1], "X")
			EQ(1, unix.SYS_PREAD64, uintptr(fd), bp, 4, 0)
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
		}
	})
	// OPENAT and MKDIRAT through the ring relative to a dirfd whose
	// directory was renamed (d to e) after its open.
	registerPrepared("uring_renamed_dirfd", func() func() {
		d, e, f, sub := P("d"), P("e"), S("f"), S("sub")
		return func() {
			dfd := OK(unix.SYS_OPENAT, atFDCWD, d, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			EQ(0, unix.SYS_RENAME, d, e)
			r := newRing(8)
			q := r.sqe(opOpenat, int32(dfd), 1)
			q.Addr, q.OpFlags, q.Len = uint64(f), unix.O_WRONLY|unix.O_CREAT, 0o644
			r.submit()
			fd := r.expect(want{opOpenat, 1, anyFD})
			q = r.sqe(opMkdirat, int32(dfd), 2)
			q.Addr, q.Len = uint64(sub), 0o755
			r.submit()
			r.expect(want{opMkdirat, 2, 0})
			r.close()
			EQ(0, unix.SYS_CLOSE, uintptr(fd))
			EQ(0, unix.SYS_CLOSE, uintptr(dfd))
		}
	})
}
