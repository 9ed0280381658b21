// Package decode turns the kernel side's raw records into calls: the
// event's fields filled in as the syscall table says, the path arguments
// as the process passed them. Naming fds and resolving paths is the fd
// table's part (internal/fdtable).
package decode

import (
	"encoding/binary"
	"strconv"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// Call is one decoded record (internal/calls: the stages after decode
// read it without depending on the record's layout or the loader).
type Call = calls.Call

// Decoder decodes records; it interns task names, which repeat. A
// traced program can make any number of names (a million added 140 MB
// when they were kept for ever), so the table is emptied once it holds
// maxComms: interning only saves memory, and nothing is lost.
type Decoder struct {
	comms map[string]string
	last  string // the last record's task name
	// lastRaw: the last record's comm bytes, whole (lastRawOK: there is
	// one): the same 16 bytes are the same name, told by two loads
	// instead of a scan for the NUL and a string compare.
	lastRaw   [probe.CommLen]byte
	lastRawOK bool
	names     map[uint64]name // the kernel side's names of files, by id
	// superseded: ids of names replaced by a later record, forgotten
	// oldest first past supersededKept (a ring from supersededAt).
	superseded   []uint64
	supersededAt int
	// mountNS: ior's mount namespace (SetMountNS); 0: unknown.
	mountNS uint64
	// The process table: each thread's entry and each process's last
	// (proc.go); what ior runs in (SetSelf), and its mounts (nil: names
	// in other namespaces stay in theirs).
	procs, procPID map[uint32]*event.Proc
	procLast       [procCells]procLast
	self           Self
	hosts          *mountTable
	// The last path argument of each position made a string, per
	// thread (a few threads, by tid, share a cell): a loop passes the
	// same one again, and comparing beats allocating.
	lastPath [pathCells][2]string
	// nameCells: names by id without the map (names.go).
	nameCells [nameCells]nameCell
	// execsLost: the processes whose lost exec the stages were told of
	// (Call.ExecLost), until the process record that says so comes.
	execsLost map[uint32]bool
}

// pathCells is how many threads' last paths the decoder keeps (a
// thread's cell: its tid modulo pathCells).
const pathCells = 64

// maxComms bounds the interned task names (16 bytes each at most).
const maxComms = 4096

// New returns a Decoder.
func New() *Decoder { return &Decoder{comms: map[string]string{}, names: map[uint64]name{}} }

func (d *Decoder) comm(b []byte) string {
	if string(b) == d.last {
		return d.last
	}
	s, ok := d.comms[string(b)]
	if !ok {
		if len(d.comms) >= maxComms {
			clear(d.comms)
		}
		s = string(b)
		d.comms[s] = s
	}
	d.last = s
	return s
}

// Decode fills c from r.
func (d *Decoder) Decode(r *probe.Raw, c *Call) {
	// Cleared in place, then set field by field: a composite literal
	// for the event was built on the stack and copied (some 300 bytes
	// twice per record: most of Decode's own time).
	*c = Call{}
	ev := &c.Event
	ev.PID, ev.TID, ev.EnterNs, ev.ExitNs, ev.Ret, ev.FD, ev.FD2 = r.PID, r.TID, r.EnterNs, r.ExitNs, r.Ret, -1, -1
	if !d.lastRawOK || r.Comm != d.lastRaw {
		d.comm(probe.CString(r.Comm[:])) // sets d.last
		d.lastRaw, d.lastRawOK = r.Comm, true
	}
	ev.Comm = d.last
	if len(r.Stack) > 0 {
		pcs := make([]uint64, 0, len(r.Stack)/8)
		for i := 0; i+8 <= len(r.Stack); i += 8 {
			// A zero ends the frame pointer chain (the outermost
			// frame's saved frame pointer): not a frame.
			if pc := binary.LittleEndian.Uint64(r.Stack[i:]); pc != 0 {
				pcs = append(pcs, pc)
			}
		}
		if len(pcs) > 0 {
			ev.Stack = &event.Stack{PCs: pcs}
		}
	}
	ev.Proc = d.procOf(r.PID, r.TID)
	switch {
	case r.ProcPending && r.Kind == probe.KindURing && ev.Proc != nil && ev.Proc != procUnknown:
		// Submitted while its process record was pending: this request
		// alone; its completion may come after the thread's next record.
		c.ProcOnce, c.ProcAfter = true, d.procKeep(r.PID, r.TID, ev.Proc)
		ev.Proc = procUnknown
	case r.ProcPending:
		// Its process record is lost (ring full): not the last one.
		ev.Proc, c.ProcUnknown = procUnknown, d.procLost(r.PID, r.TID)
	}
	if ev.Proc == procUnknown {
		ev.Proc, ev.ProcUnknown = nil, true
	}
	if r.ExecLost || r.Kind == probe.KindProc && r.Args[4]&probe.ProcExecLost != 0 {
		c.ExecLost = d.execLost(r.PID, r.Kind == probe.KindProc)
	}
	switch r.Kind {
	case probe.KindProc:
		c.Kind = calls.ProcInfo
		ev.Proc, ev.ProcUnknown = d.learnProc(r), false
		return
	case probe.KindExec:
		c.Kind, ev.Syscall = calls.Exec, "exec"
		// With -stacks: the program as exec was given it, its entry
		// point and its interpreter's base (see ExecImage).
		if r.SlotState[0]&probe.SlotOK != 0 {
			c.ExecPath = string(r.Slot[0])
		}
		c.ExecEntry, c.ExecBase = r.Args[0], r.Args[1]
		return
	case probe.KindFork:
		c.Kind, ev.Syscall = calls.Fork, "fork"
		c.ChildPID, c.ChildTID = uint32(r.Args[0]), uint32(r.Args[1])
		c.Thread, c.SharedFiles = r.Args[2]&probe.ForkThread != 0, r.Args[2]&probe.ForkFiles != 0
		return
	case probe.KindURing:
		d.uring(r, c)
		return
	case probe.KindName:
		c.Kind = calls.FileName
		d.learnName(r)
		return
	case probe.KindAIOIocb:
		c.Kind, c.AIOCtx, c.AIOIndex = calls.AIOIocb, r.Args[0], r.Args[1]
		if cbs := probe.AIOIocbs(r.Slot[probe.BlobSlot]); len(cbs) == 1 {
			cb := cbs[0]
			c.Iocb, c.IocbOK = calls.Iocb{Obj: cb.Obj, Data: cb.Data, NBytes: cb.NBytes, Offset: cb.Offset, FD: cb.FD, Op: cb.Op}, true
			ev.FD = cb.FD // the fd table names it
		}
		d.kernelNames(r, c)
		return
	case probe.KindAIOResult:
		c.Kind, c.AIOCtx, c.AIOIndex = calls.AIOResult, r.Args[0], r.Args[1]
		c.Result, c.ResultOK = ioEvent(r.Slot[probe.BlobSlot])
		return
	case probe.KindExit:
		// A wait status: exit code in bits 8-15, terminating signal in 0-6.
		c.Kind, ev.Syscall = calls.Exit, event.ExitName
		ev.Ret, ev.Flags = int64(r.Args[0]>>8&0xff), r.Args[0]&0x7f
		c.GroupDead = r.Args[1] != 0
		if c.GroupDead {
			d.forgetProc(r.PID, r.TID)
			delete(d.execsLost, r.PID)
		}
		return
	}
	sp := syscalls.ByNR(int(r.NR))
	if sp == nil {
		ev.Syscall = "syscall_" + strconv.Itoa(int(r.NR))
		return
	}
	c.Spec = sp
	c.NewFD = [2]int32{-1, -1}
	d.kernelNames(r, c)
	if sp.Family == "aio" {
		c.AIOCtx = r.Args[0]
	}
	// The struct slot, as its one kind says (syscalls.StructOf: the
	// kernel side filled it by the same kind).
	var blob []byte // the copied struct argument, for the table's Decode
	kind := syscalls.StructOf(sp)
	slot, st := r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot]
	blobOK := st&probe.SlotOK != 0
	switch {
	case !blobOK:
	case (kind == syscalls.StructNewFiles || kind == syscalls.StructNewFilesCopy) && sp.NewFDs == syscalls.NewFDTmpfile:
		// The unnamed file's dentry name (#INODE): the fd table names it
		// in its directory.
		c.NewFD[0], c.NewName[0] = probe.NewFileDName(slot)
	case (kind == syscalls.StructNewFiles || kind == syscalls.StructNewFilesCopy) && sp.NewFDs == syscalls.NewFDRights:
		c.NewFD, c.NewName, c.NewPriv, _ = probe.NewFilesReceived(slot)
	case kind == syscalls.StructNewFiles || kind == syscalls.StructNewFilesCopy:
		c.NewFD, c.NewName, c.NewPriv, _ = probe.NewFiles(slot)
	case kind == syscalls.StructMapFile:
		f, ok := probe.MapFileOf(slot)
		c.MapFile, c.MapFileOK = calls.MapFile{Ino: f.Ino, Dev: f.Dev, Gen: f.Gen}, ok
	case kind == syscalls.StructBlob || kind == syscalls.StructCopy && sp.Blob != syscalls.None:
		blob = slot
	}
	sp.Decode(&r.Args, r.Ret, blob, ev)
	effectArgs(sp, blob, c)
	if sp.Args != nil {
		var cp syscalls.Copied
		switch {
		case kind == syscalls.StructCopy && blobOK:
			cp = sp.ParseCopied(slot, st&probe.SlotFault != 0, st&probe.SlotTSFault != 0)
		case kind == syscalls.StructNewFilesCopy && blobOK:
			// accept: the address follows the new fd
			cp = sp.ParseCopied(slot[min(len(slot), probe.NewFilesLen):], st&probe.SlotFault != 0, st&probe.SlotTSFault != 0)
		}
		ev.Args = sp.Args(&r.Args, r.Ret, &cp)
	}
	if sp.Capture != 0 {
		captured(r, sp, ev)
	}
	for i, dst := range [2]*string{&ev.Path, &ev.Path2} {
		argn := sp.Path[i]
		if argn == syscalls.None {
			continue
		}
		c.Dirfd[i], c.Resolve[i] = sp.Dirfd(&r.Args, i)
		switch st := r.SlotState[i]; {
		case st&probe.SlotOK != 0:
			c.PathOK[i] = true
			last := &d.lastPath[r.TID%pathCells][i]
			if string(r.Slot[i]) != *last {
				*last = string(r.Slot[i])
			}
			*dst = *last
			if st&probe.SlotCut != 0 {
				ev.PathStatus |= event.PathCut << (4 * i)
			}
		default:
			// Unreadable: shown as its address, as strace does.
			*dst = "0x" + strconv.FormatUint(r.Args[argn], 16)
			ev.PathStatus |= event.PathFault << (4 * i)
		}
	}
	d.resolvedFiles(r, c)
}
