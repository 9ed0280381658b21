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
func BenchmarkPipeline(b *testing.B) { benchHandle(b, hotProc{}, nil, preadRecords()) }

// preadRecords are records of a pread64(3, buf, 64) = 64 loop, 1 µs
// apart.
func preadRecords() [][]byte {
	recs := make([][]byte, 1024)
	for i := range recs {
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{3, 0, 64}, PID: 7, TID: 7,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500}
		copy(raw.Comm[:], "bench-hot")
		recs[i] = raw.Marshal()
	}
	return recs
}

// BenchmarkPipelineURing is an io_uring READ loop: 32 requests in
// flight on fd 3, each with its own user_data and offset, as
// bench-uring makes them.
func BenchmarkPipelineURing(b *testing.B) { benchHandle(b, hotProc{}, nil, uringRecords()) }

// uringRecords are the records of an io_uring READ loop (see
// BenchmarkPipelineURing), with times that vary.
func uringRecords() [][]byte {
	const opRead = 22 // IORING_OP_READ
	recs := make([][]byte, 1024)
	for i := range recs {
		ns := uint64(i) * 1000
		raw := probe.Raw{Kind: probe.KindURing, NR: opRead, Ret: 4096, PID: 7, TID: 7,
			Args:    [6]uint64{uint64(i % 32), 3, uint64(i*7919%256) * 4096, 4096},
			EnterNs: ns - uint64(i*31%5000), ExitNs: ns + uint64(i*17%3000)}
		raw.Slot[probe.BlobSlot], raw.SlotState[probe.BlobSlot] = probe.URingReq{Ctx: 0x1000}.Marshal(), probe.SlotOK
		copy(raw.Comm[:], "bench-uring")
		recs[i] = raw.Marshal()
	}
	return recs
}

// The hot loops' records (a pread64 loop, named by the kernel side or
// not; 16 threads' openat/pread64/close; io_uring READs) are handled,
// decoded, named and recorded without an allocation per record.
func TestPipelineAllocs(t *testing.T) {
	name, named := namedRecords()
	cwd, opens := opensRecords()
	for _, c := range []struct {
		name  string
		src   fdtable.Source
		first []byte
		recs  [][]byte
	}{
		{"pread64", hotProc{}, nil, preadRecords()},
		{"pread64 named", hotProc{}, name, named},
		{"threads", threadsProc{}, nil, threadsRecords()},
		{"opens", hotProc{}, cwd, opens},
		{"io_uring", hotProc{}, nil, uringRecords()},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, _ := recording.NewWriter(io.Discard, recording.Header{})
			p := pipeline{dec: decode.New(), rec: w, inflight: inflight.New(), tracker: fdtable.NewTracker(c.src)}
			p.tracker.Snapshot(7)
			run := func() {
				for _, r := range c.recs {
					if err := p.handle(r); err != nil {
						t.Fatal(err)
					}
				}
			}
			if c.first != nil {
				if err := p.handle(c.first); err != nil {
					t.Fatal(err)
				}
			}
			for range 10 { // the caches made, the columns grown
				run()
			}
			// Not one per record: a few per run at most (a column grown,
			// a frame ended by the clock on a slow machine).
			if n := testing.AllocsPerRun(10, run); n >= float64(len(c.recs)/16) {
				t.Errorf("%.0f allocations per %d records", n, len(c.recs))
			}
			w.Close(recording.Stats{})
		})
	}
}

// BenchmarkPipelineNamed is BenchmarkPipeline with the records as the
// kernel side sends them since it names files itself: each pread64
// carries the id of a name record sent once before (names.h), so the
// decoder's kernel-name look-up is on the path.
func BenchmarkPipelineNamed(b *testing.B) {
	name, recs := namedRecords()
	benchHandle(b, hotProc{}, name, recs)
}

