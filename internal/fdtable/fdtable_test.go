// (Past 350 lines: the fd table's effects tested one call kind after
// another on one shared fixture.)

package fdtable

import (
	"encoding/binary"
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

const pid = 42

// fakeProc answers like /proc for a process whose cwd is /home/u and
// which had fd 0 open on /dev/pts/0 and fd 11 (close-on-exec) on /lib/x
// before tracing began.
type fakeProc struct{}

func (fakeProc) Cwd(p uint32) (string, bool) { return "/home/u", p == pid }

func (fakeProc) FDs(p uint32) []FD {
	if p != pid {
		return nil
	}
	return []FD{{Num: 0, Path: "/dev/pts/0"}, {Num: 11, Path: "/lib/x", Cloexec: true}}
}

// newTracker is a tracker that snapshotted the process pid at attach.
func newTracker() *Tracker {
	tr := NewTracker(fakeProc{})
	tr.Snapshot(pid)
	return tr
}

type call struct {
	name  string
	args  [6]uint64
	ret   int64
	slots []string // the path arguments the call has, then its struct, in order
}

func (c call) raw(t *testing.T) *probe.Raw {
	t.Helper()
	sp := syscalls.ByName(c.name)
	if sp == nil {
		t.Fatalf("no syscall %s", c.name)
	}
	r := &probe.Raw{Kind: probe.KindSyscall, NR: uint16(sp.NR), Args: c.args, Ret: c.ret, PID: pid, TID: pid + 1}
	copy(r.Comm[:], "work")
	var slots []int // the record's slot of each of c.slots
	for i, a := range sp.Path {
		if a != syscalls.None {
			slots = append(slots, i)
		}
	}
	if sp.Blob != syscalls.None {
		slots = append(slots, probe.BlobSlot)
	}
	for i, s := range c.slots {
		r.Slot[slots[i]] = []byte(s)
		r.SlotState[slots[i]] = probe.SlotOK
	}
	return r
}

func apply(t *testing.T, tr *Tracker, c call) event.Event {
	t.Helper()
	return applyRaw(tr, c.raw(t))
}

// applyRaw decodes a record as the session does and applies it.
func applyRaw(tr *Tracker, r *probe.Raw) event.Event {
	var c calls.Call
	decode.New().Decode(r, &c)
	tr.Apply(&c)
	return c.Event
}

// timed applies calls as thread tid made them, entering and returning
// at the given times: for the races between threads.
func timed(t *testing.T, tr *Tracker) func(c call, tid uint32, enter, exit uint64) event.Event {
	return func(c call, tid uint32, enter, exit uint64) event.Event {
		r := c.raw(t)
		r.TID, r.EnterNs, r.ExitNs = tid, enter, exit
		return applyRaw(tr, r)
	}
}

func u(v int) uint64 { return uint64(int64(v)) }

func TestResolveRelativeAndDirfd(t *testing.T) {
	tr := newTracker()
	ev := apply(t, tr, call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD), 0, unix.O_DIRECTORY}, ret: 3, slots: []string{"d"}})
	if ev.Path != "/home/u/d" || ev.FD != 3 {
		t.Fatalf("openat: path %q fd %d", ev.Path, ev.FD)
	}
	ev = apply(t, tr, call{name: "openat", args: [6]uint64{3, 0, unix.O_RDONLY}, ret: 4, slots: []string{"../x/./f"}})
	if ev.Path != "/home/u/x/f" {
		t.Errorf("openat relative to dirfd: %q", ev.Path)
	}
	ev = apply(t, tr, call{name: "newfstatat", args: [6]uint64{4, 0, 0, unix.AT_EMPTY_PATH}, slots: []string{""}})
	if ev.Path != "/home/u/x/f" {
		t.Errorf("AT_EMPTY_PATH: %q", ev.Path)
	}
	ev = apply(t, tr, call{name: "read", args: [6]uint64{4, 0, 100}, ret: 7})
	if ev.Path != "/home/u/x/f" || ev.Bytes != 7 || ev.FD != 4 {
		t.Errorf("read: %+v", ev)
	}
	ev = apply(t, tr, call{name: "read", args: [6]uint64{0, 0, 100}, ret: -int64(unix.EAGAIN)})
	if ev.Path != "/dev/pts/0" || ev.Bytes != 0 {
		t.Errorf("read of pre-existing fd: %+v", ev)
	}
	ev = apply(t, tr, call{name: "read", args: [6]uint64{9, 0, 100}, ret: -int64(unix.EBADF)})
	if ev.Path != "" || ev.PathStatus != event.PathUnknown {
		t.Errorf("read of unknown fd: %q, status %#x", ev.Path, ev.PathStatus)
	}
	// Relative to an fd ior cannot name, or to a negative dirfd that is
	// not AT_FDCWD: the name as given, said to be unknown.
	for _, dirfd := range []uint64{9, u(-1)} {
		ev = apply(t, tr, call{name: "openat", args: [6]uint64{dirfd}, ret: -int64(unix.EBADF), slots: []string{"f"}})
		if ev.Path != "f" || ev.PathStatus != event.PathUnknown {
			t.Errorf("openat(%d, \"f\"): %q, status %#x", int32(dirfd), ev.Path, ev.PathStatus)
		}
	}
}

