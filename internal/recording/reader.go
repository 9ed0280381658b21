// (Past 350 lines: the one reader of every record type and format
// version, its limits checked where each record is parsed.)

package recording

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/hist"
	"github.com/klauspost/compress/zstd"
)

// Reader reads a recording: Header first, events with Next, then
// Aggregates and Stats once Next has returned io.EOF. Its memory is
// bounded by the limits in format.go whatever the file holds.
type Reader struct {
	Header     Header
	Version    uint16
	zr         *zstd.Decoder
	br         *bufio.Reader
	strs       []string
	tableBytes int
	maxStr     int
	clock      clock
	threads    refTable[refs] // version 6's references (events6.go)
	blk        rblock         // version 6: the block being read
	buf        []byte
	aggs       []Aggregate
	aggBytes   int
	aggBuckets int
	stats      Stats
	done       bool
	records    uint64 // records read; the header is record 1
	typ        byte   // the current record's type
	events     uint64
	inAggs     bool
	naggs      int // aggregates read
	// skipEvents: count events without decoding them (summaries).
	skipEvents bool
	// Version 4: the stack table and each process's mappings.
	stacks      []*event.Stack
	stackFrames int
	mappings    map[uint32][]Mapping
	nMappings   int
	// Version 5: the process table, by thread and by process.
	procs, procPID map[uint32]*event.Proc
	nProcs         uint64
	contexts       map[procContext]bool // the distinct ones seen (containers.go)
	// onAgg, when set, takes each aggregate (valid during the call)
	// instead of the reader keeping them all (see DropAggregates).
	onAgg   func(*Aggregate)
	scratch Aggregate
}

// NewReader checks the magic and version and reads the header.
func NewReader(r io.Reader) (*Reader, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(64<<20), zstd.WithDecoderMaxWindow(maxWindow))
	if err != nil {
		return nil, formatErr("%v", err)
	}
	rd := &Reader{zr: zr, br: bufio.NewReaderSize(zr, 64<<10), strs: []string{""}}
	if err := rd.start(); err != nil {
		zr.Close()
		return nil, err
	}
	return rd, nil
}

func (r *Reader) start() error {
	var magic [len(Magic) + 2]byte
	if _, err := io.ReadFull(r.br, magic[:]); err != nil {
		switch {
		case errors.Is(err, zstd.ErrMagicMismatch):
			return formatErr("not zstd-compressed")
		case err == io.EOF:
			return formatErr("empty file")
		case err == io.ErrUnexpectedEOF:
			return formatErr("too short to hold a recording's magic")
		}
		return formatErr("damaged compressed stream at the start: %v", err)
	}
	if string(magic[:len(Magic)]) != Magic {
		return formatErr("bad magic %q", magic[:len(Magic)])
	}
	r.Version = binary.LittleEndian.Uint16(magic[len(Magic):])
	r.clock.byTID = r.Version >= 3
	switch r.Version {
	case 1:
		r.maxStr = maxRecord
	case 2, 3, 4, 5, 6, Version:
		r.maxStr = maxString
	default:
		return fmt.Errorf("unsupported recording version %d (this ior reads versions 1 to %d)", r.Version, Version)
	}
	typ, payload, err := r.next()
	if err != nil {
		return err
	}
	if typ != recHeader {
		return formatErr("header: first record is %q, not the header", typ)
	}
	if err := json.Unmarshal(payload, &r.Header); err != nil {
		return formatErr("header: %v", err)
	}
	return nil
}

// Close releases the decoder.
func (r *Reader) Close() { r.zr.Close() }

// recErr places a complaint about the current record.
func (r *Reader) recErr(f string, a ...any) error {
	if r.typ == recHeader && r.records == 1 {
		return formatErr("header: "+f, a...)
	}
	return formatErr("record %d (%q): %s", r.records, r.typ, fmt.Sprintf(f, a...))
}

// streamErr explains a failed read of the decompressed stream.
func (r *Reader) streamErr(err error, inRecord bool) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return r.cut(!inRecord)
	}
	return formatErr("damaged compressed stream after record %d: %v", r.records, err)
}

