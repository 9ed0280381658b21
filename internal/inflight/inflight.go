// Package inflight pairs asynchronous requests from their submission to
// their completion, as a stage of its own after the fd table: each AIO
// iocb an io_submit accepted is kept, with the file the fd table named
// for it at submission, until an io_getevents returns its result; the
// request then becomes an event of its own ("aio:PREAD" ...).
//
// io_uring requests need no such stage: the kernel side pairs each
// request's submission with its completion (bpf/uring.h) and sends one
// record per request, which decode turns into its event.
package inflight

import (
	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// key names an AIO request in flight: its context and the user's iocb
// address, which io_getevents' results give back.
type key struct{ ctx, obj uint64 }

// maxInFlight bounds what one process's requests hold of requests not
// yet reaped (a program that never reaps them must not grow it).
const maxInFlight = 1 << 16

// iocb is an iocb of an io_submit that has not returned yet.
type iocb struct {
	key   key
	index uint64
	ev    event.Event
}

// process is one traced process's requests.
type process struct {
	aio map[key]event.Event // AIO requests submitted, not yet reaped
	// submitting: the iocbs of io_submits in progress, by thread.
	submitting map[uint32][]iocb
}

// Requests holds every traced process's requests in flight.
type Requests struct {
	procs map[uint32]*process // by tgid; AIO contexts are the process's
}

// New returns an empty Requests.
func New() *Requests { return &Requests{procs: map[uint32]*process{}} }

func (r *Requests) proc(pid uint32) *process {
	p := r.procs[pid]
	if p == nil {
		p = &process{}
		r.procs[pid] = p
	}
	return p
}

// Apply takes one call, after the fd table named its files: an iocb is
// kept, an io_submit puts the iocbs it accepted in flight, a result
// becomes its request's event (c.Extra), io_destroy forgets its
// context's requests, and a process that is gone its own. A new process
// starts with none: the kernel does not copy AIO contexts across fork.
func (r *Requests) Apply(c *calls.Call) {
	switch c.Kind {
	case calls.AIOIocb:
		r.iocb(c)
	case calls.AIOResult:
		r.result(c)
	case calls.Exit:
		if c.GroupDead {
			delete(r.procs, c.Event.PID)
		}
	case calls.Syscall:
		if c.Spec == nil {
			return
		}
		switch c.Spec.Effect {
		case syscalls.EffectAIOSubmit:
			r.submit(c)
		case syscalls.EffectAIOReap:
			// Its results came before it, records of their own (result).
		case syscalls.EffectAIODestroy:
			if p := r.procs[c.Event.PID]; p != nil && c.Event.Ret >= 0 {
				for k := range p.aio {
					if k.ctx == c.AIOCtx {
						delete(p.aio, k)
					}
				}
			}
		}
	}
}

// iocb keeps one iocb of an io_submit in progress on its thread (the
// kernel side sends each at the call's enter), as the event it becomes
// when reaped: its command, fd and file (named by the fd table when it
// was submitted, by the kernel's read of the fd where it has one),
// offset, length, aio_data, and the submission's time.
func (r *Requests) iocb(c *calls.Call) {
	if !c.IocbOK {
		return
	}
	cb, sub := c.Iocb, &c.Event
	ev := event.Event{PID: sub.PID, TID: sub.TID, Comm: sub.Comm, EnterNs: sub.EnterNs, FD: cb.FD, FD2: -1, UserData: cb.Data,
		Path: sub.Path, PathStatus: sub.PathStatus}
	ev.Syscall = aio.Prefix + "UNKNOWN"
	if op := aio.ByCode(cb.Op); op != nil {
		ev.Syscall = aio.Prefix + op.Name
		if op.Pos {
			ev.Offset, ev.Len = cb.Offset, cb.NBytes
		}
	}
	p := r.proc(sub.PID)
	if p.submitting == nil {
		p.submitting = map[uint32][]iocb{}
	}
	p.submitting[sub.TID] = append(p.submitting[sub.TID], iocb{key: key{c.AIOCtx, cb.Obj}, index: c.AIOIndex, ev: ev})
}

// submit makes the first ret iocbs its thread sent requests in flight
// (the kernel returns how many it took, in order); the others were never
// submitted.
func (r *Requests) submit(c *calls.Call) {
	sub := &c.Event
	p := r.procs[sub.PID]
	if p == nil {
		return // no iocb sent: none to put in flight
	}
	cbs := p.submitting[sub.TID]
	delete(p.submitting, sub.TID)
	for _, cb := range cbs {
		if int64(cb.index) >= sub.Ret {
			continue
		}
		if p.aio == nil {
			p.aio = map[key]event.Event{}
		}
		if len(p.aio) >= maxInFlight {
			return
		}
		ev := cb.ev
		ev.Stack = sub.Stack // the io_submit's: the code that asked for the request
		p.aio[cb.key] = ev
	}
}

// result turns one result an io_getevents returned (the kernel side
// sends each at the call's exit, before the call's own record) into its
// request's event (c.Extra). A result ior did not see submitted (before
// tracing, or whose iocb could not be read), or whose aio_data is not
// the one submitted at that iocb address (a stale entry), is an
// aio:UNKNOWN event, its file unknown.
func (r *Requests) result(c *calls.Call) {
	reap := &c.Event
	if !c.ResultOK {
		return
	}
	res := c.Result
	var ev event.Event
	ok := false
	if p := r.procs[reap.PID]; p != nil {
		k := key{c.AIOCtx, res.Obj}
		ev, ok = p.aio[k]
		delete(p.aio, k)
	}
	if !ok || ev.UserData != res.Data {
		ev = event.Event{Syscall: aio.Prefix + "UNKNOWN", PID: reap.PID, TID: reap.TID, Comm: reap.Comm,
			EnterNs: reap.ExitNs, FD: -1, FD2: -1, UserData: res.Data, PathStatus: event.PathUnknown}
	}
	ev.ExitNs, ev.Ret = reap.ExitNs, res.Res
	// Where the recording joins it: to its thread's process as the reap
	// finds it (a result sent while that record was pending is marked:
	// not known).
	ev.Proc, ev.ProcUnknown = reap.Proc, reap.ProcUnknown
	if op := aio.ByEvent(ev.Syscall); op != nil && op.Bytes && res.Res > 0 {
		ev.Bytes = res.Res
	}
	c.Extra = append(c.Extra[:0], ev)
}
