package recording

import (
	"bytes"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// A recording whose process table holds two places sums its events by
// place, with the events' process as of each (a thread moved between
// them counts in both); one place alone gives no table.
func TestSummaryContainers(t *testing.T) {
	host := &event.Proc{MntNS: 1, PidNS: 2, CgroupID: 3, Cgroup: "/", Root: "/"}
	box := &event.Proc{MntNS: 5, PidNS: 6, CgroupID: 7, Cgroup: "/box", Root: "/", Foreign: event.ForeignMnt | event.ForeignPid | event.ForeignCgroup}
	write := func(procs ...*event.Proc) []byte {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, Header{Name: "t"})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range procs {
			ev := event.Event{Syscall: "read", PID: 9, TID: 9, EnterNs: uint64(100 * (i + 1)), ExitNs: uint64(100*(i+1) + 10), Ret: 4, Bytes: 4, FD: 3, FD2: -1, Proc: p}
			w.Proc(&ev)
			w.Write(&ev)
			w.Write(&ev)
		}
		if err := w.Close(Stats{}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	s, err := ReadSummary(bytes.NewReader(write(host, box)))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Containers) != 2 {
		t.Fatalf("containers %+v, want 2", s.Containers)
	}
	for _, c := range s.Containers {
		if c.Events != 2 || c.Bytes != 8 || c.DurationNs != 20 || !c.Known {
			t.Errorf("%+v: want 2 events, 8 bytes, 20 ns", c)
		}
		if (c.MntNS == 5) != (c.Foreign == event.ForeignMnt|event.ForeignPid|event.ForeignCgroup) || c.MntNS == 5 && c.Cgroup != "/box" {
			t.Errorf("%+v: its place", c)
		}
	}
	if s, err := ReadSummary(bytes.NewReader(write(host, host))); err != nil || s.Containers != nil {
		t.Errorf("one place: %+v %v, want no table", s.Containers, err)
	}
}

// A 'P' record of zeros (Writer.ProcUnknown: the thread's process record
// was lost) leaves the thread's next events with no process, not its
// last record's, until its next; the summary's table says them unknown.
func TestProcUnknown(t *testing.T) {
	host := &event.Proc{MntNS: 1, PidNS: 2, CgroupID: 3, Cgroup: "/", Root: "/"}
	moved := &event.Proc{MntNS: 5, PidNS: 2, CgroupID: 3, Cgroup: "/", Root: "/", Foreign: event.ForeignMnt}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	at := uint64(100)
	write := func(p *event.Proc, unknown bool) {
		ev := event.Event{Syscall: "read", PID: 9, TID: 9, EnterNs: at, ExitNs: at + 10, Ret: 4, Bytes: 4, FD: 3, FD2: -1, Proc: p}
		at += 100
		if unknown {
			if err := w.ProcUnknown(9, 9); err != nil {
				t.Fatal(err)
			}
		} else if p != nil {
			w.Proc(&ev)
		}
		w.Write(&ev)
	}
	write(host, false)
	write(nil, true)
	write(nil, false)
	write(moved, false)
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var want = []uint64{1, 0, 0, 5}
	for i, mnt := range want {
		var ev event.Event
		if err := rd.Next(&ev); err != nil {
			t.Fatal(err)
		}
		if ev.ProcUnknown != (mnt == 0) {
			t.Errorf("event %d: ProcUnknown %v, want %v", i, ev.ProcUnknown, mnt == 0)
		}
		if got := uint64(0); ev.Proc != nil {
			got = ev.Proc.MntNS
			if mnt == 0 || got != mnt {
				t.Errorf("event %d: mnt %d, want %d (0: no process)", i, got, mnt)
			}
		} else if mnt != 0 {
			t.Errorf("event %d: no process, want mnt %d", i, mnt)
		}
	}
	rd.Close()
	s, err := ReadSummary(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	unknown := 0
	for _, c := range s.Containers {
		if !c.Known {
			unknown++
			if c.Events != 2 {
				t.Errorf("unknown: %+v, want 2 events", c)
			}
		}
	}
	if len(s.Containers) != 3 || unknown != 1 {
		t.Errorf("containers %+v, want host, moved, unknown", s.Containers)
	}
}
