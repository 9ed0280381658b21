// Command iorbench measures ior against the untraced run, the probes' own
// floor, bpftrace, perf trace and strace, alternating the tracers within
// one run, and reports medians, min-max and ratios (see README).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

type sample struct {
	WallNs   float64 `json:"wall_ns"` // the hot loop's own time
	Events   float64 `json:"events,omitempty"`
	Lost     float64 `json:"lost,omitempty"`
	CPUNs    float64 `json:"tracer_cpu_ns,omitempty"`
	RSSKiB   float64 `json:"tracer_rss_kib,omitempty"`
	RecBytes float64 `json:"recording_bytes,omitempty"`
}

type mode struct {
	Name string
	cmd  func(hot []string, dir string) ([]string, bool) // argv; false: tool missing
}

type result struct {
	Mode    string   `json:"mode"`
	Samples []sample `json:"samples,omitempty"`
	Missing string   `json:"missing,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func main() {
	ior := flag.String("ior", "build/ior", "ior binary")
	hot := flag.String("hot", "build/cmake/bench-hot", "hot workload binary")
	reads := flag.Int("reads", 2000000, "pread64 calls in the hot loop")
	opens := flag.Int("opens", 200000, "openat/close pairs in the hot loop")
	reps := flag.Int("reps", 5, "repetitions of each mode")
	out := flag.String("json", "bench-results.json", "where to write the figures")
	flag.StringVar(&suiteC, "workload-c", "build/cmake/workload-c", "C workload, for timing the integration suite")
	flag.StringVar(&suiteGo, "workload-go", "build/ioworkload", "Go workload, for timing the integration suite")
	flag.BoolVar(&suite, "suite", true, "also time the integration suite")
	flag.StringVar(&only, "modes", "", "comma-separated modes to run (default: all)")
	flag.Parse()
	if err := run(*ior, *hot, *reads, *opens, *reps, *out); err != nil {
		fmt.Fprintln(os.Stderr, "iorbench:", err)
		os.Exit(1)
	}
}

var (
	suite           bool
	suiteC, suiteGo string
	only            string // comma-separated modes to run
)

var suitePassed = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed`)

// timeSuite runs the integration suite once with the built binaries and
// returns its wall time and how many checks it passed (from its closing
// line).
func timeSuite(ior string) (time.Duration, int, error) {
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	cmd := exec.Command("go", "test", "-count=1", "-v", "./integrationtests/")
	cmd.Env = append(os.Environ(), "IOR_BINARY="+abs(ior), "IOR_WORKLOAD_C="+abs(suiteC), "IOR_WORKLOAD_GO="+abs(suiteGo))
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("integration suite failed: %v\n%s", err, out)
	}
	m := suitePassed.FindSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("integration suite printed no 'N passed, N failed' line")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return d, n, nil
}

func have(tool string) bool { _, err := exec.LookPath(tool); return err == nil }

const btScript = `tracepoint:syscalls:sys_enter_pread64,tracepoint:syscalls:sys_enter_openat,tracepoint:syscalls:sys_enter_close /pid == cpid/ { @start[tid] = nsecs; }
tracepoint:syscalls:sys_exit_pread64,tracepoint:syscalls:sys_exit_openat,tracepoint:syscalls:sys_exit_close /@start[tid]/ { @lat[probe] = hist(nsecs - @start[tid]); delete(@start[tid]); }`

