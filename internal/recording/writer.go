// (Past 350 lines: the one writer of the record types, with the frame
// cutting and per-thread caches that make it cheap per event.)

package recording

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/outfile"
	"github.com/klauspost/compress/zstd"
)

// Encoder settings, measured on 2M pread events: concurrency 2 spent
// 0.168 µs of CPU per event in goroutine hand-offs, concurrency 1 with a
// 1 MiB window 0.048 µs, for the same output size. Lower memory: the
// history is the window and a block (1.1 MiB), not twice the window; it
// is allocated in the first burst, when start-up's garbage is not yet
// collected (tracer.lateGC), and ior's peak RSS was ~0.7 MiB less.
var encOpts = []zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1 << 20), zstd.WithLowerEncoderMem(true)}

// sink counts what reached the file and keeps the first error, so the
// writer sees a failure at the write that caused it.
type sink struct {
	w   io.Writer
	off int64
	err error
}

func (s *sink) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.off += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}

// cutter is a file the writer can cut back to its last complete frame.
type cutter interface {
	io.Writer
	Truncate(size int64) error
	Seek(offset int64, whence int) (int64, error)
}

// Writer streams a recording.
type Writer struct {
	zw         *zstd.Encoder
	bw         *bufio.Writer
	out        sink
	strs       map[string]uint64
	tableBytes int
	buf        []byte
	hdr        [1 + binary.MaxVarintLen64]byte
	threads    refTable[wthread] // version 6's references (events6.go)
	blk        block             // version 6: the events not yet written
	aggs       *aggTable
	events     uint64
	frame      int // uncompressed bytes in the current frame
	// The end of the last complete frame, and the events before it.
	safeOff    int64
	safeEvents uint64
	err        error // the first write error; sticky
	cause      error // err without context
	closed     bool
	file       *outfile.File // nil unless made by Create
	filters    *TraceFilters // see Filter
	filtered   uint64
	// The stack table (stacks.go): ids by frames.
	stacks        map[string]uint64
	stackFrames   int
	stacksDropped uint64
	mappings      int
	frameStart    time.Time // when the current frame's first record was written; zero: none yet
	// flushEvery is FlushInterval; a test that needs frames cut by
	// size alone (whatever the machine's speed) sets it very long.
	flushEvery time.Duration
}

// FlushInterval is the longest a written event waits before its frame is
// ended and on the file (by Write, or by Tick when no event comes): a
// killed ior leaves a recording readable up to then (see CutError).
const FlushInterval = time.Second

// clockEvery: Write looks at the clock once per this many events (a
// clock read costs a fifth of an event's encoding).
const clockEvery = 64

// NewWriter starts a recording on w. If w can be truncated and seeked
// (a file), a write error leaves a readable recording; see Close.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	rw := &Writer{out: sink{w: w}, strs: map[string]uint64{}, aggs: newAggTable(),
		stacks: map[string]uint64{}, flushEvery: FlushInterval}
	zw, err := zstd.NewWriter(&rw.out, encOpts...)
	if err != nil {
		return nil, err
	}
	rw.zw, rw.bw = zw, bufio.NewWriterSize(zw, 256<<10)
	var magic [len(Magic) + 2]byte
	copy(magic[:], Magic)
	binary.LittleEndian.PutUint16(magic[len(Magic):], Version)
	rw.bw.Write(magic[:])
	hj, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	rw.record(recHeader, hj)
	// The header gets a frame of its own, so that there is always a
	// complete frame to cut back to.
	if err := rw.endFrame(); err != nil {
		return nil, fmt.Errorf("writing recording: %w", err)
	}
	return rw, nil
}

// CheckWritable fails, with one line saying why, if a recording could not
// be created at path. See outfile.Check.
func CheckWritable(path string) error { return outfile.Check(path) }

