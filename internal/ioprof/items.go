package ioprof

import (
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

type itemKey struct {
	recording.AggKey
	stack *event.Stack // the reader's one copy per stack id
}

// Items groups rd's events by stack as well as by what an aggregate
// groups by, for the flamegraphs' "stack" field: each group's user stack
// named by a Namer.
func Items(rd *recording.Reader, sym *symbolize.Symbolizer) ([]flame.Item, error) {
	groups := map[itemKey]*flame.Item{}
	var order []itemKey
	names := NewNamer(sym)
	// A recording cut short: the items before the cut, and the cut.
	cut := rd.Each(func(ev *event.Event) error {
		if ev.IsExit() { // a process's end, not a call
			return nil
		}
		k := itemKey{recording.AggKey{Path: ev.Path, Comm: ev.Comm, Syscall: ev.Syscall, PID: ev.PID, TID: ev.TID,
			Errno: recording.Errno(ev.Ret)}, ev.Stack}
		it := groups[k]
		if it == nil {
			it = &flame.Item{Aggregate: recording.Aggregate{AggKey: k.AggKey}}
			if ev.Stack != nil {
				it.Stack = names.Names(rd.Mappings(ev.PID), ev.PID, ev.Stack)
			}
			groups[k] = it
			order = append(order, k)
		}
		d := ev.Duration()
		it.Count++
		it.DurationNs += d
		it.MaxNs = max(it.MaxNs, d)
		if ev.Bytes > 0 {
			it.Bytes += uint64(ev.Bytes)
		}
		it.Hist.Add(d)
		return nil
	})
	if _, ok := recording.AsCut(cut); cut != nil && !ok {
		return nil, cut
	}
	out := make([]flame.Item, len(order))
	for i, k := range order {
		out[i] = *groups[k]
	}
	return out, cut
}
