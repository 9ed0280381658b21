package decode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/probe"
)

// Task names are interned, within a bound: a program that renames its
// threads without end does not grow the tracer (a million names took
// 140 MB when every one was kept).
func TestCommsBounded(t *testing.T) {
	d := New()
	for i := 0; i < 100000; i++ {
		name := fmt.Sprintf("w%014d", i)
		if got := d.comm([]byte(name)); got != name {
			t.Fatalf("comm %q decoded as %q", name, got)
		}
	}
	if len(d.comms) > 4096 {
		t.Errorf("%d task names held", len(d.comms))
	}
}

// Each record's task name is its own, however the names alternate, and
// whatever its bytes after the NUL (compared whole first).
func TestCommPerRecord(t *testing.T) {
	d := New()
	var c Call
	for i, name := range []string{"a", "b", "b", "a", "abc", "a", "a\x00junk"} {
		r := probe.Raw{Kind: probe.KindSyscall, NR: 0, PID: 1, TID: 1}
		copy(r.Comm[:], name)
		d.Decode(&r, &c)
		want, _, _ := strings.Cut(name, "\x00")
		if c.Event.Comm != want {
			t.Errorf("record %d: comm %q, want %q", i, c.Event.Comm, want)
		}
	}
}
