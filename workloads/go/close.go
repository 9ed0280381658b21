package main

import "golang.org/x/sys/unix"

// Fixed high fds (200+) keep these scenarios away from the fds that the Go
// runtime or noise threads open meanwhile.

func openF() uintptr {
	return uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_CREAT|unix.O_WRONLY, 0o644))
}

func init() {
	register("close_range", func() {
		fd := openF()
		EQ(200, unix.SYS_DUP2, fd, 200)
		EQ(201, unix.SYS_DUP2, fd, 201)
		EQ(0, unix.SYS_CLOSE_RANGE, 200, 201, 0)
		ERR(unix.EBADF, unix.SYS_WRITE, 200, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("close_range_cloexec", func() {
		fd := openF()
		EQ(210, unix.SYS_DUP2, fd, 210)
		EQ(0, unix.SYS_CLOSE_RANGE, 210, 210, unix.CLOSE_RANGE_CLOEXEC)
		EQ(unix.FD_CLOEXEC, unix.SYS_FCNTL, 210, unix.F_GETFD)
		EQ(0, unix.SYS_CLOSE, 210)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("close_twice", func() {
		fd := openF()
		EQ(220, unix.SYS_DUP2, fd, 220)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, 220)
		ERR(unix.EBADF, unix.SYS_CLOSE, 220)
	})
}
