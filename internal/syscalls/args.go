//go:build linux && amd64

package syscalls

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/arg"
	"golang.org/x/sys/unix"
)

// Event.Args text: the arguments behind pointers that no numeric field
// holds, strace-like. What ior could not read is never guessed: an
// unreadable struct is its address (0x...), as strace shows it; one cut
// short ends in "...".

// Bounds of what the kernel side copies (BlobLen).
const (
	SockaddrLen = unix.SizeofSockaddrAny // struct sockaddr_storage
	SockoptLen  = 16                     // an int option's value, and then some
	PollFDs     = 16                     // pollfds of a poll or ppoll, 8 bytes each
	EpollEvLen  = 12                     // struct epoll_event (packed on x86_64)
	// URingParamsInLen: what struct io_uring_params holds as input
	// (sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle).
	URingParamsInLen = 20
	setupCQSize      = 1 << 3 // IORING_SETUP_CQSIZE (include/uapi/linux/io_uring.h)
)

// addrArg: the pointer itself, for a struct that could not be read.
func addrArg(p uint64) string {
	if p == 0 {
		return "NULL"
	}
	return "0x" + strconv.FormatUint(p, 16)
}

var families = map[uint16]string{unix.AF_UNSPEC: "AF_UNSPEC", unix.AF_UNIX: "AF_UNIX", unix.AF_INET: "AF_INET",
	unix.AF_INET6: "AF_INET6", unix.AF_NETLINK: "AF_NETLINK", unix.AF_PACKET: "AF_PACKET", unix.AF_VSOCK: "AF_VSOCK",
	unix.AF_BLUETOOTH: "AF_BLUETOOTH", unix.AF_ALG: "AF_ALG", unix.AF_XDP: "AF_XDP"}

// Sockaddr renders a socket address of len bytes (the length the call
// passed or the kernel gave) of which b were copied: AF_INET
// 127.0.0.1:80, AF_INET6 [::1]:80, AF_UNIX "/path", an abstract name
// @"name" or, unnamed, AF_UNIX; other families by name and length.
func Sockaddr(b []byte, length uint32) string {
	cut := uint32(len(b)) < length
	if len(b) < 2 {
		return "sockaddr len=" + strconv.FormatUint(uint64(length), 10)
	}
	fam := binary.LittleEndian.Uint16(b)
	name, ok := families[fam]
	if !ok {
		name = "family=" + strconv.FormatUint(uint64(fam), 10)
	}
	switch {
	case fam == unix.AF_INET && len(b) >= 8:
		ip := netip.AddrFrom4([4]byte(b[4:8]))
		return netip.AddrPortFrom(ip, binary.BigEndian.Uint16(b[2:])).String()
	case fam == unix.AF_INET6 && len(b) >= 24:
		ip := netip.AddrFrom16([16]byte(b[8:24]))
		if len(b) >= 28 {
			if z := binary.LittleEndian.Uint32(b[24:]); z != 0 {
				ip = ip.WithZone(strconv.FormatUint(uint64(z), 10))
			}
		}
		return netip.AddrPortFrom(ip, binary.BigEndian.Uint16(b[2:])).String()
	case fam == unix.AF_UNIX:
		p := b[2:]
		if len(p) > 0 && p[0] == 0 { // abstract: every byte counts, NULs too
			return "@" + quote(p[1:], cut)
		}
		if i := strings.IndexByte(string(p), 0); i >= 0 {
			p, cut = p[:i], false
		}
		if len(p) == 0 && !cut {
			return "AF_UNIX" // unnamed
		}
		return quote(p, cut)
	}
	s := name + " len=" + strconv.FormatUint(uint64(length), 10)
	if cut && (fam == unix.AF_INET || fam == unix.AF_INET6) {
		s += " (cut at " + strconv.Itoa(len(b)) + ")"
	}
	return s
}

func quote(p []byte, cut bool) string {
	s := strconv.Quote(string(p))
	if cut {
		s += "..."
	}
	return s
}

// addrIn: connect's and bind's address, read at enter.
func addrIn(args *[6]uint64, _ int64, c *Copied) string {
	if args[1] == 0 || !c.OK || c.Fault {
		return addrArg(args[1])
	}
	return Sockaddr(c.Data, c.Len)
}

