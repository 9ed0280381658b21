package decode

import (
	"strconv"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// captured fills ev's values that the kernel side read behind pointers
// (sp.Capture) and shows them in Args after what it holds.
func captured(r *probe.Raw, sp *syscalls.Spec, ev *event.Event) {
	slot, st := r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot]
	text := ""
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
		} else {
			// Unreadable (a bad pointer): its address, as strace shows it.
			text = "0x" + strconv.FormatUint(r.Args[sp.CapArg[0]], 16)
		}
	case syscalls.CaptureArgv:
		if r.SlotState[probe.ArgvSlot]&probe.SlotOK != 0 {
			probe.ArgvOf(r.Slot[probe.ArgvSlot], ev)
		}
	}
	if text == "" {
		text = ev.CapturedArgs()
	}
	switch {
	case text == "":
	case ev.Args == "":
		ev.Args = text
	default:
		ev.Args += ", " + text
	}
}
