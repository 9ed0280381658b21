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

// -path matches either view of a path: as passed and as the kernel
// resolved it.
func TestTraceFiltersPathViews(t *testing.T) {
	ev := event.Event{Syscall: "openat", Path: "/lib/x.so", File: "/usr/lib/x.so", Ret: 3}
	for _, c := range []struct {
		prefix string
		keep   bool
	}{{"/lib/", true}, {"/usr/lib/", true}, {"/usr/share/", false}} {
		if f := (TraceFilters{PathPrefix: c.prefix}); f.Keep(&ev) != c.keep {
			t.Errorf("-path %s: keep %v, want %v", c.prefix, !c.keep, c.keep)
		}
	}
	ev = event.Event{Syscall: "renameat2", Path: "/a/l/old", Path2: "/a/l/new", File2: "/a/real/new"}
	if f := (TraceFilters{PathPrefix: "/a/real/"}); !f.Keep(&ev) {
		t.Error("-path does not match file2")
	}
}
