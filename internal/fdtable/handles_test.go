package fdtable

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// name_to_handle_at on ever new files does not grow the tracer without
// bound (60,000 files added 244 MB): past the table's bound the oldest
// handles are forgotten, and opening one is unknown, not another file.
func TestNameToHandleBounded(t *testing.T) {
	tr := newTracker()
	dir := "/" + strings.Repeat("d", 3000) + "/"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n = 60000
	for i := 0; i < n; i++ {
		h := handle(1, byte(i), byte(i>>8), byte(i>>16), 1, 2, 3, 4, 5)
		apply(t, tr, call{name: "name_to_handle_at", args: [6]uint64{u(unix.AT_FDCWD)}, slots: []string{fmt.Sprint(dir, i), h}})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d handles of 3 KB paths: heap grew %d MiB", n, grew>>20)
	if grew > 48<<20 {
		t.Errorf("heap grew %d MiB", grew>>20)
	}
	last := n - 1
	ev := apply(t, tr, call{name: "open_by_handle_at", args: [6]uint64{3}, ret: 7, slots: []string{handle(1, byte(last), byte(last>>8), byte(last>>16), 1, 2, 3, 4, 5)}})
	if ev.Path != fmt.Sprint(dir, n-1) {
		t.Errorf("the newest handle opens %q", ev.Path)
	}
}
