// Package event defines ior's decoded event and decodes the raw records
// that the kernel side writes to the ring buffer.
package event

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Event is one paired syscall as ior records it.
type Event struct {
	Syscall string `json:"syscall"`
	PID     uint32 `json:"pid"`
	TID     uint32 `json:"tid"`
	Comm    string `json:"comm"`
	EnterNs uint64 `json:"enter_ns"` // CLOCK_MONOTONIC
	ExitNs  uint64 `json:"exit_ns"`
	Ret     int64  `json:"ret"` // negative errno on failure
	Bytes   int64  `json:"bytes"`
	FD      int32  `json:"fd"`  // fd operated on (for open*: the fd returned); -1 if none
	FD2     int32  `json:"fd2"` // second fd (dup2/dup3 target, close_range end); -1 if none
	Path    string `json:"path"`
	Path2   string `json:"path2"`
	Flags   uint64 `json:"flags"`
	Mode    uint64 `json:"mode"`
}

// Duration is the time spent in the syscall, in nanoseconds.
func (e *Event) Duration() uint64 {
	if e.ExitNs < e.EnterNs {
		return 0
	}
	return e.ExitNs - e.EnterNs
}

// Kinds of raw records (enum ior_kind in bpf/ior.h).
const (
	KindSyscall = 1
	KindExec    = 2
)

// Slot states (enum ior_slot_state in bpf/ior.h).
const (
	SlotOK      = 1
	SlotRetried = 2
	SlotFault   = 4
)

// HeaderSize is sizeof(struct ior_event); SlotSize is IOR_SLOT_MAX. A
// test checks both against the bpf2go mirror of the header.
const (
	HeaderSize = 112
	SlotSize   = 256
)

// Raw is a record as the kernel wrote it. Slot slices alias the record
// buffer and are valid only until the next read.
type Raw struct {
	Kind      uint8
	NR        uint16
	EnterNs   uint64
	ExitNs    uint64
	Ret       int64
	Args      [6]uint64
	PID, TID  uint32
	Comm      [16]byte
	Slot      [2][]byte
	SlotState [2]uint8
}

// ErrShort reports a record smaller than its header says.
var ErrShort = errors.New("short record")

// Decode parses one ring buffer record into r, without allocating.
func Decode(b []byte, r *Raw) error {
	if len(b) < HeaderSize {
		return fmt.Errorf("%w: %d bytes", ErrShort, len(b))
	}
	le := binary.LittleEndian
	r.EnterNs = le.Uint64(b[0:])
	r.ExitNs = le.Uint64(b[8:])
	r.Ret = int64(le.Uint64(b[16:]))
	for i := range r.Args {
		r.Args[i] = le.Uint64(b[24+8*i:])
	}
	r.PID = le.Uint32(b[72:])
	r.TID = le.Uint32(b[76:])
	r.NR = le.Uint16(b[80:])
	r.Kind = b[82]
	nslots := int(b[83])
	if nslots > 2 || len(b) < HeaderSize+nslots*SlotSize {
		return fmt.Errorf("%w: %d slots in %d bytes", ErrShort, nslots, len(b))
	}
	copy(r.Comm[:], b[92:108])
	for i := 0; i < 2; i++ {
		r.Slot[i] = nil
		r.SlotState[i] = 0
		if i >= nslots {
			continue
		}
		n := int(le.Uint16(b[84+2*i:]))
		if n > SlotSize {
			n = SlotSize
		}
		r.SlotState[i] = b[88+i]
		off := HeaderSize + i*SlotSize
		r.Slot[i] = b[off : off+n]
	}
	return nil
}

// CString returns b up to its first NUL.
func CString(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}
