package main

import "golang.org/x/sys/unix"

func init() {
	register("fcntl_dupfd", func() {
		fd := openF()
		EQ(240, unix.SYS_FCNTL, fd, unix.F_DUPFD, 240)
		EQ(241, unix.SYS_FCNTL, fd, unix.F_DUPFD_CLOEXEC, 240)
		EQ(0, unix.SYS_FCNTL, 240, unix.F_GETFD)
		EQ(unix.FD_CLOEXEC, unix.SYS_FCNTL, 241, unix.F_GETFD)
		EQ(1, unix.SYS_WRITE, 241, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, 241)
		EQ(0, unix.SYS_CLOSE, 240)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("fcntl_append", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_WRONLY))
		EQ(0, unix.SYS_FCNTL, fd, unix.F_SETFL, unix.O_APPEND)
		EQ(1, unix.SYS_WRITE, fd, S("z"), 1)
		ERR(unix.EBADF, unix.SYS_PREAD64, fd, Buf(make([]byte, 1)), 1, 0)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
