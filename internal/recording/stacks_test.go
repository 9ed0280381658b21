package recording

import (
	"bytes"
	"io"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// Stacks are stored once: events naming the same frames share one 'K'
// record, and read back with their own stack; mappings read back per
// process, and an exec forgets the process's earlier ones.
func TestStackTableAndMappings(t *testing.T) {
	a := &event.Stack{PCs: []uint64{0x401234, 0x7f00deadbeef}}
	b := &event.Stack{PCs: []uint64{0x401999}}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "t", Stacks: true})
	if err != nil {
		t.Fatal(err)
	}
	exe := Mapping{Start: 0x400000, Limit: 0x402000, Offset: 0, Path: "/bin/x", BuildID: "abcd"}
	w.Mapping(7, exe)
	stacks := []*event.Stack{a, {PCs: append([]uint64(nil), a.PCs...)}, nil, b, a}
	for i, s := range stacks {
		w.Write(&event.Event{Syscall: "read", PID: 7, TID: 7, EnterNs: uint64(i), Stack: s})
	}
	w.Mapping(7, Mapping{}) // exec
	lib := Mapping{Start: 0x7f0000000000, Limit: 0x7f0000100000, Offset: 0x1000, Path: "/lib/y.so"}
	w.Mapping(7, lib)
	w.Write(&event.Event{Syscall: "read", PID: 7, TID: 7, EnterNs: 9, Stack: b})
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if !rd.Stacks() {
		t.Fatal("header: stacks not set")
	}
	var ev event.Event
	for i, want := range stacks {
		if err := rd.Next(&ev); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ev.Stack, want) {
			t.Errorf("event %d: stack %v, want %v", i, ev.Stack, want)
		}
		if got := rd.Mappings(7); !reflect.DeepEqual(got, []Mapping{exe}) {
			t.Errorf("event %d: mappings %v, want the exe's", i, got)
		}
	}
	if len(rd.stacks) != 2 {
		t.Errorf("the table holds %d stacks, want 2 (a and b, each once)", len(rd.stacks))
	}
	if err := rd.Next(&ev); err != nil {
		t.Fatal(err)
	}
	if got := rd.Mappings(7); !reflect.DeepEqual(got, []Mapping{lib}) {
		t.Errorf("after exec: mappings %v, want the library's alone", got)
	}
	if err := rd.Next(&ev); err != io.EOF {
		t.Fatalf("after the events: %v", err)
	}
}
