package top

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/ioprof"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// Player shows a recording through the same aggregator as a live
// session, up to a time cursor: the events that exited in (From, At],
// read in the recording's order up to the first one past At (the ring
// buffer's order, which is the exit order but for events of different
// CPUs a few microseconds apart). Moving the cursor back reads the
// recording again from its start; forward, it reads on.
type Player struct {
	path    string
	sym     *symbolize.Symbolizer // names the stacks (recorded with -stacks)
	hdr     recording.Header
	stats   recording.Stats
	agg     *live.Aggregator
	rd      *recording.Reader
	f       *os.File
	pending *event.Event // the first event past At, not yet counted
	done    bool
	// First and Last are the recording's first entry and last exit.
	First, Last uint64
	At, From    uint64 // the cursor, and the range's start (0: none)
	minDur      uint64
	Playing     bool
	Speed       float64
	err         error
}

// OpenPlayer reads the recording once for its span, then shows it whole.
func OpenPlayer(path string) (*Player, error) { return openPlayer(path, symbolize.New()) }

func openPlayer(path string, sym *symbolize.Symbolizer) (*Player, error) {
	p := &Player{path: path, sym: sym, Speed: 1}
	if err := p.scan(); err != nil {
		return nil, err
	}
	p.At = p.Last
	if err := p.rewind(); err != nil {
		return nil, err
	}
	p.advance()
	return p, p.err
}

// scan finds the recording's span and its trailer. A recording cut
// short (ior killed) is shown up to the cut, and says so, as ior events
// and export do.
func (p *Player) scan() error {
	f, err := os.Open(p.path)
	if err != nil {
		return err
	}
	defer f.Close()
	rd, err := recording.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", p.path, err)
	}
	defer rd.Close()
	p.hdr = rd.Header
	err = rd.Each(func(ev *event.Event) error {
		if p.First == 0 || ev.EnterNs < p.First {
			p.First = ev.EnterNs
		}
		p.Last = max(p.Last, ev.ExitNs)
		return nil
	})
	if c, ok := recording.AsCut(err); ok {
		p.stats = c.Stats()
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", p.path, err)
	}
	p.stats = rd.Stats()
	return nil
}

func (p *Player) rewind() error {
	p.close()
	f, err := os.Open(p.path)
	if err != nil {
		return err
	}
	rd, err := recording.NewReader(f)
	if err != nil {
		f.Close()
		return err
	}
	p.f, p.rd, p.pending, p.done = f, rd, nil, false
	if p.agg == nil {
		p.agg = live.New()
		if p.hdr.Stacks {
			// Named as of the mappings the recording had when it
			// came to the event (the reader's at the time of Add).
			names := ioprof.NewNamer(p.sym)
			p.agg.SetStacks(func(ev *event.Event) []string {
				return names.Names(p.rd.Mappings(ev.PID), ev.PID, ev.Stack)
			})
		}
	}
	p.agg.Reset(p.minDur)
	return nil
}

func (p *Player) close() {
	if p.rd != nil {
		p.rd.Close()
		p.f.Close()
		p.rd, p.f = nil, nil
	}
}

// errPastCursor stops reading at the first event past the cursor.
var errPastCursor = errors.New("past the cursor")

// advance counts events up to the cursor; the first one past it waits
// in pending for the cursor to move on. The recording's end, or its cut
// (which scan noted), ends it.
func (p *Player) advance() {
	if p.done {
		return
	}
	count := func(ev *event.Event) bool { // false: past the cursor
		if ev.ExitNs > p.At {
			return false
		}
		if ev.ExitNs > p.From {
			p.agg.Add(ev)
		}
		return true
	}
	if ev := p.pending; ev != nil {
		if !count(ev) {
			return
		}
		p.pending = nil
	}
	err := p.rd.Each(func(ev *event.Event) error {
		if count(ev) {
			return nil
		}
		p.pending = new(event.Event)
		*p.pending = *ev // Each reuses ev
		return errPastCursor
	})
	if err == errPastCursor {
		return
	}
	p.done = true
	if _, cut := recording.AsCut(err); !cut {
		p.err = err // nil at the end
	}
}

// Seek moves the cursor to at (clamped to the recording's span).
func (p *Player) Seek(at uint64) {
	at = min(max(at, p.First), p.Last)
	back := at < p.At
	p.At = at
	if p.From >= p.At {
		p.From = 0
	}
	if back {
		if p.err = p.rewind(); p.err != nil {
			return
		}
	}
	p.advance()
}

// Step moves the cursor by d (negative: back).
func (p *Player) Step(d time.Duration) {
	at := int64(p.At) + int64(d)
	p.Seek(uint64(max(at, 0)))
}

// Mark starts the range at the cursor (again: no range).
func (p *Player) Mark() {
	if p.From != 0 {
		p.From = 0
	} else {
		p.From = p.At
	}
	p.rewind()
	p.advance()
}

// Tick plays on by d of wall time.
func (p *Player) Tick(d time.Duration) {
	if !p.Playing {
		return
	}
	p.Step(time.Duration(float64(d) * p.Speed))
	if p.At >= p.Last {
		p.Playing = false
	}
}

func (p *Player) Snapshot(f live.Filter) *live.Snapshot { return p.agg.Snapshot(f, p.At) }

func (p *Player) Status() Status {
	st := Status{Title: p.path + " (" + p.hdr.Name + ")", StartNs: p.hdr.StartMonoNs, Lost: p.stats.Lost(), NotRecorded: p.stats.NotRecorded(), Ended: true}
	if p.stats.Incomplete != "" {
		st.EndNote = "incomplete: " + p.stats.Incomplete
	}
	if p.err != nil {
		st.EndNote = p.err.Error()
	}
	return st
}

func (p *Player) SetMinDuration(ns uint64) {
	p.minDur = ns
	p.rewind()
	p.advance()
}

func (p *Player) Record() string { return "R records a live session; this is a recording already" }

// Cursor says where the cursor is, relative to the recording's start.
func (p *Player) Cursor() string {
	rel := func(ns uint64) string { return fmt.Sprintf("%.3fs", float64(ns-min(ns, p.First))/1e9) }
	s := "at " + rel(p.At) + " of " + rel(p.Last)
	if p.From != 0 {
		s = "range " + rel(p.From) + ".." + rel(p.At) + " of " + rel(p.Last)
	}
	if p.Playing {
		s += fmt.Sprintf(" playing %gx", p.Speed)
	}
	return s
}
