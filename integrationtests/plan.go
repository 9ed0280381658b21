package integrationtests

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// The original plan's assertions: loose checks over a whole recording.
// The table's steps (expectations.go) are the exact ones.

// ExpectedEvent describes events that must be present, loosely (the
// original plan's checks; the table's steps are the exact ones).
type ExpectedEvent struct {
	PathContains string
	// Tracepoint is the syscall, named as its tracepoint
	// ("sys_enter_openat") or as itself ("openat").
	Tracepoint string
	Comm       string
	MinCount   uint64 // 0 counts as 1
}

// matches reports whether ev is one of the events w describes.
func (w ExpectedEvent) matches(ev *event.Event) bool {
	sc := strings.TrimPrefix(strings.TrimPrefix(w.Tracepoint, "sys_enter_"), "sys_exit_")
	return (sc == "" || ev.Syscall == sc) && (w.Comm == "" || ev.Comm == w.Comm) &&
		strings.Contains(ev.Path, w.PathContains)
}

// countMatching counts the events w describes.
func countMatching(evs []event.Event, w ExpectedEvent) uint64 {
	var n uint64
	for i := range evs {
		if w.matches(&evs[i]) {
			n++
		}
	}
	return n
}

// AssertEventsPresent checks that each expectation matches at least
// MinCount (at least 1) events of the recording.
func AssertEventsPresent(t *testing.T, result *TestResult, expected []ExpectedEvent) {
	t.Helper()
	for _, w := range expected {
		if n, want := countMatching(result.Recording.Events, w), max(w.MinCount, 1); n < want {
			t.Errorf("%d events match %+v, want at least %d", n, w, want)
		}
	}
}

// AssertNoUnexpectedComm checks that every event of the recording comes
// from a task named comm: ior recorded nothing of other processes. An
// io_uring request submitted by a ring's SQ thread (SQPOLL) names that
// thread, iou-sqp-PID, of the process itself. Tasks named in also (a
// program the scenario execs) are expected too.
func AssertNoUnexpectedComm(t *testing.T, result *TestResult, comm string, also ...string) {
	t.Helper()
	bad := map[string]int{}
	for i := range result.Recording.Events {
		ev := &result.Recording.Events[i]
		if ev.Comm == comm || slices.Contains(also, ev.Comm) || ev.IsURing() && ev.Exec&event.ExecSQPoll != 0 && ev.Comm == fmt.Sprintf("iou-sqp-%d", ev.PID) {
			continue
		}
		bad[ev.Comm]++
	}
	if len(bad) > 0 {
		t.Errorf("events from unexpected tasks: %v (want only %s)", bad, comm)
	}
}
