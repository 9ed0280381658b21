//go:build linux && amd64

package syscalls

import (
	"os"
	"strings"
	"testing"
)

// Every traced syscall has its count of arguments, and it is the running
// kernel's: its tracefs format lists the arguments after __syscall_nr.
// A count too small would cut arguments off every record of the call.
func TestNArgsMatchKernel(t *testing.T) {
	checked := 0
	for _, sp := range Table {
		n, ok := nargs[sp.Name]
		if !ok {
			t.Errorf("%s: no count of arguments in nargs", sp.Name)
			continue
		}
		b, err := os.ReadFile("/sys/kernel/tracing/events/syscalls/sys_enter_" + sp.Name + "/format")
		if err != nil {
			continue // no tracefs, or a syscall this kernel lacks
		}
		_, fields, ok := strings.Cut(string(b), "__syscall_nr;")
		if !ok {
			t.Errorf("%s: no __syscall_nr in its format", sp.Name)
			continue
		}
		fields, _, _ = strings.Cut(fields, "print fmt:")
		if got := strings.Count(fields, "field:"); got != int(n) {
			t.Errorf("%s: %d arguments in nargs, the kernel's format lists %d", sp.Name, n, got)
		}
		checked++
	}
	if checked == 0 {
		t.Skip("no tracefs format could be read: counts not checked against the kernel")
	}
}

// No position the table reads an argument from lies past the call's
// count: the record carries only those, and a position past them would
// read 0 where it read a register before.
func TestNArgsCoverPositions(t *testing.T) {
	for _, sp := range Table {
		n := int8(sp.NArgs())
		pos := map[string]int8{"fd": sp.FD, "fd2": sp.FD2, "flags": sp.Flags, "mode": sp.Mode, "offset": sp.Offset,
			"len": sp.Len, "blob": sp.Blob, "blob_arg": sp.BlobArg, "copy_len": sp.CopyLen, "ts": sp.TS,
			"path0": sp.Path[0], "path1": sp.Path[1], "dir0": sp.Dir[0], "dir1": sp.Dir[1],
			"cap_arg0": sp.CapArg[0], "cap_arg1": sp.CapArg[1]}
		for _, d := range sp.ArgDescs {
			if d.Reg >= 0 {
				pos["desc "+d.Name] = d.Reg
			}
		}
		for what, p := range pos {
			if p >= n {
				t.Errorf("%s: %s at argument %d, the call has %d", sp.Name, what, p, n)
			}
		}
	}
}
