// Package event defines ior's event: one traced syscall, decoded and
// named, as every output and the recording carry it. Fields lists its
// fields once; CSV columns, JSON keys and the integration suite's
// canonical form are derived from that list.
package event

// ExitName is the name of the event the scheduler's exit hook makes: a
// traced task ended. It is no call (no stack, no file); a recording
// carries no kind, so readers tell it by this name (until #17's
// descriptor table gives every event an ID).
const ExitName = "exit"

// IsExit reports whether e is a task's exit rather than a call.
func (e *Event) IsExit() bool { return e.Syscall == ExitName }

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
	// PathStatus says what ior could not see of Path (low 4 bits) and
	// Path2 (high 4 bits): see PathUnknown, PathFault, PathCut, PathDeleted.
	PathStatus uint8
	// An io_uring request's (Syscall "io_uring:OP"): the SQE's
	// user_data, the fixed-file slot it named or opened plus one (0:
	// none, so that the zero Event has none; shown as the slot, -1 for
	// none), its IOSQE_* flags (as submitted, plus IOSQE_ASYNC where the
	// kernel forces the op to io-wq), and how it ran (Exec* bits).
	UserData uint64
	Slot1    uint32
	SqeFlags uint8
	Exec     uint8
	// Args: arguments behind pointers that no field above holds, as
	// text, strace-like: a socket address (127.0.0.1:80, [::1]:80,
	// "/path", @"abstract"), a socket option's int value (val=1), poll's
	// pollfds with their revents, a timeout (timeout=100,
	// timeout={tv_sec=1, tv_nsec=0}), epoll_ctl's event. A struct that
	// could not be read is its address (0x...). "" when none.
	Args string
	// Stack is the user stack that made the call (recorded with
	// -stacks); nil: none recorded. A pointer, so that events stay
	// comparable. Shared: never modify it.
	Stack *Stack
	// File and File2: the file path argument 0 and 1 resolved to, as
	// the kernel's own lookup reached it (symlinks, "..", mounts
	// resolved), beside Path and Path2 as the program passed them.
	// FileStatus says why one is empty or what it is (low 4 bits:
	// File, high 4: File2): FileNone, FileUnknown, FileUnread,
	// FileDeleted.
	File, File2 string
	FileStatus  uint8
	// Values the kernel side read behind pointers, when the kernel read
	// them (recording version 5; see docs/events.md). Off: the offsets
	// sendfile64, splice and copy_file_range were given by pointer,
	// OffIn the input file's (FD), OffOut the output file's (FD2), as
	// the kernel read them at entry; OffState says which are there
	// (OffIn*, OffOut* bits).
	OffIn, OffOut int64
	OffState      uint8
	// Flock: fcntl's struct flock of a lock command (F_GETLK, F_SETLK,
	// F_SETLKW and their F_OFD_ forms): for a GETLK that succeeded what
	// the kernel wrote, else what it read; nil: none (or unreadable:
	// Args shows the address). Shared: never modify it.
	Flock *Flock
	// Argv: execve's and execveat's arguments as the kernel read them at
	// entry, at most ArgvMax of ArgMax-1 bytes each; nil for other
	// calls. ArgvCut: there were more, or one was longer (kept cut).
	// ArgvFault: the array or an argument could not be read (Argv holds
	// those before it). Envc: envp's entries, -1 when envp could not be
	// read; EnvcCut: more than EnvcMax (Envc counts those). A slice
	// makes Event incomparable, which nothing needs. Shared: never
	// modify it.
	Argv      []string
	ArgvCut   bool
	ArgvFault bool
	Envc      int32
	EnvcCut   bool
	// Proc is what the event's process ran in (the process table);
	// nil: not known. A pointer, like Stack. Shared: never modify it.
	Proc *Proc
	// ProcUnknown: Proc is nil because the thread's process record was
	// lost (the ring full; docs/events.md "Lost"): said ("unknown" in
	// foreign, on the human line), not left looking like ior's own.
	ProcUnknown bool
}

// What ior says of a resolved file (File, File2): bits of
// Event.FileStatus, shifted left by 4 for File2.
const (
	// FileNone: the call resolved no file (it failed: the lookup
	// found nothing, or the call refused the file it found).
	FileNone uint8 = 1
	// FileUnknown: the kernel resolved a file ior could not name (its
	// name record was lost, another thread closed the new fd before
	// the call returned, or another task sharing the fs_struct moved
	// the cwd or root during a chdir or chroot).
	FileUnknown uint8 = 2
	// FileUnread: a path the kernel resolves, in a call whose result
	// ior does not read (stat, unlink, rename, ...: see docs/events.md).
	FileUnread uint8 = 4
	// FileDeleted: the file had been unlinked by the time the call
	// returned; File is the name it had.
	FileDeleted uint8 = 8
)

