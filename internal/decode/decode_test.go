package decode

import (
	"fmt"
	"testing"
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
