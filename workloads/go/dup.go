package main

import "golang.org/x/sys/unix"

func init() {
	register("dup", func() {
		fd := openF()
		d := uintptr(OK(unix.SYS_DUP, fd))
		EQ(1, unix.SYS_WRITE, d, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, d)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("dup2", func() {
		fd := openF()
		EQ(230, unix.SYS_DUP2, fd, 230)
		EQ(1, unix.SYS_WRITE, 230, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, 230)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("dup3_cloexec", func() {
		fd := openF()
		EQ(231, unix.SYS_DUP3, fd, 231, unix.O_CLOEXEC)
		EQ(unix.FD_CLOEXEC, unix.SYS_FCNTL, 231, unix.F_GETFD)
		EQ(2, unix.SYS_WRITE, 231, S("xy"), 2)
		EQ(0, unix.SYS_CLOSE, 231)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("dup2_self", func() {
		fd := openF()
		EQ(int64(fd), unix.SYS_DUP2, fd, fd)
		EQ(1, unix.SYS_WRITE, fd, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
