package top

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/recording"
)

// A recording cut short (ior killed: no trailer) is shown up to the cut,
// and says so, as ior events and export show it: every event before the
// cut counted, the cut in the status line.
func TestReplayCut(t *testing.T) {
	// Events with paths of 1000 bytes each, past the writer's frame
	// size, so that the recording has a frame of events before the last
	// one, which holds the trailer: cut into that.
	var buf bytes.Buffer
	w, err := recording.NewWriter(&buf, recording.Header{Name: "cut"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6000 {
		ev := event.Event{Syscall: "read", PID: 10, TID: 11, Comm: "w", EnterNs: uint64(1000 + 100*i), ExitNs: uint64(1050 + 100*i),
			Ret: 5, Bytes: 5, FD: 3, FD2: -1, Path: fmt.Sprintf("/tmp/%04d/%s", i, strings.Repeat("x", 990))}
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	last := bytes.LastIndex(full, []byte{0x28, 0xb5, 0x2f, 0xfd}) // the last zstd frame
	if last <= 0 {
		t.Fatal("the recording has one zstd frame: no place to cut it")
	}
	full = full[:last+16]
	cut := filepath.Join(t.TempDir(), "cut.ior.zst")
	if err := os.WriteFile(cut, full, 0o644); err != nil {
		t.Fatal(err)
	}
	rd, err := recording.NewReader(bytes.NewReader(full))
	if err != nil {
		t.Fatal(err)
	}
	var before uint64
	end := rd.Each(func(*event.Event) error { before++; return nil })
	rd.Close()
	if _, ok := recording.AsCut(end); !ok || before == 0 {
		t.Fatalf("the test's recording: %d events, then %v; want some, then a cut", before, end)
	}
	p, err := OpenPlayer(cut)
	if err != nil {
		t.Fatalf("a cut recording: %v", err)
	}
	defer p.close()
	if s := p.Snapshot(live.Filter{}); s.Events != before {
		t.Errorf("player counted %d events, the recording has %d before its cut", s.Events, before)
	}
	if note := p.Status().EndNote; !strings.Contains(note, "incomplete: cut after record") {
		t.Errorf("status note %q: want the cut said", note)
	}
}
