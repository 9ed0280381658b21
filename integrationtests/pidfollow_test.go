package integrationtests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// With -pid, a child the target started before ior attached is traced
// too, and what it starts after: ior lists the target's descendants once
// the fork program is attached, while the rest attach, and marks them
// after. Here the child, a shell running before ior starts, runs cat on
// a file over and over; cat's open of it must be in the recording.
func TestPidFollowsExistingChildren(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	marker := filepath.Join(dir, "marker")
	if err := os.WriteFile(marker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := exec.Command("sh", "-c", `(while :; do cat "$1" >/dev/null; sleep 0.02; done) & wait`, "sh", marker)
	target.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := target.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { syscall.Kill(-target.Process.Pid, syscall.SIGKILL); target.Wait() }()
	child := childOf(t, target.Process.Pid)
	r := startIor(t, "-pid", strconv.Itoa(target.Process.Pid), "-duration", "2")
	if code := r.wait(t, time.Minute); code != 0 {
		t.Fatalf("ior exited %d\n%s", code, r.errText())
	}
	rec := r.readable(t)
	opens := 0
	for i := range rec.Events {
		ev := &rec.Events[i]
		if ev.Path == marker && ev.PID != uint32(target.Process.Pid) && ev.PID != uint32(child) {
			opens++
		}
	}
	if opens == 0 {
		t.Errorf("no open of %s by a process the existing child %d started (%d events)\n%s", marker, child, len(rec.Events), r.errText())
	}
}
