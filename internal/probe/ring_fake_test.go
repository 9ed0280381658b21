package probe

import (
	"errors"
	"os"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

// What no BPF program can leave for a test to see, on a ring in plain
// memory laid out as the kernel's: a busy record (reserved, not yet
// committed: it exists only while its program runs), and a batch long
// enough to need the consumer position stored in its midst.

type fakeRing struct {
	Ring
	cons, prod uint64
	buf        []uint64 // the data area twice over, 8-aligned
}

func newFakeRing(size uint64) *fakeRing {
	f := &fakeRing{buf: make([]uint64, 2*size/8)}
	f.Ring = Ring{consPos: &f.cons, prodPos: &f.prod, data: unsafe.Slice((*byte)(unsafe.Pointer(&f.buf[0])), 2*size),
		mask: size - 1, storeEvery: size, epfd: -1, flushFd: -1}
	return f
}

// put appends a record of n bytes whose first byte is tag, busy or not;
// it returns where its header is.
func (f *fakeRing) put(n int, tag byte, busy bool) uint64 {
	at := f.prod
	off := at & f.mask
	f.data[off+ringHdrSize] = tag
	hdr := uint32(n)
	if busy {
		hdr |= ringBusyBit
	}
	atomic.StoreUint32((*uint32)(unsafe.Pointer(&f.data[off])), hdr)
	atomic.StoreUint64(&f.prod, at+ringHdrSize+(uint64(n)+7)&^7)
	return at
}

// commit clears the busy bit of the record at at, as the kernel does.
func (f *fakeRing) commit(at uint64) {
	h := (*uint32)(unsafe.Pointer(&f.data[at&f.mask]))
	atomic.StoreUint32(h, atomic.LoadUint32(h)&^ringBusyBit)
}

func (f *fakeRing) read(t *testing.T) ([]byte, error) {
	t.Helper()
	var got []byte
	err := f.Read(func(b []byte) error {
		got = append(got, b[0])
		return nil
	})
	return got, err
}

// Reading stops at a busy record: the records before it are handed
// over and consumed, it and those after it wait, and come in order once
// it is committed.
func TestRingBusy(t *testing.T) {
	f := newFakeRing(4096)
	f.put(16, 'a', false)
	b := f.put(24, 'b', true)
	f.put(8, 'c', false)
	f.SetDeadline(time.Now().Add(-time.Second)) // no waiting
	var all []byte
	for i := 0; i < 3; i++ {
		got, err := f.read(t)
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatal(err)
		}
		all = append(all, got...)
	}
	if string(all) != "a" {
		t.Fatalf("read %q before the busy record was committed, want \"a\"", all)
	}
	if want := uint64(ringHdrSize + 16); f.cons != want {
		t.Fatalf("consumer position %d, want %d (past a only)", f.cons, want)
	}
	f.commit(b)
	got, err := f.read(t)
	if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal(err)
	}
	if string(got) != "bc" || f.cons != f.prod {
		t.Fatalf("read %q, consumer at %d of %d; want \"bc\", all", got, f.cons, f.prod)
	}
}

// After a flush, a busy record (reserved before it) is waited for, not
// left behind: ErrFlushed comes only after it.
func TestRingFlushWaitsForBusy(t *testing.T) {
	f := newFakeRing(4096)
	f.put(16, 'a', false)
	b := f.put(16, 'b', true)
	f.flushed = true // as when Flush's eventfd was seen
	go func() {
		time.Sleep(20 * time.Millisecond) // for the reader to meet it busy
		f.commit(b)
	}()
	var all []byte
	for {
		got, err := f.read(t)
		all = append(all, got...)
		if errors.Is(err, ErrFlushed) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if string(all) != "ab" {
		t.Fatalf("read %q before ErrFlushed, want \"ab\"", all)
	}
}

// During a long batch the consumer position is stored every storeEvery
// bytes, so that the producers see the space before the batch ends.
func TestRingStoresDuringBatch(t *testing.T) {
	f := newFakeRing(4096)
	f.storeEvery = 128
	for i := 0; i < 20; i++ {
		f.put(56, byte(i), false) // 64 bytes with the header
	}
	f.SetDeadline(time.Now().Add(-time.Second))
	var i uint64
	err := f.Read(func(b []byte) error {
		// Before record i: at least the records up to the last 128-byte
		// step are given back.
		if c := atomic.LoadUint64(&f.cons); c+128 < i*64 {
			t.Errorf("at record %d the consumer position is %d", i, c)
		}
		i++
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal(err)
	}
	if i != 20 || f.cons != f.prod {
		t.Fatalf("read %d records, consumer at %d of %d", i, f.cons, f.prod)
	}
}
