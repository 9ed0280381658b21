package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// measureStartup: ior's CPU time (ns, median of 3) recording `true`, its
// fixed cost.
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

// timeToReady: from starting ior to its ready file, tracing a sleeper;
// for each binary in bins, rounds alternated (drift hits each alike).
func timeToReady(bins []string, dir string, reps int) [][]float64 {
	out := make([][]float64, len(bins))
	sleeper := exec.Command("sleep", "60")
	if sleeper.Start() != nil {
		return out
	}
	defer func() { sleeper.Process.Kill(); sleeper.Wait() }()
	for r := 0; r < reps; r++ {
		for i, ior := range bins {
			rf := filepath.Join(dir, fmt.Sprintf("ready%d-%d", r, i))
			t0 := time.Now()
			c := exec.Command(ior, "-pid", strconv.Itoa(sleeper.Process.Pid), "-ready-file", rf, "-flamegraph", "-o", filepath.Join(dir, "s.ior.zst"))
			if c.Start() != nil {
				return out
			}
			for time.Since(t0) < 10*time.Second {
				if _, err := os.Stat(rf); err == nil {
					out[i] = append(out[i], float64(time.Since(t0).Nanoseconds()))
					break
				}
				time.Sleep(200 * time.Microsecond)
			}
			c.Process.Signal(os.Interrupt)
			c.Wait()
		}
	}
	return out
}

var suitePassed = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed`)

// timeSuite runs the integration suite once with the built binaries and
// returns its wall time and how many checks it passed (from its closing
// line).
func timeSuite(c config) (time.Duration, int, error) {
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	cmd := exec.Command("go", "test", "-count=1", "-v", "./integrationtests/")
	cmd.Env = append(os.Environ(), "IOR_BINARY="+abs(c.ior), "IOR_WORKLOAD_C="+abs(c.suiteC), "IOR_WORKLOAD_GO="+abs(c.suiteGo))
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
