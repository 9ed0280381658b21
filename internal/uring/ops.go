// Package uring describes io_uring's request opcodes for ior: the name
// the kernel gives each (io_uring/opdef.c), which of a request's fields
// mean something for it, and what it does to the process's files. The
// kernel side (bpf/uring.h) reads the op's arguments into the same
// places for every op; this table says how to read them back.
package uring

import (
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
)

// Op is one opcode.
type Op struct {
	Code uint8
	Name string // as the kernel names it: READ, OPENAT, ...
	// FD: the request works on its fd (or, with IOSQE_FIXED_FILE, a
	// fixed-file slot): an op the kernel gives a file (needs_file in
	// io_uring/opdef.c), or CLOSE. Others' SQE fd is not kept.
	FD bool
	// Paths: how many path strings it has; path 0 is relative to its fd
	// (a dirfd), path 1 to fd2. Path0Text: path 0 is not a name to
	// resolve (SYMLINKAT's target).
	Paths     int
	Path0Text bool
	Offset    bool // offset means something
	Len       bool // len means something
	Bytes     bool // a positive result is bytes transferred
	Effect    Effect
	// Args names and types the request's arguments (args.go).
	Args []arg.Desc
}

// Effect is what a request does to the process's files.
type Effect uint8

const (
	NoEffect     Effect = iota
	Opens               // OPENAT, OPENAT2: a new fd, or a direct descriptor in a slot
	Closes              // CLOSE: an fd, or a direct descriptor's slot
	UpdatesFiles        // FILES_UPDATE: changes fixed-file slots
)

// The IOSQE_* flag a request names a fixed-file slot with.
const SqeFixedFile = 1

var (
	rw   = Op{FD: true, Offset: true, Len: true, Bytes: true}
	fd   = Op{FD: true}
	none = Op{}
)

func op(code uint8, name string, o Op) Op { o.Code, o.Name = code, name; return o }

// Ops is every opcode ior knows, by code (include/uapi/linux/io_uring.h).
var Ops = []Op{
	op(0, "NOP", none), op(1, "READV", rw), op(2, "WRITEV", rw),
	op(3, "FSYNC", Op{FD: true, Offset: true, Len: true}),
	op(4, "READ_FIXED", rw), op(5, "WRITE_FIXED", rw),
	op(6, "POLL_ADD", fd), op(7, "POLL_REMOVE", none),
	op(8, "SYNC_FILE_RANGE", Op{FD: true, Offset: true, Len: true}),
	op(9, "SENDMSG", Op{FD: true, Bytes: true}), op(10, "RECVMSG", Op{FD: true, Bytes: true}),
	op(11, "TIMEOUT", none), op(12, "TIMEOUT_REMOVE", none), op(13, "ACCEPT", fd),
	op(14, "ASYNC_CANCEL", none), op(15, "LINK_TIMEOUT", none), op(16, "CONNECT", fd),
	op(17, "FALLOCATE", Op{FD: true, Offset: true, Len: true}),
	op(18, "OPENAT", Op{Paths: 1, Effect: Opens}), op(19, "CLOSE", Op{FD: true, Effect: Closes}),
	op(20, "FILES_UPDATE", Op{Effect: UpdatesFiles}), op(21, "STATX", Op{Paths: 1}),
	op(22, "READ", rw), op(23, "WRITE", rw),
	op(24, "FADVISE", Op{FD: true, Offset: true, Len: true}), op(25, "MADVISE", none),
	op(26, "SEND", Op{FD: true, Bytes: true}), op(27, "RECV", Op{FD: true, Bytes: true}),
	op(28, "OPENAT2", Op{Paths: 1, Effect: Opens}), op(29, "EPOLL_CTL", none),
	op(30, "SPLICE", Op{FD: true, Offset: true, Len: true, Bytes: true}),
	op(31, "PROVIDE_BUFFERS", none), op(32, "REMOVE_BUFFERS", none),
	op(33, "TEE", Op{FD: true, Len: true, Bytes: true}), op(34, "SHUTDOWN", fd),
	op(35, "RENAMEAT", Op{Paths: 2}), op(36, "UNLINKAT", Op{Paths: 1}), op(37, "MKDIRAT", Op{Paths: 1}),
	op(38, "SYMLINKAT", Op{Paths: 2, Path0Text: true}), op(39, "LINKAT", Op{Paths: 2}),
	op(40, "MSG_RING", fd), op(41, "FSETXATTR", fd), op(42, "SETXATTR", none),
	op(43, "FGETXATTR", fd), op(44, "GETXATTR", none), op(45, "SOCKET", none),
	op(46, "URING_CMD", fd), op(47, "SEND_ZC", Op{FD: true, Bytes: true}),
	op(48, "SENDMSG_ZC", Op{FD: true, Bytes: true}), op(49, "READ_MULTISHOT", Op{FD: true, Len: true, Bytes: true}),
	op(50, "WAITID", none), op(51, "FUTEX_WAIT", none), op(52, "FUTEX_WAKE", none), op(53, "FUTEX_WAITV", none),
	op(54, "FIXED_FD_INSTALL", fd), op(55, "FTRUNCATE", Op{FD: true, Len: true}),
	op(56, "BIND", fd), op(57, "LISTEN", fd), op(58, "RECV_ZC", Op{FD: true, Bytes: true}),
	op(59, "EPOLL_WAIT", fd), op(60, "READV_FIXED", rw), op(61, "WRITEV_FIXED", rw), op(62, "PIPE", none),
}

var byName = func() map[string]*Op {
	m := make(map[string]*Op, len(Ops))
	for i := range Ops {
		if Ops[i].Code != uint8(i) {
			panic("uring.Ops is not indexed by opcode at " + Ops[i].Name)
		}
		Ops[i].Args = describe(&Ops[i])
		m[event.URingPrefix+Ops[i].Name] = &Ops[i]
	}
	return m
}()

// ByCode returns an opcode's description, or nil for one ior does not know.
func ByCode(code uint16) *Op {
	if int(code) < len(Ops) {
		return &Ops[code]
	}
	return nil
}

// ByEvent returns the description of the op an event is ("io_uring:READ"), or nil.
func ByEvent(name string) *Op { return byName[name] }

// ReturnsFD reports whether the request's result is a new fd: an open
// into the fd table (not into a slot) that succeeded.
func ReturnsFD(ev *event.Event) bool {
	o := ByEvent(ev.Syscall)
	return o != nil && o.Effect == Opens && ev.Slot1 == 0 && ev.Ret >= 0
}
