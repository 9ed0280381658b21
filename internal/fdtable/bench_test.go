package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/decode"
	"golang.org/x/sys/unix"
)

// BenchmarkOpenClose is the fd table's part of an openat/close loop (the
// 16-thread workload's): the calls decoded once, applied over and over.
func BenchmarkOpenClose(b *testing.B) {
	tr := newTracker()
	t := &testing.T{}
	atCWD := uint64(0xffffffffffffff9c)
	var open, cl calls.Call
	d := decode.New()
	d.Decode(call{"openat", [6]uint64{atCWD, 0, unix.O_RDONLY}, 5, []string{"data"}}.raw(t), &open)
	d.Decode(call{"close", [6]uint64{5}, 0, nil}.raw(t), &cl)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o, c := open, cl
		o.Event.EnterNs, o.Event.ExitNs = uint64(4*i), uint64(4*i+1)
		c.Event.EnterNs, c.Event.ExitNs = uint64(4*i+2), uint64(4*i+3)
		tr.Apply(&o)
		tr.Apply(&c)
	}
}
