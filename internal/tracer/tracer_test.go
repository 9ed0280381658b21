package tracer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

const childEnv = "IOR_TEST_CHILD_DIR"

func TestMain(m *testing.M) {
	if path := os.Getenv(GateEnv); path != "" {
		GateMain(path)
	}
	if dir := os.Getenv(childEnv); dir != "" {
		child(dir)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func sys(nr uintptr, a ...uintptr) uintptr {
	var v [6]uintptr
	copy(v[:], a)
	r, _, e := unix.Syscall6(nr, v[0], v[1], v[2], v[3], v[4], v[5])
	if e != 0 && e != unix.ENOENT {
		panic(e)
	}
	return r
}

var keep [][]byte

func cstr(s string) uintptr {
	b := append([]byte(s), 0)
	keep = append(keep, b)
	return uintptrOf(b)
}

// child: open, write through a dup3'd fd, rename, unlink, one failure.
func child(dir string) {
	runtime.LockOSThread()
	atCWD := uintptr(^uint64(0) - 99)
	fd := sys(unix.SYS_OPENAT, atCWD, cstr(dir+"/a"), unix.O_CREAT|unix.O_WRONLY, 0o640)
	sys(unix.SYS_DUP3, fd, 100, unix.O_CLOEXEC)
	sys(unix.SYS_WRITE, 100, cstr("hello"), 5)
	sys(unix.SYS_CLOSE, 100)
	sys(unix.SYS_CLOSE, fd)
	sys(unix.SYS_RENAME, cstr(dir+"/a"), cstr(dir+"/b"))
	sys(unix.SYS_UNLINK, cstr(dir+"/b"))
	sys(unix.SYS_UNLINK, cstr(dir+"/missing"))
}

func TestTraceChild(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("IOR_REQUIRE_BPF") == "1" {
			t.Fatal("IOR_REQUIRE_BPF=1 but not root")
		}
		t.Skip("needs root to load BPF programs")
	}
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	t.Setenv(childEnv, dir)
	self, _ := os.Executable()
	out := filepath.Join(dir, "rec.ior.zst")
	var stdout, stderr bytes.Buffer
	before := monoNow()
	res, err := Run(context.Background(), Config{Command: []string{self, "-test.run=^$"}, Record: true,
		Output: out, Stdout: &stdout, Stderr: &stderr})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	after := monoNow()
	if res.ExitCode != 0 {
		t.Fatalf("child exited %d: %s", res.ExitCode, stderr.String())
	}
	rec, err := recording.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	pid := rec.Header.Filters.PID
	if pid == 0 || rec.Stats.Lost() != 0 || rec.Stats.Events != uint64(len(rec.Events)) {
		t.Fatalf("header/stats: pid %d, %+v", pid, rec.Stats)
	}
	var got []event.Event
	for _, ev := range rec.Events {
		if ev.TID == pid && (len(ev.Path) > len(dir) && ev.Path[:len(dir)] == dir) {
			got = append(got, ev)
		}
	}
	comm := filepath.Base(self)
	if len(comm) > 15 {
		comm = comm[:15]
	}
	a, b := dir+"/a", dir+"/b"
	want := []event.Event{
		{Syscall: "openat", Ret: 3, FD: 3, FD2: -1, Path: a, Flags: unix.O_CREAT | unix.O_WRONLY, Mode: 0o640, File: a},
		{Syscall: "dup3", Ret: 100, FD: 3, FD2: 100, Path: a, Flags: unix.O_CLOEXEC},
		{Syscall: "write", Ret: 5, Bytes: 5, FD: 100, FD2: -1, Path: a, Len: 5},
		{Syscall: "close", Ret: 0, FD: 100, FD2: -1, Path: a},
		{Syscall: "close", Ret: 0, FD: 3, FD2: -1, Path: a},
		// Lookups the kernel side cannot read the result of: unread.
		{Syscall: "rename", Ret: 0, FD: -1, FD2: -1, Path: a, Path2: b, FileStatus: event.FileUnread | event.FileUnread<<4},
		{Syscall: "unlink", Ret: 0, FD: -1, FD2: -1, Path: b, FileStatus: event.FileUnread},
		{Syscall: "unlink", Ret: -int64(unix.ENOENT), FD: -1, FD2: -1, Path: dir + "/missing", FileStatus: event.FileUnread},
	}
	if len(got) != len(want) {
		t.Fatalf("%d events in %s, want %d: %+v", len(got), dir, len(want), got)
	}
	prevExit := before
	for i, g := range got {
		w := want[i]
		// The Go runtime may hold fds of its own; the first free one
		// is not always 3, so take the child's numbering from openat.
		if i == 0 {
			w.Ret, w.FD = g.Ret, int32(g.Ret)
		}
		if w.FD == 3 {
			w.FD = got[0].FD
		}
		if g.PID != pid || g.TID != pid || g.Comm != comm {
			t.Errorf("event %d: pid/tid/comm %d/%d/%q, want %d/%d/%q", i, g.PID, g.TID, g.Comm, pid, pid, comm)
		}
		if g.EnterNs < prevExit || g.ExitNs < g.EnterNs || g.ExitNs > after {
			t.Errorf("event %d: times %d..%d out of order (previous exit %d, end %d)", i, g.EnterNs, g.ExitNs, prevExit, after)
		}
		prevExit = g.ExitNs
		// The process table: every event of the child is joined to
		// its thread's record, here ior's own namespaces and cgroup.
		if g.Proc == nil || g.Proc.MntNS == 0 || g.Proc.PidNS == 0 || g.Proc.Foreign != 0 || g.Proc.Root != "/" {
			t.Errorf("event %d: process %+v, want ior's namespaces, cgroup and root", i, g.Proc)
		}
		g.Proc = nil
		g.PID, g.TID, g.Comm, g.EnterNs, g.ExitNs = 0, 0, "", 0, 0
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
