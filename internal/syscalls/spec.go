//go:build linux && amd64

package syscalls

import (
	"encoding/binary"

	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Effect is what a syscall does to the fd table or cwd when it succeeds.
type Effect uint8

const (
	EffectNone            Effect = iota
	EffectOpen                   // ret is a new fd naming Path[0]
	EffectOpenByHandle           // ret is a new fd naming the file behind the handle
	EffectNameToHandle           // remembers handle -> Path[0]
	EffectClose                  // FD is released
	EffectCloseRange             // FD..FD2 released, or marked close-on-exec
	EffectDup                    // ret is a copy of FD
	EffectDupTo                  // FD2 (== ret) becomes a copy of FD
	EffectFcntl                  // F_DUPFD*, F_SETFD
	EffectChdir                  // cwd = Path[0]
	EffectFchdir                 // cwd = path of FD
	EffectIOUringSetup           // ret is an io_uring fd
	EffectIOUringRegister        // changes a ring's fixed-file table
	EffectAIOSubmit              // the first ret of its iocbs (records of their own) are requests in flight
	EffectAIOReap                // its results (records of their own) completed requests in flight
	EffectAIODestroy             // the context's requests in flight are gone
	EffectNewFiles               // fds the kernel side named at exit (NewFDs): pipes, sockets, eventfds ...
	EffectNewTask                // ret is a new task's id (fd tables follow the scheduler's fork hook)
	EffectLinkFD                 // linkat with AT_EMPTY_PATH gives an unnamed fd (O_TMPFILE) the name Path2
	EffectMapFile                // FD's file is mapped: its path is what names the mapping's file (Call.MapFile)
	EffectOnMapping              // the call works on a mapping: named by the file it maps (Call.MapFile)
)

// None marks an absent argument.
const None = -1

// Raw marks a path argument that is stored as given, never resolved
// (the target of a symlink is text, not a path relative to anything).
const Raw = -2

// Spec describes one syscall. Argument positions are 0-based; None means
// the syscall has no such argument.
type Spec struct {
	Name   string // as in the tracepoint name sys_enter_<Name>
	NR     int
	Family string // one of Families
	Effect Effect
	Path   [2]int8 // user string arguments
	Dir    [2]int8 // dirfd each path is relative to; None: cwd; Raw: not a path
	FD     int8    // the fd operated on
	FD2    int8    // a second fd (dup2/dup3 target, close_range end)
	Flags  int8
	Mode   int8
	Offset int8 // a file offset passed by value
	Len    int8 // a length asked for (count, len, size)
	Blob   int8 // a struct argument copied at exit
	// BlobLen is how many bytes of Blob to copy.
	BlobLen uint8
	// Bytes: a non-negative return value counts bytes transferred.
	Bytes bool
	// Wide: bit n says argument n is a long (unsigned long, size_t,
	// loff_t). Every other argument is an int to the kernel and is
	// decoded from the low 32 bits of its register, as the kernel reads
	// it: what the upper bits hold is garbage the kernel never sees.
	Wide uint8
	// NewFDs: the call makes fds that have no path (NewFDRet, NewFDPair,
	// NewFDTmpfile, NewFDIoctl);
	// the kernel side names them at exit. Cloexec is the bit of Flags
	// that makes them close-on-exec (0: O_CLOEXEC; NoCloexecFlag: none).
	NewFDs  uint8
	Cloexec uint64
	// Filter: the kernel side records only some calls (FilterMapFile,
	// FilterFileVMA); zero: every call.
	Filter uint8
	// Addr: a non-negative return value is an address (mmap, mremap),
	// which differs on every run.
	Addr bool
	// StrMax: how much of each path argument the kernel reads (StrPath,
	// StrXattr, StrMemfd): ior reads the same, and a string with no NUL
	// within it is cut, as the kernel refused it.
	StrMax [2]uint8
	// Exec: the call replaces the process's image when it succeeds; its
	// path is never read from user memory after it.
	Exec bool
	// BlobSize: how many bytes of Blob the kernel side copies (BlobFixed:
	// BlobLen; BlobHandle, BlobEvents, BlobSized, BlobURingRegister: what
	// the kernel read or wrote). BlobSized copies BlobLen bytes when
	// argument BlobArg (the struct's size) is at least BlobMin.
	BlobSize uint8
	BlobArg  int8
	BlobMin  uint8
	// ModeIf: Mode is an argument only when Flags has one of these bits
	// (open's mode without O_CREAT or O_TMPFILE is ignored by the kernel,
	// and not recorded); 0: always.
	ModeIf uint64
	// LenInt: Len is an int (unsigned int) to the kernel (getdents'
	// count, readlink's bufsiz, sendmmsg's vlen): its low 32 bits.
	// Every other Len is a size_t, read whole.
	LenInt bool
	// Short: bit n says argument n is a umode_t, which the kernel reads
	// from the low 16 bits of its register.
	Short uint8
	// Hook decodes what the positions above cannot say (a constant, a
	// field of the copied struct); it runs last.
	Hook func(args *[6]uint64, blob []byte, ev *event.Event)
	// Copy: Blob is a struct whose length the call passes (CopyEnter,
	// CopyExit, CopyValRes), at most BlobLen bytes of it; CopyLen is
	// the argument holding its length (CopyValRes: a pointer to it; None:
	// BlobLen bytes), in elements of 1<<CopyShift bytes. TS: a timeout
	// argument (timespec, timeval) read at enter; it needs Copy set.
	Copy      uint8
	CopyLen   int8
	CopyShift uint8
	TS        int8
	// Args renders into Event.Args what no field above holds: an
	// address, a socket option's value, a pollfd array, a timeout.
	Args func(args *[6]uint64, ret int64, c *Copied) string
	// Capture: a value behind a pointer that the kernel side reads when
	// the kernel does (CaptureOffsets, CaptureFlock, CaptureArgv), from
	// the arguments CapArg (None: none). NameFD2: FD2 is a file the call
	// uses, named by the kernel side into Path2 as FD is into Path.
	Capture uint8
	CapArg  [2]int8
	NameFD2 bool
	// ArgDescs names and types the recorded arguments, in the call's
	// order (table_args.go); every output walks them. Result, when set,
	// says what a successful call's result is when it is not a number
	// (fcntl F_GETFL's file status flags); nil: none.
	ArgDescs []arg.Desc
	Result   func(*event.Event) *arg.Desc
}

// Copied is what the kernel side copied for a Copy syscall.
type Copied struct {
	OK bool // the slot was there (not for a failed accept)
	// Len: the length the call passed (CopyValRes: the kernel's at
	// exit, 0 for a failed call); ULen: CopyValRes: the caller's buffer.
	Len, ULen uint32
	Data      []byte // the struct's bytes (fewer than Len: cut to BlobLen or the buffer)
	Fault     bool   // the struct could not be read
	TS        []byte // the timeout (TSLen bytes; zero when the pointer was NULL)
	TSFault   bool   // the timeout could not be read at enter
}

// byNR is a slice indexed by number, not a map: it is looked up once
// per event.
var byNR = func() []*Spec {
	n := 0
	for i := range Table {
		n = max(n, Table[i].NR+1)
	}
	a := make([]*Spec, n)
	for i := range Table {
		a[Table[i].NR] = &Table[i]
	}
	return a
}()

var byName = func() map[string]*Spec {
	m := make(map[string]*Spec, len(Table))
	for i := range Table {
		m[Table[i].Name] = &Table[i]
	}
	return m
}()

// ByNR returns the spec of syscall number nr, or nil.
func ByNR(nr int) *Spec {
	if nr < 0 || nr >= len(byNR) {
		return nil
	}
	return byNR[nr]
}

// ByName returns the spec of the named syscall, or nil.
func ByName(name string) *Spec { return byName[name] }

// Names lists every traced syscall, in table order.
func Names() []string {
	names := make([]string, len(Table))
	for i := range Table {
		names[i] = Table[i].Name
	}
	return names
}

// CloexecOf reports whether the fds a call made are close-on-exec.
func (sp *Spec) CloexecOf(flags uint64) bool {
	switch sp.Cloexec {
	case 0:
		return flags&unix.O_CLOEXEC != 0
	case NoCloexecFlag:
		return false
	case AlwaysCloexec:
		return true
	}
	return flags&sp.Cloexec != 0
}

// fdArg is an int argument as the kernel reads it: the low 32 bits.
func fdArg(v uint64) int32 { return int32(uint32(v)) }

// intArg is argument n as the kernel reads it: all 64 bits of a long,
// the low 32 of an int.
func (sp *Spec) intArg(args *[6]uint64, n int8) uint64 {
	if sp.Wide&(1<<n) != 0 {
		return args[n]
	}
	if sp.Short&(1<<n) != 0 {
		return uint64(uint16(args[n]))
	}
	return uint64(uint32(args[n]))
}

// Decode fills ev's argument fields from the call's registers, its
// return value and its copied struct, as the table says.
func (sp *Spec) Decode(args *[6]uint64, ret int64, blob []byte, ev *event.Event) {
	ev.Syscall = sp.Name
	if sp.FD != None {
		ev.FD = fdArg(args[sp.FD])
	}
	if sp.FD2 != None {
		ev.FD2 = fdArg(args[sp.FD2])
	}
	if sp.Flags != None {
		ev.Flags = sp.intArg(args, sp.Flags)
	}
	if sp.Mode != None && (sp.ModeIf == 0 || ev.Flags&sp.ModeIf != 0) {
		ev.Mode = sp.intArg(args, sp.Mode)
	}
	if sp.Offset != None {
		ev.Offset = int64(args[sp.Offset])
	}
	if sp.Len != None {
		ev.Len = args[sp.Len]
		if sp.LenInt {
			ev.Len = uint64(uint32(ev.Len))
		}
	}
	if sp.Bytes && ret > 0 {
		ev.Bytes = ret
	}
	if sp.Hook != nil {
		sp.Hook(args, blob, ev)
	}
}

// ParseCopied reads a Copy syscall's struct slot (after the new fds'
// part for a call that makes fds): the head, the timeout, the bytes.
func (sp *Spec) ParseCopied(slot []byte, fault, tsFault bool) Copied {
	c := Copied{Fault: fault, TSFault: tsFault}
	if len(slot) < CopiedHeadLen {
		return c
	}
	c.OK = true
	c.Len, c.ULen = binary.LittleEndian.Uint32(slot), binary.LittleEndian.Uint32(slot[4:])
	slot = slot[CopiedHeadLen:]
	if sp.TS != None {
		if len(slot) < TSLen {
			return Copied{}
		}
		c.TS, slot = slot[:TSLen], slot[TSLen:]
	}
	c.Data = slot
	return c
}

// Dirfd returns the dirfd path argument i is relative to (AT_FDCWD for
// the cwd), and false when the argument is not a path to resolve.
func (sp *Spec) Dirfd(args *[6]uint64, i int) (int32, bool) {
	switch d := sp.Dir[i]; d {
	case Raw:
		return 0, false
	case None:
		return unix.AT_FDCWD, true
	default:
		return fdArg(args[d]), true
	}
}

// ReturnsFD reports whether a successful call ev returned a new fd.
func (sp *Spec) ReturnsFD(ev *event.Event) bool {
	switch sp.Effect {
	case EffectOpen, EffectOpenByHandle, EffectDup, EffectDupTo, EffectIOUringSetup:
		return true
	case EffectNewFiles:
		return sp.NewFDs == NewFDRet || sp.NewFDs == NewFDIoctl && ev.FD2 >= 0 && int64(ev.FD2) == ev.Ret
	case EffectFcntl:
		return FcntlDups(ev.Flags)
	}
	return false
}

// FcntlDups reports whether fcntl command cmd duplicates the fd.
func FcntlDups(cmd uint64) bool { return cmd == unix.F_DUPFD || cmd == unix.F_DUPFD_CLOEXEC }

// FcntlLocks reports whether fcntl command cmd takes a struct flock.
func FcntlLocks(cmd uint64) bool {
	switch cmd {
	case unix.F_GETLK, unix.F_SETLK, unix.F_SETLKW, unix.F_OFD_GETLK, unix.F_OFD_SETLK, unix.F_OFD_SETLKW:
		return true
	}
	return false
}
