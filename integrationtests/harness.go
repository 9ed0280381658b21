// Package integrationtests runs the workloads of scenarios.go under ior
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
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestHarness runs one scenario at a time under ior.
type TestHarness struct {
	IorBinary      string
	WorkloadBinary map[string]string // language -> binary
	OutputDir      string
	Timeout        time.Duration
}

// Variant is a way to run a scenario: a language and its extra flags.
type Variant struct {
	Name  string // c, go, go-noise
	Lang  string
	Flags []string
}

// Variants run for every scenario.
var Variants = []Variant{
	{Name: "c", Lang: "c"},
	{Name: "go", Lang: "go"},
	{Name: "go-noise", Lang: "go", Flags: []string{"--noise"}},
}

// ExitUnsupported is the workloads' exit status for a syscall the running
// kernel lacks.
const ExitUnsupported = 77

// Run traces one scenario: workload started, its PID read, ior attached
// (-ready-file), the gate opened, both waited for, the recording parsed.
func (h *TestHarness) Run(t *testing.T, sc Scenario, v Variant) *TestResult {
	t.Helper()
	// A fresh directory per run: a ready file left by an earlier run
	// (go test -count=N) would open the gate before ior attaches.
	dir, err := os.MkdirTemp(h.OutputDir, sc.Name+"-"+v.Name+"-")
	if err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	work, _ = filepath.EvalSymlinks(work)
	if err := sc.Setup.create(work); err != nil {
		t.Fatalf("setup: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), h.Timeout)
	defer cancel()

	args := append([]string{"--scenario=" + sc.Name, "--dir=" + work}, v.Flags...)
	wl := exec.CommandContext(ctx, h.WorkloadBinary[v.Lang], args...)
	var wlErr bytes.Buffer
	wl.Stderr = &wlErr
	gate, err := wl.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := wl.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := wl.Start(); err != nil {
		t.Fatalf("starting workload: %v", err)
	}
	defer wl.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	pid, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		t.Fatalf("workload did not print its PID (%q, %v): %s", line, err, wlErr.String())
	}

	rec := filepath.Join(dir, sc.Name+".ior.zst")
	ready := filepath.Join(dir, "ready")
	ior := exec.CommandContext(ctx, h.IorBinary, "-pid", strconv.Itoa(pid), "-flamegraph", "-name", sc.Name,
		"-ready-file", ready, "-o", rec)
	var iorOut, iorErr bytes.Buffer
	ior.Stdout, ior.Stderr = &iorOut, &iorErr
	if err := ior.Start(); err != nil {
		t.Fatalf("starting ior: %v", err)
	}
	defer ior.Process.Kill()
	iorDone := make(chan error, 1)
	go func() { iorDone <- ior.Wait() }()

	dump := func() string {
		return fmt.Sprintf("\n--- workload stderr:\n%s\n--- ior stderr:\n%s", wlErr.String(), iorErr.String())
	}
	if err := waitForFile(ctx, ready, iorDone); err != nil {
		t.Fatalf("waiting for ior to attach: %v%s", err, dump())
	}
	if _, err := io.WriteString(gate, "go\n"); err != nil {
		t.Fatalf("opening the gate: %v%s", err, dump())
	}
	gate.Close()
	io.Copy(io.Discard, out)
	wlErrRun := wl.Wait()
	code := wl.ProcessState.ExitCode()
	select {
	case err := <-iorDone:
		if err != nil {
			t.Fatalf("ior failed: %v%s", err, dump())
		}
	case <-ctx.Done():
		t.Fatalf("ior did not stop after the workload exited%s", dump())
	}
	if code == ExitUnsupported {
		return &TestResult{Unsupported: strings.TrimSpace(wlErr.String())}
	}
	if wlErrRun != nil {
		t.Fatalf("workload failed: %v%s", wlErrRun, dump())
	}
	res, err := ParseRecording(rec, work)
	if err != nil {
		t.Fatalf("parsing recording: %v%s", err, dump())
	}
	res.Dir = work
	return res
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
