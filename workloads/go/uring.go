package main

// A small io_uring library for the io_uring scenarios, by hand on the raw
// syscalls (the giouring module is not available here): io_uring_setup,
// mmap of the SQ ring, the CQ ring and the SQE array, SQEs written in
// place, io_uring_enter, CQEs read from the mapped CQ ring.
// workloads/c/uring.h is the same library in C and issues the same
// syscalls in the same order.

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Layouts and constants of include/uapi/linux/io_uring.h.
type sqringOffsets struct {
	Head, Tail, RingMask, RingEntries, Flags, Dropped, Array, Resv1 uint32
	UserAddr                                                        uint64
}

type cqringOffsets struct {
	Head, Tail, RingMask, RingEntries, Overflow, Cqes, Flags, Resv1 uint32
	UserAddr                                                        uint64
}

type uringParams struct {
	SqEntries, CqEntries, Flags, SqThreadCPU, SqThreadIdle, Features, WqFd uint32
	Resv                                                                   [3]uint32
	SqOff                                                                  sqringOffsets
	CqOff                                                                  cqringOffsets
}

// uringSqe is struct io_uring_sqe; OpFlags is the union of rw_flags,
// open_flags, statx_flags, rename_flags, ...; Off doubles as addr2 and
// FileIndex as splice_fd_in.
type uringSqe struct {
	Opcode, Flags uint8
	Ioprio        uint16
	Fd            int32
	Off, Addr     uint64
	Len, OpFlags  uint32
	UserData      uint64
	BufIndex      uint16
	Personality   uint16
	FileIndex     uint32
	Addr3, Pad    uint64
}

type uringCqe struct {
	UserData uint64
	Res      int32
	Flags    uint32
}

// struct io_uring_rsrc_register, for IORING_REGISTER_FILES2.
type uringRsrcRegister struct {
	Nr, Flags  uint32
	Resv2      uint64
	Data, Tags uint64
}

const (
	offSqRing = 0
	offCqRing = 0x8000000
	offSqes   = 0x10000000

	registerBuffers = 0
	registerFiles   = 2
	registerFiles2  = 13
	rsrcSparse      = 1 // IORING_RSRC_REGISTER_SPARSE

	setupSqpoll    = 2 // IORING_SETUP_SQPOLL
	sqNeedWakeup   = 1 // IORING_SQ_NEED_WAKEUP
	enterGetEvents = 1
	enterSqWakeup  = 2

	sqeFixedFile = 1 << 0
	sqeIOLink    = 1 << 2
	sqeAsync     = 1 << 4

	sizeofUringSqe    = 64
	sizeofUringCqe    = 16
	sizeofUringParams = 120
)

// enum io_uring_op, the opcodes the scenarios use.
const (
	opNop        = 0
	opReadv      = 1
	opWritev     = 2
	opFsync      = 3
	opReadFixed  = 4
	opWriteFixed = 5
	opFallocate  = 17
	opOpenat     = 18
	opClose      = 19
	opStatx      = 21
	opRead       = 22
	opWrite      = 23
	opRenameat   = 35
	opUnlinkat   = 36
	opMkdirat    = 37
	opSymlinkat  = 38
	opLinkat     = 39
)

var uringOpNames = map[uint8]string{
	opNop: "NOP", opReadv: "READV", opWritev: "WRITEV", opFsync: "FSYNC", opReadFixed: "READ_FIXED",
	opWriteFixed: "WRITE_FIXED", opFallocate: "FALLOCATE", opOpenat: "OPENAT", opClose: "CLOSE",
	opStatx: "STATX", opRead: "READ", opWrite: "WRITE", opRenameat: "RENAMEAT", opUnlinkat: "UNLINKAT",
	opMkdirat: "MKDIRAT", opSymlinkat: "SYMLINKAT", opLinkat: "LINKAT",
}

func uringOpName(op uint8) string {
	if n, ok := uringOpNames[op]; ok {
		return "IORING_OP_" + n
	}
	return "IORING_OP_?"
}

