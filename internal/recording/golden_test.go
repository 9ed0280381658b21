package recording

import (
	"flag"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
)

var (
	writeV5 = flag.Bool("write-v5", false, "write testdata/v5.ior.zst (only with version 5's writer)")
	writeV6 = flag.Bool("write-v6", false, "write testdata/v6.ior.zst (only with version 6's writer)")
)

// goldenEvents are the events of testdata/v5.ior.zst: two threads of a
// process interleaved, the same calls again (what the writer's caches
// and version 6's references serve), a failure, io_uring fields,
// resolved files, captures, a stack, a process table entry.
func goldenEvents() []event.Event {
	proc := &event.Proc{MntNS: 4026531841, PidNS: 4026531836, CgroupID: 7, Cgroup: "/user.slice", Root: "/"}
	st := &event.Stack{PCs: []uint64{0x401000, 0x402000}}
	return []event.Event{
		{Syscall: "openat", PID: 10, TID: 10, Comm: "w", EnterNs: 1000, ExitNs: 1500, Ret: 3, FD: 3, FD2: -1, Path: "/tmp/f", Flags: 0x80000, File: "/tmp/f", Proc: proc},
		{Syscall: "pread64", PID: 10, TID: 11, Comm: "w2", EnterNs: 1200, ExitNs: 1600, Ret: 64, Bytes: 64, FD: 3, FD2: -1, Path: "/tmp/f", Offset: 4096, Len: 64, Proc: proc},
		{Syscall: "pread64", PID: 10, TID: 10, Comm: "w", EnterNs: 1700, ExitNs: 1900, Ret: 64, Bytes: 64, FD: 3, FD2: -1, Path: "/tmp/f", Offset: 0, Len: 64, Proc: proc},
		{Syscall: "pread64", PID: 10, TID: 10, Comm: "w", EnterNs: 2000, ExitNs: 2150, Ret: 64, Bytes: 64, FD: 3, FD2: -1, Path: "/tmp/f", Offset: 64, Len: 64, Stack: st, Proc: proc},
		{Syscall: "pread64", PID: 10, TID: 11, Comm: "w2", EnterNs: 1650, ExitNs: 2200, Ret: 32, Bytes: 32, FD: 3, FD2: -1, Path: "/tmp/f", Offset: 4160, Len: 64, Proc: proc},
		{Syscall: "openat", PID: 10, TID: 10, Comm: "w", EnterNs: 2300, ExitNs: 2400, Ret: -2, FD: -1, FD2: -1, Path: "/nope", Flags: 0, FileStatus: event.FileNone, Proc: proc},
		{Syscall: "renameat2", PID: 10, TID: 11, Comm: "w2", EnterNs: 2500, ExitNs: 2600, FD: -1, FD2: -1, Path: "/a", Path2: "/b", File: "/a", File2: "/b", Flags: 1, PathStatus: event.PathCut << 4, Proc: proc},
		{Syscall: "fcntl", PID: 10, TID: 10, Comm: "w", EnterNs: 2700, ExitNs: 2800, FD: 3, FD2: -1, Path: "/tmp/f", Flags: 6, Flock: &event.Flock{Type: 1, Start: 2, Len: 10, PID: 10}, Proc: proc},
		{Syscall: "sendfile64", PID: 10, TID: 10, Comm: "w", EnterNs: 2900, ExitNs: 3000, Ret: 5, Bytes: 5, FD: 4, FD2: 3, Path: "/tmp/dst", Path2: "/tmp/f", Len: 5, OffIn: 7, OffState: event.OffInSet, Proc: proc},
		{Syscall: "connect", PID: 10, TID: 11, Comm: "w2", EnterNs: 3100, ExitNs: 3200, Ret: -111, FD: 5, FD2: -1, Path: "socket:[7]", Len: 16, Args: "127.0.0.1:80", Proc: proc},
		{Syscall: "io_uring:READ", PID: 10, TID: 10, Comm: "w", EnterNs: 3000, ExitNs: 3300, Ret: 4, Bytes: 4, FD: 3, FD2: -1, Path: "/tmp/f", Len: 4, UserData: 42, Slot1: 2, SqeFlags: 1, Exec: event.ExecIOWQ, Proc: proc},
		{Syscall: "io_uring:READ", PID: 10, TID: 10, Comm: "w", EnterNs: 3010, ExitNs: 3350, Ret: 4, Bytes: 4, FD: 3, FD2: -1, Path: "/tmp/f", Len: 4, Offset: 4, UserData: 43, Slot1: 2, SqeFlags: 1, Exec: event.ExecIOWQ, Proc: proc},
		{Syscall: "execve", PID: 12, TID: 12, Comm: "sh", EnterNs: 4000, ExitNs: 4100, FD: -1, FD2: -1, Path: "/bin/true", Argv: []string{"true", "-x"}, Envc: 3},
		{Syscall: "pread64", PID: 10, TID: 10, Comm: "w", EnterNs: 4200, ExitNs: 4300, Ret: 64, Bytes: 64, FD: 3, FD2: -1, Path: "/tmp/f", Offset: 128, Len: 64, Proc: proc},
	}
}

func goldenHeader() Header {
	return Header{Name: "golden", Host: "h", Kernel: "6.1", Start: time.Unix(5, 0).UTC(), StartMonoNs: 900,
		Tracepoints: []string{"openat", "pread64"}, Stacks: true}
}

// writeGolden writes evs (their process table entries first).
func writeGolden(t *testing.T, path string, evs []event.Event) {
	t.Helper()
	w, err := Create(path, goldenHeader())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint32]bool{}
	for i := range evs {
		if p := evs[i].Proc; p != nil && !seen[evs[i].TID] {
			seen[evs[i].TID] = true
			if err := w.Proc(&evs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(Stats{LostRingbuf: 1}); err != nil {
		t.Fatal(err)
	}
}

// testdata/v5.ior.zst was written by version 5's writer (main before
// version 6, with go test -run TestReadsVersion5Golden -write-v5): it
// still reads, every event as written.
func TestReadsVersion5Golden(t *testing.T) {
	if *writeV5 {
		writeGolden(t, "testdata/v5.ior.zst", goldenEvents())
	}
	checkGolden(t, "testdata/v5.ior.zst", 5)
}

// testdata/v6.ior.zst was written by version 6's writer (main before
// version 7, with go test -run TestReadsVersion6Golden -write-v6): it
// still reads, every event as written.
func TestReadsVersion6Golden(t *testing.T) {
	if *writeV6 {
		writeGolden(t, "testdata/v6.ior.zst", goldenEvents())
	}
	checkGolden(t, "testdata/v6.ior.zst", 6)
}

// checkGolden reads the golden file at path, which must be of version
// v, and compares its events with goldenEvents.
func checkGolden(t *testing.T, path string, v uint16) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if rd.Version != v {
		t.Fatalf("version %d, want %d", rd.Version, v)
	}
	rec, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, rec.Events, goldenEvents())
	if rec.Stats.LostRingbuf != 1 || len(rec.Aggregates) == 0 {
		t.Errorf("stats %+v, %d aggregates", rec.Stats, len(rec.Aggregates))
	}
}

func checkEvents(t *testing.T, got, want []event.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}
