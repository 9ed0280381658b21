package probe

import (
	"errors"
	"os"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/rlimit"
)

// The ring reader's tests on a real BPF ring buffer: small programs, run
// with BPF_PROG_TEST_RUN, write records the kernel's way (output,
// reserve+submit, reserve+discard). Each record is the producer's
// sequence number, repeated in every byte position (byte i is byte i%8
// of the number), so a record read from the wrong place, cut or joined
// wrongly across the data area's end shows.

// testRing is a ring buffer map, its reader and the programs that write.
type testRing struct {
	t       *testing.T
	m, seq  *ebpf.Map // the ring; seq: the last sequence number given
	ring    *Ring
	progs   map[string]*ebpf.Program
	written uint64 // records committed by the programs (not discarded)
}

// needBPF skips without BPF (not root, or no ring buffer map can be
// made), or fails under IOR_REQUIRE_BPF=1.
func needBPF(t *testing.T) {
	t.Helper()
	why := ""
	if os.Geteuid() != 0 {
		why = "not root"
	} else if err := rlimit.RemoveMemlock(); err != nil {
		why = err.Error()
	} else if m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: uint32(os.Getpagesize())}); err != nil {
		why = "making a ring buffer map: " + err.Error()
	} else {
		m.Close()
	}
	if why == "" {
		return
	}
	if os.Getenv("IOR_REQUIRE_BPF") == "1" {
		t.Fatalf("IOR_REQUIRE_BPF=1 but BPF is unavailable: %s", why)
	}
	t.Skipf("BPF unavailable: %s", why)
}

func newTestRing(t *testing.T, size uint32) *testRing {
	t.Helper()
	needBPF(t)
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: size})
	if err != nil {
		t.Fatalf("ring buffer map: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	seq, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		t.Fatalf("counter map: %v", err)
	}
	t.Cleanup(func() { seq.Close() })
	r, err := NewRing(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return &testRing{t: t, m: m, seq: seq, ring: r, progs: map[string]*ebpf.Program{}}
}

// Ways a program writes its record.
const (
	viaOutput  = "output"  // bpf_ringbuf_output from the stack
	viaSubmit  = "submit"  // bpf_ringbuf_reserve, filled, bpf_ringbuf_submit
	viaDiscard = "discard" // bpf_ringbuf_reserve, filled, bpf_ringbuf_discard
)

// prog returns the program that writes one record of size bytes (at
// most 496) the way how says, with wakeup flags flags. It returns 0
// when the record went in, 1 when the ring had no room.
func (tr *testRing) prog(how string, size int, flags int64) *ebpf.Program {
	key := how + string(rune(size)) + string(rune(flags))
	if p := tr.progs[key]; p != nil {
		return p
	}
	words := (size + 7) / 8
	buf := int16(-8 - 8*words) // the record on the stack (output)
	ins := asm.Instructions{
		// r7 = ++seq
		asm.StoreImm(asm.RFP, -4, 0, asm.Word),
		asm.LoadMapPtr(asm.R1, tr.seq.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -4),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "full"),
		asm.LoadMem(asm.R7, asm.R0, 0, asm.DWord),
		asm.Add.Imm(asm.R7, 1),
		asm.StoreMem(asm.R0, 0, asm.R7, asm.DWord),
	}
	fill := func(base asm.Register, off int16, n int) {
		for i := 0; i < n; i++ {
			ins = append(ins, asm.StoreMem(base, off+int16(8*i), asm.R7, asm.DWord))
		}
	}
	switch how {
	case viaOutput:
		fill(asm.RFP, buf, words)
		ins = append(ins,
			asm.LoadMapPtr(asm.R1, tr.m.FD()),
			asm.Mov.Reg(asm.R2, asm.RFP),
			asm.Add.Imm(asm.R2, int32(buf)),
			asm.Mov.Imm(asm.R3, int32(size)),
			asm.Mov.Imm(asm.R4, int32(flags)),
			asm.FnRingbufOutput.Call(),
			asm.JNE.Imm(asm.R0, 0, "full"),
			asm.Return(),
		)
	default:
		done := asm.FnRingbufSubmit
		if how == viaDiscard {
			done = asm.FnRingbufDiscard
		}
		ins = append(ins,
			asm.LoadMapPtr(asm.R1, tr.m.FD()),
			asm.Mov.Imm(asm.R2, int32(size)),
			asm.Mov.Imm(asm.R3, 0),
			asm.FnRingbufReserve.Call(),
			asm.JEq.Imm(asm.R0, 0, "full"),
		)
		fill(asm.R0, 0, size/8) // size a multiple of 8 here
		ins = append(ins,
			asm.Mov.Reg(asm.R1, asm.R0),
			asm.Mov.Imm(asm.R2, int32(flags)),
			done.Call(),
			asm.Mov.Imm(asm.R0, 0),
			asm.Return(),
		)
	}
	ins = append(ins, asm.Mov.Imm(asm.R0, 1).WithSymbol("full"), asm.Return())
	p, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SocketFilter, License: "GPL", Instructions: ins})
	if err != nil {
		tr.t.Fatalf("program (%s, %d bytes): %v", how, size, err)
	}
	tr.t.Cleanup(func() { p.Close() })
	tr.progs[key] = p
	return p
}

