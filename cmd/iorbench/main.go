// Command iorbench measures ior against the untraced run, the probes' own
// floor, the smallest recorder (recorder-min, the lower bound), bpftrace (no-op, counting, latency maps), perf trace and strace,
// on a single-threaded and a multi-threaded workload (and ior's modes
// alone on an io_uring workload), alternating the modes within one run,
// and reports medians, min-max, ratios, loss, ior's CPU, memory and bytes
// per event, and the targets met or missed (see docs/benchmarks.md).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/ior-tracer/ior/internal/tracer"
)

type config struct {
	ior, hot, threads  string
	iorBase            string
	uring              string
	reads, opens       int
	nthreads, iters    int
	uringReqs, uringQD int
	reps, slowReps     int
	modes, workloads   string
	busy               string
	out                string
	suite              bool
	suiteC, suiteGo    string
}

func main() {
	// The command recorder-min runs, held until its programs are
	// attached (as ior holds its own).
	if path := os.Getenv(tracer.GateEnv); path != "" {
		tracer.GateMain(path) // does not return
	}
	if len(os.Args) > 1 && os.Args[1] == "-recorder-min" {
		os.Exit(recorderMain(os.Args[2:]))
	}
	var c config
	flag.StringVar(&c.ior, "ior", "build/ior", "ior binary")
	flag.StringVar(&c.iorBase, "ior-base", "", "another ior binary (the commit before a change): its modes run too, as ior-*-base, alternated with the others")
	flag.StringVar(&c.hot, "hot", "build/cmake/bench-hot", "single-threaded workload binary")
	flag.StringVar(&c.threads, "hot-threads", "build/cmake/bench-threads", "multi-threaded workload binary")
	flag.IntVar(&c.reads, "reads", 500000, "single-threaded: pread64 calls")
	flag.IntVar(&c.opens, "opens", 50000, "single-threaded: openat/close pairs")
	flag.IntVar(&c.nthreads, "threads", 16, "multi-threaded: threads")
	flag.IntVar(&c.iters, "iters", 10000, "multi-threaded: openat/pread64/close rounds per thread")
	flag.StringVar(&c.uring, "hot-uring", "build/cmake/bench-uring", "io_uring workload binary")
	flag.IntVar(&c.uringReqs, "uring-reqs", 200000, "io_uring: 4 KiB READ requests")
	flag.IntVar(&c.uringQD, "uring-qd", 32, "io_uring: requests in flight (queue depth)")
	flag.IntVar(&c.reps, "reps", 7, "rounds (every mode once per round, alternated)")
	flag.IntVar(&c.slowReps, "slow-reps", 3, "rounds in which the slow modes (perf-trace, strace) run")
	flag.StringVar(&c.modes, "modes", "", "comma-separated modes to run (default: all)")
	flag.StringVar(&c.workloads, "workloads", "single,threads,uring", "comma-separated workloads to run (single, threads, uring)")
	flag.StringVar(&c.out, "json", "bench-results.json", "where to write the figures")
	flag.StringVar(&c.suiteC, "workload-c", "build/cmake/workload-c", "C workload, for timing the integration suite")
	flag.StringVar(&c.suiteGo, "workload-go", "build/ioworkload", "Go workload, for timing the integration suite")
	flag.BoolVar(&c.suite, "suite", true, "also time the integration suite")
	flag.StringVar(&c.busy, "busy", "uring", "comma-separated workloads also run with a CPU hog on the last CPU (busy machine), reported beside the quiet figures; none: \"-\"")
	hogOnly := flag.Bool("hog", false, "spin on the last CPU for ever (the busy variant's hog)")
	flag.Parse()
	if *hogOnly {
		hog()
	}
	if err := runBench(c); err != nil {
		fmt.Fprintln(os.Stderr, "iorbench:", err)
		os.Exit(1)
	}
}

// result is one mode's samples on one workload.
type result struct {
	Mode    string   `json:"mode"`
	Samples []sample `json:"samples,omitempty"`
	Missing string   `json:"missing,omitempty"`
	Error   string   `json:"error,omitempty"`
	mode    mode
}

