package recording

import (
	"encoding/binary"

	"github.com/ior-tracer/ior/internal/event"
)

// Version 5's process table (see docs/recording-format.md): a 'P'
// record says what a thread runs in from then on (its namespaces,
// cgroup and root), written before the first event of the thread and
// again after a change. Events are joined to it by thread: a reader
// gives each event (Event.Proc) its thread's last 'P' record, else its
// process's last.

// maxProcs bounds the threads a reader keeps entries for; past it the
// table starts anew (events then fall back to their process's entry).
const maxProcs = 1 << 16

// Proc records that thread ev.TID of process ev.PID runs in ev.Proc
// from now on.
func (w *Writer) Proc(ev *event.Event) error {
	if w.err != nil {
		return w.err
	}
	p := ev.Proc
	if p == nil {
		return nil
	}
	w.room(2)
	b := w.buf[:0]
	b = binary.AppendUvarint(b, uint64(ev.TID))
	b = binary.AppendUvarint(b, uint64(ev.PID))
	b = binary.AppendUvarint(b, p.MntNS)
	b = binary.AppendUvarint(b, p.PidNS)
	b = binary.AppendUvarint(b, p.CgroupID)
	b = binary.AppendUvarint(b, w.str(p.Cgroup))
	b = binary.AppendUvarint(b, w.str(p.Root))
	b = binary.AppendUvarint(b, uint64(p.Foreign))
	w.buf = b
	w.record(recProc, b)
	if w.out.err != nil {
		w.fail(w.out.err)
		return w.err
	}
	return nil
}

// ProcUnknown records that thread tid of process pid runs, from now
// until its next 'P' record, in a process not known (its process record
// was lost: calls.Call.ProcUnknown): a 'P' record of zeros, which no
// process has (a namespace's inode number is never 0), so that readers
// do not join its events to its last record.
func (w *Writer) ProcUnknown(pid, tid uint32) error {
	if w.err != nil {
		return w.err
	}
	w.room(2)
	b := w.buf[:0]
	b = binary.AppendUvarint(b, uint64(tid))
	b = binary.AppendUvarint(b, uint64(pid))
	b = append(b, 0, 0, 0, 0, 0, 0) // namespaces, cgroup id, cgroup, root (strings' index 0: ""), foreign
	w.buf = b
	w.record(recProc, b)
	if w.out.err != nil {
		w.fail(w.out.err)
		return w.err
	}
	return nil
}

// procUnknown is the reader's entry for a 'P' record of zeros (a
// thread's process not known); procOf says nil and unknown for it.
var procUnknown = &event.Proc{}

// procRecord reads a 'P' record into the reader's table.
func (r *Reader) procRecord(p []byte) error {
	if r.Version < 5 {
		return r.recErr("unknown record type")
	}
	f := fields{b: p}
	tid, pid := f.u32(), f.u32()
	pr := &event.Proc{MntNS: f.u(), PidNS: f.u(), CgroupID: f.u(), Cgroup: f.s(r.strs), Root: f.s(r.strs),
		Foreign: uint8(f.u())}
	if f.err != nil {
		return r.recErr("%v", f.err)
	}
	if r.procs == nil || len(r.procs) >= maxProcs {
		r.procs = map[uint32]*event.Proc{}
	}
	if r.procPID == nil || len(r.procPID) >= maxProcs {
		r.procPID = map[uint32]*event.Proc{}
	}
	if *pr == (event.Proc{}) {
		pr = procUnknown // a thread's record lost (Writer.ProcUnknown)
	}
	r.noteContext(pr) // not known is a place of its own in the summary's table
	r.procs[tid], r.procPID[pid] = pr, pr
	r.nProcs++
	return nil
}

// procOf is the process table's entry for an event of thread tid of
// process pid; nil: none (a recording before version 5, or none sent),
// or, with unknown, its thread's last record says not known.
func (r *Reader) procOf(pid, tid uint32) (p *event.Proc, unknown bool) {
	if r.procs == nil {
		return nil, false // no process table (before version 5): no look-up per event
	}
	p = r.procs[tid]
	if p == nil {
		p = r.procPID[pid]
	}
	if p == procUnknown {
		return nil, true
	}
	return p, false
}

// Procs is how many process records the recording held so far: 0 for
// one made before version 5 (its events carry no process).
func (r *Reader) Procs() uint64 { return r.nProcs }
