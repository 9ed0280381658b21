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
