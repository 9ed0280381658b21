package probe

import (
	"bytes"
	"encoding/binary"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
)

// What a desc capture reads (enum ior_capture), and its bounds (enum
// ior_capture_limits), as the kernel side has them.
const (
	CaptureOffsets = uint8(iorIorCaptureIOR_CAPTURE_OFFSETS)
	CaptureFlock   = uint8(iorIorCaptureIOR_CAPTURE_FLOCK)
	CaptureArgv    = uint8(iorIorCaptureIOR_CAPTURE_ARGV)
	ArgvMax        = int(iorIorCaptureLimitsIOR_ARGV_MAX)
	ArgMax         = int(iorIorCaptureLimitsIOR_ARG_MAX)
	EnvcMax        = int(iorIorCaptureLimitsIOR_ENVC_MAX)
	FlockLen       = int(iorIorCaptureLimitsIOR_FLOCK_LEN)
	ArgvSlot       = 1 // the slot an execve's argv is in
)

const (
	offsetsLen = int(unsafe.Sizeof(iorIorOffsets{}))
	argvHead   = int(unsafe.Sizeof(iorIorArgv{}))
)

// OffsetsOf reads IOR_CAPTURE_OFFSETS' struct slot into ev's OffIn,
// OffOut and OffState.
func OffsetsOf(b []byte, ev *event.Event) {
	if len(b) < offsetsLen {
		return
	}
	bits := [2][2]uint8{{event.OffInSet, event.OffInFault}, {event.OffOutSet, event.OffOutFault}}
	for i, dst := range [2]*int64{&ev.OffIn, &ev.OffOut} {
		switch b[16+i] {
		case uint8(iorIorOffStateIOR_OFF_OK):
			*dst = int64(binary.LittleEndian.Uint64(b[8*i:]))
			ev.OffState |= bits[i][0]
		case uint8(iorIorOffStateIOR_OFF_FAULT):
			ev.OffState |= bits[i][1]
		}
	}
}

// FlockOf reads a struct flock (x86_64: l_type, l_whence, 4 bytes of
// padding, l_start, l_len, l_pid).
func FlockOf(b []byte) (*event.Flock, bool) {
	if len(b) < FlockLen {
		return nil, false
	}
	le := binary.LittleEndian
	return &event.Flock{Type: int16(le.Uint16(b)), Whence: int16(le.Uint16(b[2:])),
		Start: int64(le.Uint64(b[8:])), Len: int64(le.Uint64(b[16:])), PID: int32(le.Uint32(b[24:]))}, true
}

// ArgvOf reads IOR_CAPTURE_ARGV's slot into ev's Argv, ArgvCut,
// ArgvFault, Envc and EnvcCut. A slot whose strings are fewer than its
// head says is read as far as it goes, and marked cut.
func ArgvOf(b []byte, ev *event.Event) bool {
	if len(b) < argvHead {
		return false
	}
	le := binary.LittleEndian
	envc, argc, flags := int32(le.Uint32(b)), int(le.Uint16(b[4:])), b[6]
	ev.Argv = make([]string, 0, argc)
	rest := b[argvHead:]
	for range argc {
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			// The slot ended inside an argument (bounded in the
			// kernel by the slot's size): kept as far as it goes.
			ev.Argv, ev.ArgvCut = append(ev.Argv, string(rest)), true
			rest = nil
			break
		}
		ev.Argv = append(ev.Argv, string(rest[:i]))
		rest = rest[i+1:]
	}
	ev.ArgvCut = ev.ArgvCut || flags&uint8(iorIorArgvFlagsIOR_ARGV_CUT) != 0 || len(ev.Argv) < argc
	ev.ArgvFault = flags&uint8(iorIorArgvFlagsIOR_ARGV_FAULT) != 0
	ev.Envc, ev.EnvcCut = envc, flags&uint8(iorIorArgvFlagsIOR_ENVC_CUT) != 0
	if flags&uint8(iorIorArgvFlagsIOR_ENVP_FAULT) != 0 {
		ev.Envc = -1
	}
	return true
}
