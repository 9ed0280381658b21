package recording

import (
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// BenchmarkWriteMixed writes events that switch between 64 files and 4
// threads, with varying sizes and times, so that string lookups, the
// aggregate map and the compressor all see realistic work.
func BenchmarkWriteMixed(b *testing.B) {
	w, err := NewWriter(io.Discard, Header{})
	if err != nil {
		b.Fatal(err)
	}
	var paths [64]string
	for i := range paths {
		paths[i] = "/var/lib/data/file" + strconv.Itoa(i)
	}
	sys := [3]string{"read", "write", "pread64"}
	ev := event.Event{Comm: "worker", PID: 100, FD: 3, FD2: -1}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ev.TID = 100 + uint32(i&3)
		ev.Syscall = sys[i%3]
		ev.Path = paths[(i/7)%64]
		ev.EnterNs += 1000 + uint64(i%17)
		ev.ExitNs = ev.EnterNs + 300 + uint64(i%101)
		ev.Ret = int64(i % 4096)
		ev.Bytes = ev.Ret
		w.Write(&ev)
	}
	w.Close(Stats{})
}

// BenchmarkWriteURing writes what an io_uring READ loop records: each
// request's user_data and offset differ from its reference's, so every
// event holds fields and updates its reference.
func BenchmarkWriteURing(b *testing.B) {
	w, err := NewWriter(io.Discard, Header{})
	if err != nil {
		b.Fatal(err)
	}
	ev := event.Event{Syscall: "io_uring:READ", Comm: "bench-uring", PID: 100, TID: 100, FD: 3, FD2: -1,
		Path: "/tmp/uring-data", Len: 4096, Ret: 4096, Bytes: 4096}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ev.UserData = uint64(i)
		ev.Offset = int64(i%256) * 4096
		ev.EnterNs += 1000 + uint64(i%17)
		ev.ExitNs = ev.EnterNs + 300 + uint64(i%101)
		w.Write(&ev)
	}
	w.Close(Stats{})
}

// BenchmarkWriteTimes writes a pread64 loop whose times vary as a real
// one's do (gaps and durations of a few hundred ns with noise in their
// low bits, and now and then a long one): the time columns are then
// what zstd spends its work on, as in a real recording.
func BenchmarkWriteTimes(b *testing.B) {
	w, err := NewWriter(io.Discard, Header{})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var gaps, durs [4096]uint64
	for i := range gaps {
		gaps[i], durs[i] = 120+uint64(r.IntN(200)), 300+uint64(r.IntN(400))
		if r.IntN(100) == 0 {
			gaps[i] += uint64(r.IntN(100000))
		}
	}
	ev := event.Event{Syscall: "pread64", Comm: "bench-hot", PID: 100, TID: 100, FD: 3, FD2: -1, Path: "/tmp/data", Len: 64, Ret: 64, Bytes: 64}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ev.EnterNs = ev.ExitNs + gaps[i%len(gaps)]
		ev.ExitNs = ev.EnterNs + durs[(i*7)%len(durs)]
		w.Write(&ev)
	}
	w.Close(Stats{})
}
