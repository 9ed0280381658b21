package probe

// Why ior reads its ring buffer by hand rather than with cilium/ebpf's
// ringbuf.Reader: that reader hands out one record per call, and for
// each it loads the producer position, copies the record out and stores
// the consumer position. Under `perf record -a` over bench-hot (1M
// pread64 traced) its readRecord was 6.9% of all samples, the largest
// item of ior's; and each store of the consumer position dirtied a
// cache line that every producer reads at each reservation (the ring's
// free space), so the traced program paid for it too. It cannot batch.
// Ring reads a batch in place: the producer position once, each
// committed record handed over as a slice of the mapping (no copy), the
// consumer position stored once per batch (or every storeEvery bytes).
//
// The layout is the kernel's (kernel/bpf/ringbuf.c): the map's fd maps
// the consumer page (read-write: the consumer position, a u64, at its
// start), then the producer page (the producer position) and the data
// pages, mapped twice in a row so that a record that wraps past the
// data area's end is contiguous. Each record starts with an 8-byte
// header: a u32 length with BUSY (reserved, not yet committed) and
// DISCARD bits, then the kernel's page offset; the record follows,
// padded to 8 bytes.

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// ErrFlushed: Read has read every record committed before Flush.
var ErrFlushed = errors.New("ring buffer flushed")

const (
	ringHdrSize    = 8       // BPF_RINGBUF_HDR_SZ
	ringBusyBit    = 1 << 31 // BPF_RINGBUF_BUSY_BIT
	ringDiscardBit = 1 << 30 // BPF_RINGBUF_DISCARD_BIT
	// busyPause is how long Read waits for a reserved record to be
	// committed: the reserving program is running (between its
	// reserve and submit), so it comes soon; the wait is in the kernel,
	// not a spin that would hold the CPU from that very program.
	busyPause = 20 * time.Microsecond
)

// Ring reads a BPF ring buffer map in place. One goroutine reads (Read);
// Flush may be called from any; Close only once Read has returned.
type Ring struct {
	consPage []byte // the consumer page, read-write
	prodData []byte // the producer page and the data mapped twice, read-only
	consPos  *uint64
	prodPos  *uint64
	data     []byte // the data area twice over: a record never needs wrapping
	mask     uint64
	// storeEvery: during a long batch the consumer position is stored
	// after this many bytes, so that producers see the space.
	storeEvery uint64
	epfd       int
	flushFd    int // an eventfd: Flush's wakeup
	events     [2]unix.EpollEvent
	deadline   time.Time
	flushed    bool
}

// NewRing maps m (a BPF_MAP_TYPE_RINGBUF) for reading. m must stay open
// while the Ring is used.
func NewRing(m *ebpf.Map) (*Ring, error) {
	if m.Type() != ebpf.RingBuf {
		return nil, fmt.Errorf("map type %s is no ring buffer", m.Type())
	}
	size := uint64(m.MaxEntries())
	page := uint64(os.Getpagesize())
	if size == 0 || size&(size-1) != 0 || size%page != 0 {
		return nil, fmt.Errorf("ring buffer size %d is not a power of two pages", size)
	}
	r := &Ring{mask: size - 1, storeEvery: min(size/16, 256<<10), epfd: -1, flushFd: -1}
	var err error
	if r.consPage, err = unix.Mmap(m.FD(), 0, int(page), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return nil, fmt.Errorf("mapping the ring buffer's consumer page: %w", err)
	}
	if r.prodData, err = unix.Mmap(m.FD(), int64(page), int(page+2*size), unix.PROT_READ, unix.MAP_SHARED); err != nil {
		r.Close()
		return nil, fmt.Errorf("mapping the ring buffer's data: %w", err)
	}
	r.consPos = (*uint64)(unsafe.Pointer(&r.consPage[0]))
	r.prodPos = (*uint64)(unsafe.Pointer(&r.prodData[0]))
	r.data = r.prodData[page:]
	if r.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		r.Close()
		return nil, fmt.Errorf("epoll_create1: %w", err)
	}
	if r.flushFd, err = unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK); err != nil {
		r.Close()
		return nil, fmt.Errorf("eventfd: %w", err)
	}
	for _, fd := range []int{m.FD(), r.flushFd} {
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(fd)}
		if err := unix.EpollCtl(r.epfd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
			r.Close()
			return nil, fmt.Errorf("epoll_ctl: %w", err)
		}
	}
	return r, nil
}

// SetDeadline sets when Read returns os.ErrDeadlineExceeded if no
// record comes; zero: never.
func (r *Ring) SetDeadline(t time.Time) { r.deadline = t }

// Flush makes Read return ErrFlushed once it has read every record
// committed before the call.
func (r *Ring) Flush() error {
	var one [8]byte
	*(*uint64)(unsafe.Pointer(&one[0])) = 1
	if _, err := unix.Write(r.flushFd, one[:]); err != nil {
		return fmt.Errorf("flushing the ring buffer: %w", err)
	}
	return nil
}

