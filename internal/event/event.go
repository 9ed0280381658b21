// Package event defines ior's event: one traced syscall, decoded and
// named, as every output and the recording carry it. Fields lists its
// fields once; CSV columns, JSON keys and the integration suite's
// canonical form are derived from that list.
package event

// Event is one paired syscall as ior records it.
type Event struct {
	Syscall string
	PID     uint32
	TID     uint32
	Comm    string
	EnterNs uint64 // CLOCK_MONOTONIC
	ExitNs  uint64
	Ret     int64 // negative errno on failure
	Bytes   int64
	FD      int32 // fd operated on (for open*: the fd returned); -1 if none
	FD2     int32 // second fd (dup2/dup3 target, close_range end); -1 if none
	Path    string
	Path2   string
	Flags   uint64
	Mode    uint64
	Offset  int64  // file offset the call names (pread64, lseek, fallocate, ...); 0 if none
	Len     uint64 // length asked for (count, len, size arguments); 0 if none
}

// Duration is the time spent in the syscall, in nanoseconds.
func (e *Event) Duration() uint64 {
	if e.ExitNs < e.EnterNs {
		return 0
	}
	return e.ExitNs - e.EnterNs
}
