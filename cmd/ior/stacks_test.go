package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// A stack whose files are not on this machine shows each address in its
// mapping (file+offset) with the build ID: what a recording from
// elsewhere can still tell. An address outside every mapping ends the
// frame pointer walk: one marker line, nothing after it.
func TestEventsStacksUnsymbolized(t *testing.T) {
	var buf bytes.Buffer
	w, err := recording.NewWriter(&buf, recording.Header{Name: "t", Stacks: true})
	if err != nil {
		t.Fatal(err)
	}
	w.Mapping(9, recording.Mapping{Start: 0x400000, Limit: 0x401000, Offset: 0x2000, Path: "/nonexistent/app", BuildID: "ab12"})
	w.Write(&event.Event{Syscall: "read", PID: 9, TID: 9, Comm: "app", FD: 3, FD2: -1, Ret: 1, Bytes: 1,
		Stack: &event.Stack{PCs: []uint64{0x400123, 0x7f0000000010, 0x400456}}})
	w.Write(&event.Event{Syscall: "close", PID: 9, TID: 9, Comm: "app", FD: 3, FD2: -1})
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := writeEvents(&out, &errOut, &buf, "t.ior.zst", "human", "", true); err != nil {
		t.Fatal(err)
	}
	var stackLines []string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "    ") {
			stackLines = append(stackLines, l)
		}
	}
	want := []string{
		"    #0  0x400123 app+0x2123 buildid=ab12",
		"    #1  [walk ended: unmapped 0x7f0000000010]",
		"    no stack (the kernel could not read it, or the stack table was full)",
	}
	if strings.Join(stackLines, "\n") != strings.Join(want, "\n") {
		t.Errorf("stack lines:\n%s\nwant:\n%s\n(all output:\n%s)", strings.Join(stackLines, "\n"), strings.Join(want, "\n"), out.String())
	}
}