func TestChdirFchdir(t *testing.T) {
	tr := newTracker()
	apply(t, tr, call{name: "chdir", ret: 0, slots: []string{"/tmp/a"}})
	if ev := apply(t, tr, call{name: "unlink", slots: []string{"b"}}); ev.Path != "/tmp/a/b" {
		t.Errorf("after chdir: %q", ev.Path)
	}
	apply(t, tr, call{name: "chdir", ret: -int64(unix.ENOENT), slots: []string{"/nope"}})
	if ev := apply(t, tr, call{name: "unlink", slots: []string{"b"}}); ev.Path != "/tmp/a/b" {
		t.Errorf("failed chdir moved cwd: %q", ev.Path)
	}
	apply(t, tr, call{name: "open", args: [6]uint64{0, unix.O_DIRECTORY}, ret: 5, slots: []string{"/srv"}})
	apply(t, tr, call{name: "fchdir", args: [6]uint64{5}})
	if ev := apply(t, tr, call{name: "mkdir", slots: []string{"c"}}); ev.Path != "/srv/c" {
		t.Errorf("after fchdir: %q", ev.Path)
	}
}

func open(t *testing.T, tr *Tracker, path string, fd int, flags int) {
	t.Helper()
	apply(t, tr, call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD), 0, uint64(flags)}, ret: int64(fd), slots: []string{path}})
}

func want(t *testing.T, tr *Tracker, fd int32, path string, cloexec bool) {
	t.Helper()
	open, ce := tr.Cloexec(pid, fd)
	if path == "" {
		if open {
			t.Errorf("fd %d still open (%q)", fd, tr.Path(pid, fd))
		}
		return
	}
	if !open || tr.Path(pid, fd) != path || ce != cloexec {
		t.Errorf("fd %d: open=%v path=%q cloexec=%v, want %q cloexec=%v", fd, open, tr.Path(pid, fd), ce, path, cloexec)
	}
}

func TestDupFamily(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/f", 3, unix.O_RDONLY|unix.O_CLOEXEC)
	want(t, tr, 3, "/f", true)

	apply(t, tr, call{name: "dup", args: [6]uint64{3}, ret: 4})
	want(t, tr, 4, "/f", false) // dup never copies FD_CLOEXEC

	apply(t, tr, call{name: "dup2", args: [6]uint64{3, 10}, ret: 10})
	want(t, tr, 10, "/f", false)

	apply(t, tr, call{name: "dup3", args: [6]uint64{3, 11, unix.O_CLOEXEC}, ret: 11})
	want(t, tr, 11, "/f", true)

	// dup2 onto itself changes nothing, not even the cloexec bit.
	apply(t, tr, call{name: "dup2", args: [6]uint64{3, 3}, ret: 3})
	want(t, tr, 3, "/f", true)

	// A failed dup2 leaves the target alone.
	open(t, tr, "/g", 12, 0)
	apply(t, tr, call{name: "dup2", args: [6]uint64{99, 12}, ret: -int64(unix.EBADF)})
	want(t, tr, 12, "/g", false)

	// dup2 onto an open fd replaces it.
	apply(t, tr, call{name: "dup2", args: [6]uint64{3, 12}, ret: 12})
	want(t, tr, 12, "/f", false)

	if ev := apply(t, tr, call{name: "write", args: [6]uint64{11, 0, 5}, ret: 5}); ev.Path != "/f" {
		t.Errorf("write via dup3'd fd: %q", ev.Path)
	}
}

func TestFcntl(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/f", 3, 0)
	apply(t, tr, call{name: "fcntl", args: [6]uint64{3, unix.F_DUPFD, 20}, ret: 20})
	want(t, tr, 20, "/f", false)
	apply(t, tr, call{name: "fcntl", args: [6]uint64{3, unix.F_DUPFD_CLOEXEC, 20}, ret: 21})
	want(t, tr, 21, "/f", true)
	apply(t, tr, call{name: "fcntl", args: [6]uint64{3, unix.F_SETFD, unix.FD_CLOEXEC}})
	want(t, tr, 3, "/f", true)
	apply(t, tr, call{name: "fcntl", args: [6]uint64{3, unix.F_SETFD, 0}})
	want(t, tr, 3, "/f", false)
	// F_SETFL does not touch the table.
	apply(t, tr, call{name: "fcntl", args: [6]uint64{3, unix.F_SETFL, unix.O_APPEND}})
	want(t, tr, 3, "/f", false)
}