// addrOut: the address getsockname, getpeername and accept wrote,
// when they succeeded and were given a buffer.
func addrOut(args *[6]uint64, ret int64, c *Copied) string {
	switch {
	case ret < 0 || args[1] == 0:
		return ""
	case !c.OK || c.Fault:
		return addrArg(args[1])
	}
	return Sockaddr(c.Data, c.Len)
}

// sockoptVal: an option's value when it is an int (4 bytes); otherwise
// the length is all there is (setsockopt's in Len).
func sockoptVal(args *[6]uint64, ret int64, c *Copied) string {
	switch {
	case !c.OK || ret < 0 && c.ULen == 0 && c.Len == 0:
		return ""
	case c.Fault || args[3] == 0 && c.Len > 0:
		return "val=" + addrArg(args[3])
	case c.Len == 4 && len(c.Data) >= 4:
		return "val=" + strconv.FormatInt(int64(int32(binary.LittleEndian.Uint32(c.Data))), 10)
	}
	return ""
}

// getsockoptVal: the value the kernel wrote, or the length it gave.
func getsockoptVal(args *[6]uint64, ret int64, c *Copied) string {
	if ret < 0 || !c.OK {
		return ""
	}
	if v := sockoptVal(args, ret, c); v != "" {
		return v
	}
	return "optlen=" + strconv.FormatUint(uint64(c.Len), 10)
}

