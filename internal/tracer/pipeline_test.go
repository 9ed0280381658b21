package tracer

import (
	"encoding/binary"
	"io"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// rawPread builds the ring buffer record of a pread64(3, buf, 64, 0) = 64.
func rawPread() []byte {
	b := make([]byte, event.HeaderSize)
	le := binary.LittleEndian
	le.PutUint64(b[0:], 1000)
	le.PutUint64(b[8:], 1500)
	le.PutUint64(b[16:], 64)
	le.PutUint64(b[24:], 3)
	le.PutUint64(b[40:], 64)
	le.PutUint32(b[72:], 7)
	le.PutUint32(b[76:], 7)
	le.PutUint16(b[80:], unix.SYS_PREAD64)
	b[82] = event.KindSyscall
	copy(b[92:], "bench-hot")
	return b
}

// BenchmarkPipeline is ior's user-side work per event, after the ring
// buffer read: decode, fd table, recording (with zstd).
func BenchmarkPipeline(b *testing.B) {
	rec := rawPread()
	tr := fdtable.NewTracker(func(uint32, int32) (string, bool) { return "/tmp/hotdata", true })
	w, _ := recording.NewWriter(io.Discard, recording.Header{})
	var raw event.Raw
	var ev event.Event
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		binary.LittleEndian.PutUint64(rec[0:], uint64(i)*1000)
		binary.LittleEndian.PutUint64(rec[8:], uint64(i)*1000+500)
		if err := event.Decode(rec, &raw); err != nil {
			b.Fatal(err)
		}
		tr.Apply(&raw, &ev)
		w.Write(&ev)
	}
	w.Close(recording.Stats{})
}
