package fdtable

import (
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// uring completes an io_uring request as Apply does a syscall: its
// paths made absolute; its file (by fd or fixed-file slot) as the kernel
// side named it, never from this table, which cannot follow renames,
// fds it never saw, or the fixed-file tables a ring fills through
// pointers (REGISTER_FILES2, FILES_UPDATE); then the fds it made or
// closed. A recording of an older ior, whose requests carry no kernel
// name, has a request on an fd named from the table as its syscalls are,
// and one on a fixed-file slot unknown.
func (t *Tracker) uring(c *calls.Call) {
	ev, op := &c.Event, c.Op
	if op == nil {
		return
	}
	p := t.proc(ev.PID)
	t.resolvePaths(p, c, op.Paths > 0, op.Paths > 1)
	if op.FD {
		if c.Names[0].State == 0 && ev.Slot1 == 0 && ev.FD >= 0 {
			t.nameFD(p, ev)
		} else {
			kernelFD(ev, c.Names[0])
		}
	}
	if ev.Ret < 0 || ev.Slot1 != 0 {
		return // a direct descriptor is no fd
	}
	switch op.Effect {
	case uring.Opens:
		install(p, int32(ev.Ret), file{path: known(ev), cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
		ev.FD = int32(ev.Ret)
	case uring.Closes:
		closeFD(p, ev.FD)
	}
}
