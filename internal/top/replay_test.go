package top

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ior-tracer/ior/internal/golden"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// sample is a real recording (io_uring, files, an errno), checked in.
const sample = "testdata/sample-v3.ior.zst"

// The player's numbers are the recording's own aggregates, which the
// writer summed on its side (a different code path).
func TestReplayMatchesAggregates(t *testing.T) {
	p, err := OpenPlayer(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	sum, err := recording.ReadSummaryFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]uint64{}
	for _, a := range sum.Aggregates {
		w := want[a.Syscall]
		w[0] += a.Count
		if a.Errno != 0 {
			w[1] += a.Count
		}
		w[2] += a.Bytes
		want[a.Syscall] = w
	}
	s := p.Snapshot(live.Filter{})
	if s.Events != sum.Stats.Events {
		t.Errorf("player counted %d events, the trailer says %d", s.Events, sum.Stats.Events)
	}
	if len(s.Syscalls) != len(want) {
		t.Errorf("%d syscalls, want %d", len(s.Syscalls), len(want))
	}
	for _, r := range s.Syscalls {
		if w := want[r.Key]; [3]uint64{r.Calls, r.Errors, r.Bytes} != w {
			t.Errorf("%s: calls, errors, bytes %d %d %d; aggregates %v", r.Key, r.Calls, r.Errors, r.Bytes, w)
		}
	}
}

// The cursor counts the events that exited by it, and a range those
// after its start; stepping back reads the recording again.
func TestReplayCursor(t *testing.T) {
	rec, err := recording.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	p, err := OpenPlayer(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	mid := rec.Events[len(rec.Events)/2].ExitNs
	upTo := func(from, at uint64) (n uint64) {
		for _, ev := range rec.Events {
			if ev.ExitNs > at {
				break // the recording's order, as the player reads it
			}
			if ev.ExitNs > from {
				n++
			}
		}
		return n
	}
	p.Seek(mid)
	if got, want := p.Snapshot(live.Filter{}).Events, upTo(0, mid); got != want || want == 0 {
		t.Errorf("at the middle: %d events, want %d", got, want)
	}
	p.Mark()
	p.Seek(p.Last)
	if got, want := p.Snapshot(live.Filter{}).Events, upTo(mid, p.Last); got != want || want == 0 {
		t.Errorf("range middle..end: %d events, want %d", got, want)
	}
	p.Mark() // no range
	p.Step(-time.Duration(p.Last - p.First))
	if got, want := p.Snapshot(live.Filter{}).Events, upTo(0, p.First); got != want {
		t.Errorf("at the start: %d events, want %d", got, want)
	}
	p.Playing, p.Speed = true, 1e6
	p.Tick(time.Second)
	if s := p.Snapshot(live.Filter{}); s.Events != uint64(len(rec.Events)) || p.Playing {
		t.Errorf("played to the end: %d events (want %d), still playing %v", s.Events, len(rec.Events), p.Playing)
	}
}

// The recording's io_uring tab and a step back, as screens.
func TestReplayScreens(t *testing.T) {
	for _, c := range []struct{ name, keys string }{{"replay-uring", "6"}, {"replay-stepped", "2 , , ,"}} {
		p, err := OpenPlayer(sample)
		if err != nil {
			t.Fatal(err)
		}
		m := New(p, false)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
		golden.Check(t, filepath.Join("testdata", c.name+".golden"), []byte(screen(m, c.keys)))
		p.close()
	}
}

// stacksRec is a real recording made with -stacks of a small C program
// (testdata/stackdemo.c: main calls load_index and scan_log, which read
// a file), symbolized from testdata/stackroot alone.
const stacksRec = "testdata/stacks-v4.ior.zst"

// The Flame tab's third view (w, w) folds the recorded stacks: the
// program's own functions, outermost first, then the file, then the
// syscall; a walk that ended in no mapping is one marker frame.
func TestReplayFlameByStack(t *testing.T) {
	for _, c := range []struct{ name, keys string }{{"flame-stack", "8 w w"}, {"flame-stack-zoom", "8 w w enter enter"}} {
		p, err := openPlayer(stacksRec, symbolize.NewRoot("testdata/stackroot"))
		if err != nil {
			t.Fatal(err)
		}
		m := New(p, false)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
		got := screen(m, c.keys)
		for _, fn := range []string{"flame by stack > file > syscall", "main", "scan_log"} {
			if !strings.Contains(got, fn) {
				t.Errorf("%s: no %q on the screen", c.name, fn)
			}
		}
		golden.Check(t, filepath.Join("testdata", c.name+".golden"), []byte(got))
		p.close()
	}
}

// Without stacks, w only switches between the other two views.
func TestFlameNoStackView(t *testing.T) {
	p, err := OpenPlayer(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	m := New(p, false)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	if got := screen(m, "8 w w"); !strings.Contains(got, "flame by file > syscall") {
		t.Errorf("w w on a recording without stacks:\n%s", got)
	}
}
