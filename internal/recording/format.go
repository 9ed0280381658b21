// Package recording writes and reads .ior.zst recordings. The format is
// described in docs/recording-format.md: format.go holds what writer and
// reader share, writer.go and reader.go one side each, aggregate.go the
// per-group sums, summary.go the bounded-memory reader of the sums.
package recording

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/hist"
)

// Magic opens every recording (inside the zstd stream); Version follows.
// Version 2 added frames that can be cut back to (so a failed write
// leaves a readable recording), the trailer's incomplete, aggregates and
// no_aggregates fields, and tighter string bounds. Version 3 added an
// io_uring request's fields at the end of its event record (user_data,
// slot, sqe_flags, exec); a syscall's record has none. Version 4 added
// user stacks (a stack table, 'K', and each event's stack id) and the
// processes' mappings ('M'), see stacks.go; and args (a string id, 0
// for none) after the stack id, before the io_uring fields. Version 5
// added at the end of an event record, after the io_uring fields
// (which a record with any of these carries even when zero), the
// resolved files (file and file2 as string ids, 0 for none, then
// file_status), then the values the kernel side read behind pointers
// (captures.go) when there are any; and the process table ('P',
// procs.go). Version 6 writes the events in blocks ('B', no 'E'), by
// column, each event against a reference, its thread's previous event
// of the same syscall: only what differs, and the enter time from the
// thread's previous exit (events6.go). Version 7 splits each of a
// block's two time columns in two: the value >> 8, and its low byte
// (events6.go). Versions 1 to 6 are still read.
const (
	Magic   = "IORREC"
	Version = 7
)

// Record types.
const (
	recHeader    = 'H'
	recString    = 'S'
	recReset     = 'R'
	recEvent     = 'E'
	recAggregate = 'A'
	recTrailer   = 'T'
	recStack     = 'K' // version 4
	recMapping   = 'M' // version 4
	recProc      = 'P' // version 5
	recBlock     = 'B' // version 6: events by column (events6.go)
)

// Limits that bound memory, for writer and reader alike; a reader refuses
// a file that exceeds them. docs/recording-format.md states what they
// add up to.
const (
	maxRecord     = 1 << 20 // bytes in one record
	maxString     = 16384   // bytes in one string: a path ior resolved (cwd + a name of up to 4159 bytes) fits (version 1: maxRecord)
	maxStrings    = 1 << 18 // string table entries before a reset
	maxTableBytes = 64 << 20
	MaxAggregates = 1 << 20 // aggregate records; more groups fold into OtherPath
	maxAggBytes   = 64 << 20
	// Histogram buckets over all groups (8 bytes each): a recording's
	// histograms take at most 64 MiB; past that a group's histogram
	// keeps its span and counts outliers in its end buckets.
	maxHistBuckets = 8 << 20
	maxWindow      = 8 << 20 // zstd window a reader accepts
	OtherPath      = "<other>"
)

// frameBytes is how much uncompressed data a zstd frame holds. A write
// error loses at most this much (some 130 000 to 260 000 events). Each
// frame starts the compressor afresh: measured on 2M varied events, 1 MiB
// frames made the file 22% larger than one frame, 4 MiB 7%, 16 MiB 4%.
const frameBytes = 4 << 20

// Filters are what the recording was restricted to (zero: not filtered).
type Filters struct {
	PID      uint32 `json:"pid,omitempty"`
	TID      uint32 `json:"tid,omitempty"`
	Comm     string `json:"comm,omitempty"`
	NoFollow bool   `json:"no_follow,omitempty"` // children of PID not traced
}

// Header opens a recording.
type Header struct {
	Name        string    `json:"name"`
	Host        string    `json:"host"`
	Kernel      string    `json:"kernel"`
	Start       time.Time `json:"start"`
	StartMonoNs uint64    `json:"start_mono_ns"` // CLOCK_MONOTONIC at Start
	Filters     Filters   `json:"filters"`
	Command     []string  `json:"command,omitempty"`
	Tracepoints []string  `json:"tracepoints"`
	Skipped     []string  `json:"skipped,omitempty"` // tracepoints this kernel lacks
	// Stacks: user stacks were recorded (-stacks, version 4).
	Stacks bool `json:"stacks,omitempty"`
}

