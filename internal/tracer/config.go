// Package tracer runs one tracing session: checks before anything is
// attached, the probes, the target (a PID, or a command ior starts), the
// read loop, and the outputs (recording, live lines).
package tracer

import (
	"io"
	"os"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// Config is one session's settings.
type Config struct {
	PID, TID   uint32
	Comm       string
	Duration   time.Duration // 0: until the target exits or a signal
	Command    []string      // run this with tracing attached
	NoFollow   bool          // trace the process alone, not its children
	Record     bool          // write a recording
	Name       string
	Output     string // recording path; "": <host>-<name>-<timestamp>.ior.zst
	ReadyFile  string
	Live       string // live output format (output.Formats); "": none
	RingBytes  uint32
	Syscalls   []string
	CPUProfile string // pprof CPU profile of ior itself
	BPFStats   bool   // report the BPF programs' run counts and times
	RejectAll  bool   // benchmark floor: probes attached, every event filtered out
	// Fair: ior's reading thread keeps the priority ior has; by default
	// it runs at ReaderNice (when ior may), so that a busy workload
	// cannot starve it until the ring buffer overflows.
	Fair bool
	// Stacks records each event's user stack, and the processes'
	// mappings that symbolizing them needs (into a recording, and to
	// Mapping).
	Stacks bool
	// Mapping, if set, with Stacks, sees each mapping ior learns (as a
	// recording gets them: the zero Mapping's addresses mean an exec),
	// in the read loop (a dashboard names stacks live).
	Mapping func(pid uint32, m recording.Mapping)
	// Cgroup: only tasks in this cgroup v2 directory or below it, those
	// started later too; CgroupID and CgroupLevel are what probe.Cgroup
	// says of it. "": any.
	Cgroup      string
	CgroupID    uint64
	CgroupLevel uint32
	// Filters drop events before they are recorded or shown; the
	// recording's trailer names them and counts what they dropped.
	Filters recording.TraceFilters
	// Observe, if set, sees every event after decoding, with whether the
	// filters kept it (the live summary's hook). It runs in the read
	// loop: it must be quick and must not keep ev.
	Observe func(ev *event.Event, kept bool)
	// Attached, if set, is handed the kernel side's counters once the
	// probes are attached, to read while the session runs (a dashboard
	// shows them live).
	Attached func(k Kernel)
	// CountOther: the kernel side counts the traced tasks' calls to
	// syscalls that are not recorded (Kernel.OtherCalls).
	CountOther bool
	// Timestamps for the human live output: "" (relative seconds), "t"
	// (wall clock), "tt" (wall clock with microseconds).
	Timestamps string
	// Signals sent to ior, to end the session (see endings.go); nil: none.
	Signals <-chan os.Signal
	Stdout  io.Writer
	Stderr  io.Writer
}

// Result is what a session observed.
type Result struct {
	Events    uint64
	Stats     recording.Stats
	Recording string // path written, if any
	ExitCode  int    // of Command
}
