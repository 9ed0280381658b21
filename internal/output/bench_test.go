package output

import (
	"io"
	"testing"
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
