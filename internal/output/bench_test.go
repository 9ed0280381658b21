package output

import (
	"fmt"
	"io"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// The per-event cost of each format over varied events (every way an
// argument is decoded): go test -bench Write -run - ./internal/output/
func BenchmarkWrite(b *testing.B) {
	evs := append(symbolic(), argEvents()...)
	for _, f := range Formats {
		b.Run(f, func(b *testing.B) {
			w, err := New(f, io.Discard, 0)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if err := w.Write(&evs[i%len(evs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The human output's cost in an I/O loop (the same call on the same file
// again and again, what the bench's workloads do): go test -bench
// WriteLoop -run - ./internal/output/
func BenchmarkWriteLoop(b *testing.B) {
	evs := symbolic()
	ev := evs[8] // pread64 of /x
	w, err := New("human", io.Discard, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ev.EnterNs += 1234
		if err := w.Write(&ev); err != nil {
			b.Fatal(err)
		}
	}
}

// The human output's cost for the bench's threads workload: 16 threads,
// each a loop of openat, pread64, close on its own file; two run at
// once (2 CPUs), their events interleaved, another pair every 64
// events: go test -bench WriteThreads -run - ./internal/output/
func BenchmarkWriteThreads(b *testing.B) {
	var evs [16][3]event.Event
	for t := range evs {
		path := fmt.Sprintf("/tmp/ior-bench/f%d", t)
		ev := event.Event{PID: 100, TID: uint32(101 + t), Comm: "bench-threads", EnterNs: 5_000_000_000, ExitNs: 5_000_001_000, FD: 3, FD2: -1, Path: path}
		evs[t][0], evs[t][1], evs[t][2] = ev, ev, ev
		evs[t][0].Syscall, evs[t][0].Ret, evs[t][0].Flags = "openat", 3, unix.O_RDONLY
		evs[t][1].Syscall, evs[t][1].Ret, evs[t][1].Len, evs[t][1].Bytes = "pread64", 4096, 4096, 4096
		evs[t][2].Syscall = "close"
	}
	w, err := New("human", io.Discard, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		t := (i/64*2)%16 + i%2
		ev := &evs[t][i/2%3]
		ev.EnterNs += 1234
		ev.ExitNs += 1234
		if err := w.Write(ev); err != nil {
			b.Fatal(err)
		}
	}
}