func (r *Reader) next() (byte, []byte, error) {
	typ, err := r.br.ReadByte()
	if err != nil {
		return 0, nil, r.streamErr(err, false)
	}
	r.records++
	r.typ = typ
	n, err := binary.ReadUvarint(r.br)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, nil, r.streamErr(io.ErrUnexpectedEOF, true)
		}
		return 0, nil, r.recErr("bad length: %v", err)
	}
	if n > maxRecord {
		return 0, nil, r.recErr("length %d exceeds the %d-byte limit", n, maxRecord)
	}
	// Grow the buffer as data arrives, not as the length field claims.
	r.buf = r.buf[:0]
	for len(r.buf) < int(n) {
		chunk := min(int(n)-len(r.buf), max(len(r.buf), 4096))
		r.buf = slices.Grow(r.buf, chunk)
		m, err := io.ReadFull(r.br, r.buf[len(r.buf):len(r.buf)+chunk])
		r.buf = r.buf[:len(r.buf)+m]
		if err != nil {
			return 0, nil, r.streamErr(io.ErrUnexpectedEOF, true)
		}
	}
	return typ, r.buf, nil
}

type fields struct {
	b   []byte
	err error
}

func (f *fields) u() uint64 {
	if f.err != nil {
		return 0
	}
	v, n := binary.Uvarint(f.b)
	if n <= 0 {
		f.err = errors.New("bad or missing varint")
		return 0
	}
	f.b = f.b[n:]
	return v
}

func (f *fields) s(strs []string) string {
	id := f.u()
	if f.err == nil && id >= uint64(len(strs)) {
		f.err = fmt.Errorf("string %d not defined", id)
	}
	if f.err != nil {
		return ""
	}
	return strs[id]
}

func (f *fields) u32() uint32 {
	v := f.u()
	if v > 1<<32-1 && f.err == nil {
		f.err = fmt.Errorf("value %d out of range", v)
	}
	return uint32(v)
}

// Next reads the next event into ev; io.EOF after the last one.
func (r *Reader) Next(ev *event.Event) error {
	if r.done {
		return io.EOF
	}
	for {
		if r.blk.n > 0 {
			r.events++
			if err := r.blockEvent(ev); err != nil {
				return r.recErr("event %d: %v", r.events, err)
			}
			return nil
		}
		typ, p, err := r.next()
		if err != nil {
			return err
		}
		switch typ {
		case recString:
			if len(p) > r.maxStr {
				return r.recErr("string of %d bytes exceeds the %d-byte limit", len(p), r.maxStr)
			}
			if len(r.strs) > maxStrings {
				return r.recErr("more than %d strings without a reset", maxStrings)
			}
			if r.tableBytes+len(p) > maxTableBytes {
				return r.recErr("strings exceed %d MiB without a reset", maxTableBytes>>20)
			}
			r.tableBytes += len(p)
			r.strs = append(r.strs, string(p))
		case recReset:
			r.strs = r.strs[:1]
			r.tableBytes = 0
			r.threads.reset() // the string ids they remember are gone
		case recEvent:
			if r.inAggs {
				return r.recErr("event after the aggregates")
			}
			r.events++
			if r.skipEvents {
				continue
			}
			if err := r.event(p, ev); err != nil {
				return r.recErr("event %d: %v", r.events, err)
			}
			return nil
		case recBlock:
			if r.Version < 6 {
				return r.recErr("unknown record type")
			}
			if r.inAggs {
				return r.recErr("event after the aggregates")
			}
			if err := r.blockRecord(p); err != nil {
				return r.recErr("%v", err)
			}
			if r.skipEvents {
				r.events += r.blk.n
				r.blk.n = 0
			}
		case recStack, recMapping:
			if err := r.v4Record(typ, p); err != nil {
				return err
			}
		case recProc:
			if err := r.procRecord(p); err != nil {
				return err
			}
		case recAggregate:
			r.inAggs = true
			if err := r.aggregate(p); err != nil {
				return r.recErr("aggregate %d: %v", r.naggs+1, err)
			}
		case recTrailer:
			return r.trailer(p)
		default:
			return r.recErr("unknown record type")
		}
	}
}