// FileStatusOf returns the status bits of resolved file i (0: File, 1:
// File2).
func (e *Event) FileStatusOf(i int) uint8 { return e.FileStatus >> (4 * i) & 0xf }

// Flock is a struct flock (fcntl's lock commands) as the kernel read or
// wrote it: l_type (F_RDLCK, F_WRLCK, F_UNLCK), l_whence (SEEK_*),
// l_start, l_len and l_pid.
type Flock struct {
	Type, Whence int16
	Start, Len   int64
	PID          int32
}

// Bits of Event.OffState: which offsets a call passed by pointer, and
// whether they could be read.
const (
	OffInSet    uint8 = 1 // OffIn holds what the kernel read
	OffInFault  uint8 = 2 // the input offset's pointer could not be read
	OffOutSet   uint8 = 4
	OffOutFault uint8 = 8
)

// Bounds of what the kernel side reads of an execve (bpf/ior.h's enum
// ior_capture_limits).
const (
	ArgvMax = 32    // arguments kept: more are cut
	ArgMax  = 256   // bytes kept of one, its NUL included: a longer one is cut
	EnvcMax = 65536 // envp entries counted at most
)

// Stack is a user stack: return addresses, innermost first, in the
// address space of the event's process (the innermost is the address
// after the syscall instruction).
type Stack struct{ PCs []uint64 }

// How an io_uring request ran: bits of Event.Exec.
const (
	ExecSQPoll   uint8 = 1 // submitted by the ring's SQ thread (SQPOLL), not by a syscall
	ExecIOWQ     uint8 = 2 // handed to an io-wq worker (IOSQE_ASYNC, or it would block)
	ExecRejected uint8 = 4 // the kernel refused the SQE before issuing it
	ExecOverflow uint8 = 8 // its completion went to the CQ overflow list: the CQ was full
)

// URingPrefix starts the name of every io_uring request's event,
// AIOPrefix every Linux AIO request's.
const (
	URingPrefix = "io_uring:"
	AIOPrefix   = "aio:"
)

// IsRequest reports whether e is an asynchronous request (io_uring or
// AIO), from its submission to its completion, rather than a syscall.
func (e *Event) IsRequest() bool {
	return e.IsURing() || len(e.Syscall) > len(AIOPrefix) && e.Syscall[:len(AIOPrefix)] == AIOPrefix
}

// IsURing reports whether e is an io_uring request rather than a syscall.
func (e *Event) IsURing() bool {
	return len(e.Syscall) > len(URingPrefix) && e.Syscall[:len(URingPrefix)] == URingPrefix
}

// What ior could not see of a path: bits of Event.PathStatus, shifted
// left by 4 for Path2. A path that is not whole is never shown as if it
// were a real one.
const (
	// PathUnknown: the fd the path comes from (the call's fd, or the
	// dirfd a relative name is relative to) is one ior cannot name (not
	// seen opened, not open at attach). Path is empty, or the relative
	// name as given.
	PathUnknown uint8 = 1
	// PathFault: the string could not be read from the process (a bad
	// pointer); Path is its address, 0x....
	PathFault uint8 = 2
	// PathCut: the string was longer than ior keeps (a path past
	// PATH_MAX); Path is its start.
	PathCut uint8 = 4
	// PathDeleted: the file was unlinked when the call ran (renamed
	// over, or removed while open); Path is the name it had, as
	// /proc/PID/fd shows it before " (deleted)".
	PathDeleted uint8 = 8
)

// PathStatusOf returns the status bits of path i (0: Path, 1: Path2).
func (e *Event) PathStatusOf(i int) uint8 { return e.PathStatus >> (4 * i) & 0xf }

// Duration is the time spent in the syscall, in nanoseconds.
func (e *Event) Duration() uint64 {
	if e.ExitNs < e.EnterNs {
		return 0
	}
	return e.ExitNs - e.EnterNs
}

// Restarted names the kernel's internal "restart the call" results
// (include/linux/errno.h), which a syscall interrupted by a signal
// returns at its exit tracepoint before the kernel issues it again: ior
// records that first attempt, as strace shows it ("? ERESTARTSYS").
// ok is false for any other result.
func Restarted(ret int64) (name string, ok bool) {
	switch ret {
	case -512:
		return "ERESTARTSYS", true
	case -513:
		return "ERESTARTNOINTR", true
	case -514:
		return "ERESTARTNOHAND", true
	case -516:
		return "ERESTART_RESTARTBLOCK", true
	}
	return "", false
}
