package recording

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// The golden events, written by this writer (version 6) to a file,
// read back as they were, with the process table joined.
func TestVersion6GoldenRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.ior.zst")
	writeGolden(t, path, goldenEvents())
	rec, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, rec.Events, goldenEvents())
}

// randomEvents are n events of a few threads and syscalls whose fields
// take a few values each, so that an event repeats its reference's
// fields or not, any of them, in any mix.
func randomEvents(r *rand.Rand, n, threads int) []event.Event {
	pick := func(vs ...int64) int64 { return vs[r.IntN(len(vs))] }
	strs := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	stacks := []*event.Stack{nil, {PCs: []uint64{1, 2}}, {PCs: []uint64{3}}}
	evs := make([]event.Event, n)
	ns := uint64(1 << 40)
	for i := range evs {
		ns += uint64(r.IntN(1000))
		e := event.Event{
			Syscall: strs("read", "pread64", "openat", "close", "io_uring:READ", "renameat2", "fcntl"),
			PID:     uint32(pick(10, 11)), TID: uint32(10 + r.IntN(threads)), Comm: strs("w", "w2", ""),
			EnterNs: ns - uint64(r.IntN(3000)), Ret: pick(64, 0, -2, 1<<40, -1<<62), Bytes: pick(0, 64),
			FD: int32(pick(-1, 3, 4, 1<<30)), FD2: int32(pick(-1, -1, 5)), Path: strs("/a", "/b/c", "", "?"),
			Path2: strs("", "", "/z"), Flags: uint64(pick(0, 0x80000, -1<<63)), Mode: uint64(pick(0, 0o644)),
			Offset: pick(0, 64, 128, 1<<62, -1<<63, 1<<63-1), Len: uint64(pick(0, 64, 4096)),
			PathStatus: uint8(pick(0, 0, int64(event.PathCut), int64(event.PathUnknown<<4))), Stack: stacks[r.IntN(3)],
			Args: strs("", "", "127.0.0.1:80"), UserData: uint64(pick(0, 7, -1<<63)), Slot1: uint32(pick(0, 0, 3)),
			SqeFlags: uint8(pick(0, 1)), Exec: uint8(pick(0, int64(event.ExecIOWQ))), File: strs("", "/a", "/real/a"),
			File2: strs("", "/z"), FileStatus: uint8(pick(0, 0, int64(event.FileNone), int64(event.FileDeleted)<<4)),
		}
		e.ExitNs = e.EnterNs + uint64(r.IntN(5000))
		if r.IntN(10) == 0 {
			e.ExitNs = e.EnterNs - 1 // a clock gone backwards: recorded as 0 long
		}
		switch r.IntN(20) {
		case 0:
			e.OffIn, e.OffState = pick(5, -1), event.OffInSet
		case 1:
			e.Flock = &event.Flock{Type: 1, Start: pick(0, 2), Len: 10, PID: 1}
		case 2:
			e.Argv, e.Envc = []string{"ls", strs("-l", "")}, int32(pick(3, -1))
		}
		evs[i] = e
	}
	return evs
}

