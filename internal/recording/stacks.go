package recording

import (
	"encoding/binary"
	"fmt"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
)

// Version 4's stack table and address-space mappings (see
// docs/recording-format.md): a 'K' record defines a user stack once (its
// id is its number in order of definition, from 1; 0 is "none"), and
// events name it; 'M' records say what each process has mapped where, so
// that a reader can symbolize the stacks later, or show each address with
// the file and build ID it falls in.

// Bounds of the stack table, for writer and reader alike: the reader
// keeps every stack (events anywhere may name one), so the table is
// bounded in frames. Past it the writer records events without their
// stack and counts them (Stats.StacksDropped).
const (
	maxStackFrames = 8 << 20 // frames in all stacks: 64 MiB as the reader keeps them
	maxStackDepth  = 1024    // frames in one stack
	maxMappings    = 1 << 20 // mapping records
)

// Mapping is one file mapped into a process's address space: addresses
// [Start, Limit) hold the file's bytes from Offset on. BuildID is the
// file's ELF build ID in hex ("": none or unreadable). A Mapping with
// Start and Limit 0 is an exec: the process's earlier mappings are gone.
type Mapping struct {
	Start, Limit, Offset uint64
	Path                 string
	BuildID              string
}

// stackKey is the table's key for a stack: its frames' bytes.
func stackKey(s []uint64) string {
	return unsafe.String((*byte)(unsafe.Pointer(&s[0])), 8*len(s))
}

// stackID returns the id of stack s, defining it first if new; 0 for no
// stack, or one the table has no room for (counted).
func (w *Writer) stackID(st *event.Stack) uint64 {
	if st == nil || len(st.PCs) == 0 {
		return 0
	}
	s := st.PCs
	if len(s) > maxStackDepth {
		s = s[:maxStackDepth]
	}
	if id, ok := w.stacks[stackKey(s)]; ok {
		return id
	}
	if w.stackFrames+len(s) > maxStackFrames {
		w.stacksDropped++
		return 0
	}
	w.stackFrames += len(s)
	id := uint64(len(w.stacks) + 1)
	w.stacks[string([]byte(stackKey(s)))] = id
	b := w.buf[:0]
	for _, pc := range s {
		b = binary.AppendUvarint(b, pc)
	}
	w.buf = b
	w.record(recStack, b)
	return id
}

// Mapping records that process pid has m mapped (or, for the zero
// Mapping's addresses, that it called exec). Mappings past maxMappings
// are not recorded; their addresses stay unsymbolized.
func (w *Writer) Mapping(pid uint32, m Mapping) error {
	if w.err != nil {
		return w.err
	}
	if w.mappings >= maxMappings {
		return nil
	}
	w.mappings++
	w.room(2)
	b := w.buf[:0]
	b = binary.AppendUvarint(b, uint64(pid))
	b = binary.AppendUvarint(b, m.Start)
	b = binary.AppendUvarint(b, m.Limit)
	b = binary.AppendUvarint(b, m.Offset)
	b = binary.AppendUvarint(b, w.str(m.Path))
	b = binary.AppendUvarint(b, w.str(m.BuildID))
	w.buf = b
	w.record(recMapping, b)
	if w.out.err != nil {
		w.fail(w.out.err)
		return w.err
	}
	return nil
}

// v4Record reads a 'K' or 'M' record (unknown before version 4).
func (r *Reader) v4Record(typ byte, p []byte) error {
	if r.Version < 4 {
		return r.recErr("unknown record type")
	}
	var err error
	if typ == recStack {
		err = r.stackRecord(p)
	} else {
		err = r.mappingRecord(p)
	}
	if err != nil {
		return r.recErr("%v", err)
	}
	return nil
}

// stackRecord reads a 'K' record into the reader's table.
func (r *Reader) stackRecord(p []byte) error {
	f := fields{b: p}
	var s []uint64
	for len(f.b) > 0 && f.err == nil {
		if len(s) >= maxStackDepth {
			return fmt.Errorf("stack of more than %d frames", maxStackDepth)
		}
		s = append(s, f.u())
	}
	if f.err != nil {
		return f.err
	}
	if len(s) == 0 {
		return fmt.Errorf("empty stack")
	}
	r.stackFrames += len(s)
	if r.stackFrames > maxStackFrames {
		return fmt.Errorf("stacks hold more than %d frames", maxStackFrames)
	}
	r.stacks = append(r.stacks, &event.Stack{PCs: s})
	return nil
}

// stack returns stack id, for an event.
func (f *fields) stack(stacks []*event.Stack) *event.Stack {
	id := f.u()
	if f.err == nil && id > uint64(len(stacks)) {
		f.err = fmt.Errorf("stack %d not defined", id)
	}
	if f.err != nil || id == 0 {
		return nil
	}
	return stacks[id-1]
}

// mappingRecord reads an 'M' record.
func (r *Reader) mappingRecord(p []byte) error {
	if r.nMappings >= maxMappings {
		return fmt.Errorf("more than %d mappings", maxMappings)
	}
	r.nMappings++
	f := fields{b: p}
	pid := f.u32()
	m := Mapping{Start: f.u(), Limit: f.u(), Offset: f.u(), Path: f.s(r.strs), BuildID: f.s(r.strs)}
	if f.err != nil {
		return f.err
	}
	if r.mappings == nil {
		r.mappings = map[uint32][]Mapping{}
	}
	if m.Start == 0 && m.Limit == 0 {
		delete(r.mappings, pid)
		return nil
	}
	if m.Limit <= m.Start {
		return fmt.Errorf("mapping [%#x, %#x) is empty", m.Start, m.Limit)
	}
	r.mappings[pid] = append(r.mappings[pid], m)
	return nil
}

// Mappings returns what process pid had mapped as of the last event
// read, oldest first (a later mapping of the same addresses replaces an
// earlier one). Shared: never modify it.
func (r *Reader) Mappings(pid uint32) []Mapping { return r.mappings[pid] }

// Stacks reports whether the recording was made with -stacks (an event
// without a stack then had none the kernel could read).
func (r *Reader) Stacks() bool { return r.Header.Stacks }
