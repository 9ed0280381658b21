package probe

import (
	"errors"
	"fmt"
	"unsafe"
)

// Limits shared with the kernel side (enum ior_limits in bpf/ior.h,
// carried here by bpf2go).
const (
	SlotSize = int(iorIorLimitsIOR_SLOT_MAX) // bytes kept of one string or struct argument
	NSlots   = int(iorIorLimitsIOR_NSLOTS)   // slots in one record
	MaxNR    = int(iorIorLimitsIOR_MAX_NR)   // syscall numbers below this are describable
	CommLen  = int(iorIorLimitsIOR_COMM_LEN) // bytes of a task name, NUL included
)

// Kind says what a record is (enum ior_kind).
type Kind uint8

const (
	KindSyscall = Kind(iorIorKindIOR_KIND_SYSCALL) // a paired syscall
	KindExec    = Kind(iorIorKindIOR_KIND_EXEC)    // a traced task called exec
	KindFork    = Kind(iorIorKindIOR_KIND_FORK)    // a traced task made a task: Args child tgid, tid, Fork* bits
	KindExit    = Kind(iorIorKindIOR_KIND_EXIT)    // a traced task exited: Args wait status, group dead
)

// What a forked task shares with its parent (KindFork's Args[2]).
const (
	ForkThread = uint64(iorIorForkFlagsIOR_FORK_THREAD) // same process
	ForkFiles  = uint64(iorIorForkFlagsIOR_FORK_FILES)  // same fd table
)

// Slot states (enum ior_slot_state), bits of Raw.SlotState.
const (
	SlotOK      = uint8(iorIorSlotStateIOR_SLOT_OK)      // the slot holds data
	SlotRetried = uint8(iorIorSlotStateIOR_SLOT_RETRIED) // read at exit, not at enter
	SlotFault   = uint8(iorIorSlotStateIOR_SLOT_FAULT)   // unreadable at enter and exit
)

const headerSize = int(unsafe.Sizeof(iorIorEvent{}))

// Raw is a record as the kernel wrote it (struct ior_event and its
// slots). Slot slices alias the record buffer and are valid only until
// the next read.
type Raw struct {
	Kind      Kind
	NR        uint16
	EnterNs   uint64
	ExitNs    uint64
	Ret       int64
	Args      [6]uint64
	PID, TID  uint32
	Comm      [CommLen]byte
	Slot      [NSlots][]byte
	SlotState [NSlots]uint8
}

// ErrShort reports a record smaller than its header says.
var ErrShort = errors.New("short record")

// Decode parses one ring buffer record into r without allocating. The
// header is copied out rather than cast in place, so the buffer needs no
// particular alignment.
func Decode(b []byte, r *Raw) error {
	if len(b) < headerSize {
		return fmt.Errorf("%w: %d bytes", ErrShort, len(b))
	}
	var h iorIorEvent
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&h)), headerSize), b)
	nslots := int(h.Nslots)
	if nslots > NSlots || len(b) < headerSize+nslots*SlotSize {
		return fmt.Errorf("%w: %d slots in %d bytes", ErrShort, nslots, len(b))
	}
	r.Kind, r.NR = Kind(h.Kind), h.Nr
	r.EnterNs, r.ExitNs, r.Ret, r.Args = h.EnterNs, h.ExitNs, h.Ret, h.Args
	r.PID, r.TID = h.Pid, h.Tid
	r.Comm = *(*[CommLen]byte)(unsafe.Pointer(&h.Comm))
	for i := range NSlots {
		r.Slot[i], r.SlotState[i] = nil, 0
		if i >= nslots {
			continue
		}
		n := min(int(h.SlotLen[i]), SlotSize)
		off := headerSize + i*SlotSize
		r.Slot[i], r.SlotState[i] = b[off:off+n], h.SlotState[i]
	}
	return nil
}

// Marshal is the inverse of Decode: the record the kernel side would
// have written for r. For tests and benchmarks of the user side.
func (r *Raw) Marshal() []byte {
	nslots := 0
	for i := range NSlots {
		if r.SlotState[i] != 0 {
			nslots = i + 1
		}
	}
	h := iorIorEvent{EnterNs: r.EnterNs, ExitNs: r.ExitNs, Ret: r.Ret, Args: r.Args, Pid: r.PID, Tid: r.TID,
		Nr: r.NR, Kind: uint8(r.Kind), Nslots: uint8(nslots), SlotState: r.SlotState}
	h.Comm = *(*[CommLen]int8)(unsafe.Pointer(&r.Comm))
	b := make([]byte, headerSize+nslots*SlotSize)
	for i := range nslots {
		h.SlotLen[i] = uint16(copy(b[headerSize+i*SlotSize:headerSize+(i+1)*SlotSize], r.Slot[i]))
	}
	copy(b, unsafe.Slice((*byte)(unsafe.Pointer(&h)), headerSize))
	return b
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
