package recording

import (
	"fmt"
	"io"
	"os"

	"github.com/ior-tracer/ior/internal/event"
)

// Recording is a whole recording in memory.
type Recording struct {
	Header     Header
	Events     []event.Event
	Aggregates []Aggregate
	Stats      Stats
	// Mappings: each process's mappings at the end (version 4, -stacks).
	Mappings map[uint32][]Mapping
}

// Read reads a whole recording from r, events and all: for tests and
// small recordings. Tools use ReadSummary or a Reader, whose memory does
// not grow with the number of events.
func Read(r io.Reader) (*Recording, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rec := &Recording{Header: rd.Header}
	for {
		var ev event.Event
		err := rd.Next(&ev)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rec.Events = append(rec.Events, ev)
	}
	rec.Aggregates, rec.Stats = rd.Aggregates(), rd.Stats()
	rec.Mappings = rd.mappings
	return rec, nil
}

// ReadFile reads a whole recording file; see Read.
func ReadFile(path string) (*Recording, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rec, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}
