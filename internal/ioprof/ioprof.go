// Package ioprof turns a recording's events and their user stacks into
// a pprof profile (github.com/google/pprof/profile): which code paths
// made the I/O, weighed in calls, bytes and time, with the file, the
// syscall and the process as labels. Locations carry their mapping (file,
// build ID, address range) and their functions, so the profile reads
// whole on its own and `go tool pprof` can also symbolize what ior could
// not.
package ioprof

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/pprof/profile"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// Weights are the sample types, in their order in each sample; -weight
// picks the default one.
var Weights = []string{"count", "bytes", "duration"}

// NoStack names the one frame of an event recorded without a stack.
const NoStack = flame.NoStack

type mapKey struct {
	path                 string
	start, limit, offset uint64
}

type locKey struct {
	mapping uint64 // 0: none
	addr    uint64
	pid     uint32 // an address outside every mapping is the process's own
	cut     bool   // where a frame pointer walk ended (symbolize.Location.WalkEnded)
}

type fnKey struct{ name, file string }

// builder assembles the profile; events with the same stack and labels
// make one sample.
type builder struct {
	p       *profile.Profile
	sym     *symbolize.Symbolizer
	maps    map[mapKey]*profile.Mapping
	locs    map[locKey]*profile.Location
	fns     map[fnKey]*profile.Function
	samples map[string]*profile.Sample
	none    *profile.Location
}

// Build reads every event of rd into a profile whose default sample type
// is weight.
func Build(rd *recording.Reader, weight string, sym *symbolize.Symbolizer) (*profile.Profile, error) {
	def := map[string]string{"count": "calls", "bytes": "bytes", "duration": "time"}[weight]
	if def == "" {
		return nil, fmt.Errorf("-weight %q: choose from %s", weight, strings.Join(Weights, ", "))
	}
	b := &builder{sym: sym, maps: map[mapKey]*profile.Mapping{}, locs: map[locKey]*profile.Location{},
		fns: map[fnKey]*profile.Function{}, samples: map[string]*profile.Sample{}}
	b.p = &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "calls", Unit: "count"}, {Type: "bytes", Unit: "bytes"},
			{Type: "time", Unit: "nanoseconds"}},
		DefaultSampleType: def,
		TimeNanos:         rd.Header.Start.UnixNano(),
		Comments:          []string{"ior I/O profile of " + rd.Header.Name},
	}
	var first, last uint64
	// A recording cut short: what was read is profiled, and the cut
	// returned.
	cut := rd.Each(func(ev *event.Event) error {
		if ev.IsExit() { // a process's end, not a call
			return nil
		}
		if first == 0 || ev.EnterNs < first {
			first = ev.EnterNs
		}
		last = max(last, ev.ExitNs)
		b.add(rd, ev)
		return nil
	})
	if _, ok := recording.AsCut(cut); cut != nil && !ok {
		return nil, cut
	}
	if last > first {
		b.p.DurationNanos = int64(last - first)
	}
	if b.p.DurationNanos == 0 {
		b.p.DurationNanos = int64(time.Nanosecond)
	}
	// pprof names the profile after its first mapping: a program rather
	// than a shared library (its dynamic loader, say).
	sort.SliceStable(b.p.Mapping, func(i, j int) bool { return !isLib(b.p.Mapping[i].File) && isLib(b.p.Mapping[j].File) })
	for i, m := range b.p.Mapping {
		m.ID = uint64(i + 1)
	}
	if err := b.p.CheckValid(); err != nil {
		return nil, err
	}
	return b.p, cut
}

func (b *builder) add(rd *recording.Reader, ev *event.Event) {
	var locs []*profile.Location
	if ev.Stack == nil {
		locs = []*profile.Location{b.noStack()}
	} else {
		ms := rd.Mappings(ev.PID)
		for _, l := range b.sym.Resolve(ms, ev.Stack.PCs) {
			locs = append(locs, b.location(ev.PID, &l))
		}
	}
	var key strings.Builder
	for _, l := range locs {
		key.WriteString(strconv.FormatUint(l.ID, 36))
		key.WriteByte(',')
	}
	fmt.Fprintf(&key, "|%s|%s|%s|%d", ev.Path, ev.Syscall, ev.Comm, ev.PID)
	s := b.samples[key.String()]
	if s == nil {
		s = &profile.Sample{Location: locs, Value: make([]int64, 3),
			Label:    map[string][]string{"syscall": {ev.Syscall}, "process": {ev.Comm}},
			NumLabel: map[string][]int64{"pid": {int64(ev.PID)}}}
		if ev.Path != "" {
			s.Label["file"] = []string{ev.Path}
		}
		b.samples[key.String()] = s
		b.p.Sample = append(b.p.Sample, s)
	}
	s.Value[0]++
	if ev.Bytes > 0 && ev.Ret >= 0 {
		s.Value[1] += ev.Bytes
	}
	s.Value[2] += int64(ev.Duration())
}

func isLib(path string) bool {
	return strings.Contains(path[strings.LastIndexByte(path, '/')+1:], ".so")
}

func (b *builder) noStack() *profile.Location {
	if b.none == nil {
		b.none = &profile.Location{ID: uint64(len(b.p.Location) + 1),
			Line: []profile.Line{{Function: b.function(NoStack, "")}}}
		b.p.Location = append(b.p.Location, b.none)
	}
	return b.none
}

func (b *builder) mapping(m *recording.Mapping) *profile.Mapping {
	k := mapKey{m.Path, m.Start, m.Limit, m.Offset}
	pm := b.maps[k]
	if pm == nil {
		pm = &profile.Mapping{ID: uint64(len(b.p.Mapping) + 1), Start: m.Start, Limit: m.Limit, Offset: m.Offset,
			File: m.Path, BuildID: m.BuildID}
		b.maps[k] = pm
		b.p.Mapping = append(b.p.Mapping, pm)
	}
	return pm
}

func (b *builder) location(pid uint32, l *symbolize.Location) *profile.Location {
	// The address of the call (one byte into it), as the frames name it.
	k := locKey{addr: l.Addr - 1}
	var pm *profile.Mapping
	if l.Mapped {
		pm = b.mapping(&l.Mapping)
		k.mapping = pm.ID
	} else {
		k.pid, k.cut = pid, l.WalkEnded
	}
	loc := b.locs[k]
	if loc != nil {
		return loc
	}
	loc = &profile.Location{ID: uint64(len(b.p.Location) + 1), Mapping: pm, Address: k.addr}
	for _, f := range l.Frames {
		loc.Line = append(loc.Line, profile.Line{Function: b.function(f.Func, f.File), Line: int64(f.Line)})
	}
	if len(l.Frames) > 0 && pm != nil {
		pm.HasFunctions, pm.HasFilenames, pm.HasLineNumbers = true, true, true
	}
	if len(l.Frames) == 0 && pm == nil {
		// No mapping: pprof cannot name it either; say what it is.
		// (Or where the frame pointer walk ended: one marker frame.)
		loc.Line = []profile.Line{{Function: b.function(l.Names()[0], "")}}
	}
	b.locs[k] = loc
	b.p.Location = append(b.p.Location, loc)
	return loc
}

func (b *builder) function(name, file string) *profile.Function {
	k := fnKey{name, file}
	fn := b.fns[k]
	if fn == nil {
		fn = &profile.Function{ID: uint64(len(b.p.Function) + 1), Name: name, SystemName: name, Filename: file}
		b.fns[k] = fn
		b.p.Function = append(b.p.Function, fn)
	}
	return fn
}
