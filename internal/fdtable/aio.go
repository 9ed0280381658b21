package fdtable

import (
	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/call"
	"github.com/ior-tracer/ior/internal/event"
)

// aioKey names an AIO request in flight: its context and the user's
// iocb address, which io_getevents' results give back.
type aioKey struct{ ctx, obj uint64 }

// maxAIOInFlight bounds what one process's table remembers of requests
// not yet reaped (a program that never reaps them must not grow it).
const maxAIOInFlight = 1 << 16

// aioIocb keeps one iocb of an io_submit in progress on its thread (the
// kernel side sends each at the call's enter), as the event it becomes
// when reaped: its command, fd and file (named when it was submitted, by
// the kernel's read of the fd where it has one), offset, length,
// aio_data, and the submission's time.
func (t *Tracker) aioIocb(c *call.Call) {
	if !c.IocbOK {
		return
	}
	cb, sub := c.Iocb, &c.Event
	p := t.proc(sub.PID)
	ev := event.Event{PID: sub.PID, TID: sub.TID, Comm: sub.Comm, EnterNs: sub.EnterNs, FD: cb.FD, FD2: -1, UserData: cb.Data}
	ev.Syscall = aio.Prefix + "UNKNOWN"
	if op := aio.ByCode(cb.Op); op != nil {
		ev.Syscall = aio.Prefix + op.Name
		if op.Pos {
			ev.Offset, ev.Len = cb.Offset, cb.NBytes
		}
	}
	if c.Names[0].State != 0 {
		kernelFD(&ev, c.Names[0])
	} else {
		t.nameFD(p, &ev)
	}
	if p.submitting == nil {
		p.submitting = map[uint32][]aioIocb{}
	}
	p.submitting[sub.TID] = append(p.submitting[sub.TID], aioIocb{key: aioKey{c.AIOCtx, cb.Obj}, index: c.AIOIndex, ev: ev})
}

// aioIocb is an iocb of an io_submit that has not returned yet.
type aioIocb struct {
	key   aioKey
	index uint64
	ev    event.Event
}

// aioSubmit makes the first ret iocbs its thread sent requests in flight
// (the kernel returns how many it took, in order); the others were never
// submitted.
func (t *Tracker) aioSubmit(p *Process, c *call.Call) {
	sub := &c.Event
	cbs := p.submitting[sub.TID]
	delete(p.submitting, sub.TID)
	for _, cb := range cbs {
		if int64(cb.index) >= sub.Ret {
			continue
		}
		if p.aio == nil {
			p.aio = map[aioKey]event.Event{}
		}
		if len(p.aio) >= maxAIOInFlight {
			return
		}
		ev := cb.ev
		ev.Stack = sub.Stack // the io_submit's: the code that asked for the request
		p.aio[cb.key] = ev
	}
}

// aioResult turns one result an io_getevents returned (the kernel side
// sends each at the call's exit, before the call's own record) into its
// request's event (c.Extra). A result ior did not see submitted (before
// tracing, or whose iocb could not be read), or whose aio_data is not
// the one submitted at that iocb address (a stale entry), is an
// aio:UNKNOWN event, its file unknown.
func (t *Tracker) aioResult(c *call.Call) {
	reap := &c.Event
	if !c.ResultOK {
		return
	}
	p := t.proc(reap.PID)
	data, obj, res := c.Result.Data, c.Result.Obj, c.Result.Res
	k := aioKey{c.AIOCtx, obj}
	ev, ok := p.aio[k]
	delete(p.aio, k)
	if !ok || ev.UserData != data {
		ev = event.Event{Syscall: aio.Prefix + "UNKNOWN", PID: reap.PID, TID: reap.TID, Comm: reap.Comm,
			EnterNs: reap.ExitNs, FD: -1, FD2: -1, UserData: data, PathStatus: event.PathUnknown}
	}
	ev.ExitNs, ev.Ret = reap.ExitNs, res
	if op := aio.ByEvent(ev.Syscall); op != nil && op.Bytes && res > 0 {
		ev.Bytes = res
	}
	c.Extra = append(c.Extra[:0], ev)
}
