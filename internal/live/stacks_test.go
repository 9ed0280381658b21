package live

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// Events group by stack as the namer names them; past MaxStacks
// distinct stacks the new ones' calls go to one (other) frame, counted;
// the filters apply; an event without a stack has no frames.
func TestStacksBounded(t *testing.T) {
	a := New()
	named := 0
	a.SetStacks(func(e *event.Event) []string {
		named++
		return []string{"main", fmt.Sprintf("f%d", e.Stack.PCs[0])}
	})
	const extra = 10
	for i := range MaxStacks + extra {
		e := ev(10, 10, "read", "/d/a", 1e9, 1e9+100, 1, 1)
		e.Stack = &event.Stack{PCs: []uint64{uint64(i)}}
		a.Add(e)
	}
	e := ev(10, 10, "read", "/d/a", 1e9, 1e9+100, 1, 1)
	e.Stack = &event.Stack{PCs: []uint64{0}} // a stack seen first: no fold
	a.Add(e)
	a.Add(ev(10, 10, "write", "/d/b", 1e9, 1e9+100, 1, 1)) // no stack
	s := a.Snapshot(Filter{Stacks: true}, 0)
	if !s.StacksOn || s.StacksFolded != extra || len(s.Stacks) != MaxStacks+2 || named != MaxStacks+extra+1 {
		t.Fatalf("on %v, folded %d (want %d), %d groups (want %d), named %d", s.StacksOn, s.StacksFolded, extra,
			len(s.Stacks), MaxStacks+2, named)
	}
	byFrames := map[string]uint64{}
	for _, it := range s.Stacks {
		byFrames[fmt.Sprintf("%v %s", it.Stack, it.Syscall)] += it.Count
	}
	if byFrames["[(other)] read"] != extra || byFrames["[main f0] read"] != 2 || byFrames["[] write"] != 1 {
		t.Errorf("(other) %d, f0 %d, no stack %d; want %d 2 1", byFrames["[(other)] read"], byFrames["[main f0] read"],
			byFrames["[] write"], extra)
	}
	if w := a.Snapshot(Filter{Stacks: true, Syscall: "write"}, 0); len(w.Stacks) != 1 || w.Stacks[0].Stack != nil {
		t.Errorf("filtered to write: %+v", w.Stacks)
	}
	if n := a.Snapshot(Filter{}, 0); n.Stacks != nil || !n.StacksOn {
		t.Errorf("not asked for: %d groups, on %v", len(n.Stacks), n.StacksOn)
	}
	a.Reset(0)
	if r := a.Snapshot(Filter{Stacks: true}, 0); len(r.Stacks) != 0 || r.StacksFolded != 0 || !r.StacksOn {
		t.Errorf("after Reset: %d groups, %d folded, on %v", len(r.Stacks), r.StacksFolded, r.StacksOn)
	}
}

// Mappings are kept per process (an exec forgets them), and a recording
// started with stacks gets those known then and each one after.
func TestMappingsIntoRecording(t *testing.T) {
	a := New()
	m1 := recording.Mapping{Start: 0x1000, Limit: 0x2000, Path: "/bin/a"}
	m2 := recording.Mapping{Start: 0x3000, Limit: 0x4000, Path: "/bin/b"}
	a.Mapping(1, m1)
	a.Mapping(2, m1)
	a.Mapping(2, recording.Mapping{}) // exec
	if !slices.Equal(a.Mappings(1), []recording.Mapping{m1}) || a.Mappings(2) != nil {
		t.Fatalf("mappings %v %v", a.Mappings(1), a.Mappings(2))
	}
	path := t.TempDir() + "/r.ior.zst"
	if err := a.StartRecording(path, recording.Header{Name: "t", Stacks: true}, recording.Stats{}, recording.TraceFilters{}); err != nil {
		t.Fatal(err)
	}
	a.Mapping(1, m2)
	e := ev(1, 1, "read", "/x", 1e9, 1e9+1, 1, 1)
	e.Stack = &event.Stack{PCs: []uint64{0x1100}}
	a.Observe(e, true)
	if _, err := a.StopRecording(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
	rec, err := recording.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.Mappings[1]; !slices.Equal(got, []recording.Mapping{m1, m2}) {
		t.Errorf("recorded mappings of 1: %v, want %v", got, []recording.Mapping{m1, m2})
	}
	if len(rec.Events) != 1 || rec.Events[0].Stack == nil {
		t.Errorf("recorded events %+v", rec.Events)
	}
}
