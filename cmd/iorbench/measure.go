package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// sample is one run of one mode on one workload.
type sample struct {
	WallNs float64 `json:"wall_ns"` // the workload's timed part
	// Events: what the tracer saw (ior: events it reported, all
	// syscalls of the process; bpftrace-count: syscalls counted;
	// perf-trace: calls printed).
	Events    float64 `json:"events,omitempty"`
	Lost      float64 `json:"lost,omitempty"`
	CPUNs     float64 `json:"tracer_cpu_ns,omitempty"`
	RSSKiB    float64 `json:"tracer_rss_kib,omitempty"`
	RecBytes  float64 `json:"recording_bytes,omitempty"`
	RingBytes float64 `json:"ring_bytes,omitempty"`
	// Issued: the events ior should record in the timed part (the
	// workload's syscalls; for io_uring, requests + io_uring_enter calls).
	Issued int `json:"issued"`
}

var iorSummary = regexp.MustCompile(`ior: (\d+) events in [0-9.]+s, (\d+) lost, ior cpu ([0-9.]+)s, max rss (\d+) KiB`)

func measure(m mode, w workload, ior, dir string) (sample, error) {
	s := sample{Issued: w.Syscalls}
	timeFile := filepath.Join(dir, "time")
	self, err := os.Executable()
	if err != nil {
		return s, err
	}
	r := run{ior: ior, self: self, hot: w.Argv(dir, timeFile), dir: dir, floor: w.Floor}
	if m.Tool != "" {
		r.tool, _ = exec.LookPath(m.Tool)
	}
	argv := m.argv(r)
	pidFile := filepath.Join(dir, "pid")
	if m.IOR {
		argv = fresh(pidFile, argv)
		defer os.Remove(pidFile)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if m.Stdout {
		f, err := os.Create(filepath.Join(dir, "stdout"))
		if err != nil {
			return s, err
		}
		defer os.Remove(f.Name())
		defer f.Close()
		cmd.Stdout = f
	}
	if m.Live {
		defer os.Remove(filepath.Join(dir, "live"))
	}
	if w.Busy {
		stop, err := startHog()
		if err != nil {
			return s, err
		}
		defer stop()
	}
	if err := cmd.Start(); err != nil {
		return s, err
	}
	var ring *ringWatch
	if m.Name == "ior-record" || m.Name == "ior-text" {
		ring = watchRing(pidFile)
	}
	err = cmd.Wait()
	if ring != nil {
		if n, ok, rerr := ring.bytes(); rerr != nil {
			return s, rerr
		} else if ok {
			s.RingBytes = float64(n)
		}
	}
	if err != nil {
		return s, fmt.Errorf("%s: %v: %s", m.Name, err, lastLine(stderr.String()))
	}
	b, err := readAndRemove(timeFile)
	if err != nil {
		return s, fmt.Errorf("%s: the workload wrote no time: %v: %s", m.Name, err, lastLine(stderr.String()))
	}
	ns, reported, err := parseTimeFile(b)
	if err != nil {
		return s, fmt.Errorf("%s: workload time: %v", m.Name, err)
	}
	if w.Reported != "" && reported < 0 {
		return s, fmt.Errorf("%s: the workload wrote its time but not its %s", m.Name, w.Reported)
	} else if w.Reported == "" && reported >= 0 {
		return s, fmt.Errorf("%s: the workload wrote a count after its time (%d): none expected", m.Name, reported)
	}
	s.WallNs, s.Issued = ns, s.Issued+max(reported, 0)
	if m.IOR {
		if err := parseIOR(stderr.String(), dir, &s); err != nil {
			return s, fmt.Errorf("%s: %v", m.Name, err)
		}
	}
	if m.parse != nil {
		if err := m.parse(r, stdout.String(), &s); err != nil {
			return s, fmt.Errorf("%s: %v", m.Name, err)
		}
	}
	return s, nil
}

// fresh runs argv from a process that did not share iorbench's memory,
// and writes its pid to pidFile. ior reports its peak RSS from
// getrusage(RUSAGE_SELF), whose ru_maxrss keeps, across execve, the peak
// of the process that exec'd — iorbench itself, when started from here
// (os/exec's vfork shares iorbench's memory). sh forks a child of its own,
// which writes its pid and execs argv: the peak it passes on is a small
// shell's.
func fresh(pidFile string, argv []string) []string {
	const script = `/bin/sh -c 'echo $$ > "$0"; exec "$@"' "$@"; exit $?`
	return append([]string{"/bin/sh", "-c", script, "sh", pidFile}, argv...)
}

// parseIOR reads ior's summary line and the recording's size.
func parseIOR(stderr, dir string, s *sample) error {
	m := iorSummary.FindStringSubmatch(stderr)
	if m == nil {
		return fmt.Errorf("no summary line from ior: %s", lastLine(stderr))
	}
	s.Events, _ = strconv.ParseFloat(m[1], 64)
	s.Lost, _ = strconv.ParseFloat(m[2], 64)
	// ior's own RUSAGE_SELF: the wait4 rusage of ior would include the
	// workload, which ior ran as its child.
	cpu, _ := strconv.ParseFloat(m[3], 64)
	s.CPUNs = cpu * 1e9
	s.RSSKiB, _ = strconv.ParseFloat(m[4], 64)
	rec := filepath.Join(dir, "r.ior.zst")
	if fi, err := os.Stat(rec); err == nil {
		s.RecBytes = float64(fi.Size())
		os.Remove(rec)
	}
	return nil
}

func readAndRemove(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	os.Remove(path)
	return b, err
}

func lastLine(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return l[len(l)-1]
}
