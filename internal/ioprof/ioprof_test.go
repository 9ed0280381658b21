package ioprof

import (
	"bytes"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/pprof/profile"
	"github.com/ior-tracer/ior/internal/addrspace"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

//go:noinline
func loadIndex() int { return len(os.Args) }

// recordOwnStack writes a recording whose one process is this test: its
// mappings read from /proc (as for a process that ran before attach),
// two reads whose stack is loadIndex's address (as a return address
// into it), and a read without a stack.
func recordOwnStack(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := recording.NewWriter(&buf, recording.Header{Name: "t", Stacks: true})
	if err != nil {
		t.Fatal(err)
	}
	pid := uint32(os.Getpid())
	if err := addrspace.New(w.Mapping).Snapshot(pid); err != nil {
		t.Fatal(err)
	}
	st := &event.Stack{PCs: []uint64{uint64(reflect.ValueOf(loadIndex).Pointer()) + 2}}
	for _, ev := range []event.Event{
		{Syscall: "read", PID: pid, TID: pid, Comm: "t", Path: "/data/index", Bytes: 100, Ret: 100, ExitNs: 7, Stack: st},
		{Syscall: "read", PID: pid, TID: pid, Comm: "t", Path: "/data/index", Bytes: 50, Ret: 50, ExitNs: 3, Stack: st},
		{Syscall: "read", PID: pid, TID: pid, Comm: "t", Path: "/data/log", Bytes: 1, Ret: 1},
	} {
		w.Write(&ev)
	}
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The profile names this test's own function from its pclntab, through
// the mapping /proc gave, weighs it in calls, bytes and time, labels its
// file and syscall, and keeps calls without a stack under "[no stack]".
func TestProfileNamesOwnFunction(t *testing.T) {
	rd, err := recording.NewReader(bytes.NewReader(recordOwnStack(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	p, err := Build(rd, "bytes", symbolize.New())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	if p, err = profile.Parse(&b); err != nil {
		t.Fatal(err)
	}
	if p.DefaultSampleType != "bytes" || len(p.SampleType) != 3 {
		t.Errorf("sample types %v, default %q", p.SampleType, p.DefaultSampleType)
	}
	got := map[string][]int64{}
	for _, s := range p.Sample {
		var fns []string
		for _, l := range s.Location {
			for _, ln := range l.Line {
				fns = append(fns, ln.Function.Name)
			}
		}
		got[strings.Join(fns, ";")+" "+s.Label["file"][0]+" "+s.Label["syscall"][0]] = s.Value
	}
	want := map[string][]int64{
		"github.com/ior-tracer/ior/internal/ioprof.loadIndex /data/index read": {2, 150, 10},
		NoStack + " /data/log read": {1, 1, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("samples %v, want %v", got, want)
	}
	for _, l := range p.Location {
		if l.Mapping == nil && len(l.Line) > 0 && l.Line[0].Function.Name != NoStack {
			t.Errorf("location %#x has no mapping", l.Address)
		}
		if l.Mapping != nil && !strings.HasSuffix(l.Mapping.File, ".test") {
			t.Errorf("location %#x in %s, want this test binary", l.Address, l.Mapping.File)
		}
	}
}

// Flamegraphs by stack: the "stack" field puts the symbolized stack,
// outermost first, where it stands among the fields.
func TestItemsByStack(t *testing.T) {
	rd, err := recording.NewReader(bytes.NewReader(recordOwnStack(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	items, err := Items(rd, symbolize.New())
	if err != nil {
		t.Fatal(err)
	}
	stacks, err := flame.StacksOf(items, flame.Options{Fields: []string{"stack", "syscall"}, Weight: "bytes"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range stacks {
		got = append(got, strings.Join(s.Frames, ";")+" "+strconv.FormatUint(s.Weight, 10))
	}
	want := []string{NoStack + ";read 1", "github.com/ior-tracer/ior/internal/ioprof.loadIndex;read 150"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stacks %q, want %q", got, want)
	}
}
