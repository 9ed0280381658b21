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