// namedRecords are BenchmarkPipelineNamed's name record and pread64
// records.
func namedRecords() ([]byte, [][]byte) {
	name := probe.Raw{Kind: probe.KindName, PID: 7, TID: 7, Args: [6]uint64{1, 0, 42, 0, 0xEF53, 4026531841}}
	name.Slot[0], name.SlotState[0] = []byte("hotdata\x00tmp\x00"), probe.SlotOK
	recs := make([][]byte, 1024)
	for i := range recs {
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{3, 0, 64}, PID: 7, TID: 7,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500, NameState: [2]uint8{probe.NameOK}, NameID: [2]uint64{1}}
		copy(raw.Comm[:], "bench-hot")
		recs[i] = raw.Marshal()
	}
	return name.Marshal(), recs
}

// BenchmarkPipelineThreads is the same with 16 threads interleaved,
// each on its own fd and file, as bench-threads makes them.
func BenchmarkPipelineThreads(b *testing.B) { benchHandle(b, threadsProc{}, nil, threadsRecords()) }

// threadsRecords are BenchmarkPipelineThreads' records.
func threadsRecords() [][]byte {
	recs := make([][]byte, 1024)
	for i := range recs {
		t := uint32(i % 16)
		raw := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{uint64(3 + t), 0, 64}, PID: 7, TID: 100 + t,
			EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500}
		copy(raw.Comm[:], "bench-threads")
		recs[i] = raw.Marshal()
	}
	return recs
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

// BenchmarkPipelineOpens is the 16-thread workload's loop, each thread
// opening its own file by a relative path (the kernel side names the
// cwd), reading it and closing it: openat, pread64, close interleaved.
func BenchmarkPipelineOpens(b *testing.B) {
	cwd, recs := opensRecords()
	benchHandle(b, hotProc{}, cwd, recs)
}

// opensRecords are BenchmarkPipelineOpens' name record (the cwd) and
// records.
func opensRecords() ([]byte, [][]byte) {
	cwd := probe.Raw{Kind: probe.KindName, PID: 7, TID: 7, Args: [6]uint64{1, 0, 42, 0, 0xEF53, 4026531841}}
	cwd.Slot[0], cwd.SlotState[0] = []byte("tmp\x00"), probe.SlotOK
	var recs [][]byte
	for i := range 1024 {
		t := uint32(i % 16)
		fd := uint64(3 + t)
		ns := uint64(i) * 3000
		open := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_OPENAT, Ret: int64(fd), PID: 7, TID: 100 + t,
			Args: [6]uint64{atFDCWD, 0x1000, unix.O_RDONLY}, EnterNs: ns, ExitNs: ns + 500,
			NameState: [2]uint8{probe.NameOK}, NameID: [2]uint64{1}}
		open.Slot[0], open.SlotState[0] = []byte("t"+strconv.Itoa(int(t))), probe.SlotOK
		read := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_PREAD64, Ret: 64, Args: [6]uint64{fd, 0, 64}, PID: 7, TID: 100 + t,
			EnterNs: ns + 1000, ExitNs: ns + 1500}
		cl := probe.Raw{Kind: probe.KindSyscall, NR: unix.SYS_CLOSE, Args: [6]uint64{fd}, PID: 7, TID: 100 + t,
			EnterNs: ns + 2000, ExitNs: ns + 2500}
		for _, r := range []*probe.Raw{&open, &read, &cl} {
			copy(r.Comm[:], "bench-threads")
			recs = append(recs, r.Marshal())
		}
	}
	return cwd.Marshal(), recs
}

// atFDCWD is AT_FDCWD as the kernel side passes the argument: its
// register, the int sign-extended.
var atFDCWD = func() uint64 { v := int64(unix.AT_FDCWD); return uint64(v) }()

// benchHandle times the pipeline over recs, round and round, as a
// recording run sees them: process 7's fds and cwd from src, and first
// (when not nil: a name record the others refer to) handled before.
func benchHandle(b *testing.B, src fdtable.Source, first []byte, recs [][]byte) {
	b.Helper()
	w, _ := recording.NewWriter(io.Discard, recording.Header{})
	p := pipeline{dec: decode.New(), rec: w, inflight: inflight.New(), tracker: fdtable.NewTracker(src)}
	p.tracker.Snapshot(7)
	if first != nil {
		if err := p.handle(first); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := p.handle(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
	w.Close(recording.Stats{})
}
