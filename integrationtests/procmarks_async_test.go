package integrationtests

import (
	"fmt"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The io_uring and AIO requests of TestLossProcMarks, by raw syscalls.

// async is the io_uring or AIO request of a try, set up before ior
// starts: before runs before the ring fills, after(n) submits or reaps
// request n (user_data / aio_data n).
type async struct {
	kind   string
	fd     int // the io_uring's; AIO: the file's
	ctx    uint64
	sq     []byte
	sqes   []byte
	params [120]byte
	buf    [8]byte
	iocb   [2][64]byte
}

func newAsync(kind string) (*async, error) {
	a := &async{kind: kind, fd: -1}
	if kind == "aio" {
		fd, err := unix.Open("/proc/self/exe", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return nil, err
		}
		a.fd = fd
		if _, _, e := unix.Syscall(unix.SYS_IO_SETUP, 4, uintptr(unsafe.Pointer(&a.ctx)), 0); e != 0 {
			return nil, fmt.Errorf("io_setup: %v", e)
		}
		return a, nil
	}
	fd, _, e := unix.Syscall(unix.SYS_IO_URING_SETUP, 4, uintptr(unsafe.Pointer(&a.params)), 0)
	if e != 0 {
		return nil, fmt.Errorf("io_uring_setup: %v", e)
	}
	a.fd = int(fd)
	u32 := func(off int) uint32 { return *(*uint32)(unsafe.Pointer(&a.params[off])) }
	sqEntries, arrayOff, cqesOff, cqEntries := u32(0), u32(40+24), u32(80+20), u32(4)
	size := int(arrayOff + sqEntries*4)
	if n := int(cqesOff + cqEntries*16); n > size {
		size = n
	}
	var err error
	if a.sq, err = unix.Mmap(a.fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, fmt.Errorf("mmap the SQ ring: %v", err)
	}
	if a.sqes, err = unix.Mmap(a.fd, 0x10000000, int(sqEntries*64), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, fmt.Errorf("mmap the SQEs: %v", err)
	}
	return a, nil
}

func (a *async) close() {
	if a.kind == "aio" {
		unix.Syscall(unix.SYS_IO_DESTROY, uintptr(a.ctx), 0, 0)
	} else {
		unix.Munmap(a.sq)
		unix.Munmap(a.sqes)
	}
	unix.Close(a.fd)
}

// before: AIO's request 1 is submitted (it completes in the call: a
// regular file, no O_DIRECT); io_uring's needs nothing.
func (a *async) before() error {
	if a.kind != "aio" {
		return nil
	}
	return a.submitAIO(1)
}

// after(n): io_uring submits NOP n and waits for it; AIO reaps request n
// (request 2 submitted first).
func (a *async) after(n uint64) error {
	if a.kind == "aio" {
		if n == 2 {
			if err := a.submitAIO(2); err != nil {
				return err
			}
		}
		var evs [4]uint64 // struct io_event: data, obj, res, res2
		r, _, e := unix.Syscall6(unix.SYS_IO_GETEVENTS, uintptr(a.ctx), 1, 1, uintptr(unsafe.Pointer(&evs)), 0, 0)
		if e != 0 || r != 1 || evs[0] != n || int64(evs[2]) != 1 {
			return fmt.Errorf("io_getevents: %d, %v, event %v; want request %d's, 1 byte", r, e, evs, n)
		}
		return nil
	}
	u32 := func(off int) *uint32 { return (*uint32)(unsafe.Pointer(&a.params[off])) }
	at := func(off uint32) *uint32 { return (*uint32)(unsafe.Pointer(&a.sq[off])) }
	tailp, mask, array := at(*u32(40 + 4)), *at(*u32(40 + 8)), *u32(40 + 24)
	tail := atomic.LoadUint32(tailp)
	i := tail & mask
	sqe := a.sqes[i*64 : i*64+64]
	clear(sqe) // opcode 0: IORING_OP_NOP
	*(*uint64)(unsafe.Pointer(&sqe[32])) = n
	*at(array + 4*i) = i
	atomic.StoreUint32(tailp, tail+1)
	r, _, e := unix.Syscall6(unix.SYS_IO_URING_ENTER, uintptr(a.fd), 1, 1, 1 /* IORING_ENTER_GETEVENTS */, 0, 0)
	if e != 0 || r != 1 {
		return fmt.Errorf("io_uring_enter: %d, %v; want 1", r, e)
	}
	return nil
}

// submitAIO submits a 1-byte pread of the file as request n.
func (a *async) submitAIO(n uint64) error {
	cb := &a.iocb[n-1]
	clear(cb[:])
	*(*uint64)(unsafe.Pointer(&cb[0])) = n                                        // aio_data
	*(*uint16)(unsafe.Pointer(&cb[16])) = 0                                       // IOCB_CMD_PREAD
	*(*uint32)(unsafe.Pointer(&cb[20])) = uint32(a.fd)                            // aio_fildes
	*(*uint64)(unsafe.Pointer(&cb[24])) = uint64(uintptr(unsafe.Pointer(&a.buf))) // aio_buf
	*(*uint64)(unsafe.Pointer(&cb[32])) = 1                                       // aio_nbytes
	ptrs := [1]uintptr{uintptr(unsafe.Pointer(cb))}
	r, _, e := unix.Syscall(unix.SYS_IO_SUBMIT, uintptr(a.ctx), 1, uintptr(unsafe.Pointer(&ptrs)))
	if e != 0 || r != 1 {
		return fmt.Errorf("io_submit: %d, %v; want 1", r, e)
	}
	return nil
}
