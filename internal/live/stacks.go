package live

import (
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
)

// With a namer (SetStacks), the aggregator also groups events by their
// user stack's frames, for the dashboard's flamegraph by stack. Bounded
// like the rest: past MaxStacks distinct stacks a new stack's events go
// to an "(other)" frame, past MaxStackGroups a new group's to one
// "(other)" group per syscall; both counted (Snapshot.StacksFolded).
const (
	MaxStacks      = 1 << 12 // distinct stacks (frame lists)
	MaxStackGroups = 1 << 15 // (stack, process, syscall, path, errno) groups
)

type stackKey struct {
	groupKey
	frames string // the frames joined by newlines; "": no stack
}

type stackGroup struct {
	frames       []string // nil: no stack
	comm         string
	calls, bytes uint64
	durNs, maxNs uint64
}

type stackTable struct {
	groups   map[stackKey]*stackGroup
	distinct map[string]bool // the stacks seen, by their frames
	folded   uint64
}

// SetStacks makes the aggregator group events by stack too; name gives
// an event's frames, outermost first (nil: none), and is called outside
// the aggregator's lock, by whoever adds events (one at a time). Call it
// before the first event.
func (a *Aggregator) SetStacks(name func(ev *event.Event) []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.name = name
	a.resetStacks()
}

func (a *Aggregator) resetStacks() {
	if a.name == nil {
		a.stacks = nil
		return
	}
	a.stacks = &stackTable{groups: map[stackKey]*stackGroup{}, distinct: map[string]bool{}}
}

// frames names ev's stack when stacks are on (outside the lock).
func (a *Aggregator) frames(ev *event.Event) []string {
	if a.name == nil || ev.Stack == nil {
		return nil
	}
	return a.name(ev)
}

func (t *stackTable) add(k groupKey, ev *event.Event, fr []string, d uint64) {
	key := stackKey{k, strings.Join(fr, "\n")}
	g := t.groups[key]
	if g == nil && key.frames != "" && !t.distinct[key.frames] {
		if len(t.distinct) >= MaxStacks {
			t.folded++
			fr, key.frames = []string{Other}, Other
			g = t.groups[key]
		} else {
			t.distinct[key.frames] = true
		}
	}
	if g == nil && len(t.groups) >= MaxStackGroups {
		t.folded++
		key = stackKey{groupKey{Syscall: k.Syscall, Path: Other}, Other}
		fr = []string{Other}
		g = t.groups[key]
	}
	if g == nil {
		g = &stackGroup{frames: fr}
		t.groups[key] = g
	}
	g.comm = ev.Comm
	g.calls++
	g.durNs += d
	g.maxNs = max(g.maxNs, d)
	if ev.Bytes > 0 {
		g.bytes += uint64(ev.Bytes)
	}
}

// copyStacks copies the stack groups under the lock, when asked for
// (their frames are never modified: shared).
func (a *Aggregator) copyStacks(c *copied, groups bool) {
	c.stacksOn = a.stacks != nil
	c.stacks = c.stacks[:0]
	if a.stacks == nil {
		return
	}
	c.stacksFolded = a.stacks.folded
	if !groups {
		return
	}
	for k, g := range a.stacks.groups {
		c.stacks = append(c.stacks, flatStack{k.groupKey, *g})
	}
}

type flatStack struct {
	k groupKey
	g stackGroup
}

// stackItems is what f keeps of the copied stack groups.
func (f *Filter) stackItems(c *copied, pids map[uint32]bool) []flame.Item {
	var out []flame.Item
	for i := range c.stacks {
		k, g := &c.stacks[i].k, &c.stacks[i].g
		if !f.keep(k, pids) {
			continue
		}
		out = append(out, flame.Item{Stack: g.frames, Aggregate: recording.Aggregate{
			AggKey:   recording.AggKey{Path: k.Path, Comm: g.comm, Syscall: k.Syscall, PID: k.PID, Errno: k.Errno},
			AggValue: recording.AggValue{Count: g.calls, DurationNs: g.durNs, Bytes: g.bytes, MaxNs: g.maxNs},
		}})
	}
	return out
}
