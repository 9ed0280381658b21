package main

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

func init() {
	register("fd_pipe", func() {
		fds, p := New[[2]int32]()
		buf, b := New[[8]byte]()
		_ = buf
		more, pm := New[[2]int32]()
		EQ(0, unix.SYS_PIPE2, p, unix.O_CLOEXEC)
		EQ(2, unix.SYS_WRITE, uintptr(fds[1]), S("ab"), 2)
		EQ(2, unix.SYS_READ, uintptr(fds[0]), b, 8)
		EQ(0, unix.SYS_PIPE, pm)
		EQ(0, unix.SYS_CLOSE, uintptr(more[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(more[1]))
		EQ(0, unix.SYS_CLOSE, uintptr(fds[1]))
		EQ(0, unix.SYS_CLOSE, uintptr(fds[0]))
	})
	register("fd_socketpair", func() {
		sv, p := New[[2]int32]()
		_, b := New[[8]byte]()
		EQ(0, unix.SYS_SOCKETPAIR, unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0, p)
		EQ(3, unix.SYS_WRITE, uintptr(sv[0]), S("xyz"), 3)
		EQ(3, unix.SYS_READ, uintptr(sv[1]), b, 8)
		EQ(0, unix.SYS_CLOSE, uintptr(sv[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(sv[1]))
	})
	register("fd_memfd", func() {
		fd := uintptr(OK(unix.SYS_MEMFD_CREATE, S("ior-mem"), unix.MFD_CLOEXEC))
		EQ(3, unix.SYS_WRITE, fd, S("abc"), 3)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("fd_anon", func() {
		one, po := New[uint64]()
		*one = 1
		_, pg := New[uint64]()
		_, pm := New[uint64]()
		var fds []uintptr
		fd := uintptr(OK(unix.SYS_EVENTFD2, 0, unix.O_CLOEXEC))
		EQ(8, unix.SYS_WRITE, fd, po, 8)
		EQ(8, unix.SYS_READ, fd, pg, 8)
		fds = append(fds, fd)
		fds = append(fds, uintptr(OK(unix.SYS_EVENTFD, 0)))
		fds = append(fds, uintptr(OK(unix.SYS_EPOLL_CREATE1, unix.O_CLOEXEC)))
		fds = append(fds, uintptr(OK(unix.SYS_EPOLL_CREATE, 1)))
		fds = append(fds, uintptr(OK(unix.SYS_TIMERFD_CREATE, unix.CLOCK_MONOTONIC, unix.O_CLOEXEC)))
		fds = append(fds, uintptr(OK(unix.SYS_SIGNALFD4, ^uintptr(0), pm, 8, unix.O_CLOEXEC)))
		fds = append(fds, uintptr(OK(unix.SYS_INOTIFY_INIT1, unix.O_CLOEXEC)))
		fds = append(fds, uintptr(OK(unix.SYS_INOTIFY_INIT)))
		fds = append(fds, uintptr(OK(unix.SYS_PIDFD_OPEN, uintptr(os.Getpid()), 0)))
		fds = append(fds, uintptr(OK(unix.SYS_FANOTIFY_INIT, unix.FAN_CLASS_NOTIF|unix.FAN_CLOEXEC, unix.O_RDONLY)))
		fds = append(fds, uintptr(OK(unix.SYS_USERFAULTFD, unix.O_CLOEXEC)))
		for i := len(fds) - 1; i >= 0; i-- {
			EQ(0, unix.SYS_CLOSE, fds[i])
		}
	})
	register("fd_accept", func() {
		a, pa := New[unix.RawSockaddrUnix]()
		a.Family = unix.AF_UNIX
		for i, c := range []byte(dir + "/sock") {
			a.Path[i] = int8(c)
		}
		size := unsafe.Sizeof(*a)
		l := uintptr(OK(unix.SYS_SOCKET, unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		c := uintptr(OK(unix.SYS_SOCKET, unix.AF_UNIX, unix.SOCK_STREAM, 0))
		EQ(0, unix.SYS_BIND, l, pa, size)
		EQ(0, unix.SYS_LISTEN, l, 1)
		EQ(0, unix.SYS_CONNECT, c, pa, size)
		s := uintptr(OK(unix.SYS_ACCEPT4, l, 0, 0, unix.SOCK_CLOEXEC))
		EQ(2, unix.SYS_WRITE, c, S("hi"), 2)
		EQ(0, unix.SYS_CLOSE, s)
		EQ(0, unix.SYS_CLOSE, c)
		EQ(0, unix.SYS_CLOSE, l)
	})
	register("fd_errors", func() {
		_, sv := New[[2]int32]()
		ERR(unix.EFAULT, unix.SYS_PIPE2, 1, 0)
		ERR(unix.EINVAL, unix.SYS_PIPE2, sv, 0x1234)
		ERR(unix.EINVAL, unix.SYS_SOCKET, unix.AF_UNIX, 9999, 0)
		ERR(unix.EOPNOTSUPP, unix.SYS_SOCKETPAIR, unix.AF_INET, unix.SOCK_STREAM, 0, sv)
		ERR(unix.EINVAL, unix.SYS_EVENTFD2, 0, 0x1234)
		ERR(unix.EINVAL, unix.SYS_MEMFD_CREATE, S("x"), 0xff00)
		ERR(unix.EINVAL, unix.SYS_EPOLL_CREATE1, 0x1234)
		ERR(unix.EINVAL, unix.SYS_TIMERFD_CREATE, 9999, 0)
		ERR(unix.EINVAL, unix.SYS_INOTIFY_INIT1, 0x1234)
		ERR(unix.EINVAL, unix.SYS_PIDFD_OPEN, ^uintptr(0), 0)
		ERR(unix.EBADF, unix.SYS_ACCEPT4, 9999, 0, 0, 0)
		_, pm := New[uint64]()
		ERR(unix.EINVAL, unix.SYS_EPOLL_CREATE, 0)
		ERR(unix.EINVAL, unix.SYS_SIGNALFD4, 9999, pm, 8, 0x1234)
		ERR(unix.EINVAL, unix.SYS_FANOTIFY_INIT, 0xffff0000, 0)
		ERR(unix.EINVAL, unix.SYS_USERFAULTFD, 0x1234)
		ERR(unix.EFAULT, unix.SYS_PIPE, 1)
		ERR(unix.EBADF, unix.SYS_ACCEPT, 9999, 0, 0)
	})
}
