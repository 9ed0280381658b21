package live

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
)

// Filter selects what a snapshot counts; the zero Filter keeps all.
type Filter struct {
	PID        uint32 // a process and its descendants
	PathPrefix string
	Path       string // exactly this file
	Syscall    string
	ErrorsOnly bool
	// Groups fills Snapshot.Groups, Stacks Snapshot.Stacks (for a
	// flamegraph; not filters).
	Groups, Stacks bool
}

// On reports whether f filters anything.
func (f Filter) On() bool { f.Groups, f.Stacks = false, false; return f != Filter{} }

// Row is one line of a table: the events of one syscall, file, process
// or op.
type Row struct {
	Key           string
	PID           uint32 // Procs: the process; PPID its parent (0: not seen)
	PPID          uint32
	Comm          string
	Calls, Errors uint64
	Errnos        map[uint16]uint64
	Bytes         uint64
	Read, Written uint64
	DurNs, MaxNs  uint64
	Lat           hist.Hist
	// io_uring rows: how the requests ran.
	Inline, IOWQ, SQPoll, Rejected uint64
}

func (r *Row) add(g *group, errno uint16) {
	r.Calls += g.calls
	if errno != 0 {
		r.Errors += g.calls
		if r.Errnos == nil {
			r.Errnos = map[uint16]uint64{}
		}
		r.Errnos[errno] += g.calls
	}
	r.Bytes += g.bytes
	r.Read += g.readB
	r.Written += g.writeB
	r.DurNs += g.durNs
	r.MaxNs = max(r.MaxNs, g.maxNs)
	r.Lat.Merge(&g.lat)
	r.Inline += g.inline
	r.IOWQ += g.iowq
	r.SQPoll += g.sqpoll
	r.Rejected += g.reject
}

// Merge adds o's sums into r (grouping rows, e.g. files by directory).
func (r *Row) Merge(o *Row) {
	r.Calls += o.Calls
	r.Errors += o.Errors
	for e, n := range o.Errnos {
		if r.Errnos == nil {
			r.Errnos = map[uint16]uint64{}
		}
		r.Errnos[e] += n
	}
	r.Bytes += o.Bytes
	r.Read += o.Read
	r.Written += o.Written
	r.DurNs += o.DurNs
	r.MaxNs = max(r.MaxNs, o.MaxNs)
	r.Lat.Merge(&o.Lat)
	r.Inline += o.Inline
	r.IOWQ += o.IOWQ
	r.SQPoll += o.SQPoll
	r.Rejected += o.Rejected
}

// Thread is one thread's calls and the gaps between them.
type Thread struct {
	TID, PID uint32
	Comm     string
	Calls    uint64
	GapNs    uint64
	Gaps     hist.Hist
}

// Snapshot is a copy of the numbers, filtered, that a screen renders.
type Snapshot struct {
	Filter                    Filter
	Events                    uint64 // every event counted (not filtered by Filter)
	Matched                   uint64 // events Filter keeps
	Filtered, Folded          uint64 // see Aggregator
	Untracked                 uint64
	MinDurNs                  uint64
	FirstNs, LastNs           uint64
	Syscalls, Files, Procs    []Row // sorted by calls, most first
	URing                     []Row // io_uring ops
	Threads                   []Thread
	Errnos                    map[uint16]uint64
	EventsPerSec, BytesPerSec []uint64 // oldest first, the last at NowNs's second
	NowNs                     uint64
	Tail                      []event.Event // oldest first
	// Groups are the filtered groups as aggregates (no histograms), for
	// flamegraphs.
	Groups []recording.Aggregate
	// StacksOn: events are grouped by stack too (SetStacks); Stacks
	// are those groups as Filter.Stacks asked, and StacksFolded the
	// events that went to an "(other)" frame or group (the bounds).
	StacksOn     bool
	Stacks       []flame.Item
	StacksFolded uint64
}

