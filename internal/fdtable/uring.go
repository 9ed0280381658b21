package fdtable

import (
	"github.com/ior-tracer/ior/internal/abi"
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// ring is an io_uring instance's fixed-file table as far as ior knows
// it: slot -> path. A slot not in it is empty or unknown (registered
// before tracing, or through a pointer ior does not follow): a request
// on it is shown as unknown.
type ring struct{ slots map[uint32]string }

func (p *Process) ring(ctx uint64) *ring {
	if p.rings == nil {
		p.rings = map[uint64]*ring{}
	}
	r := p.rings[ctx]
	if r == nil {
		r = &ring{slots: map[uint32]string{}}
		p.rings[ctx] = r
	}
	return r
}

// uring completes an io_uring request as Apply does a syscall: its
// paths made absolute, its fd or fixed-file slot named; then what it did
// to the process's files.
func (t *Tracker) uring(c *calls.Call) {
	ev, op := &c.Event, c.Op
	if op == nil {
		return
	}
	p := t.proc(ev.PID)
	t.resolvePaths(p, c, op.Paths > 0, op.Paths > 1)
	slot := ev.Slot1
	switch {
	case slot != 0 && (op.FD || op.Effect == uring.Closes):
		ev.Path = p.ring(c.Ring).slots[slot-1]
		if ev.Path == "" {
			ev.PathStatus |= event.PathUnknown
		}
	case op.FD && ev.FD >= 0:
		t.nameFD(p, ev)
	}
	if ev.Ret < 0 {
		return
	}
	switch op.Effect {
	case uring.Opens:
		name := known(ev)
		if slot != 0 {
			setSlot(p.ring(c.Ring), slot-1, name)
			return
		}
		install(p, int32(ev.Ret), file{path: name, cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
		ev.FD = int32(ev.Ret)
	case uring.Closes:
		if slot != 0 {
			delete(p.ring(c.Ring).slots, slot-1)
			return
		}
		closeFD(p, ev.FD)
	case uring.UpdatesFiles:
		// Which slots it changed is behind a pointer: none is known now.
		clear(p.ring(c.Ring).slots)
	}
}

func setSlot(r *ring, slot uint32, path string) {
	if path == "" {
		delete(r.slots, slot)
		return
	}
	r.slots[slot] = path
}

// register applies io_uring_register to the ring's fixed-file table:
// REGISTER_FILES' fds (as many as were copied) name the slots; a sparse
// table is empty; an update forgets the slots it touched.
func (t *Tracker) register(p *Process, c *calls.Call) {
	ev := &c.Event
	f, ok := p.fds.get(ev.FD)
	if ev.Ret < 0 || !ok || f.closed || f.ring == 0 {
		return // an unknown ring's requests are unknown anyway
	}
	r := p.ring(f.ring)
	switch ev.Flags {
	case abi.IORingRegisterFiles:
		clear(r.slots)
		for i, fd := range c.RegFDs {
			if fd >= 0 {
				setSlot(r, uint32(i), t.fdPath(p, fd))
			}
		}
	case abi.IORingRegisterFiles2, abi.IORingUnregisterFiles:
		// REGISTER_FILES2's fds are behind a pointer: known only when
		// the table is sparse (empty).
		clear(r.slots)
	case abi.IORingRegisterFilesUpdate, abi.IORingRegisterFilesUpdate2:
		if !c.RegOffsetOK {
			clear(r.slots)
			return
		}
		for i := uint32(0); uint64(i) < ev.Mode; i++ {
			delete(r.slots, c.RegOffset+i)
		}
	}
}
