package recording

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
)

// writeMany writes n events over 64 paths and 4 threads to a file.
func writeMany(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "many.ior.zst")
	w, err := Create(path, Header{Name: "many"})
	if err != nil {
		t.Fatal(err)
	}
	ev := event.Event{Comm: "many", PID: 9, FD: 3, FD2: -1}
	for i := 0; i < n; i++ {
		ev.TID = 9 + uint32(i&3)
		ev.Syscall = [...]string{"read", "write", "pread64"}[i%3]
		ev.Path = "/data/f" + strconv.Itoa((i/5)%64)
		ev.EnterNs += 1000
		ev.ExitNs = ev.EnterNs + uint64(i%97)
		ev.Bytes = int64(i % 4096)
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// peakHeap runs f and samples the live heap meanwhile.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak
}

// The summary's memory does not grow with the number of events: 20M of
// them fit in a fixed 100 MB, where loading them (as ior collapsed and
// flamegraph used to) takes ~150 bytes each, 3 GB. Under the race
// detector or -short, 2M events against the same bound.
func TestSummaryBoundedMemory(t *testing.T) {
	n := 20_000_000
	if testing.Short() || raceEnabled {
		n = 2_000_000
	}
	path := writeMany(t, n)
	fi, _ := os.Stat(path)
	var s *Summary
	var err error
	start := time.Now()
	peak := peakHeap(func() { s, err = ReadSummaryFile(path) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d events, %d MB file: summary in %v, peak heap %d MB", n, fi.Size()>>20, time.Since(start), peak>>20)
	var count uint64
	for _, a := range s.Aggregates {
		count += a.Count
	}
	if s.Stats.Events != uint64(n) || count != uint64(n) {
		t.Errorf("summary: %d events, aggregates count %d", s.Stats.Events, count)
	}
	if peak > 100<<20 {
		t.Errorf("peak heap %d MB reading the summary of %d events, more than the 100 MB bound", peak>>20, n)
	}
}
