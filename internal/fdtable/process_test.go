package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

func fork(tr *Tracker, parent, child uint32, thread, files bool) {
	c := calls.Call{Kind: calls.Fork, ChildPID: child, ChildTID: child, Thread: thread, SharedFiles: files}
	c.Event.PID, c.Event.TID = parent, parent
	tr.Apply(&c)
}

// A forked child starts with a copy of its parent's table: what either
// does later is its own.
func TestForkCopiesTable(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/a", 3, 0)
	fork(tr, pid, 50, false, false)
	if got := tr.Path(50, 3); got != "/a" {
		t.Fatalf("child's fd 3 = %q, want /a", got)
	}
	if got := tr.Path(50, 0); got != "/dev/pts/0" {
		t.Errorf("child's fd 0 = %q, want the parent's /dev/pts/0", got)
	}
	apply(t, tr, call{name: "close", args: [6]uint64{3}})
	if got := tr.Path(50, 3); got != "/a" {
		t.Errorf("the parent's close reached the child: fd 3 = %q", got)
	}
}

// CLONE_FILES shares the table; exec unshares it and drops close-on-exec
// fds, including those open at attach.
func TestCloneFilesSharesUntilExec(t *testing.T) {
	tr := newTracker()
	fork(tr, pid, 51, false, true)
	open(t, tr, "/b", 4, unix.O_CLOEXEC)
	if got := tr.Path(51, 4); got != "/b" {
		t.Fatalf("shared table: child's fd 4 = %q, want /b", got)
	}
	exec := calls.Call{Kind: calls.Exec}
	exec.Event.PID, exec.Event.TID = 51, 51
	tr.Apply(&exec)
	if open, _ := tr.Cloexec(51, 4); open {
		t.Error("exec kept a close-on-exec fd")
	}
	if open, _ := tr.Cloexec(51, 11); open {
		t.Error("exec kept the close-on-exec fd open at attach")
	}
	if got := tr.Path(pid, 4); got != "/b" {
		t.Errorf("the child's exec closed the parent's fd 4 (%q)", got)
	}
	if got := tr.Path(51, 0); got != "/dev/pts/0" {
		t.Errorf("exec dropped fd 0 (%q)", got)
	}
}

// A thread is its process: nothing new. A dead process is forgotten, so a
// reused PID starts empty.
func TestThreadAndExit(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/c", 5, 0)
	fork(tr, pid, 60, true, true)
	if _, ok := tr.procs[60]; ok {
		t.Error("a thread got a process of its own")
	}
	fork(tr, pid, 61, false, false)
	exit := calls.Call{Kind: calls.Exit, GroupDead: true}
	exit.Event.PID, exit.Event.TID = 61, 61
	tr.Apply(&exit)
	if got := tr.Path(61, 5); got != "" {
		t.Errorf("a dead process's fd 5 = %q, want unknown", got)
	}
}

// After attach, /proc is never asked again: an fd not seen opened and not
// open at attach is unknown, whatever /proc would say now.
func TestNoLateProcLookups(t *testing.T) {
	src := &countingProc{}
	tr := NewTracker(src)
	tr.Snapshot(pid)
	n := src.calls
	ev := apply(t, tr, call{name: "read", args: [6]uint64{7}, ret: 1})
	if ev.Path != "" || ev.PathStatus != event.PathUnknown || src.calls != n {
		t.Errorf("path %q, /proc asked %d times after attach", ev.Path, src.calls-n)
	}
}

type countingProc struct{ calls int }

func (c *countingProc) Cwd(uint32) (string, bool) { c.calls++; return "/", true }

func (c *countingProc) FDs(uint32) []FD { c.calls++; return []FD{{Num: 7, Path: "/late"}}[:0] }

// Any call on an fd, not only close, that entered before another thread
// reused the number worked on the file before; one that entered while
// the reusing call ran cannot be told apart: unknown, never a guess.
func TestCallsRacingAReopen(t *testing.T) {
	tr := newTracker()
	at := timed(t, tr)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/old"}}, 2, 10, 20)
	// Thread 3 closes /old (its event comes later); thread 1 reopens 7.
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/new"}}, 1, 105, 120)
	if ev := at(call{name: "read", args: [6]uint64{7}, ret: -int64(unix.EBADF)}, 2, 100, 125); ev.Path != "/old" {
		t.Errorf("read that entered before the reopen: %q, want /old", ev.Path)
	}
	if ev := at(call{name: "read", args: [6]uint64{7}, ret: 1}, 2, 110, 126); ev.Path != "" || ev.PathStatus != event.PathUnknown {
		t.Errorf("read that entered during the reopen: %q, want unknown", ev.Path)
	}
	if ev := at(call{name: "read", args: [6]uint64{7}, ret: 1}, 2, 121, 127); ev.Path != "/new" {
		t.Errorf("read after the reopen: %q, want /new", ev.Path)
	}
}

// Seen in the suite under load: thread 1 closes fd 7 (/f), slowly; the
// number is free at once, thread 2 opens it (/proc/x) and closes it
// again, and both of its events arrive before thread 1's close. That
// close still closed /f.
func TestCloseOvertakenByReopenAndClose(t *testing.T) {
	tr := newTracker()
	at := timed(t, tr)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/f"}}, 1, 10, 20)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/proc/x"}}, 2, 115, 124)
	if ev := at(call{name: "close", args: [6]uint64{7}}, 2, 147, 149); ev.Path != "/proc/x" {
		t.Errorf("thread 2's close: %q, want /proc/x", ev.Path)
	}
	if ev := at(call{name: "close", args: [6]uint64{7}}, 1, 109, 152); ev.Path != "/f" {
		t.Errorf("thread 1's late close: %q, want /f", ev.Path)
	}
	if open, _ := tr.Cloexec(pid, 7); open {
		t.Error("fd 7 still open")
	}
	// The memory is used up: a later open of 7 starts afresh.
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/g"}}, 1, 200, 210)
	if ev := at(call{name: "read", args: [6]uint64{7}, ret: 1}, 2, 220, 230); ev.Path != "/g" {
		t.Errorf("read after: %q, want /g", ev.Path)
	}
}
