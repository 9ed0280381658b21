// (Past 350 lines: every kernel record's Go reading and its marshalling
// for tests, beside the layout bpf2go mirrors, in one place.)

package probe

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"
)

// Limits shared with the kernel side (enum ior_limits in bpf/ior.h,
// carried here by bpf2go).
const (
	PathMax  = int(iorIorLimitsIOR_PATH_MAX) // bytes kept of a path; one that fills them was cut
	BlobMax  = int(iorIorLimitsIOR_BLOB_MAX) // bytes kept of a struct argument
	NSlots   = int(iorIorLimitsIOR_NSLOTS)   // slots in one record: path 0, path 1, struct
	MaxNR    = int(iorIorLimitsIOR_MAX_NR)   // syscall numbers below this are describable
	CommLen  = int(iorIorLimitsIOR_COMM_LEN) // bytes of a task name, NUL included
	BlobSlot = 2                             // the slot of the struct argument
	// StackMax is the user stack frames kept per event (-stacks): a
	// stack of StackMax frames may have been cut.
	StackMax = int(iorIorLimitsIOR_STACK_MAX)
)

// Kind says what a record is (enum ior_kind).
type Kind uint8

const (
	KindSyscall = Kind(iorIorKindIOR_KIND_SYSCALL) // a paired syscall
	KindExec    = Kind(iorIorKindIOR_KIND_EXEC)    // a traced task called exec
	KindFork    = Kind(iorIorKindIOR_KIND_FORK)    // a traced task made a task: Args child tgid, tid, Fork* bits
	KindExit    = Kind(iorIorKindIOR_KIND_EXIT)    // a traced task exited: Args wait status, group dead
	KindURing   = Kind(iorIorKindIOR_KIND_URING)   // an io_uring request: NR its opcode, the struct slot a URingReq
)

// How an io_uring request ran (enum ior_uring_exec), bits of URingReq.Exec.
const (
	URingSQPoll   = uint8(iorIorUringExecIOR_URING_SQPOLL)
	URingIOWQ     = uint8(iorIorUringExecIOR_URING_IOWQ)
	URingRejected = uint8(iorIorUringExecIOR_URING_REJECTED)
	URingOverflow = uint8(iorIorUringExecIOR_URING_OVERFLOW)
)

// URingReq is what an io_uring request's record adds to the header
// (struct ior_uring_req): its ring, second fd (-1: none), direct
// descriptor slot + 1 (0: none), completion flags, the task that posted
// the completion, its IOSQE_* flags and how it ran.
type URingReq struct {
	Ctx      uint64
	FD2      int32
	FileSlot uint32
	CqeFlags uint32
	ExecTID  uint32
	SqeFlags uint8
	Exec     uint8
}

// URingReqOf reads the struct slot of an io_uring request's record.
func URingReqOf(b []byte) (URingReq, bool) {
	var u URingReq
	return u, u.Load(b)
}

// Load reads the struct slot of an io_uring request's record into u,
// field by field, where the ring put it (false: b is too short). No
// copy of the struct: copying it out (a memmove of its 32 bytes into a
// local, then into the result) and then reading the result in 16-byte
// moves made loads that spanned several narrower stores, which the CPU
// cannot forward; under perf that stall was 64% of decode.uring's
// samples, the most of any io_uring event's user-side item. Read the
// fields one load each and in the order they lie.
func (u *URingReq) Load(b []byte) bool {
	var x iorIorUringReq
	if len(b) < int(unsafe.Sizeof(x)) {
		*u = URingReq{}
		return false
	}
	le := binary.LittleEndian
	u.Ctx = le.Uint64(b[unsafe.Offsetof(x.Ctx):])
	u.FD2 = int32(le.Uint32(b[unsafe.Offsetof(x.Fd2):]))
	u.FileSlot = le.Uint32(b[unsafe.Offsetof(x.FileSlot):])
	u.CqeFlags = le.Uint32(b[unsafe.Offsetof(x.CqeFlags):])
	u.ExecTID = le.Uint32(b[unsafe.Offsetof(x.ExecTid):])
	u.SqeFlags = b[unsafe.Offsetof(x.SqeFlags)]
	u.Exec = b[unsafe.Offsetof(x.Exec)]
	return true
}

// Marshal is the inverse of URingReqOf, for tests.
func (u URingReq) Marshal() []byte {
	x := iorIorUringReq{Ctx: u.Ctx, Fd2: u.FD2, FileSlot: u.FileSlot, CqeFlags: u.CqeFlags, ExecTid: u.ExecTID,
		SqeFlags: u.SqeFlags, Exec: u.Exec}
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(&x)), unsafe.Sizeof(x))...)
}