// Random events of interleaved threads survive the round trip, field by
// field; so do events of more threads than the references are kept for.
func TestVersion6RandomRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	for _, c := range []struct{ n, threads int }{{20000, 3}, {20000, 12}, {3 * maxRefThreads, maxRefThreads + 100}} {
		evs := randomEvents(r, c.n, c.threads)
		var buf bytes.Buffer
		w, err := NewWriter(&buf, Header{Stacks: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range evs {
			if err := w.Write(&evs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(Stats{}); err != nil {
			t.Fatal(err)
		}
		rec, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for i := range evs {
			if evs[i].ExitNs < evs[i].EnterNs {
				evs[i].ExitNs = evs[i].EnterNs
			}
		}
		checkEvents(t, rec.Events, evs)
		checkAggregates(t, rec.Aggregates, evs)
		if t.Failed() {
			return
		}
	}
}

// checkAggregates compares the aggregates written with evs summed
// again, each looked up by its whole key (the writer takes an event's
// group from its reference's when the key's fields are the same).
func checkAggregates(t *testing.T, got []Aggregate, evs []event.Event) {
	t.Helper()
	want := newAggTable()
	for i := range evs {
		want.add(&evs[i])
	}
	if len(got) != len(want.m) {
		t.Errorf("%d aggregates, want %d", len(got), len(want.m))
	}
	for _, a := range got {
		e := want.m[a.AggKey]
		if e == nil {
			t.Errorf("aggregate %+v: no such group", a.AggKey)
			continue
		}
		if w := e.cur; a.Count != w.Count || a.DurationNs != w.DurationNs || a.Bytes != w.Bytes || a.MaxNs != w.MaxNs || !reflect.DeepEqual(a.Hist, w.Hist) {
			t.Errorf("aggregate %+v: %+v, want %+v", a.AggKey, a.AggValue, w)
		}
	}
}

// An I/O loop's event, the same call again but for its times, takes a
// few bytes before compression: 7 for this one (thread, syscall, mask,
// two times of two bytes, in their columns); 8 in version 6 (its tid
// whole), 27 in version 5.
func TestRepeatedEventSmall(t *testing.T) {
	w, err := NewWriter(&bytes.Buffer{}, Header{})
	if err != nil {
		t.Fatal(err)
	}
	ev := event.Event{Syscall: "pread64", PID: 4321, TID: 4321, Comm: "bench-hot", EnterNs: 1 << 40, Ret: 64, Bytes: 64,
		FD: 3, FD2: -1, Path: "/tmp/data", Offset: 0, Len: 64}
	ev.ExitNs = ev.EnterNs + 700
	w.Write(&ev)
	// Its first repeat stores the mask that changed (version 7: XOR the
	// first's, which differed from an empty reference); then none does.
	ev.EnterNs += 850
	ev.ExitNs = ev.EnterNs + 700
	w.Write(&ev)
	size := func() int {
		n := w.frame
		for _, c := range w.blk.cols {
			n += len(c)
		}
		return n
	}
	before := size()
	const n = 1000
	for range n {
		ev.EnterNs += 850 + uint64(ev.EnterNs%7)
		ev.ExitNs = ev.EnterNs + 700
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if per := float64(size()-before) / n; per > 7 {
		t.Errorf("%.1f bytes per repeated event, want at most 7", per)
	}
}

// A thread's references are found again through the table's cells, and
// never once the table has forgotten the thread (its bound, a reset):
// the reader, and older ones, start it anew there, and so must the
// writer.
func TestRefTableCells(t *testing.T) {
	var r refTable[refs]
	inits := 0
	init := func(t *refs, exit uint64) { inits++; t.exit = exit }
	a := r.get(1, init)
	r.get(2, init)
	if r.get(1, init) != a || inits != 2 {
		t.Fatalf("thread 1 not found again (%d threads made)", inits)
	}
	for tid := uint32(100); len(r.m) < maxRefThreads; tid++ {
		r.get(tid, init)
	}
	if r.get(1, init) != a {
		t.Fatal("thread 1 lost before the bound")
	}
	r.get(1<<30, init) // past the bound: every thread is forgotten
	if r.get(1, init) == a {
		t.Error("thread 1's references outlived the bound (through its cell)")
	}
	b := r.get(1, init)
	r.get(2, init)
	r.reset()
	if r.get(2, init); r.get(1, init) == b {
		t.Error("thread 1's references outlived a reset (through its cell)")
	}
}

// Version 7's columns: a low-byte column must hold one byte per event,
// a time's high part must leave room for its low byte, a thread's delta
// must reach a thread (0 to 2^32-1), and a mask (XOR its reference's)
// must name known fields; a block that breaks any is refused where it
// is, not read wrong.
func TestVersion7ColumnsChecked(t *testing.T) {
	plain := plainOf(t, encode(t, sampleEvents()))
	at, nrec, _ := firstBlock(t, plain)
	l, k := binary.Uvarint(plain[at+1:])
	start, end := at+1+k, at+1+k+int(l)
	f := fields{b: plain[start:end]}
	n := f.u()
	var cols [nCols][]byte
	for c := range cols {
		cl := f.u()
		cols[c], f.b = f.b[:cl:cl], f.b[cl:]
	}
	rebuilt := func(cols [nCols][]byte) []byte {
		p := binary.AppendUvarint(nil, n)
		for _, c := range cols {
			p = binary.AppendUvarint(p, uint64(len(c)))
			p = append(p, c...)
		}
		b := append([]byte(nil), plain[:at+1]...)
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
		return zstdOf(append(b, plain[end:]...))
	}
	if _, err := Read(bytes.NewReader(rebuilt(cols))); err != nil {
		t.Fatalf("the block rebuilt as it was: %v", err)
	}
	long := cols
	long[colDurationLo] = append(append([]byte(nil), cols[colDurationLo]...), 0)
	high := cols
	_, k = binary.Uvarint(cols[colEnter])
	high[colEnter] = append(binary.AppendUvarint(nil, 1<<56), cols[colEnter][k:]...)
	unknown := cols
	_, k = binary.Uvarint(cols[colMask])
	unknown[colMask] = append(binary.AppendUvarint(nil, 1<<23), cols[colMask][k:]...) // the first event's, XOR an empty reference's
	neg := cols
	_, k = binary.Uvarint(cols[colTID])
	neg[colTID] = append(binary.AppendUvarint(nil, zig(-1)), cols[colTID][k:]...) // the first event's, from 0
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"low bytes": {rebuilt(long), fmt.Sprintf("record %d ('B'): column %d of %d bytes, not one per event (%d)", nrec, colDurationLo, n+1, n)},
		"high part": {rebuilt(high), fmt.Sprintf("record %d ('B'): event 1: time's high part %d out of range", nrec, uint64(1<<56))},
		"mask":      {rebuilt(unknown), fmt.Sprintf("record %d ('B'): event 1: unknown fields 0x800000", nrec)},
		"thread":    {rebuilt(neg), fmt.Sprintf("record %d ('B'): event 1: thread -1 out of range", nrec)},
	} {
		_, err := Read(bytes.NewReader(c.data))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrFormat containing %q", name, err, c.want)
		}
	}
}

// An io_uring loop's requests differ from their references in user_data
// and offset (the writer's shortcut for those two), now and then in
// more: they survive the round trip, and so do their aggregates.
func TestURingLoopRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	evs := make([]event.Event, 5000)
	ns := uint64(1 << 40)
	for i := range evs {
		ns += uint64(r.IntN(2000))
		e := event.Event{Syscall: "io_uring:READ", PID: 10, TID: 10 + uint32(r.IntN(2)), Comm: "u", EnterNs: ns,
			ExitNs: ns + uint64(r.IntN(50000)), Ret: 4096, Bytes: 4096, FD: 3, FD2: -1, Path: "/d", Len: 4096,
			Offset: int64(r.IntN(256)) * 4096, UserData: uint64(r.IntN(32))}
		switch r.IntN(10) {
		case 0:
			e.Ret, e.Bytes = 100, 100
		case 1:
			e.Offset = 0 // the same as the reference's, now and then
		}
		evs[i] = e
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rec, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, rec.Events, evs)
	checkAggregates(t, rec.Aggregates, evs)
}
