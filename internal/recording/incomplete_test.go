package recording

import (
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// smallDisk is a file on a pretend disk of limit bytes: a write past the
// limit writes what fits and fails with ENOSPC, as a full filesystem does.
// Truncate frees space; after a truncation the disk holds only slack more
// bytes (when slack > 0), to make the salvage's own writes fail.
type smallDisk struct {
	*os.File
	limit, slack int64
}

func (d *smallDisk) Write(p []byte) (int, error) {
	off, _ := d.File.Seek(0, io.SeekCurrent)
	if off+int64(len(p)) <= d.limit {
		return d.File.Write(p)
	}
	n, _ := d.File.Write(p[:max(d.limit-off, 0)])
	return n, &os.PathError{Op: "write", Path: d.Name(), Err: syscall.ENOSPC}
}

func (d *smallDisk) Truncate(size int64) error {
	if d.slack > 0 {
		d.limit = size + d.slack
	}
	return d.File.Truncate(size)
}

// fill writes varied events on the given number of paths until the writer
// reports an error.
func fill(t *testing.T, w *Writer, paths int) (written []event.Event, err error) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	ev := event.Event{Comm: "filler", PID: 42, FD2: -1}
	for i := 0; i < 50_000_000; i++ {
		ev.TID = 42 + uint32(rng.IntN(4))
		ev.Syscall = [...]string{"read", "write", "openat"}[rng.IntN(3)]
		ev.Path = "/data/f" + strconv.Itoa(rng.IntN(paths))
		ev.FD = int32(rng.IntN(1000))
		ev.EnterNs += uint64(rng.IntN(100000))
		ev.ExitNs = ev.EnterNs + uint64(rng.IntN(100000))
		ev.Ret = int64(rng.IntN(1 << 20))
		ev.Bytes = ev.Ret
		if err := w.Write(&ev); err != nil {
			return written, err
		}
		written = append(written, ev)
	}
	t.Fatal("the disk never filled")
	return nil, nil
}

func sums(evs []event.Event) map[AggKey]AggValue {
	m := map[AggKey]AggValue{}
	for i := range evs {
		e := &evs[i]
		k := AggKey{Path: e.Path, Comm: e.Comm, Syscall: e.Syscall, PID: e.PID, TID: e.TID, Errno: Errno(e.Ret)}
		v := m[k]
		v.Count++
		v.DurationNs += e.Duration()
		v.Bytes += uint64(max(e.Bytes, 0))
		v.MaxNs = max(v.MaxNs, e.Duration())
		v.Hist.Add(e.Duration())
		m[k] = v
	}
	return m
}

func aggMap(aggs []Aggregate) map[AggKey]AggValue {
	m := map[AggKey]AggValue{}
	for _, a := range aggs {
		m[a.AggKey] = a.AggValue
	}
	return m
}

// checkIncomplete: the file at path is a valid recording marked
// incomplete, its events are the first ones written, and its aggregates
// (written, or rebuilt by ReadSummary) sum exactly those events.
func checkIncomplete(t *testing.T, path string, written []event.Event, closeErr error, noAggs bool) {
	t.Helper()
	if !errors.Is(closeErr, ErrIncomplete) || !strings.Contains(closeErr.Error(), "no space left on device") || strings.Contains(closeErr.Error(), "\n") {
		t.Errorf("Close: %v", closeErr)
	}
	rec, err := ReadFile(path)
	if err != nil {
		t.Fatalf("the recording left after the write error is not readable: %v", err)
	}
	st := rec.Stats
	if st.Incomplete != "write error: no space left on device" || st.NoAggregates != noAggs || st.LostRingbuf != 1 {
		t.Errorf("trailer %+v", st)
	}
	n := len(rec.Events)
	t.Logf("%d events written before the error, %d kept", len(written), n)
	if n == 0 || n > len(written) || !reflect.DeepEqual(rec.Events, written[:n]) {
		t.Fatalf("kept events (%d) are not the first of the %d written", n, len(written))
	}
	want := sums(rec.Events)
	if !noAggs && !reflect.DeepEqual(aggMap(rec.Aggregates), want) {
		t.Errorf("aggregates are not those of the kept events")
	}
	s, err := ReadSummaryFile(path)
	if err != nil || !reflect.DeepEqual(aggMap(s.Aggregates), want) || s.Stats.Events != uint64(n) {
		t.Errorf("summary: %v; aggregates match: %v", err, err == nil && reflect.DeepEqual(aggMap(s.Aggregates), want))
	}
}

func TestWriteErrorKeepsRecording(t *testing.T) {
	for _, c := range []struct {
		name   string
		slack  int64
		noAggs bool
	}{{"with aggregates", 0, false}, {"aggregates do not fit", 1000, true}} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.ior.zst")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			w, err := NewWriter(&smallDisk{File: f, limit: 8 << 20, slack: c.slack}, Header{Name: "full"})
			if err != nil {
				t.Fatal(err)
			}
			// Frames cut by size only: a slow run (-race, a loaded
			// machine) would otherwise end a small frame every second,
			// and cutting back to the last one would free too little
			// for the aggregates this case expects to fit.
			w.flushEvery = 1 << 62
			written, werr := fill(t, w, 300)
			if !errors.Is(werr, syscall.ENOSPC) {
				t.Fatalf("Write: %v", werr)
			}
			ev := written[0]
			if err := w.Write(&ev); err != werr {
				t.Errorf("error not sticky: %v", err)
			}
			checkIncomplete(t, path, written, w.Close(Stats{LostRingbuf: 1}), c.noAggs)
		})
	}
}

// A real full disk: an 8 MiB tmpfs, and a recording made by Create.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		if os.Getenv("IOR_REQUIRE_BPF") == "1" {
			t.Fatalf("mounting a tmpfs: %v", err)
		}
		t.Skipf("mounting a tmpfs needs root: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	path := filepath.Join(dir, "r.ior.zst")
	w, err := Create(path, Header{Name: "full"})
	if err != nil {
		t.Fatal(err)
	}
	// 30 paths: 360 groups, whose aggregates fit in what cutting back
	// the last frame frees. 300 paths' 3600 groups no longer did with
	// version 6's records (Close then writes the trailer alone,
	// no_aggregates: the case TestWriteErrorKeepsRecording covers).
	written, werr := fill(t, w, 30)
	if !errors.Is(werr, syscall.ENOSPC) || !strings.Contains(werr.Error(), path) {
		t.Fatalf("Write: %v", werr)
	}
	checkIncomplete(t, path, written, w.Close(Stats{LostRingbuf: 1}), false)
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files left beside the recording: %v", ents)
	}
}