// write runs the program: true if its record went in.
func (tr *testRing) write(how string, size int, flags int64) bool {
	tr.t.Helper()
	ret, err := tr.prog(how, size, flags).Run(&ebpf.RunOptions{Data: make([]byte, 14)})
	if err != nil {
		tr.t.Fatalf("running the program: %v", err)
	}
	if ret == 0 && how != viaDiscard {
		tr.written++
	}
	return ret == 0
}

// check says whether b is record seq of size bytes.
func check(t *testing.T, b []byte, seq uint64, size int) {
	t.Helper()
	if len(b) != size {
		t.Fatalf("record %d: %d bytes, want %d", seq, len(b), size)
	}
	for i := range b {
		if b[i] != byte(seq>>(8*(i%8))) {
			t.Fatalf("record %d: byte %d is %#x, want %#x (from record %d?)", seq, i, b[i], byte(seq>>(8*(i%8))), *(*uint64)(unsafe.Pointer(&b[i&^7])))
		}
	}
}

// collect reads until the ring has nothing left, and returns the
// sequence numbers of the records read, checking each is size bytes.
func (tr *testRing) collect(size int) []uint64 {
	tr.t.Helper()
	var got []uint64
	tr.ring.SetDeadline(time.Now()) // nothing waits for a wakeup
	for {
		err := tr.ring.Read(func(b []byte) error {
			if len(b) < 8 {
				tr.t.Fatalf("record of %d bytes", len(b))
			}
			s := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
			check(tr.t, b, s, size)
			got = append(got, s)
			return nil
		})
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded):
			return got
		default:
			tr.t.Fatalf("Read: %v", err)
		}
	}
}

func want(from, to uint64) []uint64 {
	var w []uint64
	for s := from; s <= to; s++ {
		w = append(w, s)
	}
	return w
}

func sameSeqs(t *testing.T, got, want []uint64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d records %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d is %d, want %d (read %v)", i, got[i], want[i], got)
		}
	}
}

// Records come in order, whole, across the data area's end many times
// (a 4 KiB ring, records of 20 and 200 bytes: padded to 8, 8-byte
// headers), written both ways.
func TestRingOrderAndWrap(t *testing.T) {
	for _, size := range []int{20, 200} {
		tr := newTestRing(t, uint32(os.Getpagesize()))
		seq := uint64(0)
		for round := 0; round < 50; round++ {
			// Enough to fill about 3/4 of the ring, then all read: the
			// records start at a different place each round.
			n := 3 * os.Getpagesize() / 4 / (8 + (size+7)&^7)
			for i := 0; i < n; i++ {
				how := viaOutput
				if i%3 == 1 && size%8 == 0 {
					how = viaSubmit
				}
				if !tr.write(how, size, 0) {
					t.Fatalf("round %d: record %d found the ring full", round, i)
				}
			}
			sameSeqs(t, tr.collect(size), want(seq+1, seq+uint64(n)))
			seq += uint64(n)
		}
		if p := atomic.LoadUint64(tr.ring.prodPos); p <= 10*uint64(os.Getpagesize()) {
			t.Fatalf("the producer went %d bytes: not around the ring often", p)
		}
		if c, p := atomic.LoadUint64(tr.ring.consPos), atomic.LoadUint64(tr.ring.prodPos); c != p {
			t.Fatalf("consumer position %d, producer %d after reading all", c, p)
		}
	}
}

// Discarded records are skipped (not handed over), and the consumer
// moves past them.
func TestRingDiscard(t *testing.T) {
	tr := newTestRing(t, uint32(os.Getpagesize()))
	var w []uint64
	for i := uint64(1); i <= 30; i++ {
		how := viaSubmit
		if i%3 == 0 {
			how = viaDiscard
		} else {
			w = append(w, i)
		}
		if !tr.write(how, 64, 0) {
			t.Fatalf("record %d: ring full", i)
		}
	}
	sameSeqs(t, tr.collect(64), w)
	if c, p := atomic.LoadUint64(tr.ring.consPos), atomic.LoadUint64(tr.ring.prodPos); c != p {
		t.Fatalf("consumer position %d, producer %d after reading all", c, p)
	}
}

// A full ring: the programs' records that did not fit are the kernel's
// losses; every one that did is read; once read, the space is the
// producers' again (the consumer position was stored).
func TestRingFullLosses(t *testing.T) {
	tr := newTestRing(t, uint32(os.Getpagesize()))
	ok, lost := 0, 0
	for i := 0; i < 100; i++ {
		if tr.write(viaOutput, 120, BPFRingNoWakeup) {
			ok++
		} else {
			lost++
		}
	}
	// The kernel keeps the ring from filling to the last byte.
	fit := (os.Getpagesize() - 1) / (8 + 120)
	if ok != fit || lost != 100-fit {
		t.Fatalf("%d records went in, %d lost; want %d and %d", ok, lost, fit, 100-fit)
	}
	sameSeqs(t, tr.collect(120), want(1, uint64(fit)))
	for i := 0; i < fit; i++ {
		if !tr.write(viaOutput, 120, BPFRingNoWakeup) {
			t.Fatalf("after reading, record %d of %d found the ring full", i, fit)
		}
	}
	// The counter went on through the losses: 100 numbers given.
	sameSeqs(t, tr.collect(120), want(101, uint64(100+fit)))
}
