// Package export writes recordings as tables that other engines read:
// Parquet and CSV, one row per event, with the recording's host, name and
// start as columns so that a fleet's files can be queried together. The
// columns are event.Fields plus those in Extra; docs/export.md documents
// them. Export streams: memory does not grow with the number of events.
package export

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// SchemaVersion is the "version" column: it changes only when a column
// changes meaning or type (adding a column does not change it).
const SchemaVersion = 1

// Formats are the export formats.
var Formats = []string{"parquet", "csv"}

// Kind is a column's type.
type Kind uint8

const (
	Int64     Kind = iota // signed 64-bit integer
	Text                  // UTF-8 string
	Timestamp             // instant, ns since the Unix epoch, UTC
)

// Column is one column of the export.
type Column struct {
	Name string
	Kind Kind
	// value returns an Int64 or Timestamp column's number, or a Text
	// column's string.
	num func(r *Row) int64
	str func(r *Row) string
}

// Row is one event and the recording it came from.
type Row struct {
	Ev     *event.Event
	Header *recording.Header
	// wallOffset is the wall clock (Unix ns) minus CLOCK_MONOTONIC.
	wallOffset int64
}

// Time is when the call began, by the wall clock.
func (r *Row) Time() time.Time { return time.Unix(0, int64(r.Ev.EnterNs)+r.wallOffset).UTC() }

// Extra are the columns that are not event fields, first in CSV.
var Extra = []Column{
	{Name: "version", Kind: Int64, num: func(*Row) int64 { return SchemaVersion }},
	{Name: "host", Kind: Text, str: func(r *Row) string { return r.Header.Host }},
	{Name: "recording", Kind: Text, str: func(r *Row) string { return r.Header.Name }},
	{Name: "start", Kind: Timestamp, num: func(r *Row) int64 { return r.Header.Start.UnixNano() }},
	{Name: "time", Kind: Timestamp, num: func(r *Row) int64 { return int64(r.Ev.EnterNs) + r.wallOffset }},
}

// Columns are every column in order: Extra, then event.Fields. Numbers
// are int64 (unsigned fields keep their bits: a flags value above 2^63
// reads negative).
func Columns() []Column {
	cols := append([]Column(nil), Extra...)
	for i := range event.Fields {
		f := &event.Fields[i]
		if f.Str != nil {
			cols = append(cols, Column{Name: f.Name, Kind: Text, str: func(r *Row) string { return f.Str(r.Ev) }})
		} else {
			cols = append(cols, Column{Name: f.Name, Kind: Int64, num: func(r *Row) int64 { return int64(f.Num(r.Ev)) }})
		}
	}
	return cols
}

// text is a string column's value: valid UTF-8, each bad byte as U+FFFD
// (file names are bytes; engines want UTF-8 strings).
func text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Sink takes rows of one output file.
type Sink interface {
	Write(r *Row) error
	Close() error
}

// NewSink starts a file of the named format on w.
func NewSink(format string, w io.Writer) (Sink, error) {
	switch format {
	case "parquet":
		return newParquet(w), nil
	case "csv":
		return newCSV(w), nil
	}
	return nil, fmt.Errorf("unknown export format %q (choose from %s)", format, strings.Join(Formats, ", "))
}

// Copy streams one recording's events into s and returns its stats.
func Copy(s Sink, r io.Reader) (recording.Stats, error) {
	rd, err := recording.NewReader(r)
	if err != nil {
		return recording.Stats{}, err
	}
	defer rd.Close()
	rd.DropAggregates()
	row := Row{Header: &rd.Header, wallOffset: rd.Header.Start.UnixNano() - int64(rd.Header.StartMonoNs)}
	var wrote error // the sink's, not the recording's
	err = rd.Each(func(ev *event.Event) error {
		row.Ev = ev
		wrote = s.Write(&row)
		return wrote
	})
	c, cut := recording.AsCut(err)
	switch {
	case wrote != nil:
		return recording.Stats{}, wrote
	case cut: // the events before the cut are exported
		return c.Stats(), nil
	case err != nil:
		return recording.Stats{}, err
	}
	return rd.Stats(), nil
}
