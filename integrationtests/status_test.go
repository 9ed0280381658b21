package integrationtests

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPty returns a pseudo-terminal's two ends.
func openPty(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return m, s
}

// Recording with stderr on a terminal: a status line, redrawn in place,
// with events, rate, lost, the recording's bytes and the time; cleared
// before ior's last lines. Not when stderr is no terminal.
func TestStatusLineOnTerminal(t *testing.T) {
	requireRoot(t)
	target := exec.Command("sh", "-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.01; done")
	if err := target.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { target.Process.Kill(); target.Wait() }()
	dir := t.TempDir()
	master, slave := openPty(t)
	defer master.Close()
	cmd := exec.Command(differ.IorBinary, "-o", filepath.Join(dir, "r.ior.zst"), "-pid", strconv.Itoa(target.Process.Pid), "-duration", "4")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var term bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&term, master); close(copied) }() // ends with EIO once ior's end is closed
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ior: %v\n%q", err, term.String())
	}
	<-copied
	out := term.String()
	status := regexp.MustCompile(`\r\x1b\[Kior: \d+ events, [0-9.]+[kMG]?/s, \d+ lost, recording [0-9.]+[kMG]?B, 0:00:0\d`)
	if !status.MatchString(out) {
		t.Errorf("no status line on the terminal:\n%q", out)
	}
	// Cleared once more before ior's last lines (a warning, then the
	// summary), and not drawn again after that.
	last := strings.LastIndex(out, "\r\x1b[K")
	if tail := out[last+len("\r\x1b[K"):]; last < 0 || status.MatchString("\r\x1b[K"+tail) ||
		!regexp.MustCompile(`^(ior: [^\r\n]*\r?\n)*ior: \d+ events in `).MatchString(tail) {
		t.Errorf("the status line is not cleared before ior's last lines:\n%q", out)
	}
	// Not a terminal: no status line.
	code, _, stderr := runIor(t, dir, "-o", filepath.Join(dir, "r2.ior.zst"), "-pid", strconv.Itoa(target.Process.Pid), "-duration", "2")
	if code != 0 || strings.Contains(stderr, "\x1b[K") {
		t.Errorf("stderr no terminal: exit %d, %q", code, stderr)
	}
}

// At the end, how many events each trace-time filter left out.
func TestFilterCountsAtEnd(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	code, _, stderr := runIor(t, dir, "-failed", "-exclude-syscalls", "read", "-o", filepath.Join(dir, "r.ior.zst"),
		"--", "sh", "-c", "cat /etc/hostname >/dev/null; cat /nonexistent 2>/dev/null; true")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := regexp.MustCompile(`ior: the trace-time filters left out (\d+) events: -failed: (\d+), -exclude-syscalls read: (\d+)`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no per-filter counts at the end:\n%s", stderr)
	}
	total, failed, read := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if failed == 0 || read == 0 || total < failed || total < read || total > failed+read {
		t.Errorf("left out %d: -failed %d, -exclude-syscalls read %d", total, failed, read)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
