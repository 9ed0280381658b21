package syscalls

import (
	"strings"
	"testing"
)

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
			"offset": sp.Offset, "len": sp.Len, "path": sp.Path[0], "path2": sp.Path[1], "blob": sp.Blob,
			"blob size": sp.BlobArg} {
			if a != None && (a < 0 || a > 5) {
				t.Errorf("%s: %s is argument %d; there are six, 0 to 5", sp.Name, what, a)
			}
		}
		if sp.Blob != None && sp.BlobSize != BlobEvents && sp.BlobLen == 0 {
			t.Errorf("%s: struct of %d bytes; the kernel side copies 1 to 255", sp.Name, sp.BlobLen)
		}
		for i, d := range sp.Dir {
			if d != None && d != Raw && sp.Path[i] == None {
				t.Errorf("%s: a dirfd for path %d, which it does not have", sp.Name, i)
			}
		}
	}
}

// Every syscall is in a listed family, every listed family has syscalls,
// and a name given to -syscalls means one thing: a family shares its name
// only with the one syscall it holds.
func TestFamilies(t *testing.T) {
	listed := map[string]bool{}
	for _, f := range Families {
		if listed[f.Name] || f.Doc == "" {
			t.Errorf("family %q: listed twice or without a description", f.Name)
		}
		listed[f.Name] = true
		members := InFamily(f.Name)
		if len(members) == 0 {
			t.Errorf("family %q has no syscalls", f.Name)
		}
		if ByName(f.Name) != nil && (len(members) != 1 || members[0] != f.Name) {
			t.Errorf("family %q is also the name of a syscall outside it", f.Name)
		}
	}
	last := ""
	for _, sp := range Table {
		if !listed[sp.Family] {
			t.Errorf("%s: family %q is not in Families", sp.Name, sp.Family)
		}
		// The table is written family by family, in Families' order.
		if sp.Family != last && last != "" && familyIndex(sp.Family) < familyIndex(last) {
			t.Errorf("%s: family %q comes after %q", sp.Name, sp.Family, last)
		}
		last = sp.Family
	}
}

func familyIndex(name string) int {
	for i, f := range Families {
		if f.Name == name {
			return i
		}
	}
	return -1
}

func TestSelect(t *testing.T) {
	got, err := Select([]string{"lock", "fsync", " flock", "ioctl"})
	if err != nil || strings.Join(got, ",") != "flock,fsync,ioctl" {
		t.Errorf("Select = %v, %v; want flock,fsync,ioctl", got, err)
	}
	got, err = Select([]string{"space", "meta"})
	if err != nil || len(got) != 3+len(InFamily("meta")) || got[0] != "truncate" {
		t.Errorf("Select(space, meta) = %v, %v", got, err)
	}
	_, err = Select([]string{"file", "nosuch", "opne"})
	if err == nil || !strings.Contains(err.Error(), `"nosuch", "opne"`) {
		t.Errorf("unknown names: %v", err)
	}
}
