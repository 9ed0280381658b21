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
	r.procs[tid], r.procPID[pid] = pr, pr
	r.nProcs++
	r.noteContext(pr)
	return nil
}

// procOf is the process table's entry for an event of thread tid of
// process pid; nil: none (a recording before version 5, or none sent).
func (r *Reader) procOf(pid, tid uint32) *event.Proc {
	if r.procs == nil {
		return nil // no process table (before version 5): no look-up per event
	}
	if p := r.procs[tid]; p != nil {
		return p
	}
	return r.procPID[pid]
}

// Procs is how many process records the recording held so far: 0 for
// one made before version 5 (its events carry no process).
func (r *Reader) Procs() uint64 { return r.nProcs }
