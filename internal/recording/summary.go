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
	// Folded counts the aggregates (or, rebuilt from events, the events)
	// past the first SummaryGroups groups, summed under OtherPath.
	Folded uint64
	// Containers: the events by their process's namespaces and cgroup,
	// when the process table (version 5) holds more than one; else nil.
	Containers []Container
}

// ReadSummary reads a recording's header, aggregates and stats, streaming
// past the events without keeping them, and keeps at most SummaryGroups
// groups by name (see collector): its memory is bounded whatever the
// file holds. For a recording whose aggregates could not be written
// (Stats.NoAggregates), for a cut one (see CutError: its Stats then say
// only how many events were read and, in Incomplete, where it was cut),
// and for version 1, whose aggregates have no errno and no histogram, it
// reads r again from the start and sums the events itself, within the
// same bounds.
func ReadSummary(r io.ReadSeeker) (*Summary, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rd.skipEvents = true
	c := newCollector()
	rd.onAgg = c.add
	s := &Summary{Header: rd.Header}
	if err := rd.Next(nil); err == io.EOF {
		s.Stats = rd.Stats()
	} else if cut, ok := AsCut(err); ok {
		s.Stats = Stats{Events: cut.Events, Incomplete: cut.Reason(), NoAggregates: true}
	} else {
		return nil, err
	}
	if len(rd.contexts) > 1 {
		// Processes in more than one place: the events again, summed by
		// the place each ran in (aggregates keep no process context).
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		if s.Containers, err = sumContainers(r); err != nil {
			return nil, err
		}
	}
	if !s.Stats.NoAggregates && rd.Version >= 2 {
		s.Aggregates, s.Folded = c.aggs, c.folded
		return s, nil
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if c, err = sumEvents(r); err != nil {
		return nil, err
	}
	s.Aggregates, s.Folded = c.aggs, c.folded
	return s, nil
}

// sumEvents rebuilds aggregates from the events, up to a cut.
func sumEvents(r io.Reader) (*collector, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rd.DropAggregates()
	c := newCollector()
	var ev event.Event
	for {
		err := rd.Next(&ev)
		if _, cut := AsCut(err); err == io.EOF || cut {
			break
		}
		if err != nil {
			return nil, err
		}
		c.addEvent(&ev)
	}
	return c, nil
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
