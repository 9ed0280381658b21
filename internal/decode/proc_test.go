package decode

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

// procRec is the kernel side's process record of thread tid.
func procRec(pid, tid uint32, mnt, pidns, cgid uint64, cgroup string) *probe.Raw {
	r := &probe.Raw{Kind: probe.KindProc, PID: pid, TID: tid, Args: [6]uint64{mnt, pidns, cgid, 0, probe.ProcFirst}}
	r.Slot[0], r.SlotState[0] = []byte(cgroup), probe.SlotOK
	return r
}

// Events take their thread's last process record, else their process's;
// what differs from ior is marked; an ended process is forgotten.
func TestProcessTableJoin(t *testing.T) {
	d := New()
	d.SetSelf(Self{MntNS: 10, PidNS: 20, CgroupID: 30, Cgroup: "/a"})
	var c Call
	d.Decode(procRec(7, 7, 10, 20, 30, "a\x00"), &c)
	if c.Kind != calls.ProcInfo || c.Event.Proc == nil || c.Event.Proc.Foreign != 0 || c.Event.Proc.Cgroup != "/a" {
		t.Fatalf("ior's own place: %v %+v", c.Kind, c.Event.Proc)
	}
	d.Decode(procRec(7, 8, 11, 20, 31, "b\x00a\x00"), &c)
	if p := c.Event.Proc; p.Foreign != event.ForeignMnt|event.ForeignCgroup || p.Cgroup != "/a/b" {
		t.Fatalf("another mount namespace and cgroup: %+v", p)
	}
	call := func(pid, tid uint32) *event.Proc {
		d.Decode(&probe.Raw{Kind: probe.KindSyscall, PID: pid, TID: tid}, &c)
		return c.Event.Proc
	}
	if p := call(7, 7); p == nil || p.MntNS != 10 {
		t.Errorf("thread 7: %+v, want its own record (mnt 10)", p)
	}
	if p := call(7, 8); p == nil || p.MntNS != 11 {
		t.Errorf("thread 8: %+v, want its own record (mnt 11)", p)
	}
	if p := call(7, 9); p == nil || p.MntNS != 11 {
		t.Errorf("thread 9, no record: %+v, want its process's last (mnt 11)", p)
	}
	if p := call(6, 6); p != nil {
		t.Errorf("a process with no record: %+v, want none", p)
	}
	// A new record for thread 7 (it moved) answers its next calls, in
	// between the other threads' (each answered before from a cell).
	d.Decode(procRec(7, 7, 12, 20, 30, "a\x00"), &c)
	if p := call(7, 7); p == nil || p.MntNS != 12 {
		t.Errorf("thread 7 after its new record: %+v, want mnt 12", p)
	}
	if p := call(7, 8); p == nil || p.MntNS != 11 {
		t.Errorf("thread 8 after thread 7's new record: %+v, want its own (mnt 11)", p)
	}
	d.Decode(&probe.Raw{Kind: probe.KindExit, PID: 7, TID: 8, Args: [6]uint64{0, 1}}, &c)
	if p := call(7, 9); p != nil {
		t.Errorf("after the process ended: %+v, want none", p)
	}
	if got := (&event.Event{Proc: &event.Proc{MntNS: 11, CgroupID: 31, Cgroup: "/a/b", Foreign: event.ForeignMnt | event.ForeignCgroup | event.ForeignRoot}}).Container(); got != "mnt:[11] cgroup:/a/b" {
		t.Errorf("Container() = %q", got)
	}
}

// A call marked ProcPending (its thread's process record lost, ring
// full) has no process, nor do the thread's next calls until its next
// record, never the last one (the old namespaces after an unshare); the
// recording is told once, at the first; other threads keep their own.
func TestProcessLost(t *testing.T) {
	d := New()
	d.SetSelf(Self{MntNS: 10, PidNS: 20, CgroupID: 30, Cgroup: "/a"})
	var c Call
	d.Decode(procRec(7, 7, 10, 20, 30, "a\x00"), &c)
	d.Decode(procRec(7, 8, 10, 20, 30, "a\x00"), &c)
	call := func(tid uint32, pending bool) (*event.Proc, bool) {
		d.Decode(&probe.Raw{Kind: probe.KindSyscall, PID: 7, TID: tid, ProcPending: pending}, &c)
		if c.Event.ProcUnknown != (c.Event.Proc == nil) {
			t.Errorf("thread %d: Proc %+v, ProcUnknown %v: want it said exactly when Proc is nil", tid, c.Event.Proc, c.Event.ProcUnknown)
		}
		return c.Event.Proc, c.ProcUnknown
	}
	if p, u := call(7, false); p == nil || p.MntNS != 10 || u {
		t.Fatalf("before: %+v %v, want mnt 10", p, u)
	}
	if p, u := call(7, true); p != nil || !u {
		t.Errorf("first call marked: %+v unknown-told %v, want no process, told", p, u)
	}
	if p, u := call(7, true); p != nil || u {
		t.Errorf("second call marked: %+v unknown-told %v, want no process, not told again", p, u)
	}
	if p, _ := call(8, false); p == nil || p.MntNS != 10 {
		t.Errorf("another thread with its own record: %+v, want mnt 10", p)
	}
	if p, _ := call(9, false); p != nil {
		t.Errorf("a thread with none of its own: %+v, want its process's last, not known", p)
	}
	d.Decode(procRec(7, 7, 11, 20, 30, "a\x00"), &c)
	if p, u := call(7, false); p == nil || p.MntNS != 11 || u {
		t.Errorf("after the record came: %+v %v, want mnt 11", p, u)
	}
	if p, u := call(7, true); p != nil || !u {
		t.Errorf("lost again: %+v %v, want no process, told", p, u)
	}
}

