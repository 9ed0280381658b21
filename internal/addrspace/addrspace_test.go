package addrspace

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// A position-independent program exec placed at a base: its segments
// where AT_ENTRY says, its interpreter at AT_BASE; a file mmap adds a
// mapping; a forked child gets the parent's; exec starts afresh; an entry
// that does not fit the file places nothing (counted) rather than guess.
func TestExecMmapFork(t *testing.T) {
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	src, exe := filepath.Join(dir, "p.c"), filepath.Join(dir, "p")
	os.WriteFile(src, []byte("int main(void) { return 0; }\n"), 0o644)
	if out, err := exec.Command(cc, "-pie", "-fPIE", "-o", exe, src).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	entry, firstVaddr := f.Entry, f.Progs[0].Vaddr
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			firstVaddr = p.Vaddr
			break
		}
	}
	f.Close()
	got := map[uint32][]recording.Mapping{}
	tr := New(func(pid uint32, m recording.Mapping) error {
		if m.Start == 0 && m.Limit == 0 {
			got[pid] = nil
		} else {
			got[pid] = append(got[pid], m)
		}
		return nil
	})
	const base, ldBase = 0x555555554000, 0x7f0000000000
	tr.Observe(&calls.Call{Kind: calls.Exec, Event: event.Event{PID: 5}, ExecPath: exe, ExecEntry: base + entry, ExecBase: ldBase})
	ms := got[5]
	if len(ms) < 2 || ms[0].Path != exe || ms[0].Start != base+firstVaddr&^4095 || ms[0].Offset != 0 {
		t.Fatalf("after exec: %+v, want %s's first segment at %#x", ms, exe, base+firstVaddr)
	}
	interp := ms[len(ms)-1]
	if interp.Path == exe || interp.Start < ldBase {
		t.Errorf("interpreter mapping %+v, want one at AT_BASE %#x", interp, ldBase)
	}
	if m, ok := Find(ms, base+entry); !ok || m.Path != exe {
		t.Errorf("the entry point falls in %+v", m)
	}
	mmap := syscalls.ByName("mmap")
	tr.Observe(&calls.Call{Spec: mmap, Event: event.Event{Syscall: "mmap", PID: 5, Ret: 0x7f1000000000, Len: 5000, Offset: 8192, Path: exe}})
	last := got[5][len(got[5])-1]
	if last != (recording.Mapping{Start: 0x7f1000000000, Limit: 0x7f1000002000, Offset: 8192, Path: exe, BuildID: ms[0].BuildID}) {
		t.Errorf("mmap gave %+v", last)
	}
	tr.Observe(&calls.Call{Kind: calls.Fork, Event: event.Event{PID: 5}, ChildPID: 6, ChildTID: 6})
	if len(got[6]) != len(got[5]) {
		t.Errorf("child has %d mappings, parent %d", len(got[6]), len(got[5]))
	}
	tr.Observe(&calls.Call{Kind: calls.Exec, Event: event.Event{PID: 6}, ExecPath: exe, ExecEntry: base + entry + 1})
	if len(got[6]) != 0 || tr.Unplaced != 1 {
		t.Errorf("exec with an entry that does not fit: mappings %+v, unplaced %d", got[6], tr.Unplaced)
	}
}

func TestParseMapsLine(t *testing.T) {
	m, ok := parseMapsLine("7f1234560000-7f1234580000 r-xp 00028000 08:01 1234   /usr/lib/x86_64-linux-gnu/libc.so.6")
	if !ok || m != (recording.Mapping{Start: 0x7f1234560000, Limit: 0x7f1234580000, Offset: 0x28000, Path: "/usr/lib/x86_64-linux-gnu/libc.so.6"}) {
		t.Errorf("got %+v %v", m, ok)
	}
	for _, l := range []string{"7ffd1000-7ffd2000 rw-p 00000000 00:00 0   [stack]", "7ffd1000-7ffd2000 rw-p 00000000 00:00 0"} {
		if _, ok := parseMapsLine(l); ok {
			t.Errorf("%q: not a file, kept", l)
		}
	}
}
