package recording

import (
	"encoding/binary"
	"fmt"

	"github.com/ior-tracer/ior/internal/event"
)

// Version 6's event record (docs/recording-format.md, "Events"): a
// thread's calls of one syscall mostly repeat everything but their
// times (an I/O loop: the same file, fd, count, result), so an event is
// written against a reference, its thread's previous event of the same
// syscall, and holds only what differs from it. The common record is
// then its thread, its syscall, a bit mask of 0 and its two times: some
// 10 bytes with the record's type and length, instead of version 5's
// 27, which zstd compresses faster, and better when threads interleave.
//
// Writer and reader keep the same references: per thread nRefs slots,
// found by syscall, a new syscall taking the slots in turn; the threads
// are all forgotten at a string table reset (their string ids are gone)
// and when a new thread finds maxRefThreads of them.

// The fields an event record holds when they differ from the reference,
// in this order, after its times; bits of its mask.
const (
	bitPID = 1 << iota
	bitComm
	bitRet
	bitBytes
	bitFD
	bitFD2
	bitPath
	bitPath2
	bitFlags
	bitMode
	bitOffset // zigzag, a delta from the reference's offset
	bitLen
	bitPathStatus
	bitStack
	bitArgs
	bitUserData
	bitSlot
	bitSqeFlags
	bitExec
	bitFile
	bitFile2
	bitFileStatus
	bitCaptures // version 5's captured values (captures.go); never a reference's
	bitsKnown   = bitCaptures<<1 - 1
)

const (
	nRefs = 4
	// maxRefThreads bounds the threads both sides keep references for
	// (a reader's some 750 bytes each, a writer's 1.4 KiB: 12 and 23 MiB).
	maxRefThreads = 1 << 14
)

// ref is one reference: the values of the thread's previous event of a
// syscall (strings by id).
type ref struct {
	syscall     uint64 // its string id + 1; 0: a free slot
	pid         uint32
	comm        uint64
	ret, bytes  int64
	fd, fd2     int32
	path, path2 uint64
	flags, mode uint64
	offset      int64
	len         uint64
	pathStatus  uint8
	stack       uint64
	args        uint64
	userData    uint64
	slot1       uint32
	sqeFlags    uint8
	exec        uint8
	file, file2 uint64
	fileStatus  uint8
}

// refs is one thread's: the exit time of its previous event (the base
// of the next one's enter time) and its references.
type refs struct {
	exit uint64
	next uint8 // the slot a syscall without one takes
	refs [nRefs]ref
}

// find returns the slot of syscall key (its string id + 1), taking the
// next in turn, emptied, if it has none (new: true).
func (t *refs) find(key uint64) (i int, isNew bool) {
	for i := range t.refs {
		if t.refs[i].syscall == key {
			return i, false
		}
	}
	i = int(t.next)
	t.next = (t.next + 1) % nRefs
	t.refs[i] = ref{syscall: key, fd: -1, fd2: -1}
	return i, true
}

// refTable is the threads' references, bounded (see maxRefThreads).
type refTable[T any] struct {
	m        map[uint32]*T
	tid      uint32
	last     *T
	prevExit uint64 // the previous event's exit: a new thread's base
}

func (r *refTable[T]) get(tid uint32, init func(*T, uint64)) *T {
	if r.last != nil && r.tid == tid {
		return r.last
	}
	t := r.m[tid]
	if t == nil {
		if r.m == nil {
			r.m = map[uint32]*T{}
		}
		if len(r.m) >= maxRefThreads {
			clear(r.m)
		}
		t = new(T)
		init(t, r.prevExit)
		r.m[tid] = t
	}
	r.tid, r.last = tid, t
	return t
}

func (r *refTable[T]) reset() {
	clear(r.m)
	r.last = nil
}

// wthread is a writer's thread: the references, and per slot the
// strings their ids stand for and the aggregate group of its last event
// (comparing strings beats hashing them).
type wthread struct {
	refs
	strs [nRefs][7]string // syscall, comm, path, path2, args, file, file2
	agg  [nRefs]aggCache
}

func initWThread(t *wthread, exit uint64) { t.exit = exit }
func initRThread(t *refs, exit uint64)    { t.exit = exit }

// cachedStr returns s's string id, reusing id when s is the string
// *last it was made for.
func (w *Writer) cachedStr(s string, last *string, id uint64) uint64 {
	if s == *last && (id != 0 || s == "") {
		return id
	}
	*last = s
	return w.str(s)
}