// Stats close a recording. The writer sets Events, Aggregates,
// Incomplete and NoAggregates itself.
type Stats struct {
	Events       uint64 `json:"events"`
	LostRingbuf  uint64 `json:"lost_ringbuf"`
	LostInflight uint64 `json:"lost_inflight"`
	PathsRetried uint64 `json:"paths_retried"`
	PathsFaulted uint64 `json:"paths_faulted"`
	// URingUnpaired: io_uring requests not recorded because they post
	// no completion on success (IOSQE_CQE_SKIP_SUCCESS).
	URingUnpaired uint64 `json:"uring_unpaired,omitempty"`
	// Losses by cause, beside LostRingbuf and LostInflight: the io_uring
	// request map full (not recorded), its path map full (recorded, its
	// paths unknown), overflowed completions whose request could not be
	// told apart (not recorded).
	LostURingReqs  uint64 `json:"lost_uring_reqs,omitempty"`
	LostURingPaths uint64 `json:"lost_uring_paths,omitempty"`
	URingOverflow  uint64 `json:"uring_overflow,omitempty"`
	// AIOUnread: AIO iocbs or results the kernel side could not read.
	AIOUnread uint64 `json:"aio_unread,omitempty"`
	// PathsKernel: exec paths taken from the kernel's own copy, as the
	// process's memory could not be read at entry and was the new
	// image's after the call.
	PathsKernel uint64 `json:"paths_kernel,omitempty"`
	// Records other than events the ring buffer had no room for (not in
	// Lost, which counts events): file name records, each try (the
	// calls that needed one show their file as unknown; a name not sent
	// is tried again at the file's next use); exec, fork and exit
	// records; process records, each try (tried again at the task's
	// next call). Recordings before them read as zero.
	LostNames uint64 `json:"lost_names,omitempty"`
	LostTasks uint64 `json:"lost_tasks,omitempty"`
	LostProcs uint64 `json:"lost_procs,omitempty"`
	// LostNaming: with -syscalls, records of the calls traced only to
	// name the files of those asked for (opens, closes, dups ...; not
	// shown), not in Lost either.
	LostNaming uint64    `json:"lost_naming,omitempty"`
	End        time.Time `json:"end"`
	// Aggregates is the number of aggregate records (version 2).
	Aggregates uint64 `json:"aggregates"`
	// Incomplete says why the recording ends early (a write error); the
	// events and aggregates are then those before it.
	Incomplete string `json:"incomplete,omitempty"`
	// NoAggregates: the aggregates could not be written either; readers
	// rebuild them from the events.
	NoAggregates bool `json:"no_aggregates,omitempty"`
	// TraceFilters were on while tracing and dropped FilteredOut events,
	// which are in neither the events nor the aggregates (version 2).
	TraceFilters *TraceFilters `json:"trace_filters,omitempty"`
	FilteredOut  uint64        `json:"filtered_out,omitempty"`
	// StacksDropped: events recorded without their stack, the stack
	// table being full (version 4).
	StacksDropped uint64 `json:"stacks_dropped,omitempty"`
	// ProgramsUnplaced: processes whose mappings ior could not learn
	// (-stacks, version 4): their stacks' addresses are not in any 'M'.
	ProgramsUnplaced uint64 `json:"programs_unplaced,omitempty"`
}

// Lost counts events that never reached the recording: calls, io_uring
// completions and AIO iocbs and results, each once; not the other
// records (LostNames, LostTasks, LostProcs).
func (s Stats) Lost() uint64 {
	return s.LostRingbuf + s.LostInflight + s.LostURingReqs + s.URingOverflow
}

// NotRecorded says the records other than events that were lost
// (LostNames, LostTasks, LostProcs, LostNaming), those that counted
// some, in a few words each ("6200 file names, 3 exec/fork/exit
// records"); "" when none was.
func (s Stats) NotRecorded() string {
	var out []string
	for _, c := range []struct {
		n    uint64
		what string
	}{
		{s.LostNames, "file names"},
		{s.LostTasks, "exec/fork/exit records"},
		{s.LostProcs, "process records"},
		{s.LostNaming, "calls traced for naming"},
	} {
		if c.n > 0 {
			out = append(out, strconv.FormatUint(c.n, 10)+" "+c.what)
		}
	}
	return strings.Join(out, ", ")
}

// AggKey groups events for summaries and flamegraphs.
type AggKey struct {
	Path    string
	Comm    string
	Syscall string
	PID     uint32
	TID     uint32
	Errno   uint16 // 0: the calls succeeded (version 2; version 1 has none)
}

// AggValue sums a group.
type AggValue struct {
	Count      uint64
	DurationNs uint64
	Bytes      uint64
	MaxNs      uint64    // longest call (version 2)
	Hist       hist.Hist // durations in ns (version 2)
}

// Aggregate is one group.
type Aggregate struct {
	AggKey
	AggValue
}

// ErrFormat wraps every complaint about a damaged or foreign file.
var ErrFormat = errors.New("not a valid ior recording")

// ErrIncomplete wraps Close's error when a write error cut the recording
// short but what came before it was kept.
var ErrIncomplete = errors.New("recording incomplete")

func formatErr(f string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(f, a...))
}

// clock is the base of an event's enter_ns delta. Version 3: the same
// thread's previous event (threads interleave; each thread's own times
// are regular and compress), or the previous event's for a thread not
// seen yet. Writer and reader keep it alike: a cell per thread, made at
// the thread's first event; the cells are all forgotten when a new
// thread finds maxClockThreads of them, so that they stay bounded.
type clock struct {
	prev  uint64 // the previous event's enter_ns
	cur   *cell  // and its thread's cell
	tid   uint32
	tids  map[uint32]*cell
	byTID bool // version 3; earlier: the previous event only
}

// cell is one thread's: its last enter_ns.
type cell struct {
	ns uint64
}

const maxClockThreads = 1 << 16

// cell returns tid's cell (made, if new, with the previous event's time).
func (c *clock) cell(tid uint32) *cell {
	if c.cur != nil && c.tid == tid {
		return c.cur
	}
	t := c.tids[tid]
	if t == nil {
		if c.tids == nil {
			c.tids = map[uint32]*cell{}
		}
		if len(c.tids) >= maxClockThreads {
			clear(c.tids)
		}
		t = &cell{ns: c.prev}
		c.tids[tid] = t
	}
	c.cur, c.tid = t, tid
	return t
}

func (c *clock) base(tid uint32) uint64 {
	if !c.byTID {
		return c.prev
	}
	return c.cell(tid).ns
}

func (c *clock) set(tid uint32, ns uint64) {
	c.prev = ns
	if c.byTID {
		c.cell(tid).ns = ns
	}
}

func zig(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzig(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
