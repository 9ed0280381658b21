//go:build linux && amd64

package syscalls

import (
	"encoding/binary"
	"testing"

	"golang.org/x/sys/unix"
)

func sa(fam uint16, rest ...byte) []byte {
	return append(binary.LittleEndian.AppendUint16(nil, fam), rest...)
}

// Addresses by family, as the kernel lays them out (port and IPv4
// address in network order), whole or cut.
func TestSockaddr(t *testing.T) {
	in4 := sa(unix.AF_INET, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)
	in6 := sa(unix.AF_INET6, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0)
	ll6 := sa(unix.AF_INET6, 0, 80, 0, 0, 0, 0, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0)
	for _, c := range []struct {
		b    []byte
		n    uint32
		want string
	}{
		{in4, 16, "127.0.0.1:8080"},
		{in6, 28, "[::1]:80"},
		{ll6, 28, "[fe80::1%2]:80"},
		{in4[:4], 16, "AF_INET len=16 (cut at 4)"},
		{sa(unix.AF_UNIX, []byte("/run/x.sock\x00\x00")...), 110, `"/run/x.sock"`},
		{sa(unix.AF_UNIX, []byte("/run/x")...), 20, `"/run/x"...`},
		{sa(unix.AF_UNIX, []byte("\x00name\x00")...), 8, `@"name\x00"`},
		{sa(unix.AF_UNIX), 2, "AF_UNIX"},
		{sa(unix.AF_NETLINK, make([]byte, 10)...), 12, "AF_NETLINK len=12"},
		{sa(777, 1, 2), 4, "family=777 len=4"},
		{[]byte{2}, 1, "sockaddr len=1"},
	} {
		if got := Sockaddr(c.b, c.n); got != c.want {
			t.Errorf("Sockaddr(% x, %d) = %s, want %s", c.b, c.n, got, c.want)
		}
	}
}

func pollfd(fd int32, ev, rev uint16) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(fd))
	b = binary.LittleEndian.AppendUint16(b, ev)
	return binary.LittleEndian.AppendUint16(b, rev)
}

// poll's text: fds, events, revents of a call that returned a count,
// the bound, an unreadable array, the timeout.
func TestPollArgs(t *testing.T) {
	poll := ByName("poll").Args
	two := append(pollfd(3, unix.POLLIN, unix.POLLIN), pollfd(-1, unix.POLLOUT, 0)...)
	for _, c := range []struct {
		args [6]uint64
		ret  int64
		c    Copied
		want string
	}{
		{[6]uint64{0x1000, 2, 100}, 1, Copied{OK: true, Len: 16, ULen: 16, Data: two},
			"[{fd=3, events=POLLIN, revents=POLLIN}, {fd=-1, events=POLLOUT}], timeout=100"},
		{[6]uint64{0x1000, 2, 100}, -4, Copied{OK: true, Len: 16, ULen: 16, Data: two},
			"[{fd=3, events=POLLIN}, {fd=-1, events=POLLOUT}], timeout=100"},
		{[6]uint64{0x1000, 20, uint64(0xffffffff)}, 0, Copied{OK: true, Len: 160, ULen: 160, Data: two},
			"[{fd=3, events=POLLIN}, {fd=-1, events=POLLOUT}, ...], timeout=-1"},
		{[6]uint64{0x1, 1, 0}, -14, Copied{OK: true, Len: 8, ULen: 8, Fault: true}, "0x1, timeout=0"},
		{[6]uint64{0, 0, 5}, 0, Copied{OK: true}, "[], timeout=5"},
		{[6]uint64{0, 1, 0}, -14, Copied{OK: true, Len: 8, ULen: 8}, "NULL, timeout=0"},
	} {
		if got := poll(&c.args, c.ret, &c.c); got != c.want {
			t.Errorf("poll %v = %d: %s, want %s", c.args, c.ret, got, c.want)
		}
	}
}

