package decode

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

// execve's argv and envp count are kept for the event table, which shows
// them by name; Args does not say them again. An fcntl lock command
// whose struct could not be read keeps its address in Args: that is what
// fcntl's arg shows then.
func TestCapturesNotInArgs(t *testing.T) {
	d := New()
	sp := syscalls.ByName("execve")
	argv := make([]byte, 8)
	binary.LittleEndian.PutUint32(argv, 2)     // envc
	binary.LittleEndian.PutUint16(argv[4:], 2) // argc
	argv = append(argv, "ls\x00-l\x00"...)
	r := &probe.Raw{Kind: probe.KindSyscall, NR: uint16(sp.NR), Args: [6]uint64{0x1000, 0x2000, 0x3000}}
	r.Slot[probe.ArgvSlot], r.SlotState[probe.ArgvSlot] = argv, probe.SlotOK
	var c Call
	d.Decode(r, &c)
	if !slices.Equal(c.Event.Argv, []string{"ls", "-l"}) || c.Event.Envc != 2 || c.Event.Args != "" {
		t.Errorf("execve: argv %q envc %d, Args %q", c.Event.Argv, c.Event.Envc, c.Event.Args)
	}

	sp = syscalls.ByName("fcntl")
	r = &probe.Raw{Kind: probe.KindSyscall, NR: uint16(sp.NR), Args: [6]uint64{3, unix.F_SETLKW, 0xdead0}}
	c = Call{}
	d.Decode(r, &c)
	if c.Event.Flock != nil || c.Event.Args != "0xdead0" {
		t.Errorf("fcntl, unreadable flock: %+v, Args %q", c.Event.Flock, c.Event.Args)
	}
}