func init() {
	if unsafe.Sizeof(uringParams{}) != sizeofUringParams || unsafe.Sizeof(uringSqe{}) != sizeofUringSqe ||
		unsafe.Sizeof(uringCqe{}) != sizeofUringCqe || unsafe.Sizeof(uringRsrcRegister{}) != 32 {
		panic("io_uring struct layouts are off")
	}
}

func at[T any](m []byte, off uint32) *T { return (*T)(unsafe.Pointer(&m[off])) }

func mmapRing(fd int, off int64, n int) []byte {
	m, err := unix.Mmap(fd, off, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mmap of an io_uring ring at %#x failed: %v\n", off, err)
		exit(1)
	}
	return m
}

type ring struct {
	fd           uintptr
	p            *uringParams
	sq, cq, sqes []byte
	tail         uint32 // SQEs queued so far
	published    uint32 // the SQ tail the kernel was given
}

// want is one expected completion. anyFD as Res: any Res >= 0 (an
// OPENAT's fd).
type want struct {
	Op       uint8
	UserData uint64
	Res      int32
}

const anyFD = math.MinInt32

// setupRing: io_uring_setup with these flags (sq_thread_idle in ms, for
// SQPOLL), then the three mappings; nil and the errno if setup fails.
func setupRing(entries, flags, idle uint32) (*ring, unix.Errno) {
	p, pp := New[uringParams]()
	p.Flags, p.SqThreadIdle = flags, idle
	fd, e := call(unix.SYS_IO_URING_SETUP, uintptr(entries), pp)
	if fd < 0 {
		return nil, e
	}
	r := &ring{fd: uintptr(fd), p: p}
	r.sq = mmapRing(int(fd), offSqRing, int(p.SqOff.Array+p.SqEntries*4))
	r.cq = mmapRing(int(fd), offCqRing, int(p.CqOff.Cqes+p.CqEntries*sizeofUringCqe))
	r.sqes = mmapRing(int(fd), offSqes, int(p.SqEntries*sizeofUringSqe))
	return r, 0
}

// newRing: a plain ring; a kernel without io_uring (or with it disabled)
// is unsupported.
func newRing(entries uint32) *ring {
	r, e := setupRing(entries, 0, 0)
	if e == unix.ENOSYS || e == unix.EPERM {
		Unsupported("io_uring_setup")
	}
	if r == nil {
		fail(unix.SYS_IO_URING_SETUP, -1, e, ">= 0")
	}
	return r
}

// sqe returns the next SQE, zeroed, with its opcode, fd and user_data.
func (r *ring) sqe(op uint8, fd int32, userData uint64) *uringSqe {
	slot := r.tail & *at[uint32](r.sq, r.p.SqOff.RingMask)
	r.tail++
	e := at[uringSqe](r.sqes, slot*sizeofUringSqe)
	*e = uringSqe{Opcode: op, Fd: fd, UserData: userData}
	*at[uint32](r.sq, r.p.SqOff.Array+4*slot) = slot
	return e
}

// rw returns an SQE of the read/write family: buffer (or iovec array)
// address, length (or iovec count) and file offset.
func (r *ring) rw(op uint8, fd int32, addr uintptr, n uint32, off uint64, userData uint64) *uringSqe {
	e := r.sqe(op, fd, userData)
	e.Addr, e.Len, e.Off = uint64(addr), n, off
	return e
}

// publish gives the kernel the queued SQEs and returns how many.
func (r *ring) publish() uint32 {
	n := r.tail - r.published
	atomic.StoreUint32(at[uint32](r.sq, r.p.SqOff.Tail), r.tail)
	r.published = r.tail
	return n
}

// submit: one io_uring_enter submits every queued SQE and waits for as
// many completions.
func (r *ring) submit() {
	n := uintptr(r.publish())
	EQ(int64(n), unix.SYS_IO_URING_ENTER, r.fd, n, n, enterGetEvents, 0, 0)
}