func TestCloseAndCloseRange(t *testing.T) {
	tr := newTracker()
	for fd := 3; fd <= 8; fd++ {
		open(t, tr, "/f", fd, 0)
	}
	ev := apply(t, tr, call{name: "close", args: [6]uint64{3}})
	if ev.Path != "/f" {
		t.Errorf("close reports %q", ev.Path)
	}
	want(t, tr, 3, "", false)
	// close failing with EINTR still released the fd; EBADF did not.
	apply(t, tr, call{name: "close", args: [6]uint64{4}, ret: -int64(unix.EINTR)})
	want(t, tr, 4, "", false)
	apply(t, tr, call{name: "close", args: [6]uint64{5}, ret: -int64(unix.EBADF)})
	want(t, tr, 5, "/f", false)

	apply(t, tr, call{name: "close_range", args: [6]uint64{5, 6, unix.CLOSE_RANGE_CLOEXEC}})
	want(t, tr, 5, "/f", true)
	want(t, tr, 6, "/f", true)
	want(t, tr, 7, "/f", false)

	apply(t, tr, call{name: "close_range", args: [6]uint64{7, ^uint64(0) >> 32, 0}})
	want(t, tr, 7, "", false)
	want(t, tr, 8, "", false)
	want(t, tr, 5, "/f", true)
}

func TestExecDropsCloexec(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/keep", 3, 0)
	open(t, tr, "/drop", 4, unix.O_CLOEXEC)
	ev := applyRaw(tr, &probe.Raw{Kind: probe.KindExec, PID: pid, TID: pid})
	if ev.Syscall != "exec" {
		t.Errorf("exec event named %q", ev.Syscall)
	}
	want(t, tr, 3, "/keep", false)
	want(t, tr, 4, "", false)
}

// An exec whose record was lost: the first record after it that says so
// (its mark, decoded as Call.ExecLost) drops the close-on-exec fds first,
// as the exec record would have.
func TestExecLostDropsCloexec(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/keep", 3, 0)
	open(t, tr, "/drop", 4, unix.O_CLOEXEC)
	applyRaw(tr, &probe.Raw{Kind: probe.KindProc, PID: pid, TID: pid, Args: [6]uint64{1, 2, 3, 0, probe.ProcExec | probe.ProcExecLost}})
	want(t, tr, 3, "/keep", false)
	want(t, tr, 4, "", false)
}

func handle(typ uint32, b ...byte) string {
	h := make([]byte, syscalls.FileHandleLen)
	binary.LittleEndian.PutUint32(h, uint32(len(b)))
	binary.LittleEndian.PutUint32(h[4:], typ)
	copy(h[8:], b)
	return string(h)
}

func TestOpenByHandle(t *testing.T) {
	tr := newTracker()
	h := handle(1, 0xde, 0xad, 0xbe, 0xef)
	apply(t, tr, call{name: "name_to_handle_at", args: [6]uint64{u(unix.AT_FDCWD)}, slots: []string{"/data/f", h}})
	ev := apply(t, tr, call{name: "open_by_handle_at", args: [6]uint64{3, 0, unix.O_RDONLY}, ret: 7, slots: []string{h}})
	if ev.Path != "/data/f" || ev.FD != 7 {
		t.Errorf("open_by_handle_at: path %q fd %d", ev.Path, ev.FD)
	}
	want(t, tr, 7, "/data/f", false)
	// A different handle (other bytes after handle_bytes do not matter,
	// the handle's own bytes do) is unknown.
	ev = apply(t, tr, call{name: "open_by_handle_at", args: [6]uint64{3}, ret: 8, slots: []string{handle(1, 0xde, 0xad, 0xbe, 0xee)}})
	if ev.Path != "" || ev.PathStatus != event.PathUnknown {
		t.Errorf("unknown handle resolved to %q", ev.Path)
	}
}

func TestRenameSymlinkAndFault(t *testing.T) {
	tr := newTracker()
	ev := apply(t, tr, call{name: "renameat2", args: [6]uint64{u(unix.AT_FDCWD), 0, u(unix.AT_FDCWD), 0, unix.RENAME_NOREPLACE}, slots: []string{"a", "/b"}})
	if ev.Path != "/home/u/a" || ev.Path2 != "/b" || ev.Flags != unix.RENAME_NOREPLACE {
		t.Errorf("renameat2: %+v", ev)
	}
	ev = apply(t, tr, call{name: "symlink", slots: []string{"../target", "l"}})
	if ev.Path != "../target" || ev.Path2 != "/home/u/l" {
		t.Errorf("symlink: %q -> %q", ev.Path, ev.Path2)
	}
	r := call{name: "unlink", args: [6]uint64{0x1234}, ret: -int64(unix.EFAULT)}.raw(t)
	r.SlotState[0] = probe.SlotFault
	e := applyRaw(tr, r)
	if e.Path != "0x1234" || e.PathStatus != event.PathFault {
		t.Errorf("faulted path shown as %q, status %#x", e.Path, e.PathStatus)
	}
}

