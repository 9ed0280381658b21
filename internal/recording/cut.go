package recording

import (
	"errors"
	"fmt"
	"io"

	"github.com/ior-tracer/ior/internal/event"
)

// A recording is cut when its file ends before the trailer: ior was
// killed (SIGKILL, a crash, the machine went down) or the file was
// truncated. Everything before the cut is valid: the writer ends a zstd
// frame at least once a second (FlushInterval), so a killed ior leaves
// every event up to the last second. Readers stop at the cut with a
// *CutError; the offline commands print what was read, warn, and exit 0.

// CutError says where a recording ends early: after its record Records,
// the last one read whole, and the Events events before it.
type CutError struct {
	Records uint64
	Events  uint64
}

func (e *CutError) Error() string {
	return fmt.Sprintf("%v: %s", ErrFormat, e.Reason())
}

// Reason is the cut in a few words, as a trailer's incomplete says why.
func (e *CutError) Reason() string {
	return fmt.Sprintf("cut after record %d, before the trailer", e.Records)
}

// Stats are what a cut recording says of itself: the events before the
// cut, and the cut as the reason it is incomplete (no trailer: nothing
// else is known).
func (e *CutError) Stats() Stats { return Stats{Events: e.Events, Incomplete: e.Reason()} }

// Is makes a cut an ErrFormat for callers that want a whole recording.
func (e *CutError) Is(target error) bool { return target == ErrFormat }

// AsCut reports whether err is a cut, and where.
func AsCut(err error) (*CutError, bool) {
	var c *CutError
	ok := errors.As(err, &c)
	return c, ok
}

// cut is the error for a stream that ended; complete says whether the
// current record was read whole.
func (r *Reader) cut(complete bool) error {
	n := r.records
	if !complete && n > 0 {
		n--
	}
	return &CutError{Records: n, Events: r.events}
}

// Each calls fn with every event, in order, until the end (nil), a cut
// (its *CutError, after fn has seen every event before it: callers show
// what was read and warn), another error, or fn's own error. ev is
// reused from call to call.
func (r *Reader) Each(fn func(ev *event.Event) error) error {
	var ev event.Event
	for {
		if err := r.Next(&ev); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if err := fn(&ev); err != nil {
			return err
		}
	}
}
