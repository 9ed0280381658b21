package main

import (
	"golang.org/x/sys/unix"
)

// Size queries and name errors of xattrs, io_uring and AIO error paths, a
// cancelled AIO poll, lengths asked and moved by in-kernel copies, flock
// on a directory.

const iocbCmdPoll = 5 // IOCB_CMD_POLL

func init() {
	register("xattr_sizes", func() {
		buf := Buf(make([]byte, 64))
		f, k := P("f"), S("user.k")
		EQ(0, unix.SYS_SETXATTR, f, k, S("hello"), 5, 0)
		EQ(5, unix.SYS_GETXATTR, f, k, buf, 0)
		EQ(5, unix.SYS_GETXATTR, f, k, buf, 64)
		EQ(7, unix.SYS_LISTXATTR, f, buf, 0)
		EQ(7, unix.SYS_LISTXATTR, f, buf, 64)
		EQ(0, unix.SYS_SETXATTR, f, k, S(""), 0, unix.XATTR_REPLACE)
		EQ(0, unix.SYS_GETXATTR, f, k, buf, 64)
	})
	register("xattr_names", func() {
		buf, big := Buf(make([]byte, 64)), Buf(make([]byte, 65537))
		ERR(unix.EOPNOTSUPP, unix.SYS_SETXATTR, P("f"), S("noprefix"), S("x"), 1, 0)
		ERR(unix.ERANGE, unix.SYS_SETXATTR, P("f"), S(""), S("x"), 1, 0)
		ERR(unix.E2BIG, unix.SYS_SETXATTR, P("f"), S("user.v"), big, 65537, 0)
		ERR(unix.ENODATA, unix.SYS_GETXATTR, P("f"), S("user.missing"), buf, 64)
	})
	register("io_uring_errors", func() {
		params, pp := New[uringParams]()
		r, e := call(unix.SYS_IO_URING_SETUP, 4, 1)
		if e == unix.ENOSYS || e == unix.EPERM {
			Unsupported("io_uring_setup")
		}
		if r != -1 || e != unix.EFAULT {
			fail(unix.SYS_IO_URING_SETUP, r, e, "-EFAULT")
		}
		params.Flags = 1 << 31
		ERR(unix.EINVAL, unix.SYS_IO_URING_SETUP, 4, pp)
		*params = uringParams{}
		ring := uintptr(OK(unix.SYS_IO_URING_SETUP, 4, pp))
		ERR(unix.EINVAL, unix.SYS_IO_URING_REGISTER, ring, 9999, 0, 0)
		ERR(unix.EINVAL, unix.SYS_IO_URING_ENTER, ring, 0, 0, 0x80000000, 0, 0)
		EQ(0, unix.SYS_IO_URING_ENTER, ring, 0, 0, 0, 0, 0)
		EQ(0, unix.SYS_CLOSE, ring)
	})
	register("aio_poll_cancel", func() {
		ctx, ctxp := New[uint64]()
		_, evp := New[[1]ioEvent]()
		ts, tsp := New[unix.Timespec]()
		*ts = unix.Timespec{Sec: 5}
		p, pp := New[[2]int32]()
		if r, e := call(unix.SYS_IO_SETUP, 1, ctxp); r != 0 {
			if e == unix.ENOSYS {
				Unsupported("io_setup")
			}
			fail(unix.SYS_IO_SETUP, r, e, "0")
		}
		EQ(0, unix.SYS_PIPE2, pp, 0)
		c := newIocb(iocbCmdPoll, uintptr(p[0]), unix.POLLIN, 0, 0)
		EQ(1, unix.SYS_IO_SUBMIT, uintptr(*ctx), 1, iocbs(c))
		ERR(unix.EINPROGRESS, unix.SYS_IO_CANCEL, uintptr(*ctx), c, evp)
		EQ(1, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 1, 1, evp, tsp)
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
		EQ(0, unix.SYS_CLOSE, uintptr(p[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(p[1]))
	})
	register("aio_pgetevents_errors", func() {
		ctx, ctxp := New[uint64]()
		_, evp := New[[1]ioEvent]()
		_, tsp := New[unix.Timespec]()
		if r, e := call(unix.SYS_IO_SETUP, 1, ctxp); r != 0 {
			if e == unix.ENOSYS {
				Unsupported("io_setup")
			}
			fail(unix.SYS_IO_SETUP, r, e, "0")
		}
		ERR(unix.EINVAL, unix.SYS_IO_PGETEVENTS, uintptr(*ctx), 2, 1, evp, tsp, 0)
		EQ(0, unix.SYS_IO_PGETEVENTS, uintptr(*ctx), 0, 1, evp, tsp, 0)
		ERR(unix.EFAULT, unix.SYS_IO_PGETEVENTS, uintptr(*ctx), 1, 1, evp, tsp, 1)
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
		ERR(unix.EINVAL, unix.SYS_IO_PGETEVENTS, uintptr(*ctx), 1, 1, evp, tsp, 0)
	})
	register("sendfile_lengths", func() {
		src := openAt(P("src"), unix.O_RDONLY, 0)
		dst := openAt(P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644)
		EQ(4, unix.SYS_SENDFILE, dst, src, loff(2), 4)
		EQ(11, unix.SYS_SENDFILE, dst, src, 0, 100)
		EQ(0, unix.SYS_SENDFILE, dst, src, 0, 100)
		EQ(0, unix.SYS_CLOSE, dst)
		EQ(0, unix.SYS_CLOSE, src)
	})
	register("splice_lengths", func() {
		src := openAt(P("src"), unix.O_RDONLY, 0)
		p := openAt(P("p"), unix.O_RDWR, 0)
		dst := openAt(P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644)
		EQ(6, unix.SYS_SPLICE, src, 0, p, 0, 100, 0)
		EQ(3, unix.SYS_SPLICE, p, 0, dst, 0, 3, 0)
		EQ(3, unix.SYS_SPLICE, p, 0, dst, 0, 100, 0)
		EQ(0, unix.SYS_SPLICE, src, 0, p, 0, 100, 0)
		EQ(0, unix.SYS_CLOSE, dst)
		EQ(0, unix.SYS_CLOSE, p)
		EQ(0, unix.SYS_CLOSE, src)
	})
	register("copy_file_range_lengths", func() {
		src := openAt(P("src"), unix.O_RDONLY, 0)
		dst := openAt(P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644)
		EQ(10, unix.SYS_COPY_FILE_RANGE, src, 0, dst, 0, 100, 0)
		EQ(0, unix.SYS_COPY_FILE_RANGE, src, 0, dst, 0, 100, 0)
		EQ(0, unix.SYS_CLOSE, dst)
		EQ(0, unix.SYS_CLOSE, src)
	})
	register("flock_dir", func() {
		d := openAt(P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(0, unix.SYS_FLOCK, d, unix.LOCK_EX)
		EQ(0, unix.SYS_FLOCK, d, unix.LOCK_SH)
		EQ(0, unix.SYS_FLOCK, d, unix.LOCK_UN)
		EQ(0, unix.SYS_CLOSE, d)
	})
}

func init() {
	register("tee_lengths", func() {
		p1 := openAt(P("p1"), unix.O_RDWR, 0)
		p2 := openAt(P("p2"), unix.O_RDWR, 0)
		EQ(5, unix.SYS_WRITE, p1, S("hello"), 5)
		EQ(2, unix.SYS_TEE, p1, p2, 2, 0)
		EQ(5, unix.SYS_TEE, p1, p2, 100, 0)
		EQ(7, unix.SYS_READ, p2, Buf(make([]byte, 16)), 16)
		EQ(0, unix.SYS_CLOSE, p2)
		EQ(0, unix.SYS_CLOSE, p1)
	})
	register("vmsplice_iovs", func() {
		p := openAt(P("p"), unix.O_RDWR, 0)
		EQ(6, unix.SYS_VMSPLICE, p, iov([]byte("abc"), []byte("def")), 2, 0)
		EQ(6, unix.SYS_READ, p, Buf(make([]byte, 16)), 16)
		EQ(0, unix.SYS_CLOSE, p)
	})
	register("xattr_dir", func() {
		buf := Buf(make([]byte, 64))
		EQ(0, unix.SYS_SETXATTR, P("d"), S("user.dir"), S("on"), 2, 0)
		EQ(9, unix.SYS_LISTXATTR, P("d"), buf, 64)
		EQ(0, unix.SYS_REMOVEXATTR, P("d"), S("user.dir"))
		EQ(0, unix.SYS_LISTXATTR, P("d"), buf, 64)
	})
	register("writev_many", func() {
		var bufs [][]byte
		for _, c := range "abcdefgh" {
			bufs = append(bufs, []byte{byte(c)})
		}
		fd := openAt(P("f"), unix.O_WRONLY, 0)
		EQ(8, unix.SYS_WRITEV, fd, iov(bufs...), 8)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