func (r *Reader) event(p []byte, ev *event.Event) error {
	if r.Version >= 6 {
		return fmt.Errorf("an 'E' record in version %d, whose events come in 'B' records", r.Version)
	}
	f := fields{b: p}
	ev.Syscall = f.s(r.strs)
	ev.PID = f.u32()
	ev.TID = f.u32()
	ev.Comm = f.s(r.strs)
	ev.EnterNs = r.clock.base(ev.TID) + uint64(unzig(f.u()))
	r.clock.set(ev.TID, ev.EnterNs)
	ev.ExitNs = ev.EnterNs + f.u()
	ev.Ret = unzig(f.u())
	ev.Bytes = unzig(f.u())
	ev.FD = int32(unzig(f.u()))
	ev.FD2 = int32(unzig(f.u()))
	ev.Path = f.s(r.strs)
	ev.Path2 = f.s(r.strs)
	ev.Flags = f.u()
	ev.Mode = f.u()
	ev.Offset, ev.Len, ev.PathStatus = 0, 0, 0
	if r.Version >= 2 {
		ev.Offset = unzig(f.u())
		ev.Len = f.u()
		ev.PathStatus = uint8(f.u())
	}
	ev.Stack, ev.Args = nil, ""
	if r.Version >= 4 {
		ev.Stack = f.stack(r.stacks)
		ev.Args = f.s(r.strs)
	}
	ev.Proc, ev.ProcUnknown = r.procOf(ev.PID, ev.TID)
	ev.UserData, ev.Slot1, ev.SqeFlags, ev.Exec = 0, 0, 0, 0
	if r.Version >= 3 && f.err == nil && len(f.b) > 0 {
		ev.UserData = f.u()
		ev.Slot1 = f.u32()
		ev.SqeFlags = uint8(f.u())
		ev.Exec = uint8(f.u())
	}
	ev.File, ev.File2, ev.FileStatus = "", "", 0
	ev.OffIn, ev.OffOut, ev.OffState, ev.Flock = 0, 0, 0, nil
	ev.Argv, ev.ArgvCut, ev.ArgvFault, ev.Envc, ev.EnvcCut = nil, false, false, 0, false
	if r.Version >= 5 && f.err == nil && len(f.b) > 0 {
		ev.File = f.s(r.strs)
		ev.File2 = f.s(r.strs)
		ev.FileStatus = uint8(f.u())
	}
	if r.Version >= 5 && f.err == nil && len(f.b) > 0 {
		f.readCaptures(r.strs, ev)
	}
	return f.err
}

func (r *Reader) aggregate(p []byte) error {
	if r.naggs >= MaxAggregates {
		return fmt.Errorf("more than %d aggregates", MaxAggregates)
	}
	f := fields{b: p}
	var a Aggregate
	if r.onAgg != nil {
		a.Hist = r.scratch.Hist // its buckets are reused
		a.Hist.CopyFrom(&hist.Hist{})
	}
	a.Path = f.s(r.strs)
	a.Comm = f.s(r.strs)
	a.Syscall = f.s(r.strs)
	a.PID = f.u32()
	a.TID = f.u32()
	a.Count = f.u()
	a.DurationNs = f.u()
	a.Bytes = f.u()
	// Version 2's errno, longest call and histogram; a version 2 writer
	// before them ended the record here.
	if r.Version >= 2 && f.err == nil && len(f.b) > 0 {
		errno := f.u()
		if errno > 4095 && f.err == nil {
			f.err = fmt.Errorf("errno %d out of range", errno)
		}
		a.Errno = uint16(errno)
		a.MaxNs = f.u()
		if f.err == nil {
			n, err := a.Hist.Decode(f.b)
			if err != nil {
				return err
			}
			f.b = f.b[n:]
			r.aggBuckets += a.Hist.Buckets()
			// The writer's budget, plus one bucket for each group begun after it ran out.
			if r.aggBuckets > maxHistBuckets+MaxAggregates {
				return fmt.Errorf("histograms hold more than %d buckets", maxHistBuckets+MaxAggregates)
			}
		}
	}
	if f.err != nil {
		return f.err
	}
	// The strings an aggregate names outlive string table resets.
	r.aggBytes += keyBytes(&a.AggKey)
	if r.aggBytes > maxAggBytes {
		return fmt.Errorf("aggregates name more than %d MiB of strings", maxAggBytes>>20)
	}
	r.naggs++
	if r.onAgg != nil {
		r.scratch = a
		r.onAgg(&r.scratch)
		return nil
	}
	r.aggs = append(r.aggs, a)
	return nil
}

// trailer checks the trailer against what was read, and that nothing
// follows it (which also verifies the last frame's checksum).
func (r *Reader) trailer(p []byte) error {
	if err := json.Unmarshal(p, &r.stats); err != nil {
		return formatErr("trailer: %v", err)
	}
	if r.stats.Events != r.events {
		return formatErr("trailer: counts %d events, the recording holds %d", r.stats.Events, r.events)
	}
	if r.Version >= 2 && r.stats.Aggregates != uint64(r.naggs) {
		return formatErr("trailer: counts %d aggregates, the recording holds %d", r.stats.Aggregates, r.naggs)
	}
	if _, err := r.br.ReadByte(); err == nil {
		return formatErr("data after the trailer")
	} else if err != io.EOF {
		return formatErr("damaged compressed stream after the trailer: %v", err)
	}
	r.done = true
	return io.EOF
}

// Aggregates are valid after Next returned io.EOF.
func (r *Reader) Aggregates() []Aggregate { return r.aggs }

// Stats are valid after Next returned io.EOF.
func (r *Reader) Stats() Stats { return r.stats }
