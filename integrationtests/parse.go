package integrationtests

import (
	"fmt"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// Marker names the workloads use to bracket a scenario.
const (
	BeginMarker = ".ior-begin"
	EndMarker   = ".ior-end"
)

// TestResult is a recording made assertable.
type TestResult struct {
	Recording *recording.Recording
	Dir       string
	// ScenarioTID is the thread that issued the begin marker.
	ScenarioTID uint32
	// Scenario: that thread's events strictly between the markers.
	Scenario []event.Event
	// Others: every event of another thread.
	Others []event.Event
	// Unsupported is the workload's message when the kernel lacks a
	// syscall the scenario needs.
	Unsupported string
}

func isMarker(ev *event.Event, name string) bool {
	return ev.Syscall == "faccessat" && strings.HasSuffix(ev.Path, "/"+name)
}

// ParseRecording reads a recording and splits out the scenario's events.
func ParseRecording(path, dir string) (*TestResult, error) {
	rec, err := recording.ReadFile(path)
	if err != nil {
		return nil, err
	}
	res := &TestResult{Recording: rec, Dir: dir}
	begin, end := -1, -1
	for i := range rec.Events {
		ev := &rec.Events[i]
		if begin < 0 && isMarker(ev, BeginMarker) {
			begin = i
			res.ScenarioTID = ev.TID
		} else if begin >= 0 && ev.TID == res.ScenarioTID && isMarker(ev, EndMarker) {
			end = i
			break
		}
	}
	if begin < 0 || end < 0 {
		return nil, fmt.Errorf("markers not found in %d events (begin at %d, end at %d)", len(rec.Events), begin, end)
	}
	for i := range rec.Events {
		ev := rec.Events[i]
		switch {
		case ev.TID != res.ScenarioTID:
			res.Others = append(res.Others, ev)
		case i > begin && i < end:
			res.Scenario = append(res.Scenario, ev)
		}
	}
	return res, nil
}
