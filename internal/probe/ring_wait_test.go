package probe

import (
	"errors"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// The ring reader's waiting, on a real BPF ring buffer (ring_test.go's
// programs): the flush at the end, the kernel side's wakeup, the poll
// tick.

// BPFRingNoWakeup is BPF_RB_NO_WAKEUP: the producer wakes no reader.
const BPFRingNoWakeup = 1

// Flush: every record committed before it is read, though none woke the
// reader and it waits with no deadline; then ErrFlushed.
func TestRingFlush(t *testing.T) {
	tr := newTestRing(t, 1<<16)
	for i := 0; i < 100; i++ {
		if !tr.write(viaOutput, 40, BPFRingNoWakeup) {
			t.Fatalf("record %d: ring full", i)
		}
	}
	tr.ring.SetDeadline(time.Time{})
	if err := tr.ring.Flush(); err != nil {
		t.Fatal(err)
	}
	var got []uint64
	for {
		err := tr.ring.Read(func(b []byte) error {
			got = append(got, uint64(b[0]))
			return nil
		})
		if errors.Is(err, ErrFlushed) {
			break
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
	}
	sameSeqs(t, got, want(1, 100))
}

// A wakeup (a record without BPF_RB_NO_WAKEUP: the reader is waiting at
// its position) ends the wait with the record, before any deadline.
func TestRingWakeup(t *testing.T) {
	tr := newTestRing(t, 1<<16)
	tr.ring.SetDeadline(time.Time{})
	done := make(chan []uint64)
	go func() {
		var got []uint64
		err := tr.ring.Read(func(b []byte) error {
			got = append(got, uint64(b[0]))
			return nil
		})
		if err != nil {
			t.Errorf("Read: %v", err)
		}
		done <- got
	}()
	tr.write(viaOutput, 40, 0)
	sameSeqs(t, <-done, want(1, 1))
}

// At the deadline, records that came during the wait without a wakeup
// (BPF_RB_NO_WAKEUP) are read before Read says so: the poll tick.
func TestRingDeadlineReadsUnwoken(t *testing.T) {
	tr := newTestRing(t, 1<<16)
	var written atomic.Int64 // when the record was committed (UnixNano); 0: not yet
	done := make(chan []uint64)
	go func() {
		var got []uint64
		for {
			// A tick after another until the record has come (a busy
			// machine may write it after the first tick); but a tick
			// that passed after the record was committed must hand it.
			deadline := time.Now().Add(200 * time.Millisecond)
			tr.ring.SetDeadline(deadline)
			err := tr.ring.Read(func(b []byte) error {
				got = append(got, uint64(b[0]))
				return nil
			})
			if errors.Is(err, os.ErrDeadlineExceeded) {
				if w := written.Load(); len(got) == 0 && (w == 0 || w >= deadline.UnixNano()) {
					continue
				}
				break
			}
			if err != nil {
				t.Errorf("Read: %v", err)
				break
			}
		}
		done <- got
	}()
	// Not a timed assertion: the record is due whenever it is written;
	// the pause only makes it likely to come while Read waits.
	time.Sleep(50 * time.Millisecond)
	tr.write(viaOutput, 40, BPFRingNoWakeup)
	written.Store(time.Now().UnixNano())
	sameSeqs(t, <-done, want(1, 1))
}
