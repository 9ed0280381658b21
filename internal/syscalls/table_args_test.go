//go:build linux && amd64

package syscalls

import (
	"slices"
	"testing"

	"github.com/ior-tracer/ior/internal/arg"
)

// Every syscall has its arguments described, every description is of a
// syscall in the table, and each argument's type is one its slot holds.
func TestEverySyscallDescribed(t *testing.T) {
	for name := range argTable {
		if ByName(name) == nil {
			t.Errorf("argTable describes %s, which the table does not trace", name)
		}
	}
	for i := range Table {
		sp := &Table[i]
		if sp.ArgDescs == nil {
			t.Errorf("%s: no arguments described", sp.Name)
		}
		seen := map[string]bool{}
		for _, d := range sp.ArgDescs {
			if d.Name == "" || seen[d.Name] {
				t.Errorf("%s: argument name %q empty or twice", sp.Name, d.Name)
			}
			seen[d.Name] = true
			if d.Get == nil && !slices.Contains(arg.Types[d.Slot], d.Type) { // a Get reads a field of its own
				t.Errorf("%s.%s: a %s cannot be kept in slot %s", sp.Name, d.Name, d.Type, d.Slot)
			}
			if (d.Type == arg.Flags || d.Type == arg.Enum) && d.Set == nil && d.Pick == nil {
				t.Logf("%s.%s: %s with no names (shown as a number)", sp.Name, d.Name, d.Type)
			}
		}
	}
}

// The table's positions and the descriptions agree: every value the
// table records has exactly one argument describing it, and every
// described argument is recorded (by a position, or by the spec's Hook).
func TestArgsCoverPositions(t *testing.T) {
	for i := range Table {
		sp := &Table[i]
		slots := map[arg.Slot]int{}
		for _, d := range sp.ArgDescs {
			slots[d.Slot]++
		}
		recorded := map[arg.Slot]bool{
			arg.SlotFD: sp.FD != None, arg.SlotFD2: sp.FD2 != None, arg.SlotFlags: sp.Flags != None,
			arg.SlotMode: sp.Mode != None, arg.SlotOffset: sp.Offset != None, arg.SlotLen: sp.Len != None,
			arg.SlotPath: sp.Path[0] != None, arg.SlotPath2: sp.Path[1] != None, arg.SlotArgs: sp.Args != nil,
		}
		for slot, rec := range recorded {
			switch n := slots[slot]; {
			case n > 1:
				t.Errorf("%s: %d arguments in slot %s", sp.Name, n, slot)
			case rec && n == 0:
				t.Errorf("%s: slot %s is recorded but no argument describes it", sp.Name, slot)
			case !rec && n == 1 && sp.Hook == nil:
				t.Errorf("%s: an argument in slot %s, which nothing records", sp.Name, slot)
			}
		}
	}
}

// fcntl's argument and result are typed by command (fcntl(2)).
func TestFcntlArg(t *testing.T) {
	for _, c := range []struct {
		cmd  uint64
		want arg.Type
	}{{0, arg.Int}, {1, arg.None}, {2, arg.Flags}, {3, arg.None}, {4, arg.Flags}, {6, arg.Addr}, {10, arg.Signal}, {1031, arg.Size}} {
		d := FcntlArg(c.cmd)
		got := arg.None
		if d != nil {
			got = d.Type
		}
		if got != c.want {
			t.Errorf("fcntl cmd %d: argument %s, want %s", c.cmd, got, c.want)
		}
	}
}