// What a forked task shares with its parent (KindFork's Args[2]).
const (
	ForkThread = uint64(iorIorForkFlagsIOR_FORK_THREAD) // same process
	ForkFiles  = uint64(iorIorForkFlagsIOR_FORK_FILES)  // same fd table
)

// Slot states (enum ior_slot_state), bits of Raw.SlotState.
const (
	SlotOK      = uint8(iorIorSlotStateIOR_SLOT_OK)        // the slot holds data
	SlotRetried = uint8(iorIorSlotStateIOR_SLOT_RETRIED)   // read at exit, not at enter
	SlotFault   = uint8(iorIorSlotStateIOR_SLOT_FAULT)     // unreadable at enter and exit
	SlotCut     = uint8(iorIorSlotStateIOR_SLOT_TRUNCATED) // the string filled PathMax: cut
	SlotTSFault = uint8(iorIorSlotStateIOR_SLOT_TS_FAULT)  // struct slot of a desc copy: its timeout unreadable
)

// How a desc copy reads its struct (enum ior_copy), and the sizes of
// what comes before it in the slot.
const (
	CopyEnter     = uint8(iorIorCopyIOR_COPY_ENTER)
	CopyExit      = uint8(iorIorCopyIOR_COPY_EXIT)
	CopyValRes    = uint8(iorIorCopyIOR_COPY_VALRES)
	CopiedHeadLen = int(unsafe.Sizeof(iorIorCopied{}))
	TSLen         = int(iorIorLimitsIOR_TS_LEN)
	NewFilesLen   = int(unsafe.Sizeof(iorIorNewFiles{})) // what precedes accept's copied address
)

const headerSize = int(unsafe.Sizeof(iorIorEvent{}))

// What follows a record's header (enum ior_ev_flags in bpf/ior.h).
const (
	evNArgs = uint8(iorIorEvFlagsIOR_EV_NARGS) // mask: the count of arguments
	evNID0  = uint8(iorIorEvFlagsIOR_EV_NID0)
	evNID1  = uint8(iorIorEvFlagsIOR_EV_NID1)
	evExit  = uint8(iorIorEvFlagsIOR_EV_EXIT)
	evComm  = uint8(iorIorEvFlagsIOR_EV_COMM)
	evSlots = uint8(iorIorEvFlagsIOR_EV_SLOTS)
	// evProcPending: a bit of the header's mark (enum ior_ev_mark).
	evProcPending = uint8(iorIorEvMarkIOR_EVM_PROC_PENDING)
	evExecLost    = uint8(iorIorEvMarkIOR_EVM_EXEC_LOST)
	// durMax: a duration from this on is sent as the exit time.
	durMax = 1<<32 - 1
)

// Raw is a record as the kernel wrote it (struct ior_event, what its
// flags say follows, and its slots). Slot and Stack alias the record,
// which Ring.Read hands over in place in the mapped ring buffer: they
// are valid only until the handler returns, and read-only. Whatever
// outlives the record is copied out of them (decode: string(...), parsed
// numbers; nothing in event.Event or calls.Call holds bytes of a record).
type Raw struct {
	Kind    Kind
	NR      uint16
	EnterNs uint64
	ExitNs  uint64
	Ret     int64
	// Args: the call's arguments; those past its count (the record
	// carries only the call's own, syscalls.Spec.NArgs) are 0.
	Args      [6]uint64
	PID, TID  uint32
	Comm      [CommLen]byte
	Slot      [NSlots][]byte
	SlotState [NSlots]uint8
	// Stack: the user stack at the call's enter (Config.Stacks), as
	// little-endian u64 return addresses, innermost first; empty: none.
	Stack []byte
	// What the kernel side read of the files the call used (names.h):
	// Name* states, and the ids of the name records that name them
	// (0 where the record carries none: a state other than NameOK).
	NameState [2]uint8
	NameID    [2]uint64
	// The files the path arguments resolved to (resolved.h): Name*
	// states, and the ids of the name records that name them (read
	// from the record's end, after the stack: one u64 per NameOK).
	FileState [2]uint8
	FileID    [2]uint64
	// ProcPending: the task's process record could not be sent and is
	// not yet (ring full; bpf/proc.h): the thread's last one that came is
	// not what it runs in. Syscall, exec, exit, AIO result and io_uring
	// records.
	ProcPending bool
	// ExecLost: the task's exec record was lost (ring full; bpf/tasks.h)
	// and no process record said so yet (ProcExecLost): the record is of
	// an image ior did not see start. The same records.
	ExecLost bool
}

