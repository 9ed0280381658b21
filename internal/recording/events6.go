package recording

import (
	"encoding/binary"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
)

// (Past 350 lines: the writer of the event blocks in one piece — its
// per-event comparisons against the reference are written out field by
// field, not looped over a table, on the hottest path of the user side,
// and the columns they feed are flushed beside them.)
//
// Version 6's events (docs/recording-format.md, "Events in blocks"): a
// thread's calls of one syscall mostly repeat everything but their
// times (an I/O loop: the same file, fd, count, result), so an event is
// written against a reference, its thread's previous event of the same
// syscall, and holds only what differs from it. Events come in blocks
// ('B'), by column: their threads, their syscalls, their masks, their
// enter times, their durations, then the fields that differ. An I/O
// loop's next call is then 7 bytes (version 6: 8, 5: 27), in columns that
// repeat (one long zstd match) or hold only times: zstd does a third
// of the work, and compresses better, most when threads interleave.
//
// Writer and reader keep the same references: per thread nRefs slots,
// found by syscall, a new syscall taking the slots in turn; the threads
// are all forgotten at a string table reset (their string ids are gone)
// and when a new thread finds maxRefThreads of them.

// The fields an event holds when they differ from its reference, in
// this order; bits of its mask.
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
	// mask: the mask of the reference's event (version 7 stores an
	// event's mask XOR its reference's: a loop's events, which differ
	// in the same fields each time, then store 0).
	mask uint64
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
	// cells: threads of m by tid modulo refCells, found without the map
	// when threads interleave; emptied whenever m is.
	cells [refCells]refCell[T]
}

// refCells is how many threads a refTable finds without its map.
const refCells = 64

type refCell[T any] struct {
	tid uint32
	t   *T
}

func (r *refTable[T]) get(tid uint32, init func(*T, uint64)) *T {
	if r.last != nil && r.tid == tid {
		return r.last
	}
	c := &r.cells[tid%refCells]
	t := c.t
	if t == nil || c.tid != tid {
		t = r.m[tid]
	}
	if t == nil {
		if r.m == nil {
			r.m = map[uint32]*T{}
		}
		if len(r.m) >= maxRefThreads {
			clear(r.m)
			clear(r.cells[:])
		}
		t = new(T)
		init(t, r.prevExit)
		r.m[tid] = t
	}
	*c = refCell[T]{tid: tid, t: t}
	r.tid, r.last = tid, t
	return t
}

