package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTopInTerminal drives the real binary in a real terminal (tmux):
// 'ior top -- workload' shows the workload's own file and syscalls, R
// writes a recording that 'ior events' reads, the final numbers stay when
// the workload exits, and q exits 0.
func TestTopInTerminal(t *testing.T) {
	dir, ior := topE2E(t)
	// The marker lives in a short directory: t.TempDir's name grows with
	// its random part, and the Overview's file column (about 50 columns
	// at 160) cuts a long path at its start, which made the test pass or
	// fail by the random name.
	short, err := os.MkdirTemp("/tmp", "iort")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(short)
	marker := filepath.Join(short, "top-e2e-marker.dat")
	if err := os.WriteFile(marker, []byte("data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stop := filepath.Join(dir, "stop")
	workload := "while [ ! -e " + stop + " ]; do cat " + marker + " >/dev/null; sleep 0.1; done"
	script := ior + " top -- sh -c '" + workload + "'; echo $? > " + filepath.Join(dir, "rc") + "; sleep 60"
	m := newTerm(t, "ior-top-e2e", dir, script, 160, 48)
	screen, waitFor, keys := m.screen, m.waitFor, m.keys
	waitFor("[1 Overview]", "top files", marker)
	keys("3")
	waitFor("[3 Files]", marker)
	keys("2")
	waitFor("[2 Syscalls]", "openat", "read", "close")
	// The Other tab: the workload's sleeps, counted in the kernel.
	keys("9")
	waitFor("[9 Other]", "clock_nanosleep", "exit_group")
	keys("2")
	keys("R")
	s := waitFor("REC ", "recording to ")
	rec := ""
	for _, l := range strings.Split(s, "\n") {
		if i := strings.Index(l, "recording to "); i >= 0 {
			rec = strings.Fields(l[i+len("recording to "):])[0]
		}
	}
	if rec == "" {
		t.Fatalf("no recording path on screen:\n%s", s)
	}
	// Let some of the workload's calls be recorded: the header's event
	// count goes up by at least 20 (two loops of the workload).
	n0 := events(t, s)
	deadline := time.Now().Add(60 * time.Second)
	for events(t, screen()) < n0+20 {
		if time.Now().After(deadline) {
			t.Fatal("no events while recording")
		}
		time.Sleep(200 * time.Millisecond)
	}
	keys("R")
	waitFor("recorded " + rec)
	out, err := exec.Command(ior, "events", filepath.Join(dir, rec)).CombinedOutput()
	if err != nil {
		t.Fatalf("ior events %s: %v\n%s", rec, err, out)
	}
	if !strings.Contains(string(out), `openat("`+marker+`"`) || !strings.Contains(string(out), `read("`+marker+`"`) {
		t.Errorf("the recording lacks the workload's openat and read of %s:\n%s", marker, out)
	}
	if err := os.WriteFile(stop, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("sh exited with status 0", "final numbers; q quits", "ENDED")
	keys("q")
	deadline = time.Now().Add(60 * time.Second)
	for {
		rc, err := os.ReadFile(filepath.Join(dir, "rc"))
		if err == nil && len(rc) > 0 {
			if strings.TrimSpace(string(rc)) != "0" {
				t.Errorf("ior top exited with %s, want 0", rc)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not end ior top:\n%s", screen())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// events reads the header's event count ("| 1234 events |").
func events(t *testing.T, screen string) uint64 {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if !strings.HasPrefix(l, "ior top ") {
			continue
		}
		f := strings.Fields(l)
		for i := 1; i < len(f); i++ {
			if f[i] == "events" {
				var n uint64
				fmt.Sscan(f[i-1], &n)
				return n
			}
		}
	}
	t.Fatalf("no event count on screen:\n%s", screen)
	return 0
}

// A target that cannot be traced is one line and exit status 1, before
// any screen is drawn.
func TestTopRefusesBeforeScreen(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("IOR_REQUIRE_BPF") == "1" {
			t.Fatal("IOR_REQUIRE_BPF=1 but not root")
		}
		t.Skip("needs root: the check is the session's own, once it may attach")
	}
	ior := os.Getenv("IOR_BINARY")
	if ior == "" {
		ior = filepath.Join(t.TempDir(), "ior")
		if out, err := exec.Command("go", "build", "-o", ior, ".").CombinedOutput(); err != nil {
			t.Fatalf("building ior: %v\n%s", err, out)
		}
	}
	// A deadline for a broken run (one that would draw and wait for q).
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ior, "top", "-pid", "2147483646")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want status 1", err)
	}
	if stdout.Len() != 0 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "process 2147483646 does not exist") {
		t.Errorf("stdout %q, stderr %q: want nothing drawn and one line", stdout.String(), stderr.String())
	}
}
