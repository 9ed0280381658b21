package tracer

import (
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
)

// Kernel reads the kernel side's counters while the session runs (not
// after Run returns: the probes are gone then).
type Kernel struct{ p *probe.Probe }

// Stats: events lost, paths read again, ... (the trailer's counters).
func (k Kernel) Stats() (recording.Stats, error) {
	ks, err := k.p.Stats()
	return statsOf(ks), err
}

// statsOf is the kernel side's counters as a recording's trailer keeps
// them (the writer sets Events and End is the caller's).
func statsOf(ks probe.Stats) recording.Stats {
	return recording.Stats{LostRingbuf: ks.LostRingbuf, LostInflight: ks.LostInflight,
		PathsRetried: ks.PathsRetried, PathsFaulted: ks.PathsFaulted, URingUnpaired: ks.URingUnpaired, AIOUnread: ks.AIOUnread,
		LostURingReqs: ks.LostURingReqs, LostURingPaths: ks.LostURingPaths, URingOverflow: ks.URingOverflow, PathsKernel: ks.PathsKernel,
		LostNames: ks.LostNames, LostTasks: ks.LostTasks, LostProcs: ks.LostProcs, LostNaming: ks.LostNaming}
}

// OtherCalls opens the counts of the traced tasks' calls to syscalls
// that are not recorded, by number (with Config.CountOther); they can be
// read after Run returns, until closed.
func (k Kernel) OtherCalls() (*probe.OtherCalls, error) { return k.p.OtherCalls() }
