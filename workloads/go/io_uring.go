package main

import (
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Layouts and constants of include/uapi/linux/io_uring.h, done by hand:
// the giouring module is not available here.
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

type uringSqe struct {
	Opcode, Flags uint8
	Ioprio        uint16
	Fd            int32
	Off, Addr     uint64
	Len, RwFlags  uint32
	UserData      uint64
	BufIndex      uint16
	Personality   uint16
	SpliceFdIn    int32
	Addr3, Pad    uint64
}

type uringCqe struct {
	UserData uint64
	Res      int32
	Flags    uint32
}

const (
	offSqRing         = 0
	offCqRing         = 0x8000000
	offSqes           = 0x10000000
	registerBuffers   = 0
	registerFiles     = 2
	enterGetEvents    = 1
	opReadFixed       = 4
	opWriteFixed      = 5
	sqeFixedFile      = 1
	sizeofUringSqe    = 64
	sizeofUringCqe    = 16
	sizeofUringParams = 120
)

func at[T any](m []byte, off uint32) *T { return (*T)(unsafe.Pointer(&m[off])) }

func mmapRing(fd int, off int64, n int) []byte {
	m, err := unix.Mmap(fd, off, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE)
	if err != nil {
		fail(unix.SYS_MMAP, -1, err.(unix.Errno), "a ring mapping")
	}
	return m
}

func init() {
	if unsafe.Sizeof(uringParams{}) != sizeofUringParams || unsafe.Sizeof(uringSqe{}) != sizeofUringSqe ||
		unsafe.Sizeof(uringCqe{}) != sizeofUringCqe {
		panic("io_uring struct layouts are off")
	}
	// One READ_FIXED from src into registered buffer 0 and one
	// WRITE_FIXED of registered buffer 1 to dst, through registered
	// files, in one enter.
	register("io_uring", func() {
		rbuf, wbuf := make([]byte, 16), []byte("uring\x00\x00\x00")
		files := []int32{
			int32(OK(unix.SYS_OPENAT, atFDCWD, P("src"), unix.O_RDONLY)),
			int32(OK(unix.SYS_OPENAT, atFDCWD, P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644)),
		}
		p, pp := New[uringParams]()
		ring, e := call(unix.SYS_IO_URING_SETUP, 8, pp)
		if e == unix.ENOSYS || e == unix.EPERM {
			Unsupported("io_uring_setup")
		}
		if ring < 0 {
			fail(unix.SYS_IO_URING_SETUP, ring, e, ">= 0")
		}
		sq := mmapRing(int(ring), offSqRing, int(p.SqOff.Array+p.SqEntries*4))
		cq := mmapRing(int(ring), offCqRing, int(p.CqOff.Cqes+p.CqEntries*sizeofUringCqe))
		sqes := mmapRing(int(ring), offSqes, int(p.SqEntries*sizeofUringSqe))

		filesArg := Buf(unsafe.Slice((*byte)(unsafe.Pointer(&files[0])), 8))
		EQ(0, unix.SYS_IO_URING_REGISTER, uintptr(ring), registerFiles, filesArg, 2)
		EQ(0, unix.SYS_IO_URING_REGISTER, uintptr(ring), registerBuffers, iov(rbuf, wbuf[:5]), 2)

		tail := at[uint32](sq, p.SqOff.Tail)
		mask := *at[uint32](sq, p.SqOff.RingMask)
		t := atomic.LoadUint32(tail)
		for i := uint32(0); i < 2; i++ {
			slot := (t + i) & mask
			e := at[uringSqe](sqes, slot*sizeofUringSqe)
			*e = uringSqe{Opcode: opReadFixed, Flags: sqeFixedFile, Fd: int32(i), BufIndex: uint16(i),
				UserData: uint64(100 + i), Addr: uint64(uintptr(unsafe.Pointer(&rbuf[0]))), Len: 10}
			if i == 1 {
				e.Opcode, e.Addr, e.Len = opWriteFixed, uint64(uintptr(unsafe.Pointer(&wbuf[0]))), 5
			}
			*at[uint32](sq, p.SqOff.Array+4*slot) = slot
		}
		atomic.StoreUint32(tail, t+2)
		EQ(2, unix.SYS_IO_URING_ENTER, uintptr(ring), 2, 2, enterGetEvents, 0, 0)

		head := at[uint32](cq, p.CqOff.Head)
		ctail := atomic.LoadUint32(at[uint32](cq, p.CqOff.Tail))
		cmask := *at[uint32](cq, p.CqOff.RingMask)
		if ctail-*head != 2 {
			fail(unix.SYS_IO_URING_ENTER, int64(ctail-*head), 0, "2 completions")
		}
		for h := *head; h != ctail; h++ {
			c := at[uringCqe](cq, p.CqOff.Cqes+(h&cmask)*sizeofUringCqe)
			want := int32(10)
			if c.UserData == 101 {
				want = 5
			}
			if c.Res != want {
				fail(unix.SYS_IO_URING_ENTER, int64(c.Res), 0, "a full read/write completion")
			}
		}
		atomic.StoreUint32(head, ctail)
		if string(rbuf[:10]) != "uring-data" {
			fail(unix.SYS_IO_URING_ENTER, 0, 0, "READ_FIXED to read uring-data")
		}
		EQ(0, unix.SYS_CLOSE, uintptr(ring))
		EQ(0, unix.SYS_CLOSE, uintptr(files[1]))
		EQ(0, unix.SYS_CLOSE, uintptr(files[0]))
	})
}
