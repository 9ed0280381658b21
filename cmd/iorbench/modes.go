package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// run is what a mode needs to build its command line.
type run struct {
	ior  string
	self string   // iorbench itself (recorder-min)
	hot  []string // the workload's argv
	dir  string   // scratch directory of this run
	tool string   // the mode's tool, as found in PATH
	// floor: the -syscalls ior-floor passes, the workload's (so that
	// their probes, and only theirs, are attached).
	floor string
}

// mode is one way of running a workload: untraced, or under one tracer.
type mode struct {
	Name string
	Tool string // must be installed; "" for ior's own modes and untraced
	Slow bool   // runs only in the first -slow-reps rounds
	// IOR: an ior mode; its summary line gives events, loss, CPU and
	// RSS, and the ring buffer it reserved into is watched.
	IOR bool
	// SyscallsOnly: a mode that sees syscalls only, as the other
	// tracers (not run where the workload says NoTracers).
	SyscallsOnly bool
	// Bin: the ior binary of a -ior-base mode ("": -ior's).
	Bin string
	// Stdout: the mode's stdout goes to a file (ior top's screen)
	// rather than to memory.
	Stdout bool
	// Live: ior's live events go to a file (-output r.dir/live), which
	// is removed after the run.
	Live bool
	argv func(r run) []string
	// parse reads what the tool itself reports about events seen and
	// lost (from its stdout and files in r.dir) into s.
	parse func(r run, stdout string, s *sample) error
	// Loss says how the mode can lose events and where the figure
	// comes from.
	Loss string
}

// The six tracepoints the bpftrace modes attach to: enter and exit of the
// three syscalls both workloads issue.
var btProbes = strings.Join([]string{
	"tracepoint:syscalls:sys_enter_pread64", "tracepoint:syscalls:sys_exit_pread64",
	"tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_exit_openat",
	"tracepoint:syscalls:sys_enter_close", "tracepoint:syscalls:sys_exit_close",
}, ",")

const (
	// pid 0 (the idle task) issues no syscalls: the filter rejects every
	// event, so this measures bpftrace's probes and nothing else.
	btNoop = "/pid == 0/ { @rejected_all = count(); }"
	// Counting only: one per-CPU map increment per tracepoint hit.
	btCount = "/pid == cpid/ { @[probe] = count(); }"
)

// btLatency: per-syscall latency histograms, the usual bpftrace one-liner.
const btLatency = `tracepoint:syscalls:sys_enter_pread64,tracepoint:syscalls:sys_enter_openat,tracepoint:syscalls:sys_enter_close /pid == cpid/ { @start[tid] = nsecs; }
tracepoint:syscalls:sys_exit_pread64,tracepoint:syscalls:sys_exit_openat,tracepoint:syscalls:sys_exit_close /@start[tid]/ { @lat[probe] = hist(nsecs - @start[tid]); delete(@start[tid]); }`

func bpftrace(script string) func(r run) []string {
	return func(r run) []string {
		return []string{r.tool, "-q", "-e", script, "-c", strings.Join(r.hot, " ")}
	}
}

var (
	btCountLine = regexp.MustCompile(`(?m)^@\[tracepoint:syscalls:sys_enter_\w+\]: (\d+)$`)
	btLost      = regexp.MustCompile(`Lost (\d+) events`)
	perfCall    = regexp.MustCompile(`\b(pread64|openat|close)\(`)
	perfLost    = regexp.MustCompile(`^LOST (\d+) events!`)
)

