package integrationtests

import (
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// Every step of the table parses, names a traced syscall, and every
// scenario has a family and a unique name. Needs no root: a broken step
// is caught before any workload runs.
func TestTableParses(t *testing.T) {
	names := map[string]bool{}
	for _, sc := range Scenarios {
		if sc.Name == "" || sc.Family == "" || names[sc.Name] {
			t.Errorf("scenario %q (family %q): empty or duplicate name or family", sc.Name, sc.Family)
		}
		names[sc.Name] = true
		for label, steps := range sc.StepLists() {
			if len(steps) == 0 {
				t.Errorf("%s: thread %q has no steps", sc.Name, label)
			}
			for _, s := range steps {
				st, err := ParseStep(s)
				if err != nil {
					t.Errorf("%s: %v", sc.Name, err)
					continue
				}
				if syscalls.ByName(st.Syscall) == nil && uring.ByEvent(st.Syscall) == nil && aio.ByEvent(st.Syscall) == nil {
					t.Errorf("%s: step %q: ior does not trace %s", sc.Name, s, st.Syscall)
				}
				if !validRet(st.Ret) {
					t.Errorf("%s: step %q: return %q is not a number, -ERRNO, +, fdN, pidN or addrN", sc.Name, s, st.Ret)
				}
			}
		}
	}
}

// neverFails lists the traced syscalls the kernel gives no error path.
var neverFails = map[string]string{
	"sync":         "sync(2) always returns 0",
	"eventfd":      "eventfd(2) has no flags: it fails only when fds or memory run out",
	"inotify_init": "inotify_init(2) has no flags: it fails only when fds or memory run out",
	"fork":         "fork(2) takes nothing: it fails only when tasks or memory run out",
	"vfork":        "vfork(2) takes nothing: it fails only when tasks or memory run out",
}

// Every traced syscall is exercised by a step of the table, and every one
// that can fail by a step that expects an error. Needs no root.
func TestTableCoversSyscalls(t *testing.T) {
	called, failed := map[string]bool{}, map[string]bool{}
	for _, sc := range Scenarios {
		for _, steps := range sc.StepLists() {
			for _, s := range steps {
				st, err := ParseStep(s)
				if err != nil {
					continue // TestTableParses reports it
				}
				called[st.Syscall] = true
				failed[st.Syscall] = failed[st.Syscall] || strings.HasPrefix(st.Ret, "-E")
			}
		}
	}
	for _, sp := range syscalls.Table {
		why, cannot := neverFails[sp.Name]
		switch {
		case !called[sp.Name]:
			t.Errorf("%s (family %s): no scenario calls it", sp.Name, sp.Family)
		case !failed[sp.Name] && !cannot:
			t.Errorf("%s (family %s): no scenario step expects an error from it", sp.Name, sp.Family)
		case failed[sp.Name] && cannot:
			t.Errorf("%s: a step expects an error, but neverFails says %s", sp.Name, why)
		}
	}
}

func validRet(r string) bool {
	switch {
	case r == "+":
		return true
	case strings.HasPrefix(r, "-E"):
		return len(r) > 2
	case strings.HasPrefix(r, "fd"):
		_, err := parseValue(r[2:])
		return err == nil
	case strings.HasPrefix(r, "pid"):
		_, err := parseValue(r[3:])
		return err == nil
	case strings.HasPrefix(r, "addr"):
		_, err := parseValue(r[4:])
		return err == nil
	}
	_, err := parseValue(r)
	return err == nil
}

// The canonical form keeps every compared field and drops what varies.
func TestCanonicalize(t *testing.T) {
	dir := "/tmp/s"
	evs := Canonicalize(eventsForCanon(dir), dir)
	got := []string{evs[0].String(), evs[1].String()}
	want := []string{
		"openat fd=fd1 path=sub/f flags=0x241 mode=0644 named=flags=O_WRONLY|O_CREAT|O_TRUNC,mode=0644 = fd1",
		"read fd=fd1 path=sub/f bytes=4 named=fd=fd1,count=0 = 4",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %q, want %q", i, got[i], want[i])
		}
	}
	st, err := ParseStep("openat fd=fd1 path=sub/f flags=O_CREAT|O_WRONLY|O_TRUNC mode=0644 = fd1")
	if err != nil {
		t.Fatal(err)
	}
	if d := st.Match(evs[0]); d != "" {
		t.Errorf("step does not match its own event: %s", d)
	}
	st, _ = ParseStep("read fd=fd2 bytes=5 = 4")
	if d := st.Match(evs[1]); !strings.Contains(d, "fd") || !strings.Contains(d, "bytes") {
		t.Errorf("mismatches not reported: %q", d)
	}
}

func eventsForCanon(dir string) []event.Event {
	return []event.Event{
		{Syscall: "openat", PID: 5, TID: 6, Comm: "c", EnterNs: 1, ExitNs: 2, Ret: 9, FD: 9, FD2: -1, Path: dir + "/sub/f",
			Flags: unix.O_CREAT | unix.O_WRONLY | unix.O_TRUNC, Mode: 0o644},
		{Syscall: "read", PID: 5, TID: 6, Comm: "c", EnterNs: 3, ExitNs: 4, Ret: 4, Bytes: 4, FD: 9, FD2: -1, Path: dir + "/sub/f"},
	}
}

// Addresses that calls return are compared by identity, like fds.
func TestCanonicalAddresses(t *testing.T) {
	ev := func(sc string, ret int64) event.Event {
		return event.Event{Syscall: sc, Ret: ret, FD: -1, FD2: -1}
	}
	evs := Canonicalize([]event.Event{ev("mmap", 0x7f0000001000), ev("mremap", 0x7f0000009000), ev("mremap", 0x7f0000009000),
		ev("mmap", -int64(unix.EBADF)), ev("munmap", 0)}, "/tmp/s")
	var got []string
	for _, c := range evs {
		got = append(got, c.Ret)
	}
	if want := "addr1 addr2 addr2 -EBADF 0"; strings.Join(got, " ") != want {
		t.Errorf("returns %q, want %q", strings.Join(got, " "), want)
	}
}
