package recording

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/klauspost/compress/zstd"
	"golang.org/x/sys/unix"
)

func sampleEvents() []event.Event {
	return []event.Event{
		{Syscall: "openat", PID: 10, TID: 11, Comm: "w", EnterNs: 1000, ExitNs: 1500, Ret: 3, FD: 3, FD2: -1, Path: "/tmp/a", Flags: 0o1101, Mode: 0o644},
		{Syscall: "write", PID: 10, TID: 11, Comm: "w", EnterNs: 2000, ExitNs: 2100, Ret: 5, Bytes: 5, FD: 3, FD2: -1, Path: "/tmp/a"},
		// Out of order enter times (ordered by exit) must survive.
		{Syscall: "read", PID: 10, TID: 12, Comm: "w2", EnterNs: 1900, ExitNs: 2200, Ret: -9, FD: 7, FD2: -1, Path: "?"},
		{Syscall: "renameat2", PID: 10, TID: 11, Comm: "w", EnterNs: 3000, ExitNs: 3300, Ret: 0, FD: -1, FD2: -1, Path: "/tmp/a", Path2: "/tmp/b", Flags: 1},
		{Syscall: "write", PID: 10, TID: 11, Comm: "w", EnterNs: 4000, ExitNs: 4100, Ret: 5, Bytes: 5, FD: 3, FD2: -1, Path: "/tmp/a"},
	}
}

func encode(t testing.TB, evs []event.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "x", Host: "h", Tracepoints: []string{"openat"}, Start: time.Unix(5, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		w.Write(&evs[i])
	}
	if err := w.Close(Stats{LostRingbuf: 2, PathsRetried: 1}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	evs := sampleEvents()
	rec, err := Read(bytes.NewReader(encode(t, evs)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.Events, evs) {
		t.Errorf("events differ:\n got %+v\nwant %+v", rec.Events, evs)
	}
	if rec.Header.Name != "x" || rec.Header.Tracepoints[0] != "openat" || !rec.Header.Start.Equal(time.Unix(5, 0)) {
		t.Errorf("header: %+v", rec.Header)
	}
	if rec.Stats.Events != 5 || rec.Stats.LostRingbuf != 2 || rec.Stats.Lost() != 2 || rec.Stats.PathsRetried != 1 {
		t.Errorf("stats: %+v", rec.Stats)
	}
	got := map[AggKey]AggValue{}
	for _, a := range rec.Aggregates {
		got[a.AggKey] = a.AggValue
	}
	w := got[AggKey{Path: "/tmp/a", Comm: "w", Syscall: "write", PID: 10, TID: 11}]
	if w.Count != 2 || w.DurationNs != 200 || w.Bytes != 10 || w.MaxNs != 100 || w.Hist.Count() != 2 || len(got) != 4 {
		t.Errorf("aggregates: %+v", got)
	}
	// A failed call is its own group, by errno.
	if r := got[AggKey{Path: "?", Comm: "w2", Syscall: "read", PID: 10, TID: 12, Errno: 9}]; r.Count != 1 || r.MaxNs != 300 {
		t.Errorf("aggregates: %+v", got)
	}
}

func TestStringTableReset(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, Header{})
	var want []event.Event
	for i := 0; i < maxStrings+10; i++ {
		ev := event.Event{Syscall: "unlink", Path: "/p/" + string(rune('a'+i%26)) + strings.Repeat("x", i%7) + "/" + itoa(i), FD: -1, FD2: -1}
		w.Write(&ev)
		if i > maxStrings-5 {
			want = append(want, ev)
		}
	}
	w.Close(Stats{})
	rec, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := rec.Events[len(rec.Events)-len(want):]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events across a string table reset differ: %v vs %v", got[:2], want[:2])
	}
}

func itoa(i int) string { return string(binary.AppendUvarint(nil, uint64(i))) }

// A recording is at its final name from the start (a killed ior leaves
// it there, cut), complete once closed; an aborted one is removed.
func TestCreateAtFinalName(t *testing.T) {
	dir := t.TempDir()
	final := filepath.Join(dir, "r.ior.zst")
	w, err := Create(final, Header{})
	if err != nil {
		t.Fatal(err)
	}
	ev := sampleEvents()[0]
	w.Write(&ev)
	if _, err := ReadFile(final); err == nil || !strings.Contains(err.Error(), "cut after record 1") {
		t.Fatalf("the recording being written reads as %v, want cut after its header", err)
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(final); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temp files left: %v", ents)
	}

	w, _ = Create(filepath.Join(dir, "aborted.ior.zst"), Header{})
	w.Abort()
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("abort left files: %v", ents)
	}
	if _, err := Create(filepath.Join(dir, "missing", "x.ior.zst"), Header{}); err == nil {
		t.Error("Create in a missing directory succeeded")
	}
}

