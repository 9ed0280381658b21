package integrationtests

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A lost exec record (-stacks: its record carries the program's path,
// 4 KiB of ring) must not leave ior with the old image's mappings for
// the new program's stacks: the task's records say the exec was lost
// until a process record does, and ior then drops the old mappings and
// reads the new ones from /proc, as for a process whose exec it did not
// see. A shell, started and exec'd with room in the ring, waits; the
// ring is filled (no room for an exec record); the shell execs cat on a
// FIFO, whose open waits for the test: once ior reads again, cat's open
// returns (its record the first of the new image ior gets), and the
// child's mappings must be cat's, none the shell's.
func TestLossExecStacks(t *testing.T) {
	requireRoot(t)
	sh, err := filepath.EvalSymlinks("/bin/sh")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := exec.LookPath("cat")
	if err == nil {
		cat, err = filepath.EvalSymlinks(cat)
	}
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	goruntime.LockOSThread()
	defer goruntime.UnlockOSThread()
	r := stoppedIor(t, "-pid", strconv.Itoa(os.Getpid()), "-ring-size", "1", "-stacks", "-syscalls", "openat,fsync")
	child := exec.Command(sh, "-c", "read x; exec cat "+fifo)
	gate, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	waitIn(t, child.Process.Pid, "", unix.SYS_READ)
	if err := markFill(1000, 900); err != nil { // the room left: below 1,100 bytes
		t.Fatal(err)
	}
	io.WriteString(gate, "go\n") // the exec, its record lost
	waitIn(t, child.Process.Pid, "cat", unix.SYS_OPENAT)
	if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)          // ior reads the ring
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // cat's open returns
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // ior gets its record while cat runs (reads /proc)
	w.Close()
	if err := child.Wait(); err != nil {
		t.Fatalf("sh, then cat: %v", err)
	}
	rec := r.resume(t)
	st := rec.Stats
	var paths []string
	mine, old := false, false
	for _, m := range rec.Mappings[uint32(child.Process.Pid)] {
		paths = append(paths, m.Path)
		mine = mine || m.Path == cat
		old = old || m.Path == sh
	}
	t.Logf("%d task records lost, %d events; child %d's mappings %q", st.LostTasks, st.Lost(), child.Process.Pid, paths)
	if st.LostTasks == 0 {
		t.Fatalf("no task record lost: the exec was not, the test tests nothing")
	}
	if old {
		t.Errorf("child %d, its exec of %s lost, keeps the old image's mappings (%s): its stacks would be symbolized against them", child.Process.Pid, cat, sh)
	}
	if !mine {
		t.Errorf("child %d's mappings hold none of %s, the program it runs", child.Process.Pid, cat)
	}
}

// waitIn waits until process pid (named comm, unless "") is in syscall
// nr.
func waitIn(t *testing.T, pid int, comm string, nr int) {
	t.Helper()
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(time.Millisecond) {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/syscall", pid))
		c, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if f := strings.Fields(string(b)); len(f) > 0 && f[0] == strconv.Itoa(nr) && (comm == "" || strings.TrimSpace(string(c)) == comm) {
			return
		}
	}
	t.Fatalf("process %d (%s) not in syscall %d after a minute", pid, comm, nr)
}
