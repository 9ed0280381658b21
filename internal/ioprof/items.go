package ioprof

import (
	"io"
	"slices"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

type itemKey struct {
	recording.AggKey
	stack *event.Stack // the reader's one copy per stack id
}

type symKey struct {
	stack *event.Stack
	pid   uint32
	maps  int // the process's mappings then: a new one may name more
}

// Items groups rd's events by stack as well as by what an aggregate
// groups by, for the flamegraphs' "stack" field: each group's user stack
// symbolized, outermost first (inlined calls as frames of their own, an
// address without a symbol as file+offset or bare).
func Items(rd *recording.Reader, sym *symbolize.Symbolizer) ([]flame.Item, error) {
	groups := map[itemKey]*flame.Item{}
	var order []itemKey
	names := map[symKey][]string{}
	var ev event.Event
	var cut error // a recording cut short: the items before the cut, and the cut
	for {
		err := rd.Next(&ev)
		if err == io.EOF {
			break
		}
		if _, ok := recording.AsCut(err); ok {
			cut = err
			break
		}
		if err != nil {
			return nil, err
		}
		if ev.Syscall == "exit" {
			continue
		}
		k := itemKey{recording.AggKey{Path: ev.Path, Comm: ev.Comm, Syscall: ev.Syscall, PID: ev.PID, TID: ev.TID,
			Errno: recording.Errno(ev.Ret)}, ev.Stack}
		it := groups[k]
		if it == nil {
			it = &flame.Item{Aggregate: recording.Aggregate{AggKey: k.AggKey}}
			if ev.Stack != nil {
				ms := rd.Mappings(ev.PID)
				sk := symKey{ev.Stack, ev.PID, len(ms)}
				fr, ok := names[sk]
				if !ok {
					for _, l := range sym.Resolve(ms, ev.Stack.PCs) {
						fr = append(fr, l.Names()...)
					}
					slices.Reverse(fr) // outermost first
					names[sk] = fr
				}
				it.Stack = fr
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
	}
	out := make([]flame.Item, len(order))
	for i, k := range order {
		out[i] = *groups[k]
	}
	return out, cut
}
