package live

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
)

// Filter selects what a snapshot counts; the zero Filter keeps all.
type Filter struct {
	PID        uint32 // a process and its descendants
	PathPrefix string
	Syscall    string
	ErrorsOnly bool
	// Groups fills Snapshot.Groups (for a flamegraph; not a filter).
	Groups bool
}

// On reports whether f filters anything.
func (f Filter) On() bool { f.Groups = false; return f != Filter{} }

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
}

// Snapshot copies what f keeps; nowNs (CLOCK_MONOTONIC) ends the
// per-second series (0: the last event's time).
func (a *Aggregator) Snapshot(f Filter, nowNs uint64) *Snapshot {
	a.mu.Lock()
	defer a.mu.Unlock()
	if nowNs == 0 {
		nowNs = a.lastNs
	}
	s := &Snapshot{Filter: f, Events: a.events, Filtered: a.filtered, Folded: a.folded, Untracked: a.untracked, MinDurNs: a.minDurNs,
		FirstNs: a.firstNs, LastNs: a.lastNs, NowNs: nowNs, Errnos: map[uint16]uint64{}}
	pids := a.descendants(f.PID)
	sys, files, procs, ur := map[string]*Row{}, map[string]*Row{}, map[uint32]*Row{}, map[string]*Row{}
	row := func(m map[string]*Row, k string) *Row {
		r := m[k]
		if r == nil {
			r = &Row{Key: k}
			m[k] = r
		}
		return r
	}
	for k, g := range a.groups {
		if !f.keep(&k, pids) {
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
			if pr := a.procs[k.PID]; pr != nil {
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
	s.Syscalls, s.Files, s.URing = sorted(sys), sorted(files), sorted(ur)
	for _, p := range procs {
		s.Procs = append(s.Procs, *p)
	}
	slices.SortFunc(s.Procs, byCalls)
	for tid, t := range a.threads {
		if pids != nil && !pids[t.pid] {
			continue
		}
		th := Thread{TID: tid, PID: t.pid, Comm: t.comm, Calls: t.calls, GapNs: t.gapNs}
		th.Gaps.CopyFrom(&t.gaps)
		s.Threads = append(s.Threads, th)
	}
	slices.SortFunc(s.Threads, func(x, y Thread) int { return cmp.Or(cmp.Compare(y.Calls, x.Calls), cmp.Compare(x.TID, y.TID)) })
	s.series(a)
	n := min(a.tailN, TailLen)
	for i := a.tailN - n; i < a.tailN; i++ {
		ev := &a.tail[i%TailLen]
		if f.keepEvent(ev, pids) {
			s.Tail = append(s.Tail, *ev)
		}
	}
	return s
}

func (s *Snapshot) series(a *Aggregator) {
	s.EventsPerSec = make([]uint64, SeriesLen)
	s.BytesPerSec = make([]uint64, SeriesLen)
	now := s.NowNs / 1e9
	for _, sl := range a.series {
		if sl.sec > now || now-sl.sec >= SeriesLen || sl.events == 0 {
			continue
		}
		i := SeriesLen - 1 - int(now-sl.sec)
		s.EventsPerSec[i], s.BytesPerSec[i] = sl.events, sl.bytes
	}
}

// descendants is the set of pid and the processes it started (nil: no
// process filter).
func (a *Aggregator) descendants(pid uint32) map[uint32]bool {
	if pid == 0 {
		return nil
	}
	set := map[uint32]bool{pid: true}
	for changed := true; changed; {
		changed = false
		for p, pr := range a.procs {
			if !set[p] && set[pr.ppid] && pr.ppid != 0 {
				set[p], changed = true, true
			}
		}
	}
	return set
}

func (f *Filter) keep(k *groupKey, pids map[uint32]bool) bool {
	return (pids == nil || pids[k.PID]) && (f.Syscall == "" || k.Syscall == f.Syscall) &&
		(!f.ErrorsOnly || k.Errno != 0) && (f.PathPrefix == "" || strings.HasPrefix(k.Path, f.PathPrefix))
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