var pollNames = []named{{unix.POLLIN, "POLLIN"}, {unix.POLLPRI, "POLLPRI"}, {unix.POLLOUT, "POLLOUT"}, {unix.POLLERR, "POLLERR"},
	{unix.POLLHUP, "POLLHUP"}, {unix.POLLNVAL, "POLLNVAL"}, {0x40, "POLLRDNORM"}, {0x80, "POLLRDBAND"},
	{0x100, "POLLWRNORM"}, {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"}, {0x2000, "POLLRDHUP"}}

var epollNames = []named{{unix.EPOLLIN, "EPOLLIN"}, {unix.EPOLLPRI, "EPOLLPRI"}, {unix.EPOLLOUT, "EPOLLOUT"}, {unix.EPOLLERR, "EPOLLERR"},
	{unix.EPOLLHUP, "EPOLLHUP"}, {unix.EPOLLRDNORM, "EPOLLRDNORM"}, {unix.EPOLLRDBAND, "EPOLLRDBAND"}, {unix.EPOLLWRNORM, "EPOLLWRNORM"},
	{unix.EPOLLWRBAND, "EPOLLWRBAND"}, {unix.EPOLLMSG, "EPOLLMSG"}, {unix.EPOLLRDHUP, "EPOLLRDHUP"}, {1 << 28, "EPOLLEXCLUSIVE"},
	{1 << 29, "EPOLLWAKEUP"}, {1 << 30, "EPOLLONESHOT"}, {1 << 31, "EPOLLET"}}

type named struct {
	v    uint64
	name string
}

// Bits names v's bits NAME|NAME|0x40; 0 is "0".
func bits(v uint64, names []named) string {
	var out []string
	for _, n := range names {
		if v&n.v == n.v {
			out = append(out, n.name)
			v &^= n.v
		}
	}
	if v != 0 || len(out) == 0 {
		out = append(out, "0x"+strconv.FormatUint(v, 16))
	}
	return strings.Join(out, "|")
}

// pollfds: [{fd=3, events=POLLIN, revents=POLLIN}, ...], the first
// PollFDs of them (then "..."), revents when the call succeeded and set
// any; then the timeout as tm renders it.
func pollfds(tm func(*[6]uint64, int64, *Copied) string) func(*[6]uint64, int64, *Copied) string {
	return func(args *[6]uint64, ret int64, c *Copied) string {
		return pollfdArray(args, ret, c) + ", " + tm(args, ret, c)
	}
}

func pollfdArray(args *[6]uint64, ret int64, c *Copied) string {
	var b strings.Builder
	nfds := uint32(args[1])
	switch {
	case nfds == 0:
		b.WriteString("[]")
	case args[0] == 0 || !c.OK || c.Fault:
		b.WriteString(addrArg(args[0]))
	default:
		b.WriteByte('[')
		n := 0
		for d := c.Data; len(d) >= 8 && uint32(n) < nfds; d = d[8:] {
			if n > 0 {
				b.WriteString(", ")
			}
			fd := int32(binary.LittleEndian.Uint32(d))
			ev, rev := binary.LittleEndian.Uint16(d[4:]), binary.LittleEndian.Uint16(d[6:])
			b.WriteString("{fd=" + strconv.Itoa(int(fd)) + ", events=" + bits(uint64(ev), pollNames))
			if ret > 0 && rev != 0 {
				b.WriteString(", revents=" + bits(uint64(rev), pollNames))
			}
			b.WriteByte('}')
			n++
		}
		if uint32(n) < nfds {
			b.WriteString(", ...")
		}
		b.WriteByte(']')
	}
	return b.String()
}

// msTimeout: a timeout in ms passed by value in argument n (-1: none).
func msTimeout(n int) func(*[6]uint64, int64, *Copied) string {
	return func(args *[6]uint64, _ int64, _ *Copied) string {
		return "timeout=" + strconv.Itoa(int(int32(args[n])))
	}
}

// tsTimeout: a timeout read at enter from argument n, a struct timespec
// (usec false) or struct timeval.
func tsTimeout(n int, usec bool) func(*[6]uint64, int64, *Copied) string {
	return func(args *[6]uint64, _ int64, c *Copied) string {
		return "timeout=" + tsText(args[n], usec, c)
	}
}

func tsText(p uint64, usec bool, c *Copied) string {
	switch {
	case p == 0:
		return "NULL"
	case !c.OK || c.TSFault || len(c.TS) < TSLen:
		return addrArg(p)
	}
	sec, frac := int64(binary.LittleEndian.Uint64(c.TS)), int64(binary.LittleEndian.Uint64(c.TS[8:]))
	unit := "tv_nsec"
	if usec {
		unit = "tv_usec"
	}
	return "{tv_sec=" + strconv.FormatInt(sec, 10) + ", " + unit + "=" + strconv.FormatInt(frac, 10) + "}"
}

// uringParams: io_uring_setup's struct io_uring_params as the caller
// filled it in, read at enter, strace-like: {flags=IORING_SETUP_SQPOLL,
// sq_thread_cpu=0, sq_thread_idle=1000}, cq_entries too with
// IORING_SETUP_CQSIZE (the kernel reads it only then). The kernel side
// sends it after the new fd, so only for a call that succeeded: nothing
// for a failed one (the kernel read the struct, or failed on it).
func uringParams(args *[6]uint64, ret int64, c *Copied) string {
	switch {
	case ret < 0 || !c.OK:
		return ""
	case c.Fault || len(c.Data) < URingParamsInLen:
		return addrArg(args[1])
	}
	le := binary.LittleEndian
	fl := le.Uint32(c.Data[8:])
	b := arg.URingSetupFlags.Append([]byte("{flags="), uint64(fl))
	if fl&setupCQSize != 0 {
		b = strconv.AppendUint(append(b, ", cq_entries="...), uint64(le.Uint32(c.Data[4:])), 10)
	}
	b = strconv.AppendUint(append(b, ", sq_thread_cpu="...), uint64(le.Uint32(c.Data[12:])), 10)
	b = strconv.AppendUint(append(b, ", sq_thread_idle="...), uint64(le.Uint32(c.Data[16:])), 10)
	return string(append(b, '}'))
}

// epollEvent: epoll_ctl's struct epoll_event, read at enter.
func epollEvent(args *[6]uint64, _ int64, c *Copied) string {
	switch {
	case args[3] == 0:
		return "NULL"
	case !c.OK || c.Fault || len(c.Data) < EpollEvLen:
		return addrArg(args[3])
	}
	ev := binary.LittleEndian.Uint32(c.Data)
	data := binary.LittleEndian.Uint64(c.Data[4:])
	return "{events=" + bits(uint64(ev), epollNames) + ", data=0x" + strconv.FormatUint(data, 16) + "}"
}
