package tracer

import (
	"io"
	"testing"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/fdtable"
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
	p := pipeline{dec: decode.New(), rec: w,
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

// hotProc: the hot loop's process 7 had fd 3 open on /tmp/hotdata.
type hotProc struct{}

func (hotProc) Cwd(uint32) (string, bool) { return "/tmp", true }

func (hotProc) FDs(uint32) []fdtable.FD { return []fdtable.FD{{Num: 3, Path: "/tmp/hotdata"}} }
