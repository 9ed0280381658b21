package recording

import "github.com/ior-tracer/ior/internal/event"

// What a summary keeps of a recording's aggregates, whatever the file
// holds: the first SummaryGroups groups by name; each later one is added
// to a group of its syscall and errno whose path and comm are OtherPath
// (pid and tid 0), at most foldGroups of them, and past those to one
// catch-all group. Totals, the syscall table and errors by errno stay
// exact; files, processes, threads and flamegraph frames past the first
// groups are summed under OtherPath, and Summary.Folded says how many.
// docs/recording-format.md states what this bounds memory to.
const (
	SummaryGroups = 1 << 14
	foldGroups    = 1 << 10
)

// collector sums aggregates (or events) into at most SummaryGroups +
// foldGroups + 1 groups.
type collector struct {
	index  map[AggKey]int
	aggs   []Aggregate
	folded uint64 // aggregates (or events) summed into a fold group
	named  int    // groups kept by name
	nfold  int
}

func newCollector() *collector { return &collector{index: map[AggKey]int{}} }

// group finds or makes the group for k, folding past the bounds.
func (c *collector) group(k AggKey) *Aggregate {
	if i, ok := c.index[k]; ok {
		return &c.aggs[i]
	}
	if c.named >= SummaryGroups {
		c.folded++
		k = AggKey{Path: OtherPath, Comm: OtherPath, Syscall: k.Syscall, Errno: k.Errno}
		if i, ok := c.index[k]; ok {
			return &c.aggs[i]
		}
		if c.nfold >= foldGroups {
			k = catchAll
			k.Errno = 0
			if i, ok := c.index[k]; ok {
				return &c.aggs[i]
			}
		}
		c.nfold++
	} else {
		c.named++
	}
	c.index[k] = len(c.aggs)
	c.aggs = append(c.aggs, Aggregate{AggKey: k})
	return &c.aggs[len(c.aggs)-1]
}

// add sums one aggregate record.
func (c *collector) add(a *Aggregate) {
	g := c.group(a.AggKey)
	g.Count += a.Count
	g.DurationNs += a.DurationNs
	g.Bytes += a.Bytes
	g.MaxNs = max(g.MaxNs, a.MaxNs)
	g.Hist.Merge(&a.Hist)
}

// addEvent sums one event, as the writer's aggregates do.
func (c *collector) addEvent(ev *event.Event) {
	g := c.group(AggKey{Path: ev.Path, Comm: ev.Comm, Syscall: ev.Syscall, PID: ev.PID, TID: ev.TID, Errno: Errno(ev.Ret)})
	d := ev.Duration()
	g.Count++
	g.DurationNs += d
	g.MaxNs = max(g.MaxNs, d)
	if ev.Bytes > 0 {
		g.Bytes += uint64(ev.Bytes)
	}
	g.Hist.Add(d)
}

// DropAggregates makes the reader check and count the aggregates without
// keeping them: for readers of events, whose memory then does not grow
// with them. Aggregates returns nil.
func (r *Reader) DropAggregates() { r.onAgg = func(*Aggregate) {} }
