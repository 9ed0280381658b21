package integrationtests

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/procfs"
	"github.com/ior-tracer/ior/internal/recording"
)

// The reliability group: how ior ends, what it leaves behind, and how it
// refuses bad input. Each test runs the built ior binary.

// iorRun is one ior process under test.
type iorRun struct {
	cmd            *exec.Cmd
	stdout, stderr *os.File // files, not pipes: ior's end is not held up by a child holding them
	dir, rec       string
	exited         chan struct{} // closed when ior has exited; then err is set
	err            error
}

// startIor starts ior with args, a recording in a fresh directory and a
// ready file, and waits until it is attached.
func startIor(t *testing.T, args ...string) *iorRun {
	t.Helper()
	requireRoot(t)
	r := &iorRun{dir: t.TempDir(), exited: make(chan struct{})}
	r.rec = filepath.Join(r.dir, "r.ior.zst")
	ready := filepath.Join(r.dir, "ready")
	all := append([]string{"-flamegraph", "-o", r.rec, "-ready-file", ready}, args...)
	r.cmd = exec.Command(differ.IorBinary, all...)
	r.stdout, r.stderr = outputFile(t, r.dir, "stdout"), outputFile(t, r.dir, "stderr")
	r.cmd.Stdout, r.cmd.Stderr = r.stdout, r.stderr
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.err = r.cmd.Wait(); close(r.exited) }()
	t.Cleanup(func() { r.cmd.Process.Kill(); <-r.exited })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	early := make(chan error, 1)
	go func() {
		select {
		case <-r.exited:
			early <- r.err
		case <-ctx.Done():
		}
	}()
	if err := waitForFile(ctx, ready, early); err != nil {
		t.Fatalf("ior did not get ready: %v\n%s", err, r.errText())
	}
	return r
}

// wait waits for ior to exit (at most limit) and returns its exit status.
func (r *iorRun) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-r.exited:
		var ee *exec.ExitError
		if r.err != nil && !errors.As(r.err, &ee) {
			t.Fatal(r.err)
		}
		return r.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		t.Fatalf("ior still runs after %s\n%s", limit, r.errText())
	}
	return -1
}

// waitUntil polls cond until it holds; ior exiting first, or a minute
// passing (a hung step, not a slow machine), fails the test naming what
// was awaited.
func (r *iorRun) waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(time.Minute); !cond(); time.Sleep(5 * time.Millisecond) {
		select {
		case <-r.exited:
			t.Fatalf("ior exited before %s\n%s", what, r.errText())
		default:
		}
		if time.Now().After(end) {
			t.Fatalf("still waiting, after a minute, until %s\n%s", what, r.errText())
		}
	}
}

// errText is what ior has written to stderr so far.
func (r *iorRun) errText() string {
	b, _ := os.ReadFile(r.stderr.Name())
	return string(b)
}

func outputFile(t *testing.T, dir, name string) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readable checks that the recording is complete (has its trailer) and
// returns it.
func (r *iorRun) readable(t *testing.T) *recording.Recording {
	t.Helper()
	rec, err := recording.ReadFile(r.rec)
	if err != nil {
		t.Fatalf("recording not readable: %v\n%s", err, r.errText())
	}
	if rec.Stats.End.IsZero() {
		t.Fatalf("recording has no end time: %+v", rec.Stats)
	}
	return rec
}

// childOf returns the PID of a child of pid, waiting a while for one.
func childOf(t *testing.T, pid int) int {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		for pp, parent := range procfs.Proc.Parents() {
			if parent == pid {
				return pp
			}
		}
	}
	t.Fatalf("process %d has no child", pid)
	return 0
}

// gone waits until pid no longer runs (a zombie counts as gone).
func gone(pid int, limit time.Duration) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if st, err := procfs.ReadStat("/proc/" + strconv.Itoa(pid) + "/stat"); err != nil || st.State == 'Z' {
			return true
		}
	}
	return false
}

func TestReliabilityDurationEndsCommand(t *testing.T) {
	r := startIor(t, "-duration", "1", "--", "sleep", "60")
	child := childOf(t, r.cmd.Process.Pid)
	if code := r.wait(t, 20*time.Second); code != 128+int(syscall.SIGTERM) {
		t.Errorf("exit status %d, want %d (sleep ended by SIGTERM)\n%s", code, 128+int(syscall.SIGTERM), r.errText())
	}
	r.readable(t)
	if !gone(child, 5*time.Second) {
		t.Errorf("the command (%d) still runs after ior ended", child)
	}
	if !strings.Contains(r.errText(), "-duration") {
		t.Errorf("stderr does not say why the command was ended:\n%s", r.errText())
	}
}

func TestReliabilitySignalPassedToCommand(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			r := startIor(t, "--", "sleep", "60")
			r.cmd.Process.Signal(sig)
			code := r.wait(t, 20*time.Second)
			want := 128 + int(sig)
			if code != want {
				t.Errorf("exit status %d, want %d\n%s", code, want, r.errText())
			}
			r.readable(t)
		})
	}
}

