package tracer

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// StatusEvery is how often the status line is redrawn.
const StatusEvery = time.Second

// statusLine is the one line of progress ior keeps at the bottom of a
// terminal while it traces: events, rate, lost, filtered out, recording
// bytes, elapsed. Every other message of ior's goes through Write, which
// clears the line first, so the two never share a line.
type statusLine struct {
	mu     sync.Mutex
	term   io.Writer
	drawn  bool
	events atomic.Uint64 // seen by the pipeline, kept or not
}

// wantStatus: only on a terminal, and only where nothing else writes to
// that terminal while ior runs: live events going to a terminal would
// interleave with it, and so would a COMMAND, whose stderr is ior's.
func wantStatus(cfg *Config) bool {
	if len(cfg.Command) > 0 || !isTerminal(cfg.Stderr) {
		return false
	}
	return cfg.Live == "" || !isTerminal(cfg.Stdout)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

func (s *statusLine) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
	return s.term.Write(p)
}

func (s *statusLine) clearLocked() {
	if s.drawn {
		io.WriteString(s.term, "\r\x1b[K")
		s.drawn = false
	}
}

func (s *statusLine) clear() {
	s.mu.Lock()
	s.clearLocked()
	s.mu.Unlock()
}

func (s *statusLine) draw(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	io.WriteString(s.term, "\r\x1b[K"+text)
	s.drawn = true
}

// watchStatus redraws the status line until quit.
func (s *session) watchStatus(quit <-chan struct{}) {
	st := s.status
	t := time.NewTicker(StatusEvery)
	defer t.Stop()
	defer st.clear()
	var last uint64
	lastAt := time.Now()
	for {
		select {
		case <-quit:
			return
		case <-t.C:
		}
		now := time.Now()
		n := st.events.Load()
		rate := float64(n-last) / now.Sub(lastAt).Seconds()
		last, lastAt = n, now
		var lost recording.Stats
		if ks, err := s.probe.Stats(); err == nil {
			lost = statsOf(ks)
		}
		rec := int64(-1)
		if s.recPath != "" {
			if fi, err := os.Stat(s.recPath); err == nil {
				rec = fi.Size()
			}
		}
		st.draw(statusText(n, rate, lost, rec, now.Sub(s.start)))
	}
}

// statusText is the status line's text; rec < 0: no recording. Events
// lost (lost.Lost()) and, apart, the names and process records the
// ring buffer had no room for.
func statusText(events uint64, rate float64, lost recording.Stats, rec int64, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ior: %d events, %s/s, %d lost", events, si(rate), lost.Lost())
	if lost.LostNames > 0 {
		fmt.Fprintf(&b, ", %d names not recorded", lost.LostNames)
	}
	if n := lost.LostTasks + lost.LostProcs; n > 0 {
		fmt.Fprintf(&b, ", %d process records not recorded", n)
	}
	if rec >= 0 {
		fmt.Fprintf(&b, ", recording %sB", si(float64(rec)))
	}
	e := elapsed.Round(time.Second)
	fmt.Fprintf(&b, ", %d:%02d:%02d", int(e.Hours()), int(e.Minutes())%60, int(e.Seconds())%60)
	return b.String()
}

// si writes v with a k, M or G suffix, three significant digits.
func si(v float64) string {
	for _, u := range []struct {
		div    float64
		suffix string
	}{{1e9, "G"}, {1e6, "M"}, {1e3, "k"}} {
		if v >= u.div {
			return fmt.Sprintf("%.3g%s", v/u.div, u.suffix)
		}
	}
	return fmt.Sprintf("%.0f", v)
}

// filterDrops counts, per trace-time filter, the events it left out;
// an event several filters leave out counts for each of them.
type filterDrops struct {
	one   []recording.TraceFilters // each filter on its own
	n     []uint64
	total uint64 // events left out, by one filter or more
}

func newFilterDrops(f *recording.TraceFilters) *filterDrops {
	d := &filterDrops{}
	if f.Failed {
		d.one = append(d.one, recording.TraceFilters{Failed: true})
	}
	if f.MinDurationNs > 0 {
		d.one = append(d.one, recording.TraceFilters{MinDurationNs: f.MinDurationNs})
	}
	if f.PathPrefix != "" {
		d.one = append(d.one, recording.TraceFilters{PathPrefix: f.PathPrefix})
	}
	if len(f.ExcludeSyscalls) > 0 {
		d.one = append(d.one, recording.TraceFilters{ExcludeSyscalls: f.ExcludeSyscalls})
	}
	d.n = make([]uint64, len(d.one))
	return d
}

func (d *filterDrops) add(ev *event.Event) {
	d.total++
	for i := range d.one {
		if !d.one[i].Keep(ev) {
			d.n[i]++
		}
	}
}

// String says what each filter left out: "-failed 10, -min-duration 1ms 7".
func (d *filterDrops) String() string {
	parts := make([]string, len(d.one))
	for i := range d.one {
		parts[i] = fmt.Sprintf("%s: %d", d.one[i], d.n[i])
	}
	return strings.Join(parts, ", ")
}
