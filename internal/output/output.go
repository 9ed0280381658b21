// Package output writes events for people and programs: strace-like
// lines, CSV and JSON lines. Live tracing and `ior events` both come here,
// and pick a format by name in one place (New).
package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
)

// Formats are the per-event formats, by name.
var Formats = []string{"human", "csv", "json"}

// Writer writes events; Flush pushes out what is buffered.
type Writer interface {
	Write(ev *event.Event) error
	Flush() error
}

// New returns a writer of the named format on w. startNs (CLOCK_MONOTONIC)
// is where the human format's relative times count from.
func New(format string, w io.Writer, startNs uint64) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "human":
		return &human{w: bw, start: startNs}, nil
	case "csv":
		return newCSV(bw), nil
	case "json":
		return &jsonLines{w: bw}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (choose from %s)", format, strings.Join(Formats, ", "))
}