// A command that ignores SIGINT: the first SIGINT is passed on and
// changes nothing, the second stops ior at once and kills the command and
// what it started.
//
// No sleeps: each signal is sent once the step before it has happened.
// The shell writes a file once its trap is set (a SIGINT before that
// would end it); the second SIGINT is sent once ior has said it passed
// the first on (two SIGINTs pending at once would be one).
func TestReliabilitySecondSignalStopsNow(t *testing.T) {
	shReady := filepath.Join(t.TempDir(), "trap-set")
	r := startIor(t, "--", "sh", "-c", `trap "" INT; echo > "$0"; sleep 60; echo never`, shReady)
	sh := childOf(t, r.cmd.Process.Pid)
	r.waitUntil(t, "the shell's trap is set", func() bool { _, err := os.Stat(shReady); return err == nil })
	r.cmd.Process.Signal(syscall.SIGINT)
	r.waitUntil(t, "ior passed the first SIGINT on", func() bool { return strings.Contains(r.errText(), "SIGINT passed to sh") })
	sleeper := childOf(t, sh)
	r.cmd.Process.Signal(syscall.SIGINT)
	if code := r.wait(t, 20*time.Second); code != 128+int(syscall.SIGKILL) {
		t.Errorf("exit status %d, want %d\n%s", code, 128+int(syscall.SIGKILL), r.errText())
	}
	r.readable(t)
	if !gone(sh, 5*time.Second) || !gone(sleeper, 5*time.Second) {
		t.Errorf("sh (%d) or its sleep (%d) still runs", sh, sleeper)
	}
}

// In -pid mode a signal ends tracing cleanly; the target lives on.
func TestReliabilitySignalPidMode(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			target := exec.Command("sleep", "60")
			if err := target.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { target.Process.Kill(); target.Wait() }()
			r := startIor(t, "-pid", strconv.Itoa(target.Process.Pid))
			r.cmd.Process.Signal(sig)
			if code := r.wait(t, 20*time.Second); code != 0 {
				t.Errorf("exit status %d, want 0\n%s", code, r.errText())
			}
			r.readable(t)
			if gone(target.Process.Pid, 0) {
				t.Error("the traced process died with ior")
			}
		})
	}
}

// If ior is killed outright, its command does not run on untraced.
func TestReliabilityKilledIorTakesCommand(t *testing.T) {
	r := startIor(t, "--", "sleep", "60")
	child := childOf(t, r.cmd.Process.Pid)
	r.cmd.Process.Kill()
	r.wait(t, 10*time.Second)
	if !gone(child, 5*time.Second) {
		status, _ := os.ReadFile("/proc/" + strconv.Itoa(child) + "/status")
		syscall.Kill(child, syscall.SIGKILL)
		t.Errorf("the command (%d) outlived ior:\n%s", child, status)
	}
}

// ior -output - -- CMD | head -1: the reader goes away; ior ends quietly with the
// status a shell gives a process killed by SIGPIPE, the recording whole.
func TestReliabilityBrokenPipe(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "r.ior.zst")
	cmd := exec.Command(differ.IorBinary, "-plain", "-output", "-", "-flamegraph", "-o", rec, "--", "sh", "-c", "while :; do cat /etc/hostname >/dev/null; done")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	out.Read(buf)
	out.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("ior did not end when its output was closed\n%s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 128+int(syscall.SIGPIPE) {
		t.Errorf("exit status %d, want %d\n%s", code, 128+int(syscall.SIGPIPE), stderr.String())
	}
	if _, err := recording.ReadFile(rec); err != nil {
		t.Errorf("recording: %v", err)
	}
}

// Bad command lines: one line on stderr, exit status 1, nothing traced.
func TestReliabilityBadFlags(t *testing.T) {
	requireRoot(t)
	for _, args := range [][]string{
		{"-pid", "0"},
		{"--"},
		{},
		{"-duration", "-5s", "--", "true"},
		{"-duration", "5x", "--", "true"},
		{"-ring-size", "4096", "--", "true"},
		{"-syscalls", "openat,nosuchcall", "--", "true"},
		{"-pid", "1", "--", "true"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, differ.IorBinary, args...)
			cmd.Stderr = &stderr
			err := cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != 1 || err == nil {
				t.Errorf("exit status %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(lines) > 2 || lines[0] == "" {
				t.Errorf("want one clear line (and at most a hint), got:\n%s", stderr.String())
			}
		})
	}
	// A bare number of seconds is a duration.
	out, err := exec.Command(differ.IorBinary, "-duration", "5", "--", "true").CombinedOutput()
	if err != nil {
		t.Errorf("-duration 5: %v\n%s", err, out)
	}
}