func runBench(c config) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("needs root")
	}
	var wls []workload
	bins := []string{c.ior}
	if c.iorBase != "" {
		bins = append(bins, c.iorBase)
	}
	for _, w := range workloads(c) {
		if selected(c.workloads, w.Name) {
			wls = append(wls, w)
			bins = append(bins, w.Bin)
		}
	}
	for _, w := range wls {
		if c.busy != "" && selected(c.busy, w.Name) {
			wls = append(wls, busyCopy(w))
		}
	}
	for _, b := range bins {
		if _, err := os.Stat(b); err != nil {
			return fmt.Errorf("%s not built (go tool mage build workloads:c)", b)
		}
	}
	dir, err := os.MkdirTemp("", "iorbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "data"), make([]byte, 4096), 0o644); err != nil {
		return err
	}
	var all []target
	results := make([][]*result, len(wls))
	for i, w := range wls {
		for _, m := range append(modes(), baseModes(c.iorBase)...) {
			r := &result{Mode: m.Name, mode: m}
			if !selected(c.modes, m.Name) {
				r.Missing = "not selected"
			} else if (m.Tool != "" || m.SyscallsOnly) && w.NoTracers != "" {
				r.Missing = w.NoTracers
			} else if _, err := exec.LookPath(m.Tool); m.Tool != "" && err != nil {
				r.Missing = "not installed"
			}
			results[i] = append(results[i], r)
		}
	}
	start := time.Now()
	// Round after round, every workload and every mode once: drift on a
	// noisy machine hits every mode alike.
	for round := 0; round < c.reps; round++ {
		for i, w := range wls {
			for _, r := range results[i] {
				if r.Missing != "" || r.Error != "" || (r.mode.Slow && round >= c.slowReps) {
					continue
				}
				bin := c.ior
				if r.mode.Bin != "" {
					bin = r.mode.Bin
				}
				s, err := measure(r.mode, w, bin, dir)
				if err != nil {
					r.Error = err.Error()
					continue
				}
				r.Samples = append(r.Samples, s)
			}
		}
		fmt.Fprintf(os.Stderr, "iorbench: round %d of %d done after %.0fs\n", round+1, c.reps, time.Since(start).Seconds())
	}
	startup, _ := measureStartup(c.ior, dir)
	readies := timeToReady(bins[:1+min(len(c.iorBase), 1)], dir, c.reps)
	ready := readies[0]
	if rm, _, _ := stats(ready); rm > 0 {
		all = append(all, target{6, "time to ready (ior -pid, median)", rm / 1e6, 50, "ms"})
	}
	figures := map[string]any{"reps": c.reps, "slow_reps": c.slowReps, "date": time.Now().UTC(),
		"startup_cpu_ns": startup, "time_to_ready_ns": ready}
	for i, w := range wls {
		all = append(all, report(w, results[i], c, startup)...)
		figures[w.Name] = map[string]any{"title": w.Title, "syscalls": w.Syscalls, "modes": results[i]}
	}
	rm, rlo, rhi := stats(ready)
	fmt.Printf("\nior start-up: time to ready median %.1f ms (min %.1f, max %.1f); CPU recording 'true' %.0f ms\n",
		rm/1e6, rlo/1e6, rhi/1e6, startup/1e6)
	if len(readies) > 1 {
		bm, blo, bhi := stats(readies[1])
		fmt.Printf("ior-base start-up: time to ready median %.1f ms (min %.1f, max %.1f), alternated with the above\n", bm/1e6, blo/1e6, bhi/1e6)
		figures["base_time_to_ready_ns"] = readies[1]
	}
	reportTargets(all)
	if c.suite {
		d, runs, err := timeSuite(c)
		if err != nil {
			fmt.Printf("integration suite: not timed: %v\n", lastLine(err.Error()))
		} else {
			fmt.Printf("integration suite: %.1f s for %d checks (%.0f ms per check, including the test binary's build)\n",
				d.Seconds(), runs, float64(d.Milliseconds())/float64(max(runs, 1)))
			figures["suite_ns"], figures["suite_runs"] = d.Nanoseconds(), runs
		}
	}
	fmt.Printf("total: %.0f s\n", time.Since(start).Seconds())
	b, _ := json.MarshalIndent(figures, "", "  ")
	return os.WriteFile(c.out, b, 0o644)
}