func (r *refTable[T]) reset() {
	clear(r.m)
	clear(r.cells[:])
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

// sameHeader reports whether a and b are the same bytes at the same
// address (or both empty): then a == b, told without a call. The
// decoder and the fd table hand a repeated value's string again (an
// interned name, a cached path), so this is the common case; when it
// fails the strings may still be equal (cachedStr compares them).
func sameHeader(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

// Columns of a block ('B'): each event's values go to the column of
// their kind, so that zstd finds a loop's repetition in the first three
// (one long match) and sees the times together. Version 7 splits each
// time into its low byte and the rest (the value >> 8): the low bytes
// are noise, the rest nearly constant, and apart zstd codes both better
// (its literals' Huffman table no longer mixes them) and finds its
// matches faster. And its thread column holds each event's tid as a
// zigzag delta from the block's previous event's (the first's from 0):
// a thread's run of events is a run of zeros, a byte each instead of a
// tid's two or three, which zstd gets through faster. Version 6 had one
// column per time, as a uvarint (colEnter, colDuration; v6Cols), and
// the tids as they are.
const (
	colTID = iota
	colSyscall
	colMask
	colEnter    // version 7: the enter gap >> 8; version 6: the whole gap
	colDuration // version 7: the duration >> 8; version 6: the whole duration
	colEnterLo  // version 7: the enter gap's low byte, one per event
	colDurationLo
	colFields // the fields of each event's mask, in event order
	nCols
)

// v6Cols are version 6's columns, in its order.
var v6Cols = [...]int{colTID, colSyscall, colMask, colEnter, colDuration, colFields}

// Bounds of a block: a writer ends one at maxBlockEvents events or
// blockBytes bytes of columns (an event is at most some 20 KiB: 1024
// argv ids), so that it stays under maxRecord; a reader refuses more
// events.
const (
	maxBlockEvents = 8192
	blockBytes     = 256 << 10
)

// block is the events a writer holds until it writes them as one 'B'.
type block struct {
	n     int
	bytes int
	tid   uint32 // the last event's thread (0 before the block's first)
	cols  [nCols][]byte
	buf   []byte // the record (not Writer.buf: a record being made there flushes the block)
}

// groupBits are the fields of an aggregate's key an event can differ
// from its reference in (syscall and tid are the reference's own).
const groupBits = bitPID | bitComm | bitRet | bitPath

// appendEvent6 adds ev to the block. It returns the aggregate group
// cache of ev's reference, and whether ev's group is the one cached:
// its key's fields are all the reference's (which are the previous
// event's of the same thread and syscall, the cache's).
func (w *Writer) appendEvent6(ev *event.Event, stack uint64) (*aggCache, bool) {
	th := w.threads.get(ev.TID, initWThread)
	i := -1
	for j := range th.refs.refs {
		if th.refs.refs[j].syscall != 0 && (sameHeader(th.strs[j][0], ev.Syscall) || th.strs[j][0] == ev.Syscall) {
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
	// The strings' ids: the reference's when the string is the one its
	// id was made for (s), told without a call when it is the same
	// string header (cachedStr otherwise).
	ids := [6]uint64{r.comm, r.path, r.path2, r.args, r.file, r.file2}
	if !sameHeader(ev.Comm, s[1]) {
		ids[0] = w.cachedStr(ev.Comm, &s[1], r.comm)
	}
	if !sameHeader(ev.Path, s[2]) {
		ids[1] = w.cachedStr(ev.Path, &s[2], r.path)
	}
	if !sameHeader(ev.Path2, s[3]) {
		ids[2] = w.cachedStr(ev.Path2, &s[3], r.path2)
	}
	if !sameHeader(ev.Args, s[4]) {
		ids[3] = w.cachedStr(ev.Args, &s[4], r.args)
	}
	if !sameHeader(ev.File, s[5]) {
		ids[4] = w.cachedStr(ev.File, &s[5], r.file)
	}
	if !sameHeader(ev.File2, s[6]) {
		ids[5] = w.cachedStr(ev.File2, &s[6], r.file2)
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
	c := &w.blk.cols
	before := len(c[colFields])
	c[colTID] = binary.AppendUvarint(c[colTID], zig(int64(ev.TID)-int64(w.blk.tid)))
	w.blk.tid = ev.TID
	c[colSyscall] = binary.AppendUvarint(c[colSyscall], r.syscall-1)
	c[colMask] = binary.AppendUvarint(c[colMask], m^r.mask)
	r.mask = m
	d := ev.Duration()
	gap := zig(int64(ev.EnterNs - th.exit))
	c[colEnter] = binary.AppendUvarint(c[colEnter], gap>>8)
	c[colDuration] = binary.AppendUvarint(c[colDuration], d>>8)
	c[colEnterLo] = append(c[colEnterLo], byte(gap))
	c[colDurationLo] = append(c[colDurationLo], byte(d))
	th.exit = ev.EnterNs + d // as the reader makes it
	w.threads.prevExit = th.exit
	switch {
	case m == 0:
	case m&^(bitUserData|bitOffset) == 0:
		// An io_uring request's usual difference (its user_data, its
		// offset): the two fields alone, in the mask's order.
		f := c[colFields]
		if m&bitOffset != 0 {
			f = binary.AppendUvarint(f, zig(ev.Offset-r.offset))
			r.offset = ev.Offset
		}
		if m&bitUserData != 0 {
			f = binary.AppendUvarint(f, ev.UserData)
			r.userData = ev.UserData
		}
		c[colFields] = f
	default:
		c[colFields] = appendDiffs(c[colFields], m, ev, r, ids, stack)
		if caps != 0 {
			c[colFields] = w.appendCaptures(c[colFields], ev, caps)
		}
		// Field by field: a composite literal was built on the stack
		// and copied (an io_uring request's user_data differs each
		// time, so this runs for nearly every one).
		r.pid, r.comm, r.ret, r.bytes, r.fd, r.fd2 = ev.PID, ids[0], ev.Ret, ev.Bytes, ev.FD, ev.FD2
		r.path, r.path2, r.flags, r.mode, r.offset, r.len = ids[1], ids[2], ev.Flags, ev.Mode, ev.Offset, ev.Len
		r.pathStatus, r.stack, r.args, r.userData, r.slot1 = ev.PathStatus, stack, ids[3], ev.UserData, ev.Slot1
		r.sqeFlags, r.exec, r.file, r.file2, r.fileStatus = ev.SqeFlags, ev.Exec, ids[4], ids[5], ev.FileStatus
	}
	w.blk.n++
	w.blk.bytes += len(c[colFields]) - before + 14 // the other columns' at most
	if w.blk.n >= maxBlockEvents || w.blk.bytes >= blockBytes {
		w.flushBlock()
	}
	return &th.agg[i], m&groupBits == 0 && th.agg[i].e != nil
}

// flushBlock writes the events held as one 'B' record: their number,
// then each column, its length first.
func (w *Writer) flushBlock() {
	if w.blk.n == 0 {
		return
	}
	b := binary.AppendUvarint(w.blk.buf[:0], uint64(w.blk.n))
	for k := range w.blk.cols {
		b = binary.AppendUvarint(b, uint64(len(w.blk.cols[k])))
		b = append(b, w.blk.cols[k]...)
		w.blk.cols[k] = w.blk.cols[k][:0]
	}
	w.blk.buf = b
	w.blk.n, w.blk.bytes, w.blk.tid = 0, 0, 0
	w.record(recBlock, b)
}

// dropBlock forgets the events held (a write error: they are lost).
func (w *Writer) dropBlock() {
	for k := range w.blk.cols {
		w.blk.cols[k] = w.blk.cols[k][:0]
	}
	w.blk.n, w.blk.bytes, w.blk.tid = 0, 0, 0
}

// appendDiffs appends the fields of mask m, as they differ from r, in
// the order of the mask's bits. (One test per field: a table of them
// was built on the stack for every event that differed.)
func appendDiffs(b []byte, m uint64, ev *event.Event, r *ref, ids [6]uint64, stack uint64) []byte {
	put := func(bit, v uint64) {
		if m&bit != 0 {
			b = binary.AppendUvarint(b, v)
		}
	}
	put(bitPID, uint64(ev.PID))
	put(bitComm, ids[0])
	put(bitRet, zig(ev.Ret))
	put(bitBytes, zig(ev.Bytes))
	put(bitFD, zig(int64(ev.FD)))
	put(bitFD2, zig(int64(ev.FD2)))
	put(bitPath, ids[1])
	put(bitPath2, ids[2])
	put(bitFlags, ev.Flags)
	put(bitMode, ev.Mode)
	put(bitOffset, zig(ev.Offset-r.offset))
	put(bitLen, ev.Len)
	put(bitPathStatus, uint64(ev.PathStatus))
	put(bitStack, stack)
	put(bitArgs, ids[3])
	put(bitUserData, ev.UserData)
	put(bitSlot, uint64(ev.Slot1))
	put(bitSqeFlags, uint64(ev.SqeFlags))
	put(bitExec, uint64(ev.Exec))
	put(bitFile, ids[4])
	put(bitFile2, ids[5])
	put(bitFileStatus, uint64(ev.FileStatus))
	return b
}
