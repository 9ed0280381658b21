//go:build linux && amd64

// Package kind is ior's one table of event kinds: every syscall of the
// syscall table, every io_uring opcode, every Linux AIO command and the
// process events (a task's exit), each with a compact ID and its
// arguments described (names, types, slots: package arg). Names are text
// only at the edges (the recording, the outputs, the flags a user
// types); everything between looks a kind up once and walks its
// arguments. The IDs are indices of this table, assigned in order at
// start: they are not stable between ior versions and are never stored.
package kind

import (
	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// ID is a kind's index in Table; 0 is no kind ior knows.
type ID uint16

// Class says what made an event.
type Class uint8

const (
	Unknown Class = iota
	Syscall       // a traced syscall, from its enter to its exit
	URing         // an io_uring request, from its submission to its completion
	AIO           // a Linux AIO request, from io_submit to its reaping
	Process       // a process event (a task's exit)
)

// Kind is one kind of event.
type Kind struct {
	ID    ID
	Name  string // as events carry it: "openat", "io_uring:READ", "aio:PREAD", "exit"
	Class Class
	Args  []arg.Desc
	// Result says what a successful call's result is when it is not a
	// number (fcntl F_GETFL's flags); nil, or returning nil: a number.
	Result func(*event.Event) *arg.Desc
	// RetAddr: a successful call's result is an address (mmap, mremap).
	RetAddr bool
	Spec    *syscalls.Spec // Syscall: its table entry
	URing   *uring.Op      // URing: its opcode
	AIO     *aio.Op        // AIO: its command
}

// exitArgs: the scheduler's exit hook records the exit code (Ret) and
// the signal that killed the task, if one did (Flags).
var exitArgs = []arg.Desc{
	arg.Make("exit_code", arg.Int, arg.SlotRet, nil),
	func() arg.Desc {
		d := arg.Make("signal", arg.Signal, arg.SlotFlags, nil)
		d.Only = func(ev *event.Event) bool { return ev.Flags != 0 }
		return d
	}(),
}

// aioUnknown: a reaped AIO request whose command ior could not read.
var aioUnknown = []arg.Desc{arg.Make("aio_fildes", arg.FD, arg.SlotFD, nil), arg.Make("aio_data", arg.UserData, arg.SlotUserData, nil)}

// Table is every kind, indexed by ID.
var Table = func() []Kind {
	t := []Kind{{Name: ""}}
	add := func(k Kind) {
		k.ID = ID(len(t))
		t = append(t, k)
	}
	for i := range syscalls.Table {
		sp := &syscalls.Table[i]
		add(Kind{Name: sp.Name, Class: Syscall, Args: sp.ArgDescs, Result: sp.Result, RetAddr: sp.Addr, Spec: sp})
	}
	for i := range uring.Ops {
		o := &uring.Ops[i]
		add(Kind{Name: event.URingPrefix + o.Name, Class: URing, Args: o.Args, URing: o})
	}
	for i := range aio.Ops {
		o := &aio.Ops[i]
		add(Kind{Name: aio.Prefix + o.Name, Class: AIO, Args: o.Args, AIO: o})
	}
	add(Kind{Name: aio.Prefix + "UNKNOWN", Class: AIO, Args: aioUnknown})
	add(Kind{Name: event.ExitName, Class: Process, Args: exitArgs})
	if len(t) > 1<<16 {
		panic("kind: more kinds than an ID holds")
	}
	return t
}()

var byName = func() map[string]*Kind {
	m := make(map[string]*Kind, len(Table))
	for i := range Table[1:] {
		k := &Table[i+1]
		if m[k.Name] != nil {
			panic("kind: two kinds named " + k.Name)
		}
		m[k.Name] = k
	}
	return m
}()

// ByID returns the kind of id; Table[0] (no arguments) for one ior does
// not know.
func ByID(id ID) *Kind {
	if int(id) < len(Table) {
		return &Table[id]
	}
	return &Table[0]
}

// ByName returns the named kind, or nil.
func ByName(name string) *Kind { return byName[name] }

// Of returns ev's kind: Table[0], with no arguments, for a name ior does
// not know (a newer recording's, an io_uring opcode past Ops).
func Of(ev *event.Event) *Kind {
	if k := byName[ev.Syscall]; k != nil {
		return k
	}
	return &Table[0]
}

// Arg returns the description of k's argument in slot s, or nil.
func (k *Kind) Arg(s arg.Slot) *arg.Desc {
	for i := range k.Args {
		if k.Args[i].Slot == s {
			return &k.Args[i]
		}
	}
	return nil
}

// AppendResult writes what ev's result is when it is not a plain
// number: an errno's name for a failure (ENOENT), an address in hex, or
// the result by name (fcntl F_GETFL: O_RDWR|O_LARGEFILE); false when
// the result is just its number.
func (k *Kind) AppendResult(b []byte, ev *event.Event) ([]byte, bool) {
	switch {
	case ev.Ret < 0 && ev.Ret >= -4095:
		if name := unix.ErrnoName(unix.Errno(-ev.Ret)); name != "" {
			return append(b, name...), true
		}
		if name, ok := event.Restarted(ev.Ret); ok {
			return append(b, name...), true
		}
		return b, false
	case k.RetAddr:
		return (&arg.Desc{Type: arg.Addr}).AppendText(b, arg.Value{U: uint64(ev.Ret)}), true
	case k.Result != nil:
		if d := k.Result(ev); d != nil {
			return d.AppendText(b, arg.Value{U: uint64(ev.Ret)}), true
		}
	}
	return b, false
}
