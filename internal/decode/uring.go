package decode

import (
	"strconv"

	"github.com/ior-tracer/ior/internal/abi"
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/uring"
)

// fileIndexAlloc is IORING_FILE_INDEX_ALLOC as an OPENAT's file_slot:
// the kernel picks the slot and returns it.
const fileIndexAlloc = abi.IORingFileIndexAlloc

// uringEvents is each op's event name (io_uring:OP), by code: made once,
// so that a request's event takes no allocation, and the same string
// each time (the recording writer and the aggregates compare it).
var uringEvents = func() []string {
	names := make([]string, len(uring.Ops))
	for i := range uring.Ops {
		names[uring.Ops[i].Code] = event.URingPrefix + uring.Ops[i].Name
	}
	return names
}()

// uring decodes an io_uring request (bpf/uring.h says where the kernel
// side put what): the event named io_uring:OP, its fd or fixed-file
// slot, its paths as the kernel copied them, and the op's own values
// where the op table says they mean something.
func (d *Decoder) uring(r *probe.Raw, c *Call) {
	ev := &c.Event
	c.Kind = calls.URing
	op := uring.ByCode(r.NR)
	if op == nil {
		ev.Syscall = event.URingPrefix + "OP_" + strconv.Itoa(int(r.NR))
		return
	}
	c.Op = op
	ev.Syscall = uringEvents[op.Code]
	var x probe.URingReq // loaded in place, not returned: see URingReq.Load
	x.Load(r.Slot[probe.BlobSlot])
	c.Ring = x.Ctx
	ev.UserData, ev.SqeFlags = r.Args[0], x.SqeFlags
	for _, b := range [...]struct{ from, to uint8 }{
		{probe.URingSQPoll, event.ExecSQPoll}, {probe.URingIOWQ, event.ExecIOWQ}, {probe.URingRejected, event.ExecRejected},
		{probe.URingOverflow, event.ExecOverflow},
	} {
		if x.Exec&b.from != 0 {
			ev.Exec |= b.to
		}
	}
	fd := int32(r.Args[1])
	switch {
	case op.FD && x.SqeFlags&uring.SqeFixedFile != 0:
		ev.Slot1 = uint32(fd) + 1
	case op.FD:
		ev.FD = fd
	}
	// As the kernel side named them (bpf/uring.h): an op with an fd, the
	// file the kernel looked up for it (for CLOSE the one it was to
	// close); a path op, the bases of its paths (dirfd, cwd or root).
	// No op has both.
	d.kernelNames(r, c)
	if op.Offset {
		ev.Offset = int64(r.Args[2])
	}
	if op.Len {
		ev.Len = r.Args[3]
	}
	ev.Flags, ev.Mode = r.Args[4], r.Args[5]
	if op.Bytes && ev.Ret > 0 {
		ev.Bytes = ev.Ret
	}
	if x.FileSlot != 0 { // OPENAT/CLOSE on a direct descriptor
		switch {
		case x.FileSlot != fileIndexAlloc:
			ev.Slot1 = x.FileSlot
		case ev.Ret >= 0:
			ev.Slot1 = uint32(ev.Ret) + 1
		}
		ev.FD = -1
	}
	for i, dst := range [2]*string{&ev.Path, &ev.Path2} {
		if i >= op.Paths {
			break
		}
		c.Dirfd[i], c.Resolve[i] = fd, !(i == 0 && op.Path0Text)
		if i == 1 {
			c.Dirfd[i] = x.FD2
		}
		if st := r.SlotState[i]; st&probe.SlotOK != 0 {
			c.PathOK[i] = true
			*dst = string(r.Slot[i])
			if st&probe.SlotCut != 0 {
				ev.PathStatus |= event.PathCut << (4 * i)
			}
		} else {
			// The kernel's copy could not be read (or the SQE was
			// refused before it was made): no address to show.
			ev.PathStatus |= event.PathUnknown << (4 * i)
		}
	}
}