// ErrShort reports a record smaller than its header says.
var ErrShort = errors.New("short record")

// Decode parses one ring buffer record into r without allocating. The
// header is read in place when b is aligned as the kernel aligns records
// (8 bytes), else from a copy, so that any buffer will do: the copy, a
// zeroing and ~140 bytes stored then loaded again, was most of Decode's
// own time under perf after the record's first touch.
//
// A syscall record carries its thread's name only when it changed
// (bpf/ior.h): Decode leaves Comm empty for one without it, and
// Threads.Decode fills it in from the thread's records before.
func Decode(b []byte, r *Raw) error {
	_, err := decode(b, r)
	return err
}

// decode is Decode, and returns the record's flags.
func decode(b []byte, r *Raw) (uint8, error) {
	if len(b) < headerSize {
		return 0, fmt.Errorf("%w: %d bytes", ErrShort, len(b))
	}
	p := unsafe.Pointer(unsafe.SliceData(b))
	if uintptr(p)%8 != 0 {
		var c [headerWords + maxWords]uint64
		n := copy(unsafe.Slice((*byte)(unsafe.Pointer(&c)), len(c)*8), b)
		return decodeWords(c[:n/8], b, r)
	}
	return decodeWords(unsafe.Slice((*uint64)(p), len(b)/8), b, r)
}

const (
	headerWords = headerSize / 8
	// maxWords: the most words a header's flags say follow it (six
	// arguments, two name ids, the exit time, the name, the lengths).
	maxWords = 6 + 3 + CommLen/8 + 1
)

// wordsOf is, by a header's flags, how many words follow it (0xff: a
// count of arguments past six, which no record has).
var wordsOf = func() (t [256]uint8) {
	for fl := range t {
		n := fl & int(evNArgs)
		if n > 6 {
			t[fl] = 0xff
			continue
		}
		for _, f := range [...]uint8{evNID0, evNID1, evExit, evSlots} {
			if uint8(fl)&f != 0 {
				n++
			}
		}
		if uint8(fl)&evComm != 0 {
			n += CommLen / 8
		}
		t[fl] = uint8(n)
	}
	return t
}()

// decodeWords is Decode with record b's header and what follows it as
// aligned words w (b itself, or a copy of its start): the header's
// fields, then the parts its flags say follow, in their order (ior.h),
// then the slots from b. One load per word: decoding was most of the
// time the record's first touch left, and the record is read where the
// ring put it.
func decodeWords(w []uint64, b []byte, r *Raw) (uint8, error) {
	h := (*iorIorEvent)(unsafe.Pointer(&w[0]))
	fl := h.Flags
	words := int(wordsOf[fl])
	if words == 0xff {
		return fl, fmt.Errorf("%w: %d arguments", ErrShort, fl&evNArgs)
	}
	if headerWords+words > len(w) {
		return fl, fmt.Errorf("%w: a header of %d words past the record's %d bytes", ErrShort, words, len(b))
	}
	r.Kind, r.NR = Kind(h.Kind), h.Nr
	r.EnterNs, r.Ret = h.EnterNs, h.Ret
	r.PID, r.TID = h.Pid, h.Tid
	r.NameState = h.NameState
	r.ProcPending, r.ExecLost = h.Mark&evProcPending != 0, h.Mark&evExecLost != 0
	t := w[headerWords : headerWords+words]
	na := int(fl & evNArgs)
	// Each argument stored once, in place: a loop into a local array
	// and then r.Args = args read the array back in 16-byte moves, each
	// spanning two of the loop's 8-byte stores, which the CPU cannot
	// forward (under perf, 38% of decodeWords' samples on that move);
	// copy and clear called memmove for a few words.
	for i := range r.Args {
		if i < na {
			r.Args[i] = t[i]
		} else {
			r.Args[i] = 0
		}
	}
	k := na
	r.NameID = [2]uint64{}
	if fl&evNID0 != 0 {
		r.NameID[0] = t[k]
		k++
	}
	if fl&evNID1 != 0 {
		r.NameID[1] = t[k]
		k++
	}
	if fl&evExit != 0 {
		r.ExitNs = t[k]
		k++
	} else {
		r.ExitNs = h.EnterNs + uint64(h.Dur)
	}
	if fl&evComm != 0 {
		r.Comm = *(*[CommLen]byte)(unsafe.Pointer(&t[k : k+CommLen/8][0]))
		k += CommLen / 8
	} else {
		r.Comm = [CommLen]byte{}
	}
	off := headerSize + 8*words
	r.SlotState = h.SlotState
	if fl&evSlots == 0 { // no slot, no stack (most calls)
		r.Slot, r.Stack = [NSlots][]byte{}, nil
		return fl, r.files(h, b, off)
	}
	v := t[k]
	lens := [NSlots + 1]uint16{uint16(v), uint16(v >> 16), uint16(v >> 32), uint16(v >> 48)} // the slots', then the stack's
	for i := range NSlots {
		n := int(lens[i])
		if off+n > len(b) {
			return fl, fmt.Errorf("%w: slot %d of %d bytes past the record's %d", ErrShort, i, n, len(b))
		}
		r.Slot[i] = b[off : off+n]
		off += n
	}
	n := int(lens[NSlots]) &^ 7
	if off+n > len(b) {
		return fl, fmt.Errorf("%w: stack of %d bytes past the record's %d", ErrShort, n, len(b))
	}
	r.Stack = b[off : off+n]
	return fl, r.files(h, b, off+n)
}

