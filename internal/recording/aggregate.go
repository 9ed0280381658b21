package recording

import (
	"cmp"
	"slices"

	"github.com/ior-tracer/ior/internal/event"
)

// aggEntry keeps a group's sums twice: cur counts every event written,
// safe only those in complete zstd frames, which are what survives a
// write error.
type aggEntry struct {
	cur, safe AggValue
	dirty     bool // changed since the last frame ended
}

// aggTable sums events by AggKey within fixed bounds: at most
// writerGroups groups whose key strings add up to at most maxAggBytes.
// Past the bounds a new group folds into its OtherPath group, and when
// even that does not fit, into one catch-all group.
type aggTable struct {
	m     map[AggKey]*aggEntry
	bytes int
	dirty []*aggEntry
	// The previous event's key and group: consecutive events of an I/O
	// loop mostly repeat them, and comparing beats hashing.
	lastKey AggKey
	last    *aggEntry
	// buckets is the histogram buckets held in all groups' cur sums;
	// past maxHistBuckets a histogram no longer widens (AddClamped).
	buckets int
	// folded counts the groups that did not get a group of their own.
	folded uint64
}

// writerGroups bounds the groups a writer (and a live summary) holds,
// below what a reader accepts (MaxAggregates): a group costs some 450
// bytes, and a million threads made 470 MB. Readers keep fewer still by
// name (SummaryGroups), the heaviest, as the writer writes them heaviest
// first.
const writerGroups = 1 << 17

// Room kept for folded groups once ordinary groups stop being admitted.
const (
	foldKeys  = 1 << 16
	foldBytes = 1 << 20
)

var catchAll = AggKey{Path: OtherPath, Comm: OtherPath, Syscall: OtherPath}

func newAggTable() *aggTable { return &aggTable{m: map[AggKey]*aggEntry{}} }

func keyBytes(k *AggKey) int { return len(k.Path) + len(k.Comm) + len(k.Syscall) }

// Errno is the error number of a failed call, 0 for a success.
func Errno(ret int64) uint16 {
	if ret < 0 && ret >= -4095 {
		return uint16(-ret)
	}
	return 0
}

func (t *aggTable) add(ev *event.Event) { t.addTo(ev, nil) }

// aggCache remembers a group: the writer keeps one per thread and
// syscall (events6.go), which an I/O loop's next call mostly repeats.
type aggCache struct {
	key AggKey
	e   *aggEntry
}

// addTo counts ev into its group; c, when given, is the group of the
// previous event of its thread and syscall (entries stay in the table).
func (t *aggTable) addTo(ev *event.Event, c *aggCache) {
	k := AggKey{Path: ev.Path, Comm: ev.Comm, Syscall: ev.Syscall, PID: ev.PID, TID: ev.TID, Errno: Errno(ev.Ret)}
	e := t.last
	if e == nil || k != t.lastKey {
		if c != nil && c.e != nil && k == c.key {
			e = c.e
		} else if e = t.m[k]; e == nil {
			e = t.insert(k)
		}
		if c != nil {
			c.key, c.e = k, e
		}
		t.lastKey, t.last = k, e
	}
	t.count(e, ev)
}

// count counts ev into group e.
func (t *aggTable) count(e *aggEntry, ev *event.Event) {
	if !e.dirty {
		e.dirty = true
		t.dirty = append(t.dirty, e)
	}
	d := ev.Duration()
	e.cur.Count++
	e.cur.DurationNs += d
	e.cur.MaxNs = max(e.cur.MaxNs, d)
	if ev.Bytes > 0 {
		e.cur.Bytes += uint64(ev.Bytes)
	}
	if t.buckets < maxHistBuckets {
		t.buckets += e.cur.Hist.Add(d)
	} else {
		if e.cur.Hist.Buckets() == 0 {
			t.buckets++
		}
		e.cur.Hist.AddClamped(d)
	}
}

// insert finds or makes the group for a key not in the table.
func (t *aggTable) insert(k AggKey) *aggEntry {
	if len(t.m) < writerGroups-foldKeys && t.bytes+keyBytes(&k) <= maxAggBytes-foldBytes {
		return t.make(k)
	}
	t.folded++
	k.Path = OtherPath
	if e := t.m[k]; e != nil {
		return e
	}
	if len(t.m) < writerGroups-1 && t.bytes+keyBytes(&k) <= maxAggBytes-keyBytes(&catchAll) {
		return t.make(k)
	}
	if e := t.m[catchAll]; e != nil {
		return e
	}
	return t.make(catchAll)
}

func (t *aggTable) make(k AggKey) *aggEntry {
	e := &aggEntry{}
	t.m[k] = e
	t.bytes += keyBytes(&k)
	return e
}

// commit makes the current sums the safe ones, at the end of a frame.
func (t *aggTable) commit() {
	for _, e := range t.dirty {
		h := e.safe.Hist
		e.safe, e.dirty = e.cur, false
		e.safe.Hist = h
		e.safe.Hist.CopyFrom(&e.cur.Hist)
	}
	t.dirty = t.dirty[:0]
	t.last = nil
}

// each calls f for every group with events, with the current or the safe
// sums, the longest total time first (ties in key order): a reader that
// keeps only the first groups by name keeps the heaviest.
func (t *aggTable) each(safe bool, f func(k *AggKey, v *AggValue)) {
	type group struct {
		k AggKey
		v *AggValue
	}
	gs := make([]group, 0, len(t.m))
	for k, e := range t.m {
		v := &e.cur
		if safe {
			v = &e.safe
		}
		if v.Count > 0 {
			gs = append(gs, group{k, v})
		}
	}
	slices.SortFunc(gs, func(a, b group) int {
		return cmp.Or(cmp.Compare(b.v.DurationNs, a.v.DurationNs), cmp.Compare(a.k.Path, b.k.Path), cmp.Compare(a.k.Comm, b.k.Comm),
			cmp.Compare(a.k.Syscall, b.k.Syscall), cmp.Compare(a.k.PID, b.k.PID), cmp.Compare(a.k.TID, b.k.TID), cmp.Compare(a.k.Errno, b.k.Errno))
	})
	for i := range gs {
		f(&gs[i].k, gs[i].v)
	}
}

// Folded counts the events' groups (path, comm, syscall, pid, tid,
// errno) that found no room of their own past the writer's bounds and
// were summed under OtherPath (once per event of such a group).
func (w *Writer) Folded() uint64 { return w.aggs.folded }

// Aggregator sums events into aggregates as a recording does, within the
// same bounds, without writing anything: for a live summary.
type Aggregator struct{ t *aggTable }

// NewAggregator returns an empty Aggregator.
func NewAggregator() *Aggregator { return &Aggregator{t: newAggTable()} }

// Add counts one event.
func (a *Aggregator) Add(ev *event.Event) { a.t.add(ev) }

// Aggregates returns the sums so far (sharing their histograms).
func (a *Aggregator) Aggregates() []Aggregate { return a.t.list() }

func (t *aggTable) list() []Aggregate {
	aggs := make([]Aggregate, 0, len(t.m))
	t.each(false, func(k *AggKey, v *AggValue) { aggs = append(aggs, Aggregate{*k, *v}) })
	return aggs
}