// appendEvent6 appends ev's version 6 event record's payload to b.
func (w *Writer) appendEvent6(b []byte, ev *event.Event, stack uint64) ([]byte, *aggCache) {
	th := w.threads.get(ev.TID, initWThread)
	i := -1
	for j := range th.refs.refs {
		if th.refs.refs[j].syscall != 0 && th.strs[j][0] == ev.Syscall {
			i = j
			break
		}
	}
	if i < 0 {
		var isNew bool
		i, isNew = th.find(w.str(ev.Syscall) + 1)
		if isNew {
			th.strs[i] = [7]string{ev.Syscall}
			th.agg[i] = aggCache{}
		}
	}
	r, s := &th.refs.refs[i], &th.strs[i]
	b = binary.AppendUvarint(b, uint64(ev.TID))
	b = binary.AppendUvarint(b, r.syscall-1)
	ids := [6]uint64{
		w.cachedStr(ev.Comm, &s[1], r.comm), w.cachedStr(ev.Path, &s[2], r.path), w.cachedStr(ev.Path2, &s[3], r.path2),
		w.cachedStr(ev.Args, &s[4], r.args), w.cachedStr(ev.File, &s[5], r.file), w.cachedStr(ev.File2, &s[6], r.file2),
	}
	var m uint64
	set := func(bit uint64, differs bool) {
		if differs {
			m |= bit
		}
	}
	set(bitPID, ev.PID != r.pid)
	set(bitComm, ids[0] != r.comm)
	set(bitRet, ev.Ret != r.ret)
	set(bitBytes, ev.Bytes != r.bytes)
	set(bitFD, ev.FD != r.fd)
	set(bitFD2, ev.FD2 != r.fd2)
	set(bitPath, ids[1] != r.path)
	set(bitPath2, ids[2] != r.path2)
	set(bitFlags, ev.Flags != r.flags)
	set(bitMode, ev.Mode != r.mode)
	set(bitOffset, ev.Offset != r.offset)
	set(bitLen, ev.Len != r.len)
	set(bitPathStatus, ev.PathStatus != r.pathStatus)
	set(bitStack, stack != r.stack)
	set(bitArgs, ids[3] != r.args)
	set(bitUserData, ev.UserData != r.userData)
	set(bitSlot, ev.Slot1 != r.slot1)
	set(bitSqeFlags, ev.SqeFlags != r.sqeFlags)
	set(bitExec, ev.Exec != r.exec)
	set(bitFile, ids[4] != r.file)
	set(bitFile2, ids[5] != r.file2)
	set(bitFileStatus, ev.FileStatus != r.fileStatus)
	caps := captureBits(ev)
	set(bitCaptures, caps != 0)
	b = binary.AppendUvarint(b, m)
	d := ev.Duration()
	b = binary.AppendUvarint(b, zig(int64(ev.EnterNs-th.exit)))
	b = binary.AppendUvarint(b, d)
	th.exit = ev.EnterNs + d // as the reader makes it
	w.threads.prevExit = th.exit
	if m != 0 {
		b = appendDiffs(b, m, ev, r, ids, stack)
		if caps != 0 {
			b = w.appendCaptures(b, ev, caps)
		}
		*r = ref{syscall: r.syscall, pid: ev.PID, comm: ids[0], ret: ev.Ret, bytes: ev.Bytes, fd: ev.FD, fd2: ev.FD2,
			path: ids[1], path2: ids[2], flags: ev.Flags, mode: ev.Mode, offset: ev.Offset, len: ev.Len,
			pathStatus: ev.PathStatus, stack: stack, args: ids[3], userData: ev.UserData, slot1: ev.Slot1,
			sqeFlags: ev.SqeFlags, exec: ev.Exec, file: ids[4], file2: ids[5], fileStatus: ev.FileStatus}
	}
	return b, &th.agg[i]
}

// appendDiffs appends the fields of mask m, as they differ from r.
func appendDiffs(b []byte, m uint64, ev *event.Event, r *ref, ids [6]uint64, stack uint64) []byte {
	for _, f := range [...]struct {
		bit uint64
		v   uint64
	}{
		{bitPID, uint64(ev.PID)}, {bitComm, ids[0]}, {bitRet, zig(ev.Ret)}, {bitBytes, zig(ev.Bytes)},
		{bitFD, zig(int64(ev.FD))}, {bitFD2, zig(int64(ev.FD2))}, {bitPath, ids[1]}, {bitPath2, ids[2]},
		{bitFlags, ev.Flags}, {bitMode, ev.Mode}, {bitOffset, zig(ev.Offset - r.offset)}, {bitLen, ev.Len},
		{bitPathStatus, uint64(ev.PathStatus)}, {bitStack, stack}, {bitArgs, ids[3]}, {bitUserData, ev.UserData},
		{bitSlot, uint64(ev.Slot1)}, {bitSqeFlags, uint64(ev.SqeFlags)}, {bitExec, uint64(ev.Exec)},
		{bitFile, ids[4]}, {bitFile2, ids[5]}, {bitFileStatus, uint64(ev.FileStatus)},
	} {
		if m&f.bit != 0 {
			b = binary.AppendUvarint(b, f.v)
		}
	}
	return b
}

