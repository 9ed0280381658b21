package recording

import (
	"bytes"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// A summary keeps SummaryGroups groups by name and sums the others by
// syscall under OtherPath: totals and per-syscall counts stay exact.
func TestSummaryFoldsPastBound(t *testing.T) {
	const n = SummaryGroups + 5000
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		sc := []string{"read", "write"}[i%2]
		ev := event.Event{Syscall: sc, PID: 1, TID: uint32(10 + i), Comm: "w", EnterNs: uint64(i), ExitNs: uint64(i) + 7, Ret: 1, Bytes: 1, FD: 3, FD2: -1, Path: "/f"}
		w.Write(&ev)
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSummary(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]uint64{}
	other := 0
	for _, a := range s.Aggregates {
		calls[a.Syscall] += a.Count
		if a.Path == OtherPath {
			other++
			if a.Hist.Count() != a.Count {
				t.Errorf("fold group %+v", a)
			}
		}
	}
	if len(s.Aggregates) != SummaryGroups+other || other < 1 || s.Folded != n-SummaryGroups ||
		calls["read"] != n/2 || calls["write"] != n/2 {
		t.Errorf("%d aggregates (%d folded groups, %d folded), calls %v", len(s.Aggregates), other, s.Folded, calls)
	}
}