func run(ior, hot string, reads, opens, reps int, out string) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("needs root")
	}
	for _, b := range []string{ior, hot} {
		if _, err := os.Stat(b); err != nil {
			return fmt.Errorf("%s not built (go tool mage build workloads:c)", b)
		}
	}
	dir, err := os.MkdirTemp("", "iorbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "data")
	os.WriteFile(file, bytes.Repeat([]byte("x"), 4096), 0o644)
	hotArgv := []string{hot, strconv.Itoa(reads), strconv.Itoa(opens), file}
	modes := []mode{
		{"untraced", func(h []string, _ string) ([]string, bool) { return h, true }},
		{"ior-floor", func(h []string, _ string) ([]string, bool) {
			return append([]string{ior, "-reject-all", "-syscalls", "pread64,openat,close", "--"}, h...), true
		}},
		{"ior-record", func(h []string, d string) ([]string, bool) {
			return append([]string{ior, "-flamegraph", "-o", filepath.Join(d, "r.ior.zst"), "--"}, h...), true
		}},
		{"bpftrace", func(h []string, _ string) ([]string, bool) {
			return []string{"bpftrace", "-q", "-e", btScript, "-c", strings.Join(h, " ")}, have("bpftrace")
		}},
		{"perf-trace", func(h []string, _ string) ([]string, bool) {
			return append([]string{"perf", "trace", "-o", "/dev/null", "-e", "pread64,openat,close", "--"}, h...), have("perf")
		}},
		{"strace", func(h []string, _ string) ([]string, bool) {
			return append([]string{"strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pread64,openat,close"}, h...), have("strace")
		}},
	}
	results := make([]*result, len(modes))
	for i, m := range modes {
		results[i] = &result{Mode: m.Name}
		if only != "" && !slices.Contains(strings.Split(only, ","), m.Name) {
			results[i].Missing = "not selected"
		} else if _, ok := m.cmd(hotArgv, dir); !ok {
			results[i].Missing = "not installed"
		}
	}
	// A B C ... A B C ...: drift on a noisy machine hits every mode alike.
	for r := 0; r < reps; r++ {
		for i, m := range modes {
			res := results[i]
			if res.Missing != "" || res.Error != "" {
				continue
			}
			argv, _ := m.cmd(hotArgv, dir)
			s, err := measure(argv, dir)
			if err != nil {
				res.Error = err.Error()
				continue
			}
			res.Samples = append(res.Samples, s)
		}
	}
	if s, err := measureStartup(ior, dir); err == nil {
		startupCPU = s
	}
	ready := timeToReady(ior, dir, reps)
	report(results, ready, reads+2*opens)
	figures := map[string]any{"reads": reads, "opens": opens, "reps": reps,
		"modes": results, "time_to_ready_ns": ready, "date": time.Now().UTC()}
	if suite {
		d, runs, err := timeSuite(ior)
		if err != nil {
			return err
		}
		fmt.Printf("integration suite: %.1f s for %d checks (%.0f ms per check, including the test binary's build)\n",
			d.Seconds(), runs, float64(d.Milliseconds())/float64(max(runs, 1)))
		figures["suite_ns"], figures["suite_runs"] = d.Nanoseconds(), runs
	}
	b, _ := json.MarshalIndent(figures, "", "  ")
	return os.WriteFile(out, b, 0o644)
}

var iorSummary = regexp.MustCompile(`ior: (\d+) events in [0-9.]+s, (\d+) lost, ior cpu ([0-9.]+)s, max rss (\d+) KiB`)

func measure(argv []string, dir string) (sample, error) {
	var s sample
	cmd := exec.Command(argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return s, fmt.Errorf("%s: %v: %s", argv[0], err, lastLine(stderr.String()))
	}
	// The hot loop prints its own wall time; tracers may print more.
	for _, l := range strings.Split(stdout.String(), "\n") {
		if v, err := strconv.ParseFloat(strings.TrimSpace(l), 64); err == nil {
			s.WallNs = v
		}
	}
	if s.WallNs == 0 {
		return s, fmt.Errorf("%s: no timing in output", argv[0])
	}
	if m := iorSummary.FindStringSubmatch(stderr.String()); m != nil {
		s.Events, _ = strconv.ParseFloat(m[1], 64)
		s.Lost, _ = strconv.ParseFloat(m[2], 64)
		// ior's own figures: the wait4 rusage of ior would include the
		// hot workload, which ior ran as its child.
		cpu, _ := strconv.ParseFloat(m[3], 64)
		s.CPUNs = cpu * 1e9
		s.RSSKiB, _ = strconv.ParseFloat(m[4], 64)
		if fi, err := os.Stat(filepath.Join(dir, "r.ior.zst")); err == nil {
			s.RecBytes = float64(fi.Size())
			os.Remove(filepath.Join(dir, "r.ior.zst"))
		}
	}
	return s, nil
}

func measureStartup(ior, dir string) (float64, error) {
	var cpus []float64
	for i := 0; i < 3; i++ {
		cmd := exec.Command(ior, "-flamegraph", "-o", filepath.Join(dir, "t.ior.zst"), "--", "true")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return 0, err
		}
		m := iorSummary.FindStringSubmatch(stderr.String())
		if m == nil {
			return 0, fmt.Errorf("no summary from ior")
		}
		c, _ := strconv.ParseFloat(m[3], 64)
		cpus = append(cpus, c*1e9)
	}
	med, _, _ := stats(cpus)
	return med, nil
}

