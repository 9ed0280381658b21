package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// workload is one program the modes trace; it writes its timed part's
// wall time (ns) to the file named by its last argument.
type workload struct {
	Name  string
	Title string
	Bin   string // the workload's binary, checked before the run
	Argv  func(dir, timeFile string) []string
	// Syscalls: the events ior should record in the timed part, as far
	// as the arguments tell (for the io_uring workload: its requests).
	Syscalls int
	// Unit names what Syscalls counts, for the rate column (k<Unit>/s).
	Unit string
	// Reported: when not "", the time file's second line adds that many
	// more events (what they are: "io_uring_enter calls"), a count only
	// the workload knows.
	Reported string
	// Floor: the -syscalls of ior-floor, the ones the workload issues.
	Floor string
	// Busy: run with a CPU hog on the last CPU (busy.go).
	Busy bool
	// NoTracers: when not "", why the other tracers' modes (bpftrace,
	// perf trace, strace) do not run on this workload, and Note says it
	// at length under the table.
	NoTracers, Note string
}

func workloads(c config) []workload {
	return []workload{
		{Name: "single", Bin: c.hot, Syscalls: c.reads + 2*c.opens, Unit: "calls", Floor: "pread64,openat,close",
			Title: fmt.Sprintf("single-threaded: %d pread64 + %d openat/close on one file", c.reads, c.opens),
			Argv: func(dir, tf string) []string {
				return []string{c.hot, strconv.Itoa(c.reads), strconv.Itoa(c.opens), filepath.Join(dir, "data"), tf}
			}},
		{Name: "threads", Bin: c.threads, Syscalls: 3 * c.nthreads * c.iters, Unit: "calls", Floor: "pread64,openat,close",
			Title: fmt.Sprintf("multi-threaded: %d threads x %d openat/pread64/close, each on its own file", c.nthreads, c.iters),
			Argv: func(dir, tf string) []string {
				return []string{c.threads, strconv.Itoa(c.nthreads), strconv.Itoa(c.iters), dir, tf}
			}},
		{Name: "uring", Bin: c.uring, Syscalls: c.uringReqs, Unit: "reqs", Reported: "io_uring_enter calls",
			// io_uring_enter's own probes and, with them, the io_uring
			// tracepoints that pair the requests.
			Floor: "io_uring_enter",
			Title: fmt.Sprintf("io_uring: %d IORING_OP_READ of 4 KiB, %d in flight, from a 1 MiB file in the page cache", c.uringReqs, c.uringQD),
			Argv: func(dir, tf string) []string {
				return []string{c.uring, strconv.Itoa(c.uringReqs), strconv.Itoa(c.uringQD), filepath.Join(dir, "uring-data"), tf}
			},
			NoTracers: "n/a: sees only io_uring_enter",
			Note: "bpftrace, perf trace, strace: not run. Their modes trace syscalls, and a request is no syscall:\n" +
				"on io_uring_enter alone they would see one event of QD+1 (when a call completes QD requests),\n" +
				"so their times and losses would not compare with ior's, which records the requests too."},
	}
}

func selected(list, name string) bool {
	return list == "" || slices.Contains(strings.Split(list, ","), name)
}

// parseTimeFile reads a workload's time file: the timed part's wall time
// in ns, then, if the workload reports one, a count of events beyond the
// ones its arguments tell (-1 when the file has no second line).
func parseTimeFile(b []byte) (ns float64, reported int, err error) {
	lines := strings.Fields(string(b))
	if len(lines) == 0 || len(lines) > 2 {
		return 0, 0, fmt.Errorf("want 1 or 2 lines, got %q", b)
	}
	if ns, err = strconv.ParseFloat(lines[0], 64); err != nil {
		return 0, 0, err
	}
	if len(lines) == 1 {
		return ns, -1, nil
	}
	if reported, err = strconv.Atoi(lines[1]); err != nil || reported < 0 {
		return 0, 0, fmt.Errorf("second line %q: not a count", lines[1])
	}
	return ns, reported, nil
}
