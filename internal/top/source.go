package top

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/tracer"
	"golang.org/x/sys/unix"
)

// Source is where the screens' numbers come from: a live session, or a
// recording played back (Player).
type Source interface {
	Snapshot(f live.Filter) *live.Snapshot
	Status() Status
	// SetMinDuration counts, from now on (live) or again (a
	// recording), only calls at least this long.
	SetMinDuration(ns uint64)
	// Record starts or stops writing a recording; it returns what the
	// status line says.
	Record() string
}

// Status is the header line's facts.
type Status struct {
	Title   string // the target, or the recording's name
	StartNs uint64 // CLOCK_MONOTONIC the stream's times count from
	Lost    uint64 // events the kernel side lost
	// NotRecorded: the other records lost (recording.Stats.NotRecorded:
	// names, exec/fork/exit, process records ...); "": none.
	NotRecorded string
	Recording   string // path being recorded to ("": none)
	RecErr      error
	Ended       bool   // the target exited: the numbers are final
	EndNote     string // why it ended, with its exit status
	// Other: calls to syscalls ior does not record, by number (nil:
	// not counted, as in a recording).
	Other map[int]uint64
}

// liveSource is a running session's aggregator.
type liveSource struct {
	agg     *live.Aggregator
	title   string
	mu      sync.Mutex
	k       *tracer.Kernel // the kernel's counters; nil once over
	oc      *probe.OtherCalls
	final   recording.Stats
	other   map[int]uint64
	read    time.Time // when the counters were last read
	ended   bool
	note    string
	hdr     recording.Header       // template of an R recording's header
	filters recording.TraceFilters // the session's trace-time filters
}

func monoNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}

func (s *liveSource) Snapshot(f live.Filter) *live.Snapshot {
	s.mu.Lock()
	ended := s.ended
	s.mu.Unlock()
	now := monoNow()
	if ended {
		now = 0 // the series stops at the last event
	}
	return s.agg.Snapshot(f, now)
}

// kernelStats reads the kernel's counters, at most once per kernelRead
// unless fresh ones are needed (a recording's trailer).
func (s *liveSource) kernelStats(fresh bool) recording.Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended || s.k == nil || !fresh && time.Since(s.read) < kernelRead {
		return s.final
	}
	s.read = time.Now()
	if st, err := s.k.Stats(); err == nil {
		s.final = st
	}
	s.readOther()
	return s.final
}

// kernelRead: the other_calls map is 512 per-CPU look-ups.
const kernelRead = time.Second

func (s *liveSource) Status() Status {
	st := s.kernelStats(false)
	path, err := s.agg.Recording()
	s.mu.Lock()
	defer s.mu.Unlock()
	return Status{Title: s.title, StartNs: s.hdr.StartMonoNs, Lost: st.Lost(), NotRecorded: st.NotRecorded(), Recording: path, RecErr: err, Ended: s.ended, EndNote: s.note, Other: s.other}
}

func (s *liveSource) readOther() {
	if s.oc == nil {
		return
	}
	if o, err := s.oc.Read(); err == nil {
		s.other = o
	}
}

// attached keeps the kernel's counters to read while the session runs.
func (s *liveSource) attached(k tracer.Kernel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.k = &k
	var err error
	if s.oc, err = k.OtherCalls(); err == nil {
		s.other = map[int]uint64{}
	} // else nil: the tab says they are not counted
}

// end freezes the source with the session's final counters.
func (s *liveSource) end(st recording.Stats, note string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended, s.final, s.k, s.note = true, st, nil, note
	s.readOther() // the probes are detached: these are the final counts
	if s.oc != nil {
		s.oc.Close()
		s.oc = nil
	}
}

func (s *liveSource) SetMinDuration(ns uint64) { s.agg.Reset(ns) }

func (s *liveSource) Record() string {
	if path, _ := s.agg.Recording(); path != "" {
		path, err := s.agg.StopRecording(s.kernelStats(true))
		if err != nil {
			return fmt.Sprintf("recording %s: %v", path, err)
		}
		return "recorded " + path
	}
	s.mu.Lock()
	ended := s.ended
	s.mu.Unlock()
	if ended {
		return "tracing has ended: nothing more to record"
	}
	h := s.hdr
	h.Start, h.StartMonoNs = time.Now(), monoNow()
	host, _ := os.Hostname()
	path := fmt.Sprintf("%s-top-%s.ior.zst", host, h.Start.Format("20060102-150405"))
	if err := s.agg.StartRecording(path, h, s.kernelStats(true), s.filters); err != nil {
		return "R: " + err.Error()
	}
	return "recording to " + path + " (R stops)"
}

// stopRecording completes a recording still on when the dashboard quits.
func (s *liveSource) stopRecording() (string, error) { return s.agg.StopRecording(s.kernelStats(true)) }