// files reads the ids of the files a syscall's path arguments resolved
// to, from the end of record b (at off), as its header h says.
func (r *Raw) files(h *iorIorEvent, b []byte, off int) error {
	r.FileState, r.FileID = [2]uint8{}, [2]uint64{}
	if r.Kind != KindSyscall || h.FileState == [2]uint8{} {
		return nil // only a syscall's record carries resolved files
	}
	r.FileState = h.FileState
	for i, st := range h.FileState {
		if st&NameStateMask != NameOK {
			continue
		}
		if off+8 > len(b) {
			return fmt.Errorf("%w: file id %d past the record's %d bytes", ErrShort, i, len(b))
		}
		r.FileID[i] = binary.LittleEndian.Uint64(b[off:])
		off += 8
	}
	return nil
}

// Marshal is the inverse of Decode: the record the kernel side would
// have written for r, as compact as it would be (the arguments up to the
// last that is not 0, a name id where its state is NameOK or the id is
// set, the exit time only when the duration does not fit, the task's
// name when Comm is not empty). For tests and
// benchmarks of the user side.
func (r *Raw) Marshal() []byte {
	h := iorIorEvent{EnterNs: r.EnterNs, Ret: r.Ret, Pid: r.PID, Tid: r.TID, Nr: r.NR, Kind: uint8(r.Kind),
		SlotState: r.SlotState, NameState: r.NameState, FileState: r.FileState}
	if r.ProcPending {
		h.Mark = evProcPending
	}
	if r.ExecLost {
		h.Mark |= evExecLost
	}
	na := len(r.Args)
	for na > 0 && r.Args[na-1] == 0 {
		na--
	}
	h.Flags = uint8(na)
	b := make([]byte, headerSize, headerSize+8*na+64)
	for _, a := range r.Args[:na] {
		b = binary.LittleEndian.AppendUint64(b, a)
	}
	for i, f := range [...]uint8{evNID0, evNID1} {
		if r.NameState[i]&NameStateMask == NameOK || r.NameID[i] != 0 {
			h.Flags |= f
			b = binary.LittleEndian.AppendUint64(b, r.NameID[i])
		}
	}
	if d := r.ExitNs - r.EnterNs; r.ExitNs < r.EnterNs || d >= durMax {
		h.Flags |= evExit
		b = binary.LittleEndian.AppendUint64(b, r.ExitNs)
	} else {
		h.Dur = uint32(d)
	}
	if r.Comm != ([CommLen]byte{}) { // a name not sent: one the thread's records before carried
		h.Flags |= evComm
		b = append(b, r.Comm[:]...)
	}
	if len(r.Slot[0])|len(r.Slot[1])|len(r.Slot[2])|len(r.Stack) != 0 {
		h.Flags |= evSlots
		for i := range NSlots {
			b = binary.LittleEndian.AppendUint16(b, uint16(len(r.Slot[i])))
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(len(r.Stack)))
		for i := range NSlots {
			b = append(b, r.Slot[i]...)
		}
		b = append(b, r.Stack...)
	}
	for i, st := range r.FileState {
		if st&NameStateMask == NameOK {
			b = binary.LittleEndian.AppendUint64(b, r.FileID[i])
		}
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
