package live

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

func ev(pid, tid uint32, sys, path string, enter, exit uint64, ret, bytes int64) *event.Event {
	return &event.Event{Syscall: sys, PID: pid, TID: tid, Comm: "c", EnterNs: enter, ExitNs: exit, Ret: ret, Bytes: bytes, Path: path, FD: -1, FD2: -1}
}

func TestSnapshotTables(t *testing.T) {
	a := New()
	a.Add(ev(10, 10, "openat", "/d/a", 1e9, 1e9+100, 3, 0))
	a.Add(ev(10, 10, "read", "/d/a", 1e9+300, 1e9+500, 10, 10))
	a.Add(ev(10, 10, "write", "/d/b", 2e9, 2e9+50, 4, 4))
	a.Add(ev(10, 10, "openat", "/d/c", 2e9+100, 2e9+150, -2, 0))
	a.Add(ev(10, 11, "clone", "", 2e9+200, 2e9+300, 20, 0))
	a.Add(ev(20, 20, "read", "/e/x", 3e9, 3e9+1000, 7, 7))
	s := a.Snapshot(Filter{}, 3e9)
	if s.Events != 6 || s.Matched != 6 {
		t.Fatalf("events %d matched %d, want 6 6", s.Events, s.Matched)
	}
	want := map[string][3]uint64{"openat": {2, 1, 0}, "read": {2, 0, 17}, "write": {1, 0, 4}, "clone": {1, 0, 0}}
	for _, r := range s.Syscalls {
		w := want[r.Key]
		if r.Calls != w[0] || r.Errors != w[1] || r.Bytes != w[2] {
			t.Errorf("%s: calls %d errors %d bytes %d, want %v", r.Key, r.Calls, r.Errors, r.Bytes, w)
		}
		if r.Key == "read" && (r.Read != 17 || r.Written != 0 || r.MaxNs != 1000) {
			t.Errorf("read: read %d written %d max %d", r.Read, r.Written, r.MaxNs)
		}
	}
	if s.Errnos[2] != 1 {
		t.Errorf("ENOENT count %d, want 1", s.Errnos[2])
	}
	// The thread's gaps: 300-100 = 200, 2e9-(1e9+500), 100-50 = 50, 200-150 = 50 (tid 10);
	// tid 11's clone is its first call.
	for _, th := range s.Threads {
		if th.TID == 10 && (th.Calls != 4 || th.GapNs != 200+(1e9-500)+50) {
			t.Errorf("tid 10: calls %d gaps %d", th.Calls, th.GapNs)
		}
	}
	// pid 20 was cloned by pid 10: filtering on 10 keeps it.
	s = a.Snapshot(Filter{PID: 10}, 0)
	if s.Matched != 6 {
		t.Errorf("pid 10 and descendants: matched %d, want 6", s.Matched)
	}
	s = a.Snapshot(Filter{PID: 20}, 0)
	if s.Matched != 1 || len(s.Tail) != 1 || s.Tail[0].Path != "/e/x" {
		t.Errorf("pid 20: matched %d tail %d", s.Matched, len(s.Tail))
	}
	s = a.Snapshot(Filter{PathPrefix: "/d/", ErrorsOnly: true}, 0)
	if s.Matched != 1 || s.Files[0].Key != "/d/c" {
		t.Errorf("errors under /d/: %+v", s.Files)
	}
	// The series ends at now: three seconds with 2, 3 and 1 events.
	s = a.Snapshot(Filter{}, 3e9)
	got := s.EventsPerSec[SeriesLen-3:]
	if got[0] != 2 || got[1] != 3 || got[2] != 1 {
		t.Errorf("events/s %v, want [2 3 1]", got)
	}
}

func TestMinDurationResets(t *testing.T) {
	a := New()
	a.Add(ev(1, 1, "read", "/a", 0, 10, 1, 1))
	a.Reset(100)
	a.Add(ev(1, 1, "read", "/a", 20, 30, 1, 1))
	a.Add(ev(1, 1, "read", "/a", 40, 240, 1, 1))
	s := a.Snapshot(Filter{}, 0)
	if s.Events != 1 || s.Filtered != 1 {
		t.Errorf("events %d filtered %d, want 1 1", s.Events, s.Filtered)
	}
}

