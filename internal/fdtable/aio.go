package fdtable

import (
	"encoding/binary"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
)

// aioKey names an AIO request in flight: its context and the user's
// iocb address, which io_getevents' results give back.
type aioKey struct{ ctx, obj uint64 }

// maxAIOInFlight bounds what one process's table remembers of requests
// not yet reaped (a program that never reaps them must not grow it).
const maxAIOInFlight = 1 << 16

// aioSubmit keeps the requests an io_submit made (the first ret of its
// iocbs; the kernel side copies up to probe.AIOMax), each as the event it
// becomes when reaped: its command, fd and file (named now, when it was
// submitted), offset, length, aio_data, and the submission's time.
func (t *Tracker) aioSubmit(p *Process, c *decode.Call) {
	sub := &c.Event
	for i, cb := range c.Iocbs {
		if int64(i) >= sub.Ret {
			break
		}
		if p.aio == nil {
			p.aio = map[aioKey]event.Event{}
		}
		if len(p.aio) >= maxAIOInFlight {
			return
		}
		ev := event.Event{PID: sub.PID, TID: sub.TID, Comm: sub.Comm, EnterNs: sub.EnterNs, FD: cb.FD, FD2: -1, UserData: cb.Data,
			Stack: sub.Stack} // the io_submit's: the code that asked for the request
		ev.Syscall = aio.Prefix + "UNKNOWN"
		if op := aio.ByCode(cb.Op); op != nil {
			ev.Syscall = aio.Prefix + op.Name
			if op.Pos {
				ev.Offset, ev.Len = cb.Offset, cb.NBytes
			}
		}
		t.nameFD(p, &ev)
		p.aio[aioKey{c.AIOCtx, cb.Obj}] = ev
	}
}

// aioReap turns the results an io_getevents returned (as many as the
// kernel side copied) into the requests' events, which come before the
// call's own. A result for a request ior did not see submitted (before
// tracing, or past the iocbs copied) is an aio:UNKNOWN event, its file
// unknown.
func (t *Tracker) aioReap(p *Process, c *decode.Call) {
	reap, b := &c.Event, c.Blob
	for i := int64(0); i < reap.Ret && len(b) >= 32; i++ {
		data, obj, res := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]), int64(binary.LittleEndian.Uint64(b[16:]))
		b = b[32:]
		k := aioKey{c.AIOCtx, obj}
		ev, ok := p.aio[k]
		if !ok {
			ev = event.Event{Syscall: aio.Prefix + "UNKNOWN", PID: reap.PID, TID: reap.TID, Comm: reap.Comm,
				EnterNs: reap.ExitNs, FD: -1, FD2: -1, UserData: data, PathStatus: event.PathUnknown}
		}
		delete(p.aio, k)
		ev.ExitNs, ev.Ret = reap.ExitNs, res
		if op := aio.ByEvent(ev.Syscall); op != nil && op.Bytes && res > 0 {
			ev.Bytes = res
		}
		c.Extra = append(c.Extra, ev)
	}
}
