package syscalls

import "testing"

// The kernel side has two slots and fills path[0] before path[1]; a spec
// that needs more, or a second path without a first, would be misread.
func TestTableFitsKernelSlots(t *testing.T) {
	seen := map[int]string{}
	for _, sp := range Table {
		if prev, ok := seen[sp.NR]; ok {
			t.Errorf("%s and %s share number %d", sp.Name, prev, sp.NR)
		}
		seen[sp.NR] = sp.Name
		for what, a := range map[string]int8{"fd": sp.FD, "fd2": sp.FD2, "flags": sp.Flags, "mode": sp.Mode, "offset": sp.Offset, "len": sp.Len} {
			if a != None && (a < 0 || a > 5) {
				t.Errorf("%s: %s is argument %d; there are six, 0 to 5", sp.Name, what, a)
			}
		}
		n := 0
		for _, a := range sp.Path {
			if a != None {
				n++
			}
		}
		if sp.Path[0] == None && sp.Path[1] != None {
			t.Errorf("%s: second path without a first", sp.Name)
		}
		if sp.Blob != None {
			n++
			if sp.BlobLen == 0 {
				t.Errorf("%s: blob without a length", sp.Name)
			}
		}
		if n > 2 {
			t.Errorf("%s: %d slots, the kernel side has 2", sp.Name, n)
		}
	}
}

func TestSlots(t *testing.T) {
	p, b := ByName("name_to_handle_at").Slots()
	if p != [2]int{0, -1} || b != 1 {
		t.Errorf("name_to_handle_at slots = %v %d", p, b)
	}
	p, b = ByName("open_by_handle_at").Slots()
	if p != [2]int{-1, -1} || b != 0 {
		t.Errorf("open_by_handle_at slots = %v %d", p, b)
	}
	p, b = ByName("renameat2").Slots()
	if p != [2]int{0, 1} || b != -1 {
		t.Errorf("renameat2 slots = %v %d", p, b)
	}
}