func modes() []mode {
	return []mode{
		{Name: "untraced", argv: func(r run) []string { return r.hot }},
		{Name: "ior-floor", IOR: true, argv: func(r run) []string {
			return append([]string{r.ior, "-reject-all", "-syscalls", r.floor, "--"}, r.hot...)
		}, Loss: "ior's summary (nothing to lose: every event is filtered out)"},
		{Name: "recorder-min", SyscallsOnly: true, argv: func(r run) []string {
			return append([]string{r.self, "-recorder-min", "-syscalls", r.floor, "--"}, r.hot...)
		}, parse: parseRecorderMin,
			Loss: "its own line (the smallest recorder: enter time, exit time, a 40-byte record through the ring; recmin_prog.go)"},
		{Name: "ior-record", IOR: true, argv: func(r run) []string {
			return append([]string{r.ior, "-flamegraph", "-o", filepath.Join(r.dir, "r.ior.zst"), "--"}, r.hot...)
		}, Loss: "ior's summary line (ring buffer full, no per-thread state)"},
		{Name: "ior-stacks", IOR: true, argv: func(r run) []string {
			return append([]string{r.ior, "-flamegraph", "-stacks", "-o", filepath.Join(r.dir, "s.ior.zst"), "--"}, r.hot...)
		}, Loss: "ior's summary line; as ior-record, with each event's user stack (-stacks)"},
		{Name: "ior-text", IOR: true, Live: true, argv: func(r run) []string {
			return append([]string{r.ior, "-output", filepath.Join(r.dir, "live"), "--"}, r.hot...)
		}, Loss: "ior's summary line; ior's default output (strace-like lines, to a file with -output)"},
		{Name: "ior-top", IOR: true, Stdout: true, argv: func(r run) []string {
			return append([]string{r.ior, "top", "-exit-on-end", "--"}, r.hot...)
		}, Loss: "ior's summary line, printed when the dashboard quits; the dashboard (ior top) open, its screen drawn to a file"},
		{Name: "bpftrace-noop", Tool: "bpftrace", argv: bpftrace(btProbes + " " + btNoop),
			Loss: "nothing to lose (the filter rejects every event)"},
		{Name: "bpftrace-count", Tool: "bpftrace", argv: bpftrace(btProbes + " " + btCount),
			parse: parseBpftraceCount,
			Loss:  "syscalls counted at sys_enter vs issued by the loop (in-kernel map: nothing is sent)"},
		{Name: "bpftrace-lat", Tool: "bpftrace", argv: bpftrace(btLatency),
			parse: parseBpftraceLost,
			Loss:  "bpftrace's 'Lost N events' (none expected: histograms are kept in kernel maps)"},
		{Name: "perf-trace", Tool: "perf", Slow: true, argv: func(r run) []string {
			return append([]string{r.tool, "trace", "-o", filepath.Join(r.dir, "perf.out"), "-e", "pread64,openat,close", "--"}, r.hot...)
		}, parse: parsePerf, Loss: "perf's 'LOST N events!' lines (N counts perf records: two per call, enter and exit); events = calls it printed"},
		{Name: "strace", Tool: "strace", Slow: true, argv: func(r run) []string {
			return append([]string{r.tool, "-f", "-qq", "-o", "/dev/null", "-e", "trace=pread64,openat,close"}, r.hot...)
		}, Loss: "cannot lose: ptrace stops the traced thread at every syscall"},
	}
}

// baseModes are ior's modes again with another binary (-ior-base; none
// without), named NAME-base, so that one run compares two versions of
// ior round by round.
func baseModes(bin string) []mode {
	if bin == "" {
		return nil
	}
	var out []mode
	for _, m := range modes() {
		if m.IOR {
			m.Name, m.Bin = m.Name+"-base", bin
			out = append(out, m)
		}
	}
	return out
}

// parseBpftraceCount: the @[probe] counts printed at exit; a syscall is
// counted once, at its sys_enter.
func parseBpftraceCount(r run, stdout string, s *sample) error {
	m := btCountLine.FindAllStringSubmatch(stdout, -1)
	if m == nil {
		return fmt.Errorf("bpftrace printed no counts")
	}
	for _, c := range m {
		n, _ := strconv.ParseFloat(c[1], 64)
		s.Events += n
	}
	s.Lost = max(0, float64(s.Issued)-s.Events)
	return parseBpftraceLost(r, stdout, s)
}

func parseBpftraceLost(_ run, stdout string, s *sample) error {
	for _, m := range btLost.FindAllStringSubmatch(stdout, -1) {
		n, _ := strconv.ParseFloat(m[1], 64)
		s.Lost += n
	}
	return nil
}

// parsePerf counts the calls perf trace printed and the events it says it
// lost, a line at a time (its output is tens of MB).
func parsePerf(r run, _ string, s *sample) error {
	name := filepath.Join(r.dir, "perf.out")
	defer os.Remove(name)
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Bytes()
		if m := perfLost.FindSubmatch(l); m != nil {
			n, _ := strconv.ParseFloat(string(m[1]), 64)
			s.Lost += n
		} else if perfCall.Match(l) {
			s.Events++
		}
	}
	return sc.Err()
}
