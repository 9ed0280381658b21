package tracer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestAwaitExecFd3Reused: a command that opens a file at fd 3 (the
// lowest free once the gate's pipe is closed by the exec) and holds it,
// as bench-hot does, is seen to run: awaitExec returns while it still
// runs. When awaitExec read fd 3 only after the release, a command
// quick enough to open its file first (on a loaded machine) kept it
// waiting for the command's end, and ior's reader with it.
func TestAwaitExecFd3Reused(t *testing.T) {
	dir := t.TempDir()
	file, fifo := filepath.Join(dir, "held"), filepath.Join(dir, "fifo")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// fd 3 is the file until the fifo gives EOF.
	c, err := startGated([]string{"/bin/sh", "-c", fmt.Sprintf("exec 3<%s; read x <%s", file, fifo)})
	if err != nil {
		t.Fatal(err)
	}
	ended := false
	end := func() { // the fifo opened and closed: the command reads EOF and ends
		if !ended {
			ended = true
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
		}
	}
	defer c.kill()
	defer end()
	if err := c.release(); err != nil {
		t.Fatal(err)
	}
	// The race's losing order, made sure of: the command has exec'd and
	// holds its file at fd 3 before awaitExec looks.
	fd3 := fmt.Sprintf("/proc/%d/fd/3", c.cmd.Process.Pid)
	for p, _ := os.Readlink(fd3); p != file; p, _ = os.Readlink(fd3) {
		if c.exited() {
			t.Fatalf("the command ended: %v", c.err)
		}
		time.Sleep(time.Millisecond)
	}
	done := make(chan struct{})
	go func() { c.awaitExec(time.Hour); close(done) }()
	select {
	case <-done:
		if c.exited() {
			t.Fatal("the command ended before awaitExec returned")
		}
	case <-time.After(time.Minute): // only so that a failure ends
		end()
		<-done
		t.Fatal("awaitExec waited for the command to end: it took the command's own fd 3 for the gate")
	}
}
