package recording

import (
	"encoding/binary"
	"fmt"

	"github.com/ior-tracer/ior/internal/event"
)

// Version 5's end of an event record: the values the kernel side read
// behind pointers (event.Event's Off*, Flock, Argv, Envc), after the
// io_uring fields (which a record that has them carries, zeros for a
// syscall). It opens with a uvarint of bits saying which follow:
const (
	capOffsets = 1 // off_state, off_in (zigzag), off_out (zigzag)
	capFlock   = 2 // l_type, l_whence, l_start, l_len, l_pid (zigzag each)
	capArgv    = 4 // argv flags (capArgv* bits), envc (zigzag), argc, argc string ids
)

// Bits of an argv's flags.
const (
	capArgvCut   = 1
	capArgvFault = 2
	capEnvcCut   = 4
)

// maxArgv bounds the arguments a reader accepts in one event (the
// kernel side keeps event.ArgvMax).
const maxArgv = 1024

// captureBits says which of version 5's values ev holds.
func captureBits(ev *event.Event) uint64 {
	var c uint64
	if ev.OffState != 0 {
		c |= capOffsets
	}
	if ev.Flock != nil {
		c |= capFlock
	}
	if ev.Argv != nil {
		c |= capArgv
	}
	return c
}

// appendCaptures appends version 5's values (caps: captureBits(ev)).
func (w *Writer) appendCaptures(b []byte, ev *event.Event, caps uint64) []byte {
	b = binary.AppendUvarint(b, caps)
	if caps&capOffsets != 0 {
		b = binary.AppendUvarint(b, uint64(ev.OffState))
		b = binary.AppendUvarint(b, zig(ev.OffIn))
		b = binary.AppendUvarint(b, zig(ev.OffOut))
	}
	if f := ev.Flock; caps&capFlock != 0 {
		for _, v := range []int64{int64(f.Type), int64(f.Whence), f.Start, f.Len, int64(f.PID)} {
			b = binary.AppendUvarint(b, zig(v))
		}
	}
	if caps&capArgv != 0 {
		var flags uint64
		for _, x := range []struct {
			on  bool
			bit uint64
		}{{ev.ArgvCut, capArgvCut}, {ev.ArgvFault, capArgvFault}, {ev.EnvcCut, capEnvcCut}} {
			if x.on {
				flags |= x.bit
			}
		}
		b = binary.AppendUvarint(b, flags)
		b = binary.AppendUvarint(b, zig(int64(ev.Envc)))
		b = binary.AppendUvarint(b, uint64(len(ev.Argv)))
		for _, a := range ev.Argv {
			b = binary.AppendUvarint(b, w.str(a))
		}
	}
	return b
}

// readCaptures reads version 5's values into ev (zeroed before).
func (f *fields) readCaptures(strs []string, ev *event.Event) {
	caps := f.u()
	if caps&capOffsets != 0 {
		ev.OffState = uint8(f.u())
		ev.OffIn = unzig(f.u())
		ev.OffOut = unzig(f.u())
	}
	if caps&capFlock != 0 {
		ev.Flock = &event.Flock{Type: int16(unzig(f.u())), Whence: int16(unzig(f.u())),
			Start: unzig(f.u()), Len: unzig(f.u()), PID: int32(unzig(f.u()))}
	}
	if caps&capArgv != 0 {
		flags := f.u()
		ev.ArgvCut, ev.ArgvFault, ev.EnvcCut = flags&capArgvCut != 0, flags&capArgvFault != 0, flags&capEnvcCut != 0
		ev.Envc = int32(unzig(f.u()))
		n := f.u()
		if n > maxArgv && f.err == nil {
			f.err = fmt.Errorf("%d arguments, more than %d", n, maxArgv)
			return
		}
		ev.Argv = make([]string, 0, n)
		for range n {
			ev.Argv = append(ev.Argv, f.s(strs))
		}
	}
}