// Read waits for records (the kernel side's wakeup, Flush or the
// deadline), and hands each committed one to fn in order, as a slice of
// the mapped ring: fn must not keep it, nor anything sliced from it,
// after it returns (the kernel reuses the space once Read moves past),
// and must not write to it (the mapping is read-only). One call reads
// one batch: the records committed when it looked. Read returns nil
// after a batch, os.ErrDeadlineExceeded once the deadline has passed
// (after a batch, or after reading what came without a wakeup),
// ErrFlushed once every record committed before Flush has been read, or
// fn's error.
func (r *Ring) Read(fn func([]byte) error) error {
	for {
		n, busy, err := r.drain(fn)
		switch {
		case err != nil:
			return err
		case n > 0:
			if !r.flushed && r.past() {
				return os.ErrDeadlineExceeded
			}
			return nil
		case busy:
			// A record reserved and not yet committed first: everything
			// after it waits. Its program is running, so it comes soon:
			// a short pause, in the kernel (a spin would hold the CPU
			// from that very program), then again; also after a flush,
			// as it was reserved before.
			if !r.flushed && r.past() {
				return os.ErrDeadlineExceeded
			}
			time.Sleep(busyPause)
			continue
		case r.flushed:
			return ErrFlushed
		}
		woke, err := r.wait()
		if err != nil {
			return err
		}
		if !woke {
			// The deadline: what came without a wakeup is read first.
			if _, _, err := r.drain(fn); err != nil {
				return err
			}
			return os.ErrDeadlineExceeded
		}
	}
}

func (r *Ring) past() bool { return !r.deadline.IsZero() && !time.Now().Before(r.deadline) }

// wait blocks until the ring or the flush eventfd is readable (true) or
// the deadline passes (false).
func (r *Ring) wait() (bool, error) {
	for {
		timeout := -1
		if !r.deadline.IsZero() {
			timeout = int(max(time.Until(r.deadline).Milliseconds(), 0))
		}
		n, err := unix.EpollWait(r.epfd, r.events[:], timeout)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("epoll_wait on the ring buffer: %w", err)
		}
		for _, ev := range r.events[:n] {
			if int(ev.Fd) == r.flushFd {
				var b [8]byte
				unix.Read(r.flushFd, b[:]) // nonblocking: resets the count
				r.flushed = true
			}
		}
		return n > 0, nil
	}
}

// drain reads the records committed when it loads the producer
// position, up to a busy one (busy), and returns how many it handed to
// fn (discarded records are skipped, not counted).
func (r *Ring) drain(fn func([]byte) error) (n int, busy bool, err error) {
	cons := atomic.LoadUint64(r.consPos) // only Read writes it
	stored := cons
	// Acquire: the producer position is stored after the header of the
	// record it reserves is written (busy).
	prod := atomic.LoadUint64(r.prodPos)
	for cons != prod {
		if prod-cons < ringHdrSize {
			err = fmt.Errorf("ring buffer corrupt: %d bytes past the consumer position", prod-cons)
			break
		}
		off := cons & r.mask
		// Acquire: pairs with the kernel's xchg of the length at
		// commit, after which the record's bytes are visible.
		hdr := atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.data[off])))
		if hdr&ringBusyBit != 0 {
			busy = true
			break
		}
		l := uint64(hdr &^ (ringBusyBit | ringDiscardBit))
		next := cons + ringHdrSize + (l+7)&^7
		if next-cons > prod-cons {
			err = fmt.Errorf("ring buffer corrupt: a %d-byte record past the producer position", l)
			break
		}
		if hdr&ringDiscardBit == 0 {
			start := off + ringHdrSize
			n++
			err = fn(r.data[start : start+l : start+l])
		}
		cons = next
		if err != nil {
			break
		}
		if cons-stored >= r.storeEvery {
			atomic.StoreUint64(r.consPos, cons) // release: producers may reuse the space
			stored = cons
		}
	}
	if cons != stored {
		atomic.StoreUint64(r.consPos, cons)
	}
	return n, busy, err
}

// Close unmaps the ring and closes its descriptors (not the map's).
func (r *Ring) Close() error {
	var errs []error
	for _, b := range [][]byte{r.consPage, r.prodData} {
		if b != nil {
			errs = append(errs, unix.Munmap(b))
		}
	}
	r.consPage, r.prodData, r.data = nil, nil, nil
	for _, fd := range []*int{&r.epfd, &r.flushFd} {
		if *fd >= 0 {
			errs = append(errs, unix.Close(*fd))
			*fd = -1
		}
	}
	return errors.Join(errs...)
}

// openRing makes p's ring buffer reader (NewRing) on a goroutine of its
// own; waitRing waits for it. Mapping the ring's data (2 x 16 MiB by
// default) has the kernel insert every page at once, ~1.2 ms of CPU:
// made while the programs attach (the attach is the kernel's work on
// one CPU, the other mostly idle), not before, it is off the time to
// ready.
func (p *Probe) openRing() {
	p.ringDone = make(chan struct{})
	go func() {
		defer close(p.ringDone)
		if p.Ring, p.ringErr = NewRing(p.objs.Events); p.ringErr != nil {
			p.ringErr = fmt.Errorf("opening ring buffer: %w", p.ringErr)
		}
	}()
}

// waitRing waits for openRing's reader and returns its error; nil if
// openRing was not called.
func (p *Probe) waitRing() error {
	if p.ringDone == nil {
		return nil
	}
	<-p.ringDone
	return p.ringErr
}
