package tracer

import (
	"bytes"
	"io"
	"strconv"
	"testing"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/inflight"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// BenchmarkPipeline is ior's user-side work per event, after the ring
// buffer read: decode, fd table, recording (with zstd).
func BenchmarkPipeline(b *testing.B) {
	// Records of a pread64(3, buf, 64) = 64 loop, 1 µs apart.
	recs := make([][]byte, 1024)
	for i := range recs {
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{3, 0, 64}, PID: 7, TID: 7,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500}
		copy(raw.Comm[:], "bench-hot")
		recs[i] = raw.Marshal()
	}
	w, _ := recording.NewWriter(io.Discard, recording.Header{})
	p := pipeline{dec: decode.New(), rec: w, inflight: inflight.New(),
		tracker: fdtable.NewTracker(hotProc{})}
	p.tracker.Snapshot(7)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := p.handle(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
	w.Close(recording.Stats{})
}

// BenchmarkPipelineThreads is the same with 16 threads interleaved,
// each on its own fd and file, as bench-threads makes them.
func BenchmarkPipelineThreads(b *testing.B) {
	recs := make([][]byte, 1024)
	for i := range recs {
		t := uint32(i % 16)
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{uint64(3 + t), 0, 64}, PID: 7, TID: 100 + t,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500}
		copy(raw.Comm[:], "bench-threads")
		recs[i] = raw.Marshal()
	}
	w, _ := recording.NewWriter(io.Discard, recording.Header{})
	p := pipeline{dec: decode.New(), rec: w, inflight: inflight.New(), tracker: fdtable.NewTracker(threadsProc{})}
	p.tracker.Snapshot(7)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := p.handle(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
	w.Close(recording.Stats{})
}

// threadsProc: process 7 had fds 3 to 18 open on /tmp/t0 ... /tmp/t15.
type threadsProc struct{}

func (threadsProc) Cwd(uint32) (string, bool) { return "/tmp", true }

func (threadsProc) FDs(uint32) []fdtable.FD {
	var fds []fdtable.FD
	for i := range 16 {
		fds = append(fds, fdtable.FD{Num: int32(3 + i), Path: "/tmp/t" + strconv.Itoa(i)})
	}
	return fds
}

// hotProc: the hot loop's process 7 had fd 3 open on /tmp/hotdata.
type hotProc struct{}

func (hotProc) Cwd(uint32) (string, bool) { return "/tmp", true }

func (hotProc) FDs(uint32) []fdtable.FD { return []fdtable.FD{{Num: 3, Path: "/tmp/hotdata"}} }

// Trace-time filters drop events before the recording and the live
// output, count them in the trailer, and the hook sees every event.
func TestPipelineFilters(t *testing.T) {
	var buf bytes.Buffer
	w, _ := recording.NewWriter(&buf, recording.Header{})
	s := &session{cfg: Config{Filters: recording.TraceFilters{Failed: true}}}
	s.pipe = pipeline{dec: decode.New(), rec: w, inflight: inflight.New(), tracker: fdtable.NewTracker(hotProc{})}
	var seen, kept int
	s.cfg.Observe = func(_ *event.Event, k bool) {
		seen++
		if k {
			kept++
		}
	}
	s.pipe.configure(&s.cfg)
	for i, ret := range []int64{64, -int64(unix.EBADF), 64} {
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: ret, Args: [6]uint64{3, 0, 64}, PID: 7, TID: 7,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500}
		if err := s.pipe.handle(raw.Marshal()); err != nil {
			t.Fatal(err)
		}
	}
	w.Close(recording.Stats{})
	rec, err := recording.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Events) != 1 || rec.Events[0].Ret >= 0 || rec.Stats.FilteredOut != 2 || rec.Stats.TraceFilters == nil || !rec.Stats.TraceFilters.Failed {
		t.Errorf("kept %+v, trailer %+v", rec.Events, rec.Stats)
	}
	if seen != 3 || kept != 1 || s.pipe.events != 3 {
		t.Errorf("hook saw %d events (%d kept), pipeline counted %d", seen, kept, s.pipe.events)
	}
}
