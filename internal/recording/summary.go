package recording

import (
	"fmt"
	"io"
	"os"

	"github.com/ior-tracer/ior/internal/event"
)

// Summary is a recording without its events: what flamegraphs need.
type Summary struct {
	Header     Header
	Aggregates []Aggregate
	Stats      Stats
}

// ReadSummary reads a recording's header, aggregates and stats, streaming
// past the events without keeping them: its memory is bounded by the
// limits in format.go however many events the recording holds. For a
// recording whose aggregates could not be written (Stats.NoAggregates),
// for a cut one (see CutError: its Stats then say only how many events
// were read and, in Incomplete, where it was cut), and for version 1,
// whose aggregates have no errno and no histogram, it reads r again from
// the start and sums the events itself, within the writer's bounds.
func ReadSummary(r io.ReadSeeker) (*Summary, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rd.skipEvents = true
	s := &Summary{Header: rd.Header}
	if err := rd.Next(nil); err == io.EOF {
		s.Aggregates, s.Stats = rd.Aggregates(), rd.Stats()
	} else if c, ok := AsCut(err); ok {
		s.Stats = Stats{Events: c.Events, Incomplete: c.Reason(), NoAggregates: true}
	} else {
		return nil, err
	}
	if !s.Stats.NoAggregates && rd.Version >= 2 {
		return s, nil
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if s.Aggregates, err = sumEvents(r); err != nil {
		return nil, err
	}
	return s, nil
}

// sumEvents rebuilds aggregates from the events, within the writer's
// bounds.
func sumEvents(r io.Reader) ([]Aggregate, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	t := newAggTable()
	var ev event.Event
	for {
		err := rd.Next(&ev)
		if _, cut := AsCut(err); err == io.EOF || cut {
			break
		}
		if err != nil {
			return nil, err
		}
		t.add(&ev)
	}
	return t.list(), nil
}

// ReadSummaryFile reads a recording file's summary; see ReadSummary.
func ReadSummaryFile(path string) (*Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadSummary(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
