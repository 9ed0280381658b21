package tracer

import (
	"errors"
	"os"
	"runtime"
	"time"

	"github.com/ior-tracer/ior/internal/addrspace"
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/inflight"
	"github.com/ior-tracer/ior/internal/output"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// pipeline is what happens to each record: decoded by the table, named
// by the fd table, asynchronous requests paired (AIO's: an event each
// when reaped), then recorded and shown.
type pipeline struct {
	dec      *decode.Decoder
	tracker  *fdtable.Tracker
	inflight *inflight.Requests
	rec      *recording.Writer // nil: no recording
	live     output.Writer     // nil: no live output
	raw      probe.Raw
	threads  probe.Threads // each thread's name, which a record carries only when it changed
	call     calls.Call
	events   uint64
	filters  *recording.TraceFilters // nil: keep every event
	// only: with -syscalls, the syscalls asked for; the others traced
	// (withNaming) only name files for them, and are not passed on.
	only    map[string]bool
	observe func(ev *event.Event, kept bool)
	drops   *filterDrops       // with filters: what each left out
	status  *statusLine        // nil: no status line
	space   *addrspace.Tracker // -stacks: the processes' mappings, for the recording and Config.Mapping
	fair    bool               // Config.Fair: the reader keeps ior's priority
	records uint64             // read from the ring: a lull is when none come (lateGC)
	gc      *lateGC            // nil: the collection is not held (Run's)
}

// configure applies the parts of cfg that act on each event: filters
// and the live summary hook. (The live writer, timestamps included, is
// made once, in newSession.)
func (p *pipeline) configure(cfg *Config) {
	if cfg.Filters.On() {
		p.filters = &cfg.Filters
		p.drops = newFilterDrops(&cfg.Filters)
		if p.rec != nil {
			p.rec.Filter(cfg.Filters)
		}
	}
	p.observe = cfg.Observe
	p.fair = cfg.Fair
	if len(cfg.Syscalls) > 0 {
		p.only = map[string]bool{}
		for _, n := range cfg.Syscalls {
			p.only[n] = true
		}
	}
	if cfg.Stacks && (p.rec != nil || cfg.Mapping != nil) {
		rec, hook := p.rec, cfg.Mapping
		p.space = addrspace.New(func(pid uint32, m recording.Mapping) error {
			if hook != nil {
				hook(pid, m)
			}
			if rec != nil {
				return rec.Mapping(pid, m)
			}
			return nil
		})
		p.space.Cwd = p.tracker.Cwd
	}
}

// handle takes one ring buffer record, in place in the mapped ring
// (probe.Ring.Read): b and the slices p.raw takes from it are dead once
// handle returns, and nothing after decoding holds them (probe.Raw).
func (p *pipeline) handle(b []byte) error {
	p.records++
	if err := p.threads.Decode(b, &p.raw); err != nil {
		return err
	}
	p.dec.Decode(&p.raw, &p.call)
	if (p.call.ProcUnknown || p.call.ProcOnce) && p.rec != nil {
		// Before the call's event: readers must not join it to the
		// thread's last process record (that one was lost).
		if err := p.rec.ProcUnknown(p.call.Event.PID, p.call.Event.TID); err != nil {
			return recordingError{err}
		}
	}
	p.tracker.Apply(&p.call)
	p.inflight.Apply(&p.call)
	if p.space != nil {
		if err := p.space.Observe(&p.call); err != nil {
			return recordingError{err}
		}
	}
	switch p.call.Kind {
	case calls.ProcInfo:
		// The process table: recorded, joined to the events by thread.
		if p.rec != nil {
			if err := p.rec.Proc(&p.call.Event); err != nil {
				return recordingError{err}
			}
		}
		return nil
	case calls.Exec, calls.Fork, calls.FileName, calls.AIOIocb:
		return nil // the stages' business; the syscall events tell them
	case calls.AIOResult:
		for i := range p.call.Extra { // the AIO request it completed (inflight)
			if err := p.emit(&p.call.Extra[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if p.only != nil && p.call.Spec != nil && !p.only[p.call.Spec.Name] {
		return nil // traced for naming only (withNaming)
	}
	if err := p.emit(&p.call.Event); err != nil || !p.call.ProcOnce || p.rec == nil {
		return err
	}
	// That call alone: its thread's entry again (decode's procKeep).
	if err := p.rec.Proc(&event.Event{PID: p.call.Event.PID, TID: p.call.Event.TID, Proc: p.call.ProcAfter}); err != nil {
		return recordingError{err}
	}
	return nil
}

// emit passes one event on: filters, the observer, the recording, the
// live output.
func (p *pipeline) emit(ev *event.Event) error {
	p.events++
	if p.status != nil {
		p.status.events.Add(1)
	}
	kept := p.filters == nil || p.filters.Keep(ev)
	if p.observe != nil {
		p.observe(ev, kept)
	}
	if !kept {
		p.drops.add(ev)
		if p.rec != nil {
			p.rec.Skip()
		}
		return nil
	}
	if p.rec != nil {
		if err := p.rec.Write(ev); err != nil {
			return recordingError{err}
		}
	}
	if p.live != nil {
		return p.live.Write(ev)
	}
	return nil
}

func (p *pipeline) flush() error {
	if p.rec != nil {
		if err := p.rec.Tick(); err != nil { // no event waits long for its frame to reach the file
			return recordingError{err}
		}
	}
	if p.live != nil {
		return p.live.Flush()
	}
	return nil
}

// ReaderNice is the reading thread's nice value, unless Config.Fair.
// At -10 (the weight of 9.3 threads at nice 0) the reader of a
// 16-thread burst on 2 CPUs got about half a CPU and fell behind: 8 of
// 12 alternated rounds of the bench's threads workload lost events (up
// to 171,437 of 480,085) with the live lines; at -20 (86.7 threads'
// weight), 1 of 12 (734), and the workload's wall time was no longer
// (median 270 ms against 283). The reader takes no more CPU in all: it
// takes it while the events come, not after the ring has overflowed.
// A real-time reader (SCHED_FIFO) and a second, writing thread were
// tried and not kept (docs/benchmarks.md, the live lines).
const ReaderNice = -20

// favour sets the calling thread's nice value to ReaderNice, unless
// fair; the caller has locked its goroutine to the thread, and calls
// restore before unlocking it: the thread goes back to the runtime's
// pool as it was, not favoured.
func favour(fair bool) (restore func()) {
	if fair {
		return func() {}
	}
	prio, err := unix.Getpriority(unix.PRIO_PROCESS, 0) // the raw syscall's: 20 - nice
	if err != nil || unix.Setpriority(unix.PRIO_PROCESS, 0, ReaderNice) != nil {
		return func() {}
	}
	return func() { unix.Setpriority(unix.PRIO_PROCESS, 0, 20-prio) }
}

// run reads until the ring buffer is flushed after the stop. The kernel
// side wakes the reader only for a backlog; smaller amounts are picked up
// on a tick. Records are handled in place, in batches (probe.Ring).
func (p *pipeline) run(rd *probe.Ring) error {
	// The reader competes for the CPUs with the program it traces; a
	// busy multi-threaded one would starve it until the ring buffer
	// overflows. Its own thread runs at a higher priority (nice applies
	// per thread on Linux), unless -fair. Best effort: without the
	// privilege it stays.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer favour(p.fair)()
	handle := p.handle // one func value for every batch
	rd.SetDeadline(time.Now().Add(probe.PollInterval))
	for {
		err := rd.Read(handle)
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded):
			if p.gc != nil {
				p.gc.look(p.records, time.Now())
			}
			if err := p.flush(); err != nil {
				return err
			}
			rd.SetDeadline(time.Now().Add(probe.PollInterval))
		case errors.Is(err, probe.ErrFlushed):
			return p.flush()
		default:
			return err // the handler's, or the ring's (said so)
		}
	}
}

// recordingError is a write to the recording that failed (a full disk):
// tracing stops, and closing the recording keeps what was written before.
type recordingError struct{ error }

func (e recordingError) Unwrap() error { return e.error }
