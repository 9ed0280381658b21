// Package live keeps the running numbers of a tracing session for a
// dashboard: per syscall, file, process, thread and io_uring op (calls,
// errors by errno, bytes read and written, latency histograms), events
// and bytes per second, and the last events. One Aggregator is fed event
// by event — by a live session's read loop, or by a recording's reader —
// and read as Snapshots, so live and offline screens share one code path.
//
// Everything is bounded: past its limits a table folds new keys into one
// "(other)" row and counts how often it did, rather than grow. Add takes
// a mutex the snapshot holds only while it copies, so the read loop never
// waits for the screen to be drawn.
package live

import (
	"sync"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
)

// Bounds of the tables.
const (
	MaxGroups  = 1 << 16 // (process, syscall, path, errno) groups
	MaxThreads = 1 << 13
	MaxProcs   = 1 << 13
	TailLen    = 4096      // events kept for the stream
	SeriesLen  = 120       // seconds of events/s and bytes/s
	Other      = "(other)" // what folded keys become
)

// groupKey is the finest grouping kept; every table is summed from it.
type groupKey struct {
	PID     uint32
	Errno   uint16
	Syscall string
	Path    string
}

// group sums the events of one groupKey.
type group struct {
	comm           string
	calls          uint64
	durNs, maxNs   uint64
	bytes          uint64
	readB, writeB  uint64
	lat            hist.Hist
	inline, iowq   uint64 // io_uring requests: how they ran
	sqpoll, reject uint64
}

// thread follows one thread's calls, for the gaps between them.
type thread struct {
	pid      uint32
	comm     string
	calls    uint64
	lastExit uint64
	gapNs    uint64
	gaps     hist.Hist
}

type proc struct {
	ppid uint32
	comm string
}

type second struct {
	sec    uint64 // ExitNs / 1e9 of the slot's events
	events uint64
	bytes  uint64
}

// Aggregator sums events. Its methods are safe for concurrent use.
type Aggregator struct {
	mu sync.Mutex
	// smu serializes snapshots, which reuse spare's buffers.
	smu     sync.Mutex
	spare   *copied
	groups  map[groupKey]*group
	threads map[uint32]*thread
	procs   map[uint32]*proc
	series  [SeriesLen]second
	tail    [TailLen]event.Event
	tailN   uint64 // events ever put in tail
	// events counted; filtered: dropped by trace-time filters before
	// they reached the aggregator; folded: events that went to an
	// (other) group because a table was full.
	events, filtered, folded uint64
	// untracked: events of processes or threads past their tables'
	// bounds (no parent known, no gaps measured).
	untracked       uint64
	firstNs, lastNs uint64
	// minDurNs: events shorter than this are not counted (a filter the
	// groups cannot apply afterwards; setting it starts the counts
	// again).
	minDurNs uint64
	rec      *recorder
	last     groupKey
	lastG    *group
	// name and stacks: the groups by stack (SetStacks; nil: off).
	name   func(ev *event.Event) []string
	stacks *stackTable
	// maps: the processes' mappings, to name stacks live (Mapping).
	maps  map[uint32][]recording.Mapping
	nMaps int
}

// New returns an empty Aggregator.
func New() *Aggregator {
	return &Aggregator{groups: map[groupKey]*group{}, threads: map[uint32]*thread{}, procs: map[uint32]*proc{}}
}

// Observe is the tracer's hook (tracer.Config.Observe): kept events are
// counted (and recorded while a recording is on), the others counted as
// filtered out.
func (a *Aggregator) Observe(ev *event.Event, kept bool) {
	var fr []string
	if kept {
		fr = a.frames(ev)
	}
	a.mu.Lock()
	if kept {
		a.add(ev, fr)
		if a.rec != nil {
			a.rec.write(ev)
		}
	} else {
		a.filtered++
		if a.rec != nil {
			a.rec.w.Skip() // the trailer counts what the trace filters dropped
		}
	}
	a.mu.Unlock()
}

// Add counts one event.
func (a *Aggregator) Add(ev *event.Event) {
	fr := a.frames(ev)
	a.mu.Lock()
	a.add(ev, fr)
	a.mu.Unlock()
}

// Reset forgets every count; minDurNs > 0 counts from now on only the
// events that took at least that long.
func (a *Aggregator) Reset(minDurNs uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.groups, a.threads, a.procs = map[groupKey]*group{}, map[uint32]*thread{}, map[uint32]*proc{}
	a.series, a.tailN = [SeriesLen]second{}, 0
	a.events, a.filtered, a.folded, a.untracked, a.firstNs, a.lastNs = 0, 0, 0, 0, 0, 0
	a.minDurNs, a.lastG = minDurNs, nil
	a.resetStacks()
}

