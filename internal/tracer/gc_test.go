package tracer

import (
	"runtime/debug"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/probe"
)

// gcPercent returns the current GC percent without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

func TestLateGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	t0 := time.Unix(1000, 0)
	for _, tc := range []struct {
		name    string
		records []uint64 // at each look, PollInterval apart
		on      int      // the look after which it is restored; -1: never
	}{
		{"burst then lull", []uint64{10, 500, 9000, 9000}, 3},
		{"no records: a lull at once", []uint64{0}, 0},
		{"busy past the bound", []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22}, 20},
		{"busy within the bound", []uint64{1, 2, 3}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(-1)
			g := &lateGC{percent: 77, by: t0.Add(gcLateMax)}
			for i, n := range tc.records {
				g.look(n, t0.Add(time.Duration(i)*probe.PollInterval))
				want := -1
				if tc.on >= 0 && i >= tc.on {
					want = 77
				}
				if got := gcPercent(); got != want {
					t.Fatalf("after look %d (%d records): GC percent %d, want %d", i, n, got, want)
				}
			}
			g.restore()
			if got := gcPercent(); got != 77 {
				t.Fatalf("after restore: GC percent %d, want 77", got)
			}
		})
	}
}