func lastLine(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return l[len(l)-1]
}

// timeToReady: from starting ior to its ready file, tracing a sleeper.
func timeToReady(ior, dir string, reps int) []float64 {
	var out []float64
	sleeper := exec.Command("sleep", "60")
	if sleeper.Start() != nil {
		return nil
	}
	defer sleeper.Process.Kill()
	for r := 0; r < reps; r++ {
		rf := filepath.Join(dir, fmt.Sprintf("ready%d", r))
		t0 := time.Now()
		c := exec.Command(ior, "-pid", strconv.Itoa(sleeper.Process.Pid), "-ready-file", rf, "-flamegraph", "-o", filepath.Join(dir, "s.ior.zst"))
		if c.Start() != nil {
			return out
		}
		for time.Since(t0) < 10*time.Second {
			if _, err := os.Stat(rf); err == nil {
				out = append(out, float64(time.Since(t0).Nanoseconds()))
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		c.Process.Signal(os.Interrupt)
		c.Wait()
	}
	return out
}

func stats(v []float64) (med, lo, hi float64) {
	if len(v) == 0 {
		return 0, 0, 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2], s[0], s[len(s)-1]
}

func col(ss []sample, f func(sample) float64) []float64 {
	var out []float64
	for _, s := range ss {
		out = append(out, f(s))
	}
	return out
}

// startupCPU is ior's CPU time (ns) recording `true`: its fixed cost.
var startupCPU float64

func report(results []*result, ready []float64, syscallsPerRun int) {
	base := map[string]float64{}
	for _, r := range results {
		m, _, _ := stats(col(r.Samples, func(s sample) float64 { return s.WallNs }))
		base[r.Mode] = m
	}
	fmt.Printf("%-12s %12s %21s %10s %10s\n", "mode", "median ms", "min-max ms", "/untraced", "/floor")
	for _, r := range results {
		if r.Missing != "" || r.Error != "" {
			fmt.Printf("%-12s %s%s\n", r.Mode, r.Missing, r.Error)
			continue
		}
		m, lo, hi := stats(col(r.Samples, func(s sample) float64 { return s.WallNs }))
		fmt.Printf("%-12s %12.1f %10.1f-%-10.1f %10.2f %10.2f\n", r.Mode, m/1e6, lo/1e6, hi/1e6, m/base["untraced"], m/base["ior-floor"])
	}
	for _, r := range results {
		if r.Mode != "ior-record" || len(r.Samples) == 0 {
			continue
		}
		ev, _, _ := stats(col(r.Samples, func(s sample) float64 { return s.Events }))
		lost, _, lostMax := stats(col(r.Samples, func(s sample) float64 { return s.Lost }))
		cpu, _, _ := stats(col(r.Samples, func(s sample) float64 { return s.CPUNs / max(s.Events, 1) }))
		rss, _, rssMax := stats(col(r.Samples, func(s sample) float64 { return s.RSSKiB }))
		bpe, _, _ := stats(col(r.Samples, func(s sample) float64 { return s.RecBytes / max(s.Events, 1) }))
		fmt.Printf("\nior-record: %.0f events recorded (hot loop issues %d), lost median %.0f max %.0f\n", ev, syscallsPerRun, lost, lostMax)
		fmt.Printf("ior CPU: %.3f µs/event including start-up (%.3f µs/event beyond a run of 'true': %.0f ms); peak RSS median %.1f MiB max %.1f MiB; recording %.2f bytes/event\n",
			cpu/1e3, (cpu*ev-startupCPU)/max(ev, 1)/1e3, startupCPU/1e6, rss/1024, rssMax/1024, bpe)
	}
	rm, rlo, rhi := stats(ready)
	fmt.Printf("time to ready: median %.1f ms (min %.1f, max %.1f)\n", rm/1e6, rlo/1e6, rhi/1e6)
	if s := base["strace"]; s > 0 && base["ior-record"] > 0 {
		fmt.Printf("strace / ior-record: %.1fx\n", s/base["ior-record"])
	}
	if b := base["bpftrace"]; b > 0 && base["ior-record"] > 0 {
		fmt.Printf("bpftrace / ior-record: %.2fx\n", b/base["ior-record"])
	}
}