// add counts ev; fr is its stack's frames (stacks on).
func (a *Aggregator) add(ev *event.Event, fr []string) {
	d := ev.Duration()
	if d < a.minDurNs {
		a.filtered++
		return
	}
	a.events++
	if a.firstNs == 0 || ev.EnterNs < a.firstNs {
		a.firstNs = ev.EnterNs
	}
	a.lastNs = max(a.lastNs, ev.ExitNs)
	k := groupKey{PID: ev.PID, Errno: recording.Errno(ev.Ret), Syscall: ev.Syscall, Path: ev.Path}
	g := a.lastG
	if g == nil || k != a.last {
		if g = a.groups[k]; g == nil {
			g = a.newGroup(k)
		}
		a.last, a.lastG = k, g
	}
	g.comm = ev.Comm
	g.calls++
	g.durNs += d
	g.maxNs = max(g.maxNs, d)
	g.lat.Add(d)
	if ev.Bytes > 0 {
		b := uint64(ev.Bytes)
		g.bytes += b
		switch Direction(ev.Syscall) {
		case Read:
			g.readB += b
		case Write:
			g.writeB += b
		}
	}
	if ev.IsURing() {
		switch {
		case ev.Exec&event.ExecRejected != 0:
			g.reject++
		case ev.Exec&event.ExecSQPoll != 0:
			g.sqpoll++
		case ev.Exec&event.ExecIOWQ != 0:
			g.iowq++
		default:
			g.inline++
		}
	}
	if a.stacks != nil {
		a.stacks.add(k, ev, fr, d)
	}
	a.addSecond(ev)
	a.addTask(ev)
	a.tail[a.tailN%TailLen] = *ev
	a.tailN++
}

// newGroup makes a group, or finds the folded one when the table is
// full: first the path folds, then the process too (so that per-syscall
// numbers stay exact: there are few syscalls), then everything.
func (a *Aggregator) newGroup(k groupKey) *group {
	if n := len(a.groups); n >= MaxGroups-1<<13 {
		a.folded++
		k.Path = Other
		if n >= MaxGroups-1<<10 {
			k.PID = 0
		}
		if g := a.groups[k]; g != nil {
			return g
		}
		if n >= MaxGroups-1 {
			k = groupKey{Syscall: Other, Path: Other}
			if g := a.groups[k]; g != nil {
				return g
			}
		}
	}
	g := &group{}
	a.groups[k] = g
	return g
}

func (a *Aggregator) addSecond(ev *event.Event) {
	sec := ev.ExitNs / 1e9
	s := &a.series[sec%SeriesLen]
	if s.sec != sec {
		if s.sec > sec { // older than the window
			return
		}
		*s = second{sec: sec}
	}
	s.events++
	if ev.Bytes > 0 {
		s.bytes += uint64(ev.Bytes)
	}
}

// addTask follows processes (their parent, from the fork that made them)
// and threads (the time between one call's exit and the next's entry).
func (a *Aggregator) addTask(ev *event.Event) {
	p := a.procs[ev.PID]
	if p == nil && len(a.procs) < MaxProcs {
		p = &proc{}
		a.procs[ev.PID] = p
	}
	if p == nil {
		a.untracked++
	} else {
		p.comm = ev.Comm
	}
	switch ev.Syscall {
	case "clone", "clone3", "fork", "vfork":
		// ret is the new task; a thread's id never shows as a PID, so
		// a parent noted for one is never looked up.
		if ev.Ret > 0 {
			c := a.procs[uint32(ev.Ret)]
			if c == nil && len(a.procs) < MaxProcs {
				c = &proc{comm: ev.Comm}
				a.procs[uint32(ev.Ret)] = c
			}
			if c != nil {
				c.ppid = ev.PID
			}
		}
	}
	if ev.IsRequest() {
		return // a request is not a call the thread was in
	}
	t := a.threads[ev.TID]
	if t == nil {
		if len(a.threads) >= MaxThreads {
			a.untracked++
			return
		}
		t = &thread{}
		a.threads[ev.TID] = t
	}
	t.pid, t.comm = ev.PID, ev.Comm
	t.calls++
	if t.lastExit != 0 && ev.EnterNs >= t.lastExit {
		g := ev.EnterNs - t.lastExit
		t.gapNs += g
		t.gaps.Add(g)
	}
	t.lastExit = max(t.lastExit, ev.ExitNs)
}
