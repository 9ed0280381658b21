package main

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Socket control, readiness waits and inotify watches (sockets.c): only
// loopback, on ports the kernel picks.

// neg is a negative int argument, sign-extended as C passes it.
func neg(v int) uintptr { return uintptr(int64(v)) }

// loopback is 127.0.0.1:port, the port in network order.
func loopback(port uint16) (*unix.RawSockaddrInet4, uintptr) {
	a, pa := New[unix.RawSockaddrInet4]()
	a.Family = unix.AF_INET
	a.Port = port<<8 | port>>8
	a.Addr = [4]byte{127, 0, 0, 1}
	return a, pa
}

// boundPort reads the port a socket is bound to, by getsockname.
func boundPort(fd uintptr) uint16 {
	a, pa := New[unix.RawSockaddrInet4]()
	l, pl := New[uint32]()
	*l = uint32(unsafe.Sizeof(*a))
	EQ(0, unix.SYS_GETSOCKNAME, fd, pa, pl)
	return a.Port<<8 | a.Port>>8
}

func intPtr(v int32) uintptr {
	p, pp := New[int32]()
	*p = v
	return pp
}

const sizeofIn4 = unsafe.Sizeof(unix.RawSockaddrInet4{})

func init() {
	register("net_tcp", func() {
		_, pany := loopback(0)
		one := intPtr(1)
		l := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_SETSOCKOPT, l, unix.SOL_SOCKET, unix.SO_REUSEADDR, one, 4)
		EQ(0, unix.SYS_BIND, l, pany, sizeofIn4)
		_, pto := loopback(boundPort(l))
		EQ(0, unix.SYS_LISTEN, l, 8)
		c := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_SETSOCKOPT, c, unix.IPPROTO_TCP, unix.TCP_NODELAY, one, 4)
		EQ(0, unix.SYS_GETSOCKOPT, c, unix.IPPROTO_TCP, unix.TCP_NODELAY, intPtr(0), intPtr(4))
		EQ(0, unix.SYS_CONNECT, c, pto, sizeofIn4)
		_, pss := New[unix.RawSockaddrAny]()
		s := uintptr(OK(unix.SYS_ACCEPT4, l, pss, intPtr(int32(unix.SizeofSockaddrAny)), unix.SOCK_CLOEXEC))
		_, ppeer := New[unix.RawSockaddrInet4]()
		EQ(0, unix.SYS_GETPEERNAME, c, ppeer, intPtr(int32(sizeofIn4)))
		EQ(2, unix.SYS_WRITE, c, S("hi"), 2)
		p1, pp1 := New[[1]unix.PollFd]()
		p1[0] = unix.PollFd{Fd: int32(s), Events: unix.POLLIN}
		EQ(1, unix.SYS_POLL, pp1, 1, neg(-1))
		p2, pp2 := New[[2]unix.PollFd]()
		p2[0] = unix.PollFd{Fd: int32(s), Events: unix.POLLIN}
		p2[1] = unix.PollFd{Fd: int32(c), Events: unix.POLLOUT}
		zero, pzero := New[unix.Timespec]()
		zero.Sec, zero.Nsec = 0, 0 // resident: ior reads a timeout at entry, where it cannot fault a page in
		EQ(2, unix.SYS_PPOLL, pp2, 2, pzero, 0, 8)
		_, buf := New[[8]byte]()
		EQ(2, unix.SYS_READ, s, buf, 8)
		EQ(0, unix.SYS_SHUTDOWN, c, unix.SHUT_WR)
		c2 := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		ERR(unix.EADDRINUSE, unix.SYS_BIND, c2, pto, sizeofIn4)
		EQ(0, unix.SYS_CLOSE, c2)
		EQ(0, unix.SYS_CLOSE, s)
		EQ(0, unix.SYS_CLOSE, c)
		EQ(0, unix.SYS_CLOSE, l)
	})
	register("net_tcp6", func() {
		any, pany := New[unix.RawSockaddrInet6]()
		any.Family, any.Addr[15] = unix.AF_INET6, 1 // [::1]:0
		size := unsafe.Sizeof(*any)
		l, e := call(unix.SYS_SOCKET, unix.AF_INET6, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		if e == unix.EAFNOSUPPORT {
			Unsupported("socket(AF_INET6)")
		}
		if l < 0 {
			fail(unix.SYS_SOCKET, l, e, ">= 0")
		}
		if r, e := call(unix.SYS_BIND, uintptr(l), pany, size); e == unix.EADDRNOTAVAIL {
			Unsupported("bind(::1)")
		} else if r != 0 {
			fail(unix.SYS_BIND, r, e, "0")
		}
		_, pto := New[unix.RawSockaddrInet6]()
		EQ(0, unix.SYS_GETSOCKNAME, uintptr(l), pto, intPtr(int32(size)))
		EQ(0, unix.SYS_LISTEN, uintptr(l), 1)
		c := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET6, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_CONNECT, c, pto, size)
		_, pss := New[unix.RawSockaddrAny]()
		s := uintptr(OK(unix.SYS_ACCEPT4, uintptr(l), pss, intPtr(int32(unix.SizeofSockaddrAny)), unix.SOCK_CLOEXEC))
		EQ(0, unix.SYS_GETSOCKNAME, c, pss, intPtr(4)) // 4 of its 28 bytes
		EQ(0, unix.SYS_CLOSE, s)
		EQ(0, unix.SYS_CLOSE, c)
		EQ(0, unix.SYS_CLOSE, uintptr(l))
	})
	register("net_unix", func() {
		a, pa := New[unix.RawSockaddrUnix]()
		a.Family = unix.AF_UNIX
		for i, c := range []byte(dir + "/sock") {
			a.Path[i] = int8(c)
		}
		// abstract: a NUL, then a name no other process has now
		abs := fmt.Sprintf("ior-%010d", unix.Getpid())
		b, pb := New[unix.RawSockaddrUnix]()
		b.Family = unix.AF_UNIX
		for i, c := range []byte(abs) {
			b.Path[1+i] = int8(c)
		}
		size := unsafe.Sizeof(*a)
		_, pgot := New[unix.RawSockaddrUnix]()
		l := uintptr(OK(unix.SYS_SOCKET, unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_BIND, l, pa, size)
		EQ(0, unix.SYS_LISTEN, l, 1)
		us := uintptr(OK(unix.SYS_SOCKET, unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_BIND, us, pb, uintptr(2+1+len(abs)))
		EQ(0, unix.SYS_GETSOCKNAME, us, pgot, intPtr(int32(size)))
		c := uintptr(OK(unix.SYS_SOCKET, unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_CONNECT, c, pa, size)
		s := uintptr(OK(unix.SYS_ACCEPT, l, pgot, intPtr(int32(size))))
		EQ(0, unix.SYS_GETSOCKOPT, s, unix.SOL_SOCKET, unix.SO_TYPE, intPtr(0), intPtr(4))
		EQ(0, unix.SYS_CLOSE, s)
		EQ(0, unix.SYS_CLOSE, c)
		EQ(0, unix.SYS_CLOSE, us)
		EQ(0, unix.SYS_CLOSE, l)
	})
	register("net_control_errors", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		_, pany := loopback(0)
		us := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		EQ(0, unix.SYS_BIND, us, pany, sizeofIn4)
		_, pto := loopback(boundPort(us)) // bound, not listening: refused
		k := uintptr(OK(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0))
		// An address on a page never touched (anonymous mmap: not
		// traced): unreadable at entry, read at exit. Zeros: AF_UNSPEC,
		// which disconnects, a no-op on a socket not connected.
		untouched := uintptr(OK(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS, neg(-1), 0))
		EQ(0, unix.SYS_CONNECT, k, untouched, sizeofIn4)
		ERR(unix.ECONNREFUSED, unix.SYS_CONNECT, k, pto, sizeofIn4)
		ERR(unix.EINVAL, unix.SYS_CONNECT, k, pto, 1)
		ERR(unix.EFAULT, unix.SYS_BIND, k, 1, sizeofIn4)
		ERR(unix.ENOTSOCK, unix.SYS_LISTEN, fd, 1)
		ERR(unix.ENOTCONN, unix.SYS_SHUTDOWN, k, unix.SHUT_RDWR)
		_, ppeer := New[unix.RawSockaddrInet4]()
		plen := intPtr(int32(sizeofIn4))
		ERR(unix.ENOTCONN, unix.SYS_GETPEERNAME, k, ppeer, plen)
		ERR(unix.EBADF, unix.SYS_GETSOCKNAME, 9999, ppeer, plen)
		ERR(unix.EBADF, unix.SYS_SETSOCKOPT, 9999, unix.SOL_SOCKET, unix.SO_REUSEADDR, intPtr(1), 4)
		ERR(unix.ENOTSOCK, unix.SYS_GETSOCKOPT, fd, unix.SOL_SOCKET, unix.SO_TYPE, intPtr(0), intPtr(4))
		EQ(0, unix.SYS_CLOSE, k)
		EQ(0, unix.SYS_CLOSE, us)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("wait_ready", func() {
		fds, pfds := New[[2]int32]()
		EQ(0, unix.SYS_PIPE2, pfds, unix.O_CLOEXEC)
		r := uintptr(fds[0])
		p, pp := New[[1]unix.PollFd]()
		p[0] = unix.PollFd{Fd: fds[0], Events: unix.POLLIN}
		EQ(0, unix.SYS_POLL, pp, 1, 0)
		EQ(1, unix.SYS_WRITE, uintptr(fds[1]), S("x"), 1)
		EQ(1, unix.SYS_PPOLL, pp, 1, 0, 0, 8)
		set, pset := New[unix.FdSet]()
		// Stored to, so that its page is resident, as C's stack is:
		// ior reads a timeout at entry, where it cannot fault a page in.
		tv, ptv := New[unix.Timeval]()
		tv.Sec, tv.Usec = 0, 0
		set.Set(int(r))
		EQ(1, unix.SYS_SELECT, 1024, pset, 0, 0, ptv) // nfds: FD_SETSIZE, not an fd number
		set.Zero()
		set.Set(int(r))
		zero, pzero := New[unix.Timespec]()
		zero.Sec, zero.Nsec = 0, 0 // resident, as above
		EQ(1, unix.SYS_PSELECT6, 1024, pset, 0, 0, pzero, 0)
		ep := uintptr(OK(unix.SYS_EPOLL_CREATE1, unix.EPOLL_CLOEXEC))
		ev, pev := New[unix.EpollEvent]()
		ev.Events, ev.Fd = unix.EPOLLIN, 7 // data.u64 = 7
		_, pout := New[[4]unix.EpollEvent]()
		EQ(0, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_ADD, r, pev)
		EQ(1, unix.SYS_EPOLL_WAIT, ep, pout, 4, 0)
		ev.Events = unix.EPOLLIN | unix.EPOLLET
		EQ(0, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_MOD, r, pev)
		EQ(1, unix.SYS_EPOLL_PWAIT, ep, pout, 4, 0, 0, 8)
		EQ(0, unix.SYS_EPOLL_PWAIT2, ep, pout, 4, pzero, 0, 8) // edge-triggered: reported once
		EQ(0, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_DEL, r, 0)
		EQ(0, unix.SYS_CLOSE, ep)
		EQ(0, unix.SYS_CLOSE, uintptr(fds[1]))
		EQ(0, unix.SYS_CLOSE, r)
	})
	register("wait_errors", func() {
		fds, pfds := New[[2]int32]()
		EQ(0, unix.SYS_PIPE2, pfds, unix.O_CLOEXEC)
		r := uintptr(fds[0])
		ep := uintptr(OK(unix.SYS_EPOLL_CREATE1, unix.EPOLL_CLOEXEC))
		ev, pev := New[unix.EpollEvent]()
		ev.Events = unix.EPOLLIN
		_, pout := New[[1]unix.EpollEvent]()
		ERR(unix.EBADF, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_ADD, 9999, pev)
		EQ(0, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_ADD, r, pev)
		ERR(unix.EEXIST, unix.SYS_EPOLL_CTL, ep, unix.EPOLL_CTL_ADD, r, pev)
		ERR(unix.EFAULT, unix.SYS_POLL, 1, 1, 0)
		ERR(unix.EFAULT, unix.SYS_PPOLL, 0, 0, 1, 0, 8)
		ERR(unix.EINVAL, unix.SYS_SELECT, neg(-1), 0, 0, 0, 0)
		ERR(unix.EINVAL, unix.SYS_PSELECT6, neg(-1), 0, 0, 0, 0, 0)
		ERR(unix.EINVAL, unix.SYS_EPOLL_WAIT, r, pout, 1, 0)
		ERR(unix.EBADF, unix.SYS_EPOLL_PWAIT, 9999, pout, 1, 0, 0, 8)
		ERR(unix.EINVAL, unix.SYS_EPOLL_PWAIT2, ep, pout, 0, 0, 0, 8)
		EQ(0, unix.SYS_CLOSE, ep)
		EQ(0, unix.SYS_CLOSE, uintptr(fds[1]))
		EQ(0, unix.SYS_CLOSE, r)
	})
	register("inotify_watch", func() {
		fd := uintptr(OK(unix.SYS_INOTIFY_INIT1, unix.IN_CLOEXEC))
		wd := uintptr(OK(unix.SYS_INOTIFY_ADD_WATCH, fd, P(""), unix.IN_CREATE|unix.IN_DELETE))
		ERR(unix.ENOENT, unix.SYS_INOTIFY_ADD_WATCH, fd, P("missing"), unix.IN_MODIFY)
		EQ(0, unix.SYS_INOTIFY_RM_WATCH, fd, wd)
		ERR(unix.EINVAL, unix.SYS_INOTIFY_RM_WATCH, fd, wd)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
