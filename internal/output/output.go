// Package output writes events for people and programs: strace-like
// lines, CSV and JSON lines. Live tracing and `ior events` both come here,
// and pick a format by name in one place (New).
package output

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Formats are the per-event formats, by name.
var Formats = []string{"human", "csv", "json"}

// Writer writes events; Flush pushes out what is buffered.
type Writer interface {
	Write(ev *event.Event) error
	Flush() error
}

// Options tune the human format.
type Options struct {
	StartNs      uint64 // CLOCK_MONOTONIC that relative times count from
	Time         string // "": relative seconds; "t": wall clock; "tt": with microseconds
	WallOffsetNs int64  // wall clock (Unix ns) minus CLOCK_MONOTONIC
}

// Times are the choices of Options.Time.
var Times = []string{"", "t", "tt"}

// New returns a writer of the named format on w. startNs (CLOCK_MONOTONIC)
// is where the human format's relative times count from.
func New(format string, w io.Writer, startNs uint64) (Writer, error) {
	return NewWith(format, w, Options{StartNs: startNs})
}

// NewLive returns a writer for live tracing with wall-clock times
// (timestamps "t" or "tt"), the clocks' offset read now.
func NewLive(format string, w io.Writer, timestamps string) (Writer, error) {
	var mono, real unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &mono)
	unix.ClockGettime(unix.CLOCK_REALTIME, &real)
	return NewWith(format, w, Options{Time: timestamps, WallOffsetNs: real.Nano() - mono.Nano()})
}

// NewWith returns a writer of the named format on w.
func NewWith(format string, w io.Writer, o Options) (Writer, error) {
	if !slices.Contains(Times, o.Time) {
		return nil, fmt.Errorf("unknown timestamp style %q", o.Time)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "human":
		return &human{w: bw, opt: o}, nil
	case "csv":
		return newCSV(bw), nil
	case "json":
		return &jsonLines{w: bw}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (choose from %s)", format, strings.Join(Formats, ", "))
}