func TestFoldsPastBounds(t *testing.T) {
	a := New()
	for i := range MaxGroups + 10 {
		a.Add(ev(1, 1, "read", "/f/"+string(rune('a'+i%26))+string(rune(i)), uint64(i), uint64(i)+1, 1, 1))
	}
	if len(a.groups) > MaxGroups {
		t.Fatalf("%d groups, bound %d", len(a.groups), MaxGroups)
	}
	s := a.Snapshot(Filter{}, 0)
	if s.Folded == 0 || s.Matched != MaxGroups+10 || len(s.Syscalls) != 1 || s.Syscalls[0].Calls != MaxGroups+10 {
		t.Errorf("folded %d matched %d syscalls %+v", s.Folded, s.Matched, s.Syscalls)
	}
}

func TestRecording(t *testing.T) {
	a := New()
	path := filepath.Join(t.TempDir(), "r.ior.zst")
	a.Observe(ev(1, 1, "read", "/before", 0, 1, 1, 1), true)
	if err := a.StartRecording(path, recording.Header{Name: "t"}, recording.Stats{LostRingbuf: 5}, recording.TraceFilters{Failed: true}); err != nil {
		t.Fatal(err)
	}
	a.Observe(ev(1, 1, "read", "/during", 2, 3, 1, 1), true)
	a.Observe(ev(1, 1, "read", "/dropped", 2, 3, 1, 1), false)
	if _, err := a.StopRecording(recording.Stats{LostRingbuf: 7}); err != nil {
		t.Fatal(err)
	}
	a.Observe(ev(1, 1, "read", "/after", 4, 5, 1, 1), true)
	rec, err := recording.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Events) != 1 || rec.Events[0].Path != "/during" || rec.Stats.LostRingbuf != 2 {
		t.Errorf("recorded %d events (%v), lost %d; want /during alone, 2 lost", len(rec.Events), rec.Events, rec.Stats.LostRingbuf)
	}
	if rec.Stats.TraceFilters == nil || !rec.Stats.TraceFilters.Failed || rec.Stats.FilteredOut != 1 {
		t.Errorf("trailer: filters %+v, filtered out %d; want -failed, 1", rec.Stats.TraceFilters, rec.Stats.FilteredOut)
	}
}

func TestDirection(t *testing.T) {
	for s, d := range map[string]Dir{"pread64": Read, "pwritev2": Write, "io_uring:READ_FIXED": Read, "io_uring:SEND": Write,
		"aio:PWRITE": Write, "copy_file_range": Neither, "io_uring:OPENAT": Neither} {
		if got := Direction(s); got != d {
			t.Errorf("%s: %d, want %d", s, got, d)
		}
	}
}

// The read loop feeds while the screen takes snapshots (go test -race).
func TestConcurrentSnapshots(t *testing.T) {
	a := New()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20000 {
			a.Observe(ev(uint32(i%7+1), uint32(i%13+1), "read", "/f", uint64(i)*1000, uint64(i)*1000+10, 1, 1), i%5 != 0)
		}
	}()
	for {
		select {
		case <-done:
			s := a.Snapshot(Filter{Groups: true}, 0)
			if s.Events != 16000 || s.Filtered != 4000 {
				t.Errorf("events %d filtered %d, want 16000 4000", s.Events, s.Filtered)
			}
			return
		default:
			a.Snapshot(Filter{PID: 3, Groups: true}, 0)
		}
	}
}

// BenchmarkSnapshotFull: a snapshot of full tables (what the read loop
// may wait for, ten times a second).
func BenchmarkSnapshotFull(b *testing.B) {
	a := New()
	for i := range MaxGroups {
		a.Add(ev(uint32(i%MaxProcs+1), uint32(i%MaxThreads+1), "read", "/f/"+strconv.Itoa(i), uint64(i)*1000, uint64(i)*1000+uint64(i%5000), 1, 1))
	}
	b.ResetTimer()
	for range b.N {
		a.Snapshot(Filter{}, 0)
	}
}

// BenchmarkObserve: the read loop's cost per event.
func BenchmarkObserve(b *testing.B) {
	a := New()
	e := ev(1, 1, "pread64", "/f", 0, 1000, 64, 64)
	for i := range b.N {
		e.EnterNs, e.ExitNs = uint64(i)*2000, uint64(i)*2000+1000
		a.Observe(e, true)
	}
}

// BenchmarkCopyFull: the part of a snapshot the read loop waits for.
func BenchmarkCopyFull(b *testing.B) {
	a := New()
	for i := range MaxGroups {
		a.Add(ev(uint32(i%MaxProcs+1), uint32(i%MaxThreads+1), "read", "/f/"+strconv.Itoa(i), uint64(i)*1000, uint64(i)*1000+uint64(i%5000), 1, 1))
	}
	a.spare = a.copyState(false)
	b.ResetTimer()
	for range b.N {
		a.spare = a.copyState(false)
	}
}
