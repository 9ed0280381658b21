package recording

import (
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

func TestTraceFilters(t *testing.T) {
	ev := event.Event{Syscall: "read", Path: "/data/x", Path2: "", EnterNs: 0, ExitNs: 5000, Ret: 10}
	for _, c := range []struct {
		f    TraceFilters
		keep bool
	}{
		{TraceFilters{}, true},
		{TraceFilters{Failed: true}, false},
		{TraceFilters{MinDurationNs: 5000}, true},
		{TraceFilters{MinDurationNs: 5001}, false},
		{TraceFilters{PathPrefix: "/data/"}, true},
		{TraceFilters{PathPrefix: "/etc"}, false},
		{TraceFilters{ExcludeSyscalls: []string{"write", "read"}}, false},
		{TraceFilters{ExcludeSyscalls: []string{"write"}}, true},
	} {
		if c.f.Keep(&ev) != c.keep {
			t.Errorf("%s: keep %v, want %v", c.f, !c.keep, c.keep)
		}
	}
	ev.Ret = -2
	f := TraceFilters{Failed: true, MinDurationNs: 1000, PathPrefix: "/data", ExcludeSyscalls: []string{"write"}}
	if !f.Keep(&ev) || f.String() != `-failed -min-duration 1µs -path "/data" -exclude-syscalls write` {
		t.Errorf("%s does not keep a failed read", f)
	}
}
