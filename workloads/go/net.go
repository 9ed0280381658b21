package main

import (
	"golang.org/x/sys/unix"
)

// mmsghdr is struct mmsghdr (x/sys/unix has no type for it).
type mmsghdr struct {
	hdr unix.Msghdr
	_   uint32 // msg_len: written by the kernel, not read here
	_   [4]byte
}

func init() {
	register("net_dgram", func() {
		sv, psv := New[[2]int32]()
		_, buf := New[[16]byte]()
		m, pm := New[unix.Msghdr]()
		m.Iov, m.Iovlen = iovs([]byte("hello"), []byte("!")), 2
		r, pr := New[unix.Msghdr]()
		r.Iov, r.Iovlen = iovs(make([]byte, 16)), 1
		mo, pmo := New[[2]mmsghdr]()
		mi, pmi := New[[2]mmsghdr]()
		for i, b := range [][]byte{[]byte("x"), []byte("yz")} {
			mo[i].hdr.Iov, mo[i].hdr.Iovlen = iovs(b), 1
			mi[i].hdr.Iov, mi[i].hdr.Iovlen = iovs(make([]byte, 16)), 1
		}
		EQ(0, unix.SYS_SOCKETPAIR, unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0, psv)
		EQ(3, unix.SYS_SENDTO, uintptr(sv[0]), S("abc"), 3, 0, 0, 0)
		EQ(3, unix.SYS_RECVFROM, uintptr(sv[1]), buf, 16, 0, 0, 0)
		EQ(6, unix.SYS_SENDMSG, uintptr(sv[0]), pm, 0)
		EQ(6, unix.SYS_RECVMSG, uintptr(sv[1]), pr, 0)
		EQ(2, unix.SYS_SENDMMSG, uintptr(sv[0]), pmo, 2, 0)
		EQ(2, unix.SYS_RECVMMSG, uintptr(sv[1]), pmi, 2, 0, 0)
		EQ(0, unix.SYS_CLOSE, uintptr(sv[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(sv[1]))
	})
	register("net_errors", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		_, c := New[byte]()
		ERR(unix.EBADF, unix.SYS_SENDTO, 9999, S("x"), 1, 0, 0, 0)
		ERR(unix.ENOTSOCK, unix.SYS_RECVFROM, fd, c, 1, 0, 0, 0)
		ERR(unix.EBADF, unix.SYS_SENDMSG, 9999, 0, 0)
		ERR(unix.ENOTSOCK, unix.SYS_RECVMSG, fd, 0, 0)
		ERR(unix.EBADF, unix.SYS_SENDMMSG, 9999, 0, 1, 0)
		ERR(unix.ENOTSOCK, unix.SYS_RECVMMSG, fd, 0, 1, 0, 0)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