func TestOpenat2AndCreatFlags(t *testing.T) {
	tr := newTracker()
	how := make([]byte, syscalls.OpenHowLen)
	binary.LittleEndian.PutUint64(how, unix.O_RDWR|unix.O_CLOEXEC)
	binary.LittleEndian.PutUint64(how[8:], 0o600)
	ev := apply(t, tr, call{name: "openat2", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 3, slots: []string{"f", string(how)}})
	if ev.Flags != unix.O_RDWR|unix.O_CLOEXEC || ev.Mode != 0o600 || ev.Path != "/home/u/f" {
		t.Errorf("openat2: %+v", ev)
	}
	want(t, tr, 3, "/home/u/f", true)
	ev = apply(t, tr, call{name: "creat", args: [6]uint64{0, 0o644}, ret: 4, slots: []string{"g"}})
	if ev.Flags != unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC || ev.Mode != 0o644 {
		t.Errorf("creat: %+v", ev)
	}
}

// Thread 2 closes fd 7 (on /old); the kernel frees the number inside the
// close, thread 1's open gets it and returns first. Events come in exit
// order: the open is seen before the close that made room for it.
func TestCloseRacingReopenOnAnotherThread(t *testing.T) {
	tr := newTracker()
	at := timed(t, tr)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/old"}}, 2, 10, 20)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{"/new"}}, 1, 105, 120)
	ev := at(call{name: "close", args: [6]uint64{7}}, 2, 100, 130)
	if ev.Path != "/old" {
		t.Errorf("racing close reported %q, want /old", ev.Path)
	}
	want(t, tr, 7, "/new", false)
	// A later close of the new file, by either thread, closes it.
	ev = at(call{name: "close", args: [6]uint64{7}}, 2, 200, 210)
	if ev.Path != "/new" {
		t.Errorf("close after the race reported %q, want /new", ev.Path)
	}
	want(t, tr, 7, "", false)

	// close_range entered before another thread's reopen leaves it alone.
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 8, slots: []string{"/a"}}, 2, 300, 310)
	at(call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 9, slots: []string{"/b"}}, 1, 405, 420)
	at(call{name: "close_range", args: [6]uint64{8, 9, 0}}, 2, 400, 430)
	want(t, tr, 8, "", false)
	want(t, tr, 9, "/b", false)
}

// An open's resolved file is read from its new fd at its exit: if
// another thread's call put a file on the same fd number while it ran
// (the fd closed under it and taken again), the file read may be the
// other call's: unknown, never that file.
func TestOpenFileRacingInstall(t *testing.T) {
	tr := newTracker()
	d := decode.New()
	nameRaw := func(id uint64, comps string) *probe.Raw {
		r := &probe.Raw{Kind: probe.KindName, Args: [6]uint64{id, 0, 1, 0, 0xef53, 1}}
		r.Slot[0], r.SlotState[0] = []byte(comps), probe.SlotOK
		return r
	}
	open := func(path string, id uint64, tid uint32, enter, exit uint64) event.Event {
		r := call{name: "openat", args: [6]uint64{u(unix.AT_FDCWD)}, ret: 7, slots: []string{path}}.raw(t)
		r.TID, r.EnterNs, r.ExitNs = tid, enter, exit
		r.FileState, r.FileID = [2]uint8{probe.NameOK}, [2]uint64{id}
		var c decode.Call
		d.Decode(r, &c)
		tr.Apply(&c)
		return c.Event
	}
	var c decode.Call
	d.Decode(nameRaw(1, "a\x00"), &c)
	d.Decode(nameRaw(2, "b\x00"), &c)
	if ev := open("/a", 1, 2, 10, 20); ev.File != "/a" || ev.FileStatus != 0 {
		t.Errorf("an open alone: file %q status %d", ev.File, ev.FileStatus)
	}
	apply(t, tr, call{name: "close", args: [6]uint64{7}})
	// Thread 1's open of /b returned 7 while thread 2's open of /a ran.
	open("/b", 2, 1, 105, 120)
	if ev := open("/a", 2, 2, 100, 130); ev.File != "" || ev.FileStatus != event.FileUnknown {
		t.Errorf("an open racing another's install on its fd: file %q status %d, want unknown", ev.File, ev.FileStatus)
	}
}
