package recording

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// manyEvents are n events with distinct paths and times.
func manyEvents(n int) []event.Event {
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = event.Event{Syscall: "read", PID: 10, TID: uint32(11 + i%3), Comm: "w", EnterNs: uint64(1000 + 100*i), ExitNs: uint64(1050 + 100*i),
			Ret: 5, Bytes: 5, FD: 3, FD2: -1, Path: "/tmp/" + itoa(i%7)}
	}
	return evs
}

// A recording cut anywhere (ior killed, the file truncated) reads up to
// the cut: the events of every complete frame before it, in order, then
// a CutError saying where; its summary is rebuilt from those events.
func TestCutAnywhere(t *testing.T) {
	evs := manyEvents(60)
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var frameEnds []int // file length after each frame, and events before it
	var frameEvents []int
	for i := range evs {
		w.Write(&evs[i])
		if i%10 == 9 {
			w.endFrame()
			frameEnds, frameEvents = append(frameEnds, buf.Len()), append(frameEvents, i+1)
		}
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	for n := len(full) - 1; n > 0; n-- {
		least := 0 // events in complete frames before the cut
		for i, end := range frameEnds {
			if end <= n {
				least = frameEvents[i]
			}
		}
		rd, err := NewReader(bytes.NewReader(full[:n]))
		if err != nil {
			if least > 0 {
				t.Fatalf("cut at %d of %d: %v", n, len(full), err)
			}
			continue
		}
		var got []event.Event
		for {
			var ev event.Event
			err = rd.Next(&ev)
			if err != nil {
				break
			}
			got = append(got, ev)
		}
		c, ok := AsCut(err)
		if err == io.EOF {
			continue // only the trailer's frame checksum was cut
		}
		if !ok || !errors.Is(err, ErrFormat) {
			t.Fatalf("cut at %d of %d: %v, want a CutError", n, len(full), err)
		}
		if len(got) < least || len(got) > 0 && !reflect.DeepEqual(got, evs[:len(got)]) || c.Events != uint64(len(got)) {
			t.Fatalf("cut at %d: read %d events (%d counted), want the first %d or more", n, len(got), c.Events, least)
		}
		s, err := ReadSummary(bytes.NewReader(full[:n]))
		if err != nil {
			t.Fatalf("summary of a cut at %d: %v", n, err)
		}
		var calls uint64
		for _, a := range s.Aggregates {
			calls += a.Count
		}
		if calls != uint64(len(got)) || s.Stats.Events != calls || s.Stats.Incomplete != c.Reason() {
			t.Fatalf("summary of a cut at %d: %d calls, stats %+v; want %d events, %q", n, calls, s.Stats, len(got), c.Reason())
		}
	}
}

// The writer ends a frame once its first event is FlushInterval old: a
// recording being written reads up to then.
func TestTickEndsFrame(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.ior.zst")
	w, err := Create(path, Header{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	evs := manyEvents(3)
	for i := range evs {
		w.Write(&evs[i])
	}
	w.Tick() // too early: nothing happens
	w.frameStart = w.frameStart.Add(-FlushInterval)
	if err := w.Tick(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	_, err = Read(f)
	if c, ok := AsCut(err); !ok || c.Events != 3 {
		t.Fatalf("read while written: %v, want cut after 3 events", err)
	}
}