// A timeout read at entry, NULL, or unreadable.
func TestTimeoutArgs(t *testing.T) {
	ts := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, 2), 500)
	sel, pp := ByName("select").Args, ByName("ppoll").Args
	if got := sel(&[6]uint64{4: 0x2000}, 0, &Copied{OK: true, TS: ts}); got != "timeout={tv_sec=2, tv_usec=500}" {
		t.Errorf("select: %s", got)
	}
	if got := sel(&[6]uint64{}, 0, &Copied{OK: true, TS: make([]byte, 16)}); got != "timeout=NULL" {
		t.Errorf("select NULL: %s", got)
	}
	if got := pp(&[6]uint64{2: 0x1}, -14, &Copied{OK: true, TS: make([]byte, 16), TSFault: true}); got != "[], timeout=0x1" {
		t.Errorf("ppoll fault: %s", got)
	}
}

// An int option's value, and what is not one.
func TestSockoptArgs(t *testing.T) {
	set, get := ByName("setsockopt").Args, ByName("getsockopt").Args
	one := binary.LittleEndian.AppendUint32(nil, 1)
	if got := set(&[6]uint64{3: 0x3000, 4: 4}, 0, &Copied{OK: true, Len: 4, ULen: 4, Data: one}); got != "val=1" {
		t.Errorf("setsockopt int: %s", got)
	}
	if got := set(&[6]uint64{3: 0x3000, 4: 8}, 0, &Copied{OK: true, Len: 8, ULen: 8, Data: append(one, one...)}); got != "" {
		t.Errorf("setsockopt struct: %q", got)
	}
	if got := get(&[6]uint64{3: 0x3000}, 0, &Copied{OK: true, Len: 8, ULen: 16, Data: append(one, one...)}); got != "optlen=8" {
		t.Errorf("getsockopt struct: %s", got)
	}
	if got := get(&[6]uint64{}, -92, &Copied{OK: true, ULen: 4}); got != "" {
		t.Errorf("getsockopt failed: %q", got)
	}
}

// A NULL address or value is NULL, not an empty struct.
func TestNullArgs(t *testing.T) {
	if got := ByName("connect").Args(&[6]uint64{2: 16}, -14, &Copied{OK: true, Len: 16, ULen: 16}); got != "NULL" {
		t.Errorf("connect NULL: %s", got)
	}
	if got := ByName("setsockopt").Args(&[6]uint64{4: 4}, -14, &Copied{OK: true, Len: 4, ULen: 4}); got != "val=NULL" {
		t.Errorf("setsockopt NULL: %s", got)
	}
	if got := ByName("epoll_ctl").Args(&[6]uint64{1: 2}, 0, &Copied{OK: true, Len: 12, ULen: 12}); got != "NULL" {
		t.Errorf("epoll_ctl NULL: %s", got)
	}
}

// io_uring_setup's struct io_uring_params, its input part as the caller
// filled it in (include/uapi/linux/io_uring.h: sq_entries, cq_entries,
// flags, sq_thread_cpu, sq_thread_idle); nothing for a failed call.
func TestURingParams(t *testing.T) {
	params := ByName("io_uring_setup").Args
	p := func(cq, flags, cpu, idle uint32) []byte {
		b := binary.LittleEndian.AppendUint32(nil, 4)
		for _, v := range []uint32{cq, flags, cpu, idle} {
			b = binary.LittleEndian.AppendUint32(b, v)
		}
		return b
	}
	args := &[6]uint64{4, 0x7000}
	for _, c := range []struct {
		name string
		ret  int64
		c    Copied
		want string
	}{
		{"sqpoll", 3, Copied{OK: true, Len: 20, Data: p(0, 2, 1, 2000)}, "{flags=IORING_SETUP_SQPOLL, sq_thread_cpu=1, sq_thread_idle=2000}"},
		{"cqsize", 3, Copied{OK: true, Len: 20, Data: p(8, 8, 0, 0)}, "{flags=IORING_SETUP_CQSIZE, cq_entries=8, sq_thread_cpu=0, sq_thread_idle=0}"},
		{"none", 3, Copied{OK: true, Len: 20, Data: p(8, 0, 0, 0)}, "{flags=0, sq_thread_cpu=0, sq_thread_idle=0}"},
		{"unreadable", 3, Copied{OK: true, Len: 20, Fault: true}, "0x7000"},
		{"failed", -int64(unix.EINVAL), Copied{}, ""},
	} {
		if got := params(args, c.ret, &c.c); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
