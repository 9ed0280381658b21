package recording

import (
	"io"
	"runtime"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// The writer's aggregates (and a live summary's) are bounded well below
// what a reader accepts: a million threads made 470 MB of groups.
func TestWriterGroupsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("a million events")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w, err := NewWriter(io.Discard, Header{Name: "threads"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 1 << 20
	for i := 0; i < n; i++ {
		ev := event.Event{Syscall: "read", PID: 100, TID: uint32(1000 + i), Comm: "worker", EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500,
			Ret: 10, Bytes: 10, FD: 3, FD2: -1, Path: "/data/shared"}
		w.Write(&ev)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d threads: the writer holds %d MiB", n, grew>>20)
	if grew > 96<<20 {
		t.Errorf("the writer holds %d MiB for %d threads", grew>>20, n)
	}
	runtime.KeepAlive(w)
}
