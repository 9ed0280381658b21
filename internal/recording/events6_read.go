package recording

import (
	"fmt"

	"github.com/ior-tracer/ior/internal/event"
)

// The reader's side of version 6's events (events6.go).

// rblock is the block a reader is reading: the events left, and a
// cursor in each column.
type rblock struct {
	n    uint64
	cols [nCols]fields
	tid  uint32 // version 7: the previous event's thread (0 at the block's start)
}

// blockRecord starts reading a 'B' record's events.
func (r *Reader) blockRecord(p []byte) error {
	f := fields{b: p}
	n := f.u()
	if f.err == nil && (n == 0 || n > maxBlockEvents) {
		return fmt.Errorf("block of %d events (1 to %d)", n, maxBlockEvents)
	}
	order := v6Cols[:]
	if r.Version >= 7 {
		order = allCols[:]
	}
	r.blk.cols = [nCols]fields{}
	for _, k := range order {
		l := f.u()
		if f.err == nil && l > uint64(len(f.b)) {
			return fmt.Errorf("column %d of %d bytes, %d left", k, l, len(f.b))
		}
		if f.err != nil {
			return f.err
		}
		if (k == colEnterLo || k == colDurationLo) && l != n {
			return fmt.Errorf("column %d of %d bytes, not one per event (%d)", k, l, n)
		}
		r.blk.cols[k] = fields{b: f.b[:l]}
		f.b = f.b[l:]
	}
	if len(f.b) > 0 {
		return fmt.Errorf("%d bytes past the columns", len(f.b))
	}
	r.blk.n, r.blk.tid = n, 0
	return nil
}

// allCols are version 7's columns, in order.
var allCols = func() (a [nCols]int) {
	for k := range a {
		a[k] = k
	}
	return a
}()

// blockEvent reads the block's next event.
func (r *Reader) blockEvent(ev *event.Event) error {
	c := &r.blk.cols
	r.blk.n--
	if err := r.event6(c, ev); err != nil {
		return err
	}
	if r.blk.n == 0 {
		for k := range c {
			if len(c[k].b) > 0 {
				return fmt.Errorf("%d bytes past the block's last event in column %d", len(c[k].b), k)
			}
		}
	}
	return nil
}

// time reads one of an event's times: version 7's high part and low
// byte (from the lo column), version 6's uvarint (hi alone, lo unused).
func (r *Reader) time(hi, lo *fields) uint64 {
	v := hi.u()
	if r.Version < 7 || hi.err != nil {
		return v
	}
	if v > 1<<56-1 {
		hi.err = fmt.Errorf("time's high part %d out of range", v)
		return 0
	}
	// The lo column has one byte per event (blockRecord checked).
	b := lo.b[0]
	lo.b = lo.b[1:]
	return v<<8 | uint64(b)
}

// tid reads an event's thread: version 7's delta from the previous
// event's, version 6's tid.
func (r *Reader) tid(f *fields) uint32 {
	if r.Version < 7 {
		return f.u32()
	}
	v := int64(r.blk.tid) + unzig(f.u())
	if f.err == nil && (v < 0 || v > 1<<32-1) {
		f.err = fmt.Errorf("thread %d out of range", v)
	}
	r.blk.tid = uint32(v)
	return r.blk.tid
}

// event6 reads a version 6 or 7 event from its columns' cursors.
func (r *Reader) event6(c *[nCols]fields, ev *event.Event) error {
	tid, sc, mask, enter, dur, fs := &c[colTID], &c[colSyscall], &c[colMask], &c[colEnter], &c[colDuration], &c[colFields]
	ev.TID = r.tid(tid)
	id := sc.u()
	if sc.err == nil && id >= uint64(len(r.strs)) {
		return fmt.Errorf("string %d not defined", id)
	}
	m := mask.u()
	gap, d := unzig(r.time(enter, &c[colEnterLo])), r.time(dur, &c[colDurationLo])
	for _, c := range [...]*fields{tid, sc, mask, enter, dur} {
		if c.err != nil {
			return c.err
		}
	}
	f := fs
	th := r.threads.get(ev.TID, initRThread)
	i, _ := th.find(id + 1)
	ref := &th.refs[i]
	if r.Version >= 7 {
		m ^= ref.mask // version 7: the mask XOR its reference's
		ref.mask = m
	}
	if m&^bitsKnown != 0 {
		return fmt.Errorf("unknown fields %#x", m&^bitsKnown)
	}
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
	ev.Syscall, ev.PID, ev.Comm = s[id], ref.pid, s[ref.comm]
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
	ev.Proc, ev.ProcUnknown = r.procOf(ev.PID, ev.TID)
	return f.err
}