// SQPOLL: the SQ thread is looked at and waited for without a syscall: a
// bounded spin, with sched_yield (which ior does not trace) once it lasts.
func (r *ring) sqFlags() uint32 { return atomic.LoadUint32(at[uint32](r.sq, r.p.SqOff.Flags)) }

func (r *ring) cqReady() uint32 {
	return atomic.LoadUint32(at[uint32](r.cq, r.p.CqOff.Tail)) - *at[uint32](r.cq, r.p.CqOff.Head)
}

func spinFor(what string, done func() bool) {
	t0 := time.Now()
	for spin := 0; !done(); spin++ {
		if spin < 1000 {
			continue
		}
		call(unix.SYS_SCHED_YIELD)
		if time.Since(t0) > 10*time.Second {
			fmt.Fprintf(os.Stderr, "waited 10 s for %s\n", what)
			exit(1)
		}
	}
}

// sqpollWake: the SQ thread starts asleep (it finds no work and its idle
// time counts from 0). It is woken once, with io_uring_enter, before any
// SQE is queued; from then on it polls the SQ ring for sq_thread_idle ms
// after its last work, and submissions need no syscall.
func (r *ring) sqpollWake() {
	spinFor("the SQ thread to sleep", func() bool { return r.sqFlags()&sqNeedWakeup != 0 })
	EQ(0, unix.SYS_IO_URING_ENTER, r.fd, 0, 0, enterSqWakeup, 0, 0)
	spinFor("the SQ thread to wake", func() bool { return r.sqFlags()&sqNeedWakeup == 0 })
}

// sqpollSubmit: SQPOLL publishes the queued SQEs for the SQ thread and
// waits for their completions. An SQ thread gone idle (no work for
// sq_thread_idle ms) is woken with io_uring_enter, which the trace then
// shows.
func (r *ring) sqpollSubmit() {
	n := r.publish() // atomic.StoreUint32 orders the tail store before the flags load
	if r.sqFlags()&sqNeedWakeup != 0 {
		fmt.Fprintln(os.Stderr, "note: the SQ thread was idle: woken with io_uring_enter")
		EQ(0, unix.SYS_IO_URING_ENTER, r.fd, 0, 0, enterSqWakeup, 0, 0)
	}
	spinFor("the SQ thread's completions", func() bool { return r.cqReady() >= n })
}

// expect: the CQ ring must hold exactly these completions, in this order;
// they are consumed. A -EINVAL where none is expected is taken for a
// kernel that lacks the opcode. Returns the last completion's res.
func (r *ring) expect(ws ...want) int32 {
	head := at[uint32](r.cq, r.p.CqOff.Head)
	ctail := atomic.LoadUint32(at[uint32](r.cq, r.p.CqOff.Tail))
	cmask := *at[uint32](r.cq, r.p.CqOff.RingMask)
	if ctail-*head != uint32(len(ws)) {
		expectFailed("%d completions, want %d", ctail-*head, len(ws))
	}
	var res int32
	for i, w := range ws {
		c := at[uringCqe](r.cq, r.p.CqOff.Cqes+((*head+uint32(i))&cmask)*sizeofUringCqe)
		if c.Res == -int32(unix.EINVAL) && w.Res != -int32(unix.EINVAL) {
			Unsupported(uringOpName(w.Op))
		}
		if c.UserData != w.UserData || (w.Res == anyFD && c.Res < 0) || (w.Res != anyFD && c.Res != w.Res) {
			expectFailed("completion %d of %s: user_data %d res %d, want user_data %d res %d",
				i, uringOpName(w.Op), c.UserData, c.Res, w.UserData, w.Res)
		}
		res = c.Res
	}
	atomic.StoreUint32(head, ctail)
	return res
}

// expectFailed reports where expect was called from and exits.
func expectFailed(format string, args ...any) {
	_, file, line, _ := runtime.Caller(2)
	fmt.Fprintf(os.Stderr, "%s:%d: "+format+"\n", append([]any{file, line}, args...)...)
	exit(1)
}

func (r *ring) close() { EQ(0, unix.SYS_CLOSE, r.fd) }