func zstdOf(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := zstd.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestReaderErrors(t *testing.T) {
	good := encode(t, sampleEvents())
	plain, _ := io.ReadAll(must(zstd.NewReader(bytes.NewReader(good))).IOReadCloser())
	future := append([]byte(nil), plain...)
	binary.LittleEndian.PutUint16(future[len(Magic):], Version+1)
	unknownType := append(append([]byte(nil), plain[:len(Magic)+2]...), 'Z', 0)
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":          {nil, "not a valid ior recording"},
		"not zstd":       {[]byte("hello world, not compressed"), "not a valid ior recording"},
		"bad magic":      {zstdOf([]byte("NOTIOR\x01\x00")), "bad magic"},
		"future version": {zstdOf(future), fmt.Sprintf("unsupported recording version %d", Version+1)},
		"truncated":      {zstdOf(plain[:len(plain)-20]), "cut after record"},
		"no header":      {zstdOf(unknownType), "not the header"},
		"huge record":    {zstdOf(append(append([]byte(nil), plain[:len(Magic)+2]...), 'H', 0xff, 0xff, 0xff, 0x7f)), "exceeds"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(c.data))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	// A string id that was never defined.
	bad := append([]byte(nil), plain...)
	_, _, sc := firstBlock(t, bad)
	bad[sc] = 0x7f // the first event's syscall string id
	if _, err := Read(bytes.NewReader(zstdOf(bad))); err == nil || !errors.Is(err, ErrFormat) {
		t.Errorf("undefined string id: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// FuzzReader: no input may panic a reader or take it past its bounds; it
// returns a recording or an error, and a recording it returns agrees
// with its trailer.
func FuzzReader(f *testing.F) {
	good := encode(f, sampleEvents())
	plain, _ := io.ReadAll(must(zstd.NewReader(bytes.NewReader(good))).IOReadCloser())
	v1 := must(os.ReadFile("testdata/v1.ior.zst"))
	f.Add(good)
	f.Add(v1)
	f.Add(zstdOf(plain))
	f.Add(zstdOf(plain[:len(plain)/2]))
	c := newCrafted(f, Version)
	c.rec(recString, []byte("s"))
	c.rec(recReset, nil)
	c.rec(recString, []byte("t"))
	c.rec(recAggregate, []byte{1, 1, 1, 0, 0, 1, 0, 0})
	c.rec(recTrailer, []byte(`{"aggregates":1,"incomplete":"x","no_aggregates":true}`))
	f.Add(c.bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		checkBounded(t, data)
		// Also fuzz the decompressed layer directly, where most of the
		// parsing is.
		checkBounded(t, zstdOf(data))
	})
}

// checkBounded reads data with a Reader, checking its bounds after every
// record, and with ReadSummary, which must agree.
func checkBounded(t *testing.T, data []byte) {
	rd, err := NewReader(bytes.NewReader(data))
	if err != nil {
		if !errors.Is(err, ErrFormat) && !strings.HasPrefix(err.Error(), "unsupported recording version") {
			t.Fatalf("error without ErrFormat: %v", err)
		}
		return
	}
	defer rd.Close()
	var ev event.Event
	events := 0
	for {
		err = rd.Next(&ev)
		if len(rd.strs) > maxStrings+1 || rd.tableBytes > maxTableBytes || cap(rd.buf) > 2*maxRecord ||
			len(rd.aggs) > MaxAggregates || rd.aggBytes > maxAggBytes {
			t.Fatalf("bounds exceeded: %d strings, %d table bytes, %d buffer, %d aggregates, %d aggregate bytes",
				len(rd.strs), rd.tableBytes, cap(rd.buf), len(rd.aggs), rd.aggBytes)
		}
		if err != nil {
			break
		}
		events++
	}
	s, serr := ReadSummary(bytes.NewReader(data))
	if err != io.EOF {
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("error without ErrFormat: %v", err)
		}
		return
	}
	st := rd.Stats()
	if st.Events != uint64(events) || rd.Version >= 2 && st.Aggregates != uint64(len(rd.Aggregates())) {
		t.Fatalf("trailer %+v, read %d events and %d aggregates", st, events, len(rd.Aggregates()))
	}
	if serr != nil || s.Stats.Events != st.Events || !st.NoAggregates && len(s.Aggregates) != len(rd.Aggregates()) {
		t.Fatalf("summary disagrees: %v", serr)
	}
}

func BenchmarkWrite(b *testing.B) {
	w, _ := NewWriter(io.Discard, Header{})
	evs := sampleEvents()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		evs[1].EnterNs += 100
		w.Write(&evs[1])
	}
	w.Close(Stats{})
}

// -o naming a directory, fifo or device is refused before the run (it
// used to be renamed over, or to fail after the run and lose the data);
// an existing regular file is replaced.
func TestCreateRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, fifo, "/dev/null"} {
		if err := CheckWritable(p); err == nil {
			t.Errorf("CheckWritable(%s) accepted it", p)
		}
		if _, err := Create(p, Header{}); err == nil {
			t.Errorf("Create(%s) accepted it", p)
		}
	}
	regular := filepath.Join(dir, "old.ior.zst")
	os.WriteFile(regular, []byte("old"), 0o644)
	w, err := Create(regular, Header{Name: "new"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	if rec, err := ReadFile(regular); err != nil || rec.Header.Name != "new" {
		t.Errorf("over a regular file: %v", err)
	}
}

// Enter times are deltas per thread (version 3): interleaved threads,
// times out of order, and more threads than the writer remembers (it
// forgets them all at once, and so must the reader) survive the round
// trip.
func TestRoundTripManyThreads(t *testing.T) {
	var evs []event.Event
	for i := range maxClockThreads + 100 {
		for _, tid := range []uint32{uint32(i), uint32(i + 1), 7} {
			ns := uint64(1e9 + i*1000 + int(tid%3)*10)
			evs = append(evs, event.Event{Syscall: "read", PID: 1, TID: tid, Comm: "w", EnterNs: ns, ExitNs: ns + 5, FD: 3, FD2: -1})
		}
	}
	rec, err := Read(bytes.NewReader(encode(t, evs)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Events) != len(evs) {
		t.Fatalf("%d events back, want %d", len(rec.Events), len(evs))
	}
	for i := range evs {
		if rec.Events[i].EnterNs != evs[i].EnterNs || rec.Events[i].TID != evs[i].TID {
			t.Fatalf("event %d: tid %d enter %d, want tid %d enter %d", i, rec.Events[i].TID, rec.Events[i].EnterNs, evs[i].TID, evs[i].EnterNs)
		}
	}
}