// copied is the aggregator's state as Snapshot copies it under the
// lock; the tables are summed from it afterwards, the lock released.
// Its buffers are kept from one snapshot to the next (a.smu).
type copied struct {
	events, filtered, folded, untracked, minDurNs, firstNs, lastNs uint64
	groups                                                         []flatGroup
	threads                                                        []Thread
	procs                                                          map[uint32]proc
	series                                                         [SeriesLen]second
	tail                                                           []event.Event
	stacksOn                                                       bool
	stacks                                                         []flatStack
	stacksFolded                                                   uint64
}

type flatGroup struct {
	k groupKey
	g group
}

// copyState copies under the lock: plain copies into kept buffers, no
// maps built and nothing sorted, so that the read loop waits little.
func (a *Aggregator) copyState(stacks bool) *copied {
	c := a.spare
	if c == nil {
		c = &copied{procs: map[uint32]proc{}}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	c.events, c.filtered, c.folded, c.untracked, c.minDurNs, c.firstNs, c.lastNs =
		a.events, a.filtered, a.folded, a.untracked, a.minDurNs, a.firstNs, a.lastNs
	n := 0
	for k, g := range a.groups {
		if n == len(c.groups) {
			c.groups = append(c.groups, flatGroup{})
		}
		fg := &c.groups[n]
		lat := fg.g.lat
		fg.k, fg.g = k, *g
		fg.g.lat = lat
		fg.g.lat.CopyFrom(&g.lat)
		n++
	}
	c.groups = c.groups[:n]
	n = 0
	for tid, t := range a.threads {
		if n == len(c.threads) {
			c.threads = append(c.threads, Thread{})
		}
		th := &c.threads[n]
		gaps := th.Gaps
		*th = Thread{TID: tid, PID: t.pid, Comm: t.comm, Calls: t.calls, GapNs: t.gapNs, Gaps: gaps}
		th.Gaps.CopyFrom(&t.gaps)
		n++
	}
	c.threads = c.threads[:n]
	clear(c.procs)
	for pid, p := range a.procs {
		c.procs[pid] = *p
	}
	c.series = a.series
	a.copyStacks(c, stacks)
	c.tail = c.tail[:0]
	k := min(a.tailN, TailLen)
	for i := a.tailN - k; i < a.tailN; i++ {
		c.tail = append(c.tail, a.tail[i%TailLen])
	}
	return c
}

// Snapshot copies what f keeps; nowNs (CLOCK_MONOTONIC) ends the
// per-second series (0: the last event's time). The read loop waits only
// for the copy (copyState); summing and sorting happen after.
func (a *Aggregator) Snapshot(f Filter, nowNs uint64) *Snapshot {
	a.smu.Lock()
	defer a.smu.Unlock()
	c := a.copyState(f.Stacks)
	a.spare = c
	if nowNs == 0 {
		nowNs = c.lastNs
	}
	s := &Snapshot{Filter: f, Events: c.events, Filtered: c.filtered, Folded: c.folded, Untracked: c.untracked, MinDurNs: c.minDurNs,
		FirstNs: c.firstNs, LastNs: c.lastNs, NowNs: nowNs, Errnos: map[uint16]uint64{}}
	pids := descendants(c.procs, f.PID)
	sys, files, procs, ur := map[string]*Row{}, map[string]*Row{}, map[uint32]*Row{}, map[string]*Row{}
	row := func(m map[string]*Row, k string) *Row {
		r := m[k]
		if r == nil {
			r = &Row{Key: k}
			m[k] = r
		}
		return r
	}
	for i := range c.groups {
		k, g := &c.groups[i].k, &c.groups[i].g
		if !f.keep(k, pids) {
			continue
		}
		s.Matched += g.calls
		row(sys, k.Syscall).add(g, k.Errno)
		if k.Path != "" {
			row(files, k.Path).add(g, k.Errno)
		}
		p := procs[k.PID]
		if p == nil {
			p = &Row{PID: k.PID, Comm: g.comm}
			if pr, ok := c.procs[k.PID]; ok {
				p.PPID, p.Comm = pr.ppid, pr.comm
			}
			procs[k.PID] = p
		}
		p.add(g, k.Errno)
		if strings.HasPrefix(k.Syscall, event.URingPrefix) {
			row(ur, k.Syscall[len(event.URingPrefix):]).add(g, k.Errno)
		}
		if k.Errno != 0 {
			s.Errnos[k.Errno] += g.calls
		}
		if !f.Groups {
			continue
		}
		s.Groups = append(s.Groups, recording.Aggregate{
			AggKey:   recording.AggKey{Path: k.Path, Comm: g.comm, Syscall: k.Syscall, PID: k.PID, Errno: k.Errno},
			AggValue: recording.AggValue{Count: g.calls, DurationNs: g.durNs, Bytes: g.bytes, MaxNs: g.maxNs},
		})
	}
	s.StacksOn, s.StacksFolded = c.stacksOn, c.stacksFolded
	if f.Stacks {
		s.Stacks = f.stackItems(c, pids)
	}
	s.Syscalls, s.Files, s.URing = sorted(sys), sorted(files), sorted(ur)
	for _, p := range procs {
		s.Procs = append(s.Procs, *p)
	}
	slices.SortFunc(s.Procs, byCalls)
	for i := range c.threads {
		t := &c.threads[i]
		if pids != nil && !pids[t.PID] {
			continue
		}
		th := *t
		th.Gaps = hist.Hist{}
		th.Gaps.CopyFrom(&t.Gaps) // c's buffers are reused by the next snapshot
		s.Threads = append(s.Threads, th)
	}
	slices.SortFunc(s.Threads, func(x, y Thread) int { return cmp.Or(cmp.Compare(y.Calls, x.Calls), cmp.Compare(x.TID, y.TID)) })
	s.series(c)
	for i := range c.tail {
		if f.keepEvent(&c.tail[i], pids) {
			s.Tail = append(s.Tail, c.tail[i])
		}
	}
	return s
}

func (s *Snapshot) series(c *copied) {
	s.EventsPerSec = make([]uint64, SeriesLen)
	s.BytesPerSec = make([]uint64, SeriesLen)
	now := s.NowNs / 1e9
	for _, sl := range c.series {
		if sl.sec > now || now-sl.sec >= SeriesLen || sl.events == 0 {
			continue
		}
		i := SeriesLen - 1 - int(now-sl.sec)
		s.EventsPerSec[i], s.BytesPerSec[i] = sl.events, sl.bytes
	}
}

// descendants is the set of pid and the processes it started (nil: no
// process filter).
func descendants(procs map[uint32]proc, pid uint32) map[uint32]bool {
	if pid == 0 {
		return nil
	}
	set := map[uint32]bool{pid: true}
	for changed := true; changed; {
		changed = false
		for p, pr := range procs {
			if !set[p] && set[pr.ppid] && pr.ppid != 0 {
				set[p], changed = true, true
			}
		}
	}
	return set
}

func (f *Filter) keep(k *groupKey, pids map[uint32]bool) bool {
	return (pids == nil || pids[k.PID]) && (f.Syscall == "" || k.Syscall == f.Syscall) &&
		(!f.ErrorsOnly || k.Errno != 0) && (f.PathPrefix == "" || strings.HasPrefix(k.Path, f.PathPrefix)) && (f.Path == "" || k.Path == f.Path)
}

func (f *Filter) keepEvent(ev *event.Event, pids map[uint32]bool) bool {
	k := groupKey{PID: ev.PID, Errno: recording.Errno(ev.Ret), Syscall: ev.Syscall, Path: ev.Path}
	return f.keep(&k, pids)
}

func byCalls(x, y Row) int {
	return cmp.Or(cmp.Compare(y.Calls, x.Calls), cmp.Compare(x.Key, y.Key), cmp.Compare(x.PID, y.PID))
}

func sorted(m map[string]*Row) []Row {
	rows := make([]Row, 0, len(m))
	for _, r := range m {
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, byCalls)
	return rows
}
