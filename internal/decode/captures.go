package decode

import (
	"strconv"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// captured fills ev's values that the kernel side read behind pointers
// (sp.Capture). The event table shows them by name (syscalls'
// table_args.go: offIn/offOut, fcntlArgDesc, argvDesc/envcDesc), so
// they are not written into Args again; only an unreadable struct flock
// is, as its address (strace's form), which fcntl's arg then shows.
func captured(r *probe.Raw, sp *syscalls.Spec, ev *event.Event) {
	slot, st := r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot]
	switch sp.Capture {
	case syscalls.CaptureOffsets:
		if st&probe.SlotOK != 0 {
			probe.OffsetsOf(slot, ev)
		}
	case syscalls.CaptureFlock:
		if !syscalls.FcntlLocks(ev.Flags) {
			return
		}
		if fl, ok := probe.FlockOf(slot); ok && st&probe.SlotOK != 0 {
			ev.Flock = fl
			return
		}
		text := "0x" + strconv.FormatUint(r.Args[sp.CapArg[0]], 16)
		if ev.Args == "" {
			ev.Args = text
		} else {
			ev.Args += ", " + text
		}
	case syscalls.CaptureArgv:
		if r.SlotState[probe.ArgvSlot]&probe.SlotOK != 0 {
			probe.ArgvOf(r.Slot[probe.ArgvSlot], ev)
		}
	}
}