// event6 reads a version 6 event record.
func (r *Reader) event6(p []byte, ev *event.Event) error {
	f := fields{b: p}
	ev.TID = f.u32()
	sc := f.u()
	if f.err == nil && sc >= uint64(len(r.strs)) {
		return fmt.Errorf("string %d not defined", sc)
	}
	m := f.u()
	if f.err == nil && m&^bitsKnown != 0 {
		return fmt.Errorf("unknown fields %#x", m&^bitsKnown)
	}
	gap, d := unzig(f.u()), f.u()
	if f.err != nil {
		return f.err
	}
	th := r.threads.get(ev.TID, initRThread)
	i, _ := th.find(sc + 1)
	ref := &th.refs[i]
	ev.EnterNs = th.exit + uint64(gap)
	ev.ExitNs = ev.EnterNs + d
	th.exit, r.threads.prevExit = ev.ExitNs, ev.ExitNs
	str := func(id *uint64) {
		if v := f.u(); f.err == nil && v >= uint64(len(r.strs)) {
			f.err = fmt.Errorf("string %d not defined", v)
		} else {
			*id = v
		}
	}
	if m&bitPID != 0 {
		ref.pid = f.u32()
	}
	if m&bitComm != 0 {
		str(&ref.comm)
	}
	if m&bitRet != 0 {
		ref.ret = unzig(f.u())
	}
	if m&bitBytes != 0 {
		ref.bytes = unzig(f.u())
	}
	if m&bitFD != 0 {
		ref.fd = int32(unzig(f.u()))
	}
	if m&bitFD2 != 0 {
		ref.fd2 = int32(unzig(f.u()))
	}
	if m&bitPath != 0 {
		str(&ref.path)
	}
	if m&bitPath2 != 0 {
		str(&ref.path2)
	}
	if m&bitFlags != 0 {
		ref.flags = f.u()
	}
	if m&bitMode != 0 {
		ref.mode = f.u()
	}
	if m&bitOffset != 0 {
		ref.offset += unzig(f.u())
	}
	if m&bitLen != 0 {
		ref.len = f.u()
	}
	if m&bitPathStatus != 0 {
		ref.pathStatus = uint8(f.u())
	}
	if m&bitStack != 0 {
		if v := f.u(); f.err == nil && v > uint64(len(r.stacks)) {
			f.err = fmt.Errorf("stack %d not defined", v)
		} else {
			ref.stack = v
		}
	}
	if m&bitArgs != 0 {
		str(&ref.args)
	}
	if m&bitUserData != 0 {
		ref.userData = f.u()
	}
	if m&bitSlot != 0 {
		ref.slot1 = f.u32()
	}
	if m&bitSqeFlags != 0 {
		ref.sqeFlags = uint8(f.u())
	}
	if m&bitExec != 0 {
		ref.exec = uint8(f.u())
	}
	if m&bitFile != 0 {
		str(&ref.file)
	}
	if m&bitFile2 != 0 {
		str(&ref.file2)
	}
	if m&bitFileStatus != 0 {
		ref.fileStatus = uint8(f.u())
	}
	if f.err != nil {
		// The reference may be half updated: nothing reads on after
		// an error.
		return f.err
	}
	s := r.strs
	ev.Syscall, ev.PID, ev.Comm = s[sc], ref.pid, s[ref.comm]
	ev.Ret, ev.Bytes, ev.FD, ev.FD2 = ref.ret, ref.bytes, ref.fd, ref.fd2
	ev.Path, ev.Path2, ev.Flags, ev.Mode = s[ref.path], s[ref.path2], ref.flags, ref.mode
	ev.Offset, ev.Len, ev.PathStatus = ref.offset, ref.len, ref.pathStatus
	ev.Stack = nil
	if ref.stack != 0 {
		ev.Stack = r.stacks[ref.stack-1]
	}
	ev.Args = s[ref.args]
	ev.UserData, ev.Slot1, ev.SqeFlags, ev.Exec = ref.userData, ref.slot1, ref.sqeFlags, ref.exec
	ev.File, ev.File2, ev.FileStatus = s[ref.file], s[ref.file2], ref.fileStatus
	ev.OffIn, ev.OffOut, ev.OffState, ev.Flock = 0, 0, 0, nil
	ev.Argv, ev.ArgvCut, ev.ArgvFault, ev.Envc, ev.EnvcCut = nil, false, false, 0, false
	if m&bitCaptures != 0 {
		f.readCaptures(r.strs, ev)
	}
	ev.Proc = r.procOf(ev.PID, ev.TID)
	if f.err == nil && len(f.b) > 0 {
		return fmt.Errorf("%d bytes past the event's fields", len(f.b))
	}
	return f.err
}
