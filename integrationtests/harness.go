// Package integrationtests runs the workloads of the scenario table under ior
// and checks what ior recorded, per language and across languages.
package integrationtests

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// TestHarness runs one workload's scenarios under ior, one at a time:
// the interface of the original integration-test plan. Differ (differ.go)
// runs every scenario in every language on top of it.
type TestHarness struct {
	IorBinary      string
	WorkloadBinary string // workload-c or ioworkload
	// BpfObject stays empty: ior embeds its BPF object (bpf2go), so there
	// is no object file to hand it. The field is kept for the plan's API.
	BpfObject string
	OutputDir string // each run gets a fresh directory below it
}

// ExitUnsupported is the workloads' exit status for a syscall the running
// kernel lacks.
const ExitUnsupported = 77

// Run traces one scenario of the table under ior, which stops when the
// workload exits or after duration seconds (0: no limit but the harness's
// own timeout). The workload is gated (--gate): it runs its scenario only
// once ior has attached, so no event is missed and nothing sleeps.
func (h *TestHarness) Run(scenario string, duration int) (*TestResult, error) {
	sc, ok := ScenarioByName(scenario)
	if !ok {
		return nil, fmt.Errorf("no scenario %q in the table", scenario)
	}
	return h.run(sc, nil, duration)
}

// runTimeout bounds a run beyond its -duration: a hung workload or ior
// fails the run (its scenario, by name) instead of the whole test binary.
// A run takes about a second on a loaded 2-core machine: two minutes is a
// hang, not a slow machine.
const runTimeout = 2 * time.Minute

// run is the one implementation of a traced run, shared by Run and
// Differ: a fresh directory with the scenario's Setup, the workload
// started with extra flags and its PID read, ior attached (-ready-file),
// the gate opened, both waited for, the recording parsed.
func (h *TestHarness) run(sc Scenario, flags []string, duration int) (*TestResult, error) {
	// A fresh directory per run: a ready file left by an earlier run
	// (go test -count=N) would open the gate before ior attaches.
	dir, err := os.MkdirTemp(h.OutputDir, sc.Name+"-")
	if err != nil {
		return nil, err
	}
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	work, _ = filepath.EvalSymlinks(work)
	if err := sc.Setup.create(work); err != nil {
		return nil, fmt.Errorf("setup: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout+time.Duration(duration)*time.Second)
	defer cancel()

	args := append([]string{"--scenario=" + sc.Name, "--dir=" + work, "--gate"}, flags...)
	wl := exec.CommandContext(ctx, h.WorkloadBinary, args...)
	var wlErr bytes.Buffer
	wl.Stderr = &wlErr
	gate, err := wl.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := wl.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := wl.Start(); err != nil {
		return nil, fmt.Errorf("starting workload: %w", err)
	}
	defer wl.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	pid, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		return nil, fmt.Errorf("workload did not print its PID (%q, %v): %s", line, err, wlErr.String())
	}

	rec := filepath.Join(dir, sc.Name+".ior.zst")
	ready := filepath.Join(dir, "ready")
	iorArgs := []string{"-pid", strconv.Itoa(pid), "-flamegraph", "-name", sc.Name, "-ready-file", ready, "-o", rec}
	if duration > 0 {
		iorArgs = append(iorArgs, "-duration", strconv.Itoa(duration))
	}
	if sc.StackFunc != "" {
		iorArgs = append(iorArgs, "-stacks")
	}
	ior := exec.CommandContext(ctx, h.IorBinary, iorArgs...)
	var iorOut, iorErr bytes.Buffer
	ior.Stdout, ior.Stderr = &iorOut, &iorErr
	if err := ior.Start(); err != nil {
		return nil, fmt.Errorf("starting ior: %w", err)
	}
	defer ior.Process.Kill()
	iorDone := make(chan error, 1)
	go func() { iorDone <- ior.Wait() }()

	dump := func() string {
		return fmt.Sprintf("\n--- workload stderr:\n%s\n--- ior stderr:\n%s", wlErr.String(), iorErr.String())
	}
	if err := waitForFile(ctx, ready, iorDone); err != nil {
		return nil, fmt.Errorf("waiting for ior to attach: %v%s", err, dump())
	}
	if _, err := io.WriteString(gate, "go\n"); err != nil {
		return nil, fmt.Errorf("opening the gate: %v%s", err, dump())
	}
	gate.Close()
	io.Copy(io.Discard, out)
	wlErrRun := wl.Wait()
	code := wl.ProcessState.ExitCode()
	select {
	case err := <-iorDone:
		if err != nil {
			return nil, fmt.Errorf("ior failed: %v%s", err, dump())
		}
	case <-ctx.Done():
		return nil, fmt.Errorf("watchdog: ior did not stop within %s of the run's start, after the workload exited%s", runTimeout, dump())
	}
	if code == ExitUnsupported {
		return &TestResult{Dir: work, Unsupported: strings.TrimSpace(wlErr.String())}, nil
	}
	if wlErrRun != nil {
		return nil, fmt.Errorf("workload failed: %v%s", wlErrRun, dump())
	}
	res, err := ParseRecording(rec, work)
	if err != nil {
		return nil, fmt.Errorf("parsing recording: %v%s", err, dump())
	}
	res.Comm = taskName(h.WorkloadBinary)
	return res, nil
}

// taskName is the kernel's name for a task running binary: its base
// name, cut to 15 bytes.
func taskName(binary string) string {
	n := filepath.Base(binary)
	return n[:min(len(n), 15)]
}

// waitForFile waits until path exists, ior exits, or ctx ends.
func waitForFile(ctx context.Context, path string, exited <-chan error) error {
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		select {
		case err := <-exited:
			return fmt.Errorf("ior exited before it was ready: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func (s Setup) create(dir string) error {
	for _, d := range s.Dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	for name, content := range s.Files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	for name, target := range s.Symlinks {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	for _, name := range s.Fifos {
		if err := unix.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			return fmt.Errorf("mkfifo %s: %w", name, err)
		}
	}
	return nil
}
