package probe

import (
	"fmt"
	"io"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// Stats sums the kernel side's per-CPU counters.
type Stats struct {
	LostRingbuf, LostInflight, PathsRetried, PathsFaulted uint64
	// URingUnpaired: io_uring requests not recorded, as they post no
	// completion when they succeed (IOSQE_CQE_SKIP_SUCCESS).
	URingUnpaired uint64
	// AIOUnread: AIO iocbs or results the kernel side could not read
	// (or past the iocbs one call reads): their requests are
	// aio:UNKNOWN or not seen completed.
	AIOUnread uint64
	// Losses by cause: the io_uring request map full (the request not
	// recorded), its path map full (recorded, paths unknown), and
	// overflowed completions whose request could not be told apart (a
	// user_data shared by requests in flight: not recorded).
	LostURingReqs, LostURingPaths, URingOverflow uint64
	// PathsKernel: exec paths taken from the kernel's copy (at the exec).
	PathsKernel uint64
	// Records other than events the ring buffer had no room for, apart
	// from LostRingbuf (events alone): file name records (each try: a
	// name not sent is tried again at the file's next use), exec, fork
	// and exit records, and process records (each try, too).
	LostNames, LostTasks, LostProcs uint64
	// LostNaming: records of calls traced only to name the others
	// (Config.NamingOnly), not events asked for.
	LostNaming uint64
}

// Stats reads the counters.
func (p *Probe) Stats() (Stats, error) {
	var st Stats
	dst := map[iorIorStat]*uint64{
		iorIorStatIOR_STAT_LOST_RINGBUF: &st.LostRingbuf, iorIorStatIOR_STAT_LOST_INFLIGHT: &st.LostInflight,
		iorIorStatIOR_STAT_PATHS_RETRIED: &st.PathsRetried, iorIorStatIOR_STAT_PATHS_FAULTED: &st.PathsFaulted,
		iorIorStatIOR_STAT_URING_UNPAIRED: &st.URingUnpaired, iorIorStatIOR_STAT_AIO_UNREAD: &st.AIOUnread,
		iorIorStatIOR_STAT_LOST_URING_REQS: &st.LostURingReqs, iorIorStatIOR_STAT_LOST_URING_PATHS: &st.LostURingPaths,
		iorIorStatIOR_STAT_URING_OVERFLOW: &st.URingOverflow,
		iorIorStatIOR_STAT_PATHS_KERNEL:   &st.PathsKernel,
		iorIorStatIOR_STAT_LOST_NAMES:     &st.LostNames, iorIorStatIOR_STAT_LOST_TASKS: &st.LostTasks,
		iorIorStatIOR_STAT_LOST_PROCS: &st.LostProcs, iorIorStatIOR_STAT_LOST_NAMING: &st.LostNaming,
	}
	for i, d := range dst {
		var per []uint64
		if err := p.objs.Stats.Lookup(uint32(i), &per); err != nil {
			return st, fmt.Errorf("reading stat %d: %w", i, err)
		}
		for _, v := range per {
			*d += v
		}
	}
	return st, nil
}

// ProgramStat is one BPF program's run count and total run time, as
// the kernel counts them while BPF stats are enabled (EnableRunStats).
type ProgramStat struct {
	Name    string
	Runs    uint64
	Runtime time.Duration
}

// EnableRunStats turns on the kernel's BPF run-time accounting (it has a
// cost of its own) until the returned closer is closed.
func EnableRunStats() (io.Closer, error) {
	return ebpf.EnableStats(uint32(unix.BPF_STATS_RUN_TIME))
}

// RunStats reads the programs' counters.
func (p *Probe) RunStats() ([]ProgramStat, error) {
	var out []ProgramStat
	for _, pr := range p.programs() {
		st, err := pr.prog.Stats()
		if err != nil {
			return nil, fmt.Errorf("reading stats of %s: %w", pr.name, err)
		}
		out = append(out, ProgramStat{Name: pr.name, Runs: st.RunCount, Runtime: st.Runtime})
	}
	return out, nil
}
