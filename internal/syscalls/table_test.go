package syscalls

import "testing"

// The table's positions fit the kernel side: six arguments, a struct the
// size of what the kernel side copies, one number per syscall.
func TestTableFitsKernelSide(t *testing.T) {
	seen := map[int]string{}
	for _, sp := range Table {
		if prev, ok := seen[sp.NR]; ok {
			t.Errorf("%s and %s share number %d", sp.Name, prev, sp.NR)
		}
		seen[sp.NR] = sp.Name
		for what, a := range map[string]int8{"fd": sp.FD, "fd2": sp.FD2, "flags": sp.Flags, "mode": sp.Mode,
			"offset": sp.Offset, "len": sp.Len, "path": sp.Path[0], "path2": sp.Path[1], "blob": sp.Blob} {
			if a != None && (a < 0 || a > 5) {
				t.Errorf("%s: %s is argument %d; there are six, 0 to 5", sp.Name, what, a)
			}
		}
		if sp.Blob != None && (sp.BlobLen == 0 || int(sp.BlobLen) > 256) {
			t.Errorf("%s: struct of %d bytes; the kernel side copies 1 to 256", sp.Name, sp.BlobLen)
		}
		for i, d := range sp.Dir {
			if d != None && d != Raw && sp.Path[i] == None {
				t.Errorf("%s: a dirfd for path %d, which it does not have", sp.Name, i)
			}
		}
	}
}