// A file of another mount namespace is named in ior's view where a mount
// of ior's of the same file system has a root above it, and the path it
// gives reaches the same inode; otherwise not.
func TestHostPath(t *testing.T) {
	dir := t.TempDir()
	point := filepath.Join(dir, "mnt point")
	if err := os.MkdirAll(filepath.Join(point, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(point, "sub", "f")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var st unix.Stat_t
	if err := unix.Stat(f, &st); err != nil {
		t.Fatal(err)
	}
	maj, min := unix.Major(st.Dev), unix.Minor(st.Dev)
	info := filepath.Join(dir, "mountinfo")
	esc := filepath.Join(dir, `mnt\040point`)
	line := fmt.Sprintf("36 1 %d:%d /srv/data %s rw - ext4 x rw\n37 1 %d:%d / / rw - ext4 y rw\n", maj, min, esc, maj+1, min)
	if err := os.WriteFile(info, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	m := &mountTable{path: info}
	kdev := maj<<20 | min
	if got, ok := m.hostPath(kdev, st.Ino, "/srv/data/sub/f"); !ok || got != f {
		t.Errorf("below the mount's root: %q %v, want %q", got, ok, f)
	}
	if got, ok := m.hostPath(kdev, st.Ino+1, "/srv/data/sub/f"); ok {
		t.Errorf("another inode at that path: %q, want none", got)
	}
	if got, ok := m.hostPath(kdev, st.Ino, "/srv/database/sub/f"); ok {
		t.Errorf("not below the root (a sibling with its prefix): %q, want none", got)
	}
	if got, ok := m.hostPath(kdev+1, st.Ino, "/srv/data/sub/f"); ok {
		t.Errorf("a file system ior has no mount of: %q, want none", got)
	}
}

// An io_uring request submitted while its thread's process record was
// pending is not known alone: its completion may come after the
// thread's next record, which its mark must not undo (the thread's later
// calls show that record). An exit marked is as a syscall's: from it on.
func TestProcessLostOnce(t *testing.T) {
	d := New()
	d.SetSelf(Self{MntNS: 10, PidNS: 20, CgroupID: 30, Cgroup: "/a"})
	var c Call
	d.Decode(procRec(7, 7, 11, 20, 30, "a\x00"), &c)
	d.Decode(&probe.Raw{Kind: probe.KindURing, PID: 7, TID: 7, ProcPending: true}, &c)
	if c.Event.Proc != nil || !c.Event.ProcUnknown || !c.ProcOnce || c.ProcUnknown || c.ProcAfter == nil || c.ProcAfter.MntNS != 11 {
		t.Errorf("io_uring marked: Proc %+v unknown %v, once %v after %+v, told %v; want not known, once, mnt 11 after",
			c.Event.Proc, c.Event.ProcUnknown, c.ProcOnce, c.ProcAfter, c.ProcUnknown)
	}
	d.Decode(&probe.Raw{Kind: probe.KindSyscall, PID: 7, TID: 7}, &c)
	if p := c.Event.Proc; p == nil || p.MntNS != 11 {
		t.Errorf("the call after: %+v, want mnt 11", p)
	}
	d.Decode(&probe.Raw{Kind: probe.KindURing, PID: 7, TID: 7}, &c)
	if p := c.Event.Proc; p == nil || p.MntNS != 11 || c.ProcOnce {
		t.Errorf("io_uring not marked: %+v once %v, want mnt 11", p, c.ProcOnce)
	}
	d.Decode(&probe.Raw{Kind: probe.KindExit, PID: 7, TID: 7, ProcPending: true, Args: [6]uint64{0, 1}}, &c)
	if c.Event.Proc != nil || !c.Event.ProcUnknown || !c.ProcUnknown {
		t.Errorf("exit marked: %+v unknown %v told %v, want not known, told", c.Event.Proc, c.Event.ProcUnknown, c.ProcUnknown)
	}
}

// A lost exec is told to the stages once (Call.ExecLost): at the first
// record marked with it, or at the process record that says it when
// none came marked; later marked records and that record then not again.
func TestExecLost(t *testing.T) {
	d := New()
	var c Call
	rec := func(kind probe.Kind, mark bool, flags uint64) bool {
		d.Decode(&probe.Raw{Kind: kind, PID: 7, TID: 7, ExecLost: mark, Args: [6]uint64{4, 5, 6, 0, flags}}, &c)
		return c.ExecLost
	}
	if rec(probe.KindSyscall, false, 0) {
		t.Errorf("a record not marked: told")
	}
	if !rec(probe.KindSyscall, true, 0) {
		t.Errorf("the first record marked: not told")
	}
	if rec(probe.KindSyscall, true, 0) || rec(probe.KindURing, true, 0) {
		t.Errorf("a second record marked: told again")
	}
	if rec(probe.KindProc, false, probe.ProcExec|probe.ProcExecLost) {
		t.Errorf("the process record after marked ones: told again")
	}
	if !rec(probe.KindProc, false, probe.ProcExec|probe.ProcExecLost) {
		t.Errorf("a process record that says it, none marked before: not told")
	}
	if rec(probe.KindProc, false, probe.ProcExec) || rec(probe.KindSyscall, false, 0) {
		t.Errorf("after: told")
	}
}
