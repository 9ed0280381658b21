//go:build linux && amd64

package kind

import (
	"slices"
	"testing"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
)

// One table: every syscall, io_uring opcode, AIO command and exit, each
// once, its ID its index.
func TestTableCoversEveryKind(t *testing.T) {
	want := len(syscalls.Table) + len(uring.Ops) + len(aio.Ops) + 1 /* aio:UNKNOWN */ + 1 /* exit */
	if len(Table)-1 != want {
		t.Errorf("%d kinds, want %d", len(Table)-1, want)
	}
	for i := range Table[1:] {
		k := &Table[i+1]
		if int(k.ID) != i+1 || ByID(k.ID) != k || ByName(k.Name) != k {
			t.Errorf("%s: ID %d, not found by ID and name", k.Name, k.ID)
		}
		if k.Class == Unknown {
			t.Errorf("%s: no class", k.Name)
		}
	}
	for _, n := range []string{"openat", "io_uring:READ", "aio:PREAD", "aio:UNKNOWN", event.ExitName} {
		if ByName(n) == nil {
			t.Errorf("no kind %s", n)
		}
	}
	if k := Of(&event.Event{Syscall: "syscall_999"}); k.ID != 0 || k.Args != nil {
		t.Errorf("an unknown name's kind: %+v", k)
	}
}

// Every argument of every kind has a name (once), and a type its slot
// can hold (or its own Get).
func TestEveryArgTyped(t *testing.T) {
	for i := range Table[1:] {
		k := &Table[i+1]
		seen := map[string]bool{}
		for _, d := range k.Args {
			if d.Name == "" || seen[d.Name] {
				t.Errorf("%s: argument name %q empty or twice", k.Name, d.Name)
			}
			seen[d.Name] = true
			if d.Get == nil && !slices.Contains(arg.Types[d.Slot], d.Type) {
				t.Errorf("%s.%s: a %s cannot be kept in slot %s", k.Name, d.Name, d.Type, d.Slot)
			}
		}
	}
}

// An io_uring request's arguments follow what its opcode uses: an fd op
// has fd (or slot), an offset op off, every request user_data.
func TestURingArgs(t *testing.T) {
	for i := range uring.Ops {
		o := &uring.Ops[i]
		k := ByName(event.URingPrefix + o.Name)
		if (k.Arg(arg.SlotFD) != nil) != o.FD || (k.Arg(arg.SlotOffset) != nil) != o.Offset || (k.Arg(arg.SlotLen) != nil) != o.Len {
			t.Errorf("%s: fd, off, len described %v %v %v, op uses %v %v %v", o.Name,
				k.Arg(arg.SlotFD) != nil, k.Arg(arg.SlotOffset) != nil, k.Arg(arg.SlotLen) != nil, o.FD, o.Offset, o.Len)
		}
		if d := k.Arg(arg.SlotUserData); d == nil || d.Type != arg.UserData {
			t.Errorf("%s: no user_data", o.Name)
		}
	}
}

// What a result is, when it is no plain number: errno names, addresses,
// fcntl's flags.
func TestAppendResult(t *testing.T) {
	for _, c := range []struct {
		ev   event.Event
		want string
	}{
		{event.Event{Syscall: "openat", Ret: -2}, "ENOENT"},
		{event.Event{Syscall: "mmap", Ret: 0x7f0000001000}, "0x7f0000001000"},
		{event.Event{Syscall: "fcntl", Flags: 3 /* F_GETFL */, Ret: 0x8002}, "O_RDWR|O_LARGEFILE"},
		{event.Event{Syscall: "fcntl", Flags: 1 /* F_GETFD */, Ret: 1}, "FD_CLOEXEC"},
		{event.Event{Syscall: "fcntl", Flags: 0 /* F_DUPFD */, Ret: 5}, ""},
		{event.Event{Syscall: "read", Ret: 5}, ""},
	} {
		got, _ := Of(&c.ev).AppendResult(nil, &c.ev)
		if string(got) != c.want {
			t.Errorf("%s ret %d: %q, want %q", c.ev.Syscall, c.ev.Ret, got, c.want)
		}
	}
}
