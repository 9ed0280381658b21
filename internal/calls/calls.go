// Package calls holds what a decoded kernel record is, as plain typed
// values: internal/decode fills a Call from a record, and the stages
// after it (the fd table, AIO pairing, the address space tracker) read
// it. It imports no loader package and holds no bytes to parse, so that
// those stages depend on what a call means, not on how the kernel side
// lays it out or how ior loads its programs.
package calls

import (
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
)

// Kind says what a call is.
type Kind uint8

const (
	Syscall   Kind = iota // a syscall; Spec says which (nil: not in the table)
	Exec                  // a traced task called exec
	Fork                  // a traced task made a task: Child, Thread, SharedFiles
	Exit                  // a traced task exited: an event "exit", Ret its exit code, Flags the signal
	URing                 // an io_uring request: Op says which (nil: one ior does not know)
	FileName              // the kernel side named a file (no event): later calls' Names use it
	AIOIocb               // one iocb of an io_submit, sent at its enter: Iocb (IocbOK; Event.FD its fd), AIOCtx, AIOIndex, Names[0]
	AIOResult             // one result of an io_getevents, sent at its exit: Result (ResultOK), AIOCtx
	ProcInfo              // what a thread runs in (the process table, no event): Event.Proc
)

// Call is one decoded record.
type Call struct {
	Kind  Kind
	Spec  *syscalls.Spec // the syscall's; nil for the other kinds
	Event event.Event    // Path and Path2: the arguments as passed, unresolved
	// For each path argument: whether it could be read from the process
	// (if not, the event's path is its address and PathStatus says
	// fault), whether it is a path to resolve, and the dirfd it is
	// relative to.
	PathOK  [2]bool
	Resolve [2]bool
	Dirfd   [2]int32
	// Fork: the new task, and what it shares with its parent.
	ChildPID, ChildTID  uint32
	Thread, SharedFiles bool
	// Exit: the whole process is gone.
	GroupDead bool
	// A call that made fds with no path (Spec.NewFDs): the fds (-1: none)
	// and their names as the kernel side read them at exit ("": unknown).
	NewFD   [2]int32
	NewName [2]string
	NewPriv [2]uint64 // their files' private data: an io_uring fd's ring
	// URing: the op, and the ring (its struct io_ring_ctx's address),
	// whose fixed-file slots are its own.
	Op   *uring.Op
	Ring uint64
	// AIOIocb: the iocb (IocbOK: the record held exactly one). AIOResult:
	// the struct io_event (ResultOK: the record held one whole), and
	// Extra, the request it completed, an event of its own, which comes
	// before the io_getevents' own (the AIO pairing stage makes it).
	Iocb     Iocb
	IocbOK   bool
	Result   IOEvent
	ResultOK bool
	Extra    []event.Event
	AIOCtx   uint64 // the AIO calls' context (argument 0)
	AIOIndex uint64 // AIOIocb, AIOResult: its index in its call
	// A mapping call (Spec.Filter): the file its mapping is of, when the
	// kernel side could tell (MapFileOK).
	MapFile   MapFile
	MapFileOK bool
	// name_to_handle_at, open_by_handle_at: the struct file_handle
	// copied, as a key naming it (its type and bytes); "": none whole.
	Handle string
	// io_uring_register: the fds REGISTER_FILES gave (as many as were
	// copied, up to its count), and the first slot an update changes
	// (RegOffsetOK: it was copied).
	RegFDs      []int32
	RegOffset   uint32
	RegOffsetOK bool
	// Exec, with -stacks: the program's path as exec was given it ("":
	// not recorded), its entry point (AT_ENTRY) and its interpreter's
	// load address (AT_BASE; 0: none).
	ExecPath            string
	ExecEntry, ExecBase uint64
	// Names: the files the call used as the kernel side named them
	// (which ones: the probe's desc): [i] the base of path i, or [0] the
	// fd of a call with no path.
	Names [2]Name
	// ProcUnknown: the first of the thread's calls since its process
	// record was lost (ring full, not sent again yet): from this call on,
	// until the next record, the thread's process is not known (Event.Proc
	// nil), and the recording's process table must say so (a 'P' record
	// of zeros) before this call, or a reader joins it to the last one.
	ProcUnknown bool
	// ProcOnce: this call alone's process is not known (an io_uring
	// request submitted while its thread's process record was pending,
	// whose completion may come after the thread's next record): the
	// recording says so before it (a 'P' record of zeros) and gives the
	// thread ProcAfter again after it.
	ProcOnce  bool
	ProcAfter *event.Proc
	// ExecLost: the process's exec record was lost (the ring full), and
	// this is the first call since that says so (the record's mark, or
	// the process record that ends it): what the stages knew of its old
	// image (close-on-exec fds, mappings) is to be dropped first, as an
	// exec would have.
	ExecLost bool
}

// NameState is what the kernel side could tell of a file a call used.
type NameState uint8

const (
	NameNone   NameState = iota // the kernel side did not look (an older recording, a call with no such file)
	NameOK                      // named: Name.Path
	NameNoFile                  // no file at that fd
	NameRaced                   // the fd changed during the call
	NameLost                    // its name was not received, or could not be named whole
)

// Name is what the kernel side said of a file a call used (the fd it
// works on, or the base its path is relative to: dirfd, cwd or root),
// read from the task's own tables when the call ran.
type Name struct {
	State   NameState
	Path    string // NameOK: the file's name, as /proc/PID/fd shows it
	Deleted bool   // NameOK: unlinked when the call ran
}

// MapFile is the file a mapping is of, as the kernel side read it from
// the vma: the same file, mapped by any process, has the same MapFile,
// and another file another one.
type MapFile struct {
	Ino uint64
	Dev uint32 // the file system's device (s_dev)
	Gen uint32 // the inode's generation
}

// Iocb is one iocb of an io_submit: the user's iocb address, which
// io_getevents' results name, its aio_data, and what it asks.
type Iocb struct {
	Obj, Data, NBytes uint64
	Offset            int64
	FD                int32
	Op                uint16 // IOCB_CMD_*
}

// IOEvent is one result io_getevents returned (struct io_event): the
// request's aio_data and iocb address, and its result.
type IOEvent struct {
	Data, Obj uint64
	Res       int64
}
