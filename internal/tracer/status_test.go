package tracer

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// Each trace-time filter's share of the events left out is counted, an
// event two filters leave out once for each, and said at the end.
func TestFilterDrops(t *testing.T) {
	f := recording.TraceFilters{Failed: true, MinDurationNs: 1000, ExcludeSyscalls: []string{"close"}}
	w, _ := recording.NewWriter(io.Discard, recording.Header{})
	p := pipeline{rec: w}
	p.configure(&Config{Filters: f})
	for _, ev := range []event.Event{
		{Syscall: "read", Ret: 1, EnterNs: 0, ExitNs: 10},       // ok and short: -failed, -min-duration
		{Syscall: "read", Ret: -2, EnterNs: 0, ExitNs: 10},      // failed and short: -min-duration
		{Syscall: "read", Ret: -2, EnterNs: 0, ExitNs: 5000},    // kept
		{Syscall: "close", Ret: -9, EnterNs: 0, ExitNs: 5000},   // -exclude-syscalls
		{Syscall: "openat", Ret: 3, EnterNs: 0, ExitNs: 50_000}, // -failed
	} {
		if err := p.emit(&ev); err != nil {
			t.Fatal(err)
		}
	}
	want := "-failed: 2, -min-duration 1µs: 2, -exclude-syscalls close: 1"
	if got := p.drops.String(); got != want || p.drops.total != 4 {
		t.Errorf("drops %q (%d in all), want %q (4)", got, p.drops.total, want)
	}
}

// The status line clears itself before anything else ior writes, so a
// message never lands after it on the same line.
func TestStatusLineClears(t *testing.T) {
	var term bytes.Buffer
	s := &statusLine{term: &term}
	s.draw("ior: 5 events")
	s.Write([]byte("ior: warning: x\n"))
	s.Write([]byte("ior: more\n"))
	s.draw("ior: 6 events")
	s.clear()
	want := "\r\x1b[Kior: 5 events\r\x1b[Kior: warning: x\nior: more\n\r\x1b[Kior: 6 events\r\x1b[K"
	if term.String() != want {
		t.Errorf("terminal got %q, want %q", term.String(), want)
	}
	got := statusText(123456, 12345.6, recording.Stats{LostRingbuf: 2, LostNames: 7, LostTasks: 1, LostProcs: 2}, 3<<20, 75*time.Second)
	for _, part := range []string{"123456 events", "12.3k/s", "2 lost", "7 names not recorded", "3 process records not recorded",
		"recording 3.15MB", "0:01:15"} {
		if !strings.Contains(got, part) {
			t.Errorf("status %q lacks %q", got, part)
		}
	}
	if strings.Contains(statusText(1, 1, recording.Stats{}, -1, time.Second), "recording") {
		t.Error("a status without a recording names one")
	}
}