// Create starts a recording at path. It is made under a temp name (see
// package outfile) and moved to path as soon as its header is written,
// so that a killed ior leaves its recording at path, readable up to its
// last frame (see CutError). Abort removes it.
func Create(path string, h Header) (*Writer, error) {
	f, err := outfile.Create(path)
	if err != nil {
		return nil, err
	}
	w, err := NewWriter(f, h)
	if err == nil {
		err = f.Publish()
	}
	if err != nil {
		f.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	w.file = f
	return w, nil
}

func (w *Writer) record(typ byte, payload []byte) {
	if w.blk.n > 0 && typ != recBlock && typ != recString && typ != recStack {
		// The events held come before any other record: it may apply
		// to later events only (a P, an M), a reset drops their
		// strings. A string or a stack only needs to come before the
		// events that name it, which are held; one may be defined in
		// the middle of an event's columns (an argv's strings).
		w.flushBlock()
	}
	w.hdr[0] = typ
	n := binary.PutUvarint(w.hdr[1:], uint64(len(payload)))
	w.bw.Write(w.hdr[:1+n])
	w.bw.Write(payload)
	w.frame += 1 + n + len(payload)
}

func (w *Writer) str(s string) uint64 {
	if s == "" {
		return 0
	}
	if len(s) > maxString {
		s = s[:maxString]
	}
	if id, ok := w.strs[s]; ok {
		return id
	}
	id := uint64(len(w.strs) + 1)
	w.strs[s] = id
	w.tableBytes += len(s)
	w.record(recString, []byte(s))
	return id
}

// room resets the string table if n more strings might not fit, so that
// no reset falls between the strings of one record.
func (w *Writer) room(n int) {
	if len(w.strs)+n > maxStrings || w.tableBytes+n*maxString > maxTableBytes {
		w.reset()
	}
}

func (w *Writer) reset() {
	clear(w.strs)
	w.tableBytes = 0
	w.threads.reset() // the ids they remember are gone
	w.record(recReset, nil)
}

// Write appends one event and counts it into the aggregates. It returns
// the first write error as soon as it happens (and again on every later
// call); the caller should stop and Close.
func (w *Writer) Write(ev *event.Event) error {
	if w.err != nil {
		return w.err
	}
	w.room(7 + len(ev.Argv)) // syscall, comm, path, path2, args, file, file2, argv
	stack := w.stackID(ev.Stack)
	agg, same := w.appendEvent6(ev, stack)
	w.events++
	if same {
		w.aggs.count(agg.e, ev) // the key compared field by field already
	} else {
		w.aggs.addTo(ev, agg)
	}
	if w.frameStart.IsZero() {
		w.frameStart = time.Now()
	}
	if w.frame+w.blk.bytes >= frameBytes || w.events%clockEvery == 0 && time.Since(w.frameStart) >= w.flushEvery {
		w.endFrame()
	}
	if w.out.err != nil {
		w.fail(w.out.err)
		return w.err
	}
	return nil
}

// Tick ends the current frame if its first event was written
// FlushInterval ago or more: the tracer calls it when it has no events
// to write, so that the last ones do not wait for more.
func (w *Writer) Tick() error {
	if w.err != nil || w.closed || w.frameStart.IsZero() || time.Since(w.frameStart) < w.flushEvery {
		return w.err
	}
	w.endFrame()
	if w.out.err != nil {
		w.fail(w.out.err)
	}
	return w.err
}

// finish writes the aggregates (current or safe sums, or none) and the
// trailer, and ends the stream.
func (w *Writer) finish(st Stats, aggs, safe bool) error {
	if aggs {
		w.aggs.each(safe, func(k *AggKey, v *AggValue) {
			w.room(3)
			b := w.buf[:0]
			b = binary.AppendUvarint(b, w.str(k.Path))
			b = binary.AppendUvarint(b, w.str(k.Comm))
			b = binary.AppendUvarint(b, w.str(k.Syscall))
			b = binary.AppendUvarint(b, uint64(k.PID))
			b = binary.AppendUvarint(b, uint64(k.TID))
			b = binary.AppendUvarint(b, v.Count)
			b = binary.AppendUvarint(b, v.DurationNs)
			b = binary.AppendUvarint(b, v.Bytes)
			b = binary.AppendUvarint(b, uint64(k.Errno))
			b = binary.AppendUvarint(b, v.MaxNs)
			b = v.Hist.Append(b)
			w.buf = b
			w.record(recAggregate, b)
			st.Aggregates++
		})
	}
	tj, err := json.Marshal(st)
	if err != nil {
		return err
	}
	w.record(recTrailer, tj)
	w.bw.Flush()
	w.zw.Close()
	return w.out.err
}

// Close writes the aggregates and the trailer, and for a file made by
// Create, syncs it and moves it into place.
//
// After a write error, a recording on a file (made by Create, or an
// *os.File given to NewWriter) is cut back to its last complete frame and
// ended there with the aggregates of the events it keeps and a trailer
// marked incomplete; Close then returns an error wrapping ErrIncomplete
// that says how many events were kept. On any other writer the error is
// returned as it is.
func (w *Writer) Close(st Stats) error {
	if w.closed {
		return errors.New("recording already closed")
	}
	w.closed = true
	st.Events, st.Aggregates, st.Incomplete, st.NoAggregates = w.events, 0, "", false
	st.TraceFilters, st.FilteredOut = w.filters, w.filtered
	st.StacksDropped = w.stacksDropped
	if w.err == nil {
		if err := w.finish(st, true, false); err != nil {
			w.fail(err)
		} else if w.file != nil {
			return w.file.Commit()
		} else {
			return nil
		}
	}
	c, ok := w.out.w.(cutter)
	if !ok {
		return w.err
	}
	st.Incomplete = "write error: " + w.cause.Error()
	st.Events = w.safeEvents
	kept := w.salvage(c, st)
	name := "the recording"
	if w.file != nil {
		name = w.file.Name()
		if err := w.file.Commit(); err != nil {
			return fmt.Errorf("%w; %w", w.err, err)
		}
	}
	return fmt.Errorf("%w: %s: %s", ErrIncomplete, st.Incomplete, kept(name))
}

// Abort discards a recording made by Create.
func (w *Writer) Abort() {
	if w.closed {
		return
	}
	w.closed = true
	w.zw.Close()
	if w.file != nil {
		w.file.Abort()
	}
}
