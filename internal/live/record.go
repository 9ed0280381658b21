package live

import (
	"errors"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// recorder writes the events the aggregator is fed while it is on (the
// dashboard's R key).
type recorder struct {
	w    *recording.Writer
	path string
	err  error // the first write error: recording stops
	// lostAtStart: the session's lost count when the recording began,
	// so that the trailer counts only losses during it.
	lostAtStart recording.Stats
}

func (r *recorder) write(ev *event.Event) {
	if r.err != nil {
		return
	}
	r.err = r.w.Write(ev)
}

// ErrRecording says a recording is already on.
var ErrRecording = errors.New("a recording is already on")

// StartRecording writes every event counted from now on to path, until
// StopRecording. lost is the session's loss counters now; filters, the
// trace-time filters the events passed (named in the trailer).
func (a *Aggregator) StartRecording(path string, h recording.Header, lost recording.Stats, filters recording.TraceFilters) error {
	a.mu.Lock()
	on := a.rec != nil
	a.mu.Unlock()
	if on {
		return ErrRecording
	}
	w, err := recording.Create(path, h)
	if err != nil {
		return err
	}
	if filters.On() {
		w.Filter(filters)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if h.Stacks {
		// Under the same lock as a.rec is set: no mapping is missed.
		if err := a.writeMappings(w); err != nil {
			w.Close(recording.Stats{})
			return err
		}
	}
	a.rec = &recorder{w: w, path: path, lostAtStart: lost}
	return nil
}

// Recording is the path being recorded to ("" if none) and the first
// write error, if one stopped it.
func (a *Aggregator) Recording() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.rec == nil {
		return "", nil
	}
	return a.rec.path, a.rec.err
}

// StopRecording completes the recording; st is the session's counters
// now (the trailer gets what was lost while recording).
func (a *Aggregator) StopRecording(st recording.Stats) (string, error) {
	a.mu.Lock()
	r := a.rec
	a.rec = nil
	a.mu.Unlock()
	if r == nil {
		return "", nil
	}
	s0 := r.lostAtStart
	st = recording.Stats{LostRingbuf: st.LostRingbuf - s0.LostRingbuf, LostInflight: st.LostInflight - s0.LostInflight,
		PathsRetried: st.PathsRetried - s0.PathsRetried, PathsFaulted: st.PathsFaulted - s0.PathsFaulted,
		URingUnpaired: st.URingUnpaired - s0.URingUnpaired, LostNames: st.LostNames - s0.LostNames,
		LostTasks: st.LostTasks - s0.LostTasks, LostProcs: st.LostProcs - s0.LostProcs,
		LostNaming: st.LostNaming - s0.LostNaming, End: time.Now()}
	return r.path, errors.Join(r.err, r.w.Close(st))
}
