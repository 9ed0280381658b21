package tracer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/inflight"
	"github.com/ior-tracer/ior/internal/outfile"
	"github.com/ior-tracer/ior/internal/output"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
)

// session is one run's state, from the checks to the summary.
type session struct {
	cfg   Config
	hdr   recording.Header
	res   Result
	child *gatedChild
	probe *probe.Probe
	pipe  pipeline
	start time.Time
	// target pins the traced process or thread (not a newcomer with its
	// number); nil with -comm or -all.
	target *identity
	// exclude: the readers of ior's output pipe, not traced (readers.go).
	exclude []uint32
	// closers run at the end, last first (BPF stats, ...).
	closers []io.Closer
	status  *statusLine // nil: no status line (status.go)
	recPath string      // the recording's file while it is written
}

// Run traces until the target exits, cfg.Duration passes, a signal
// arrives on cfg.Signals or ctx ends (see endings.go).
func Run(ctx context.Context, cfg Config) (Result, error) {
	// No garbage collection until the command is released: start-up's
	// garbage (mostly the BPF object's and the kernel's BTF, see
	// probe.Load) is collected after, off the time to ready, at the
	// first lull in the records (lateGC). Collected right after the
	// load, it cost the steps up to the release ~5-10 ms.
	gc := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gc)
	s, err := newSession(cfg)
	if err != nil {
		return Result{}, err
	}
	defer s.close()
	if err := s.attach(); err != nil {
		return s.res, err
	}
	e := &ending{quit: make(chan struct{}), detach: func() { s.probe.Detach(); s.probe.Ring.Flush() }}
	// The watchers end, and are waited for, before anything they use is
	// closed (defers run last first).
	var watchers sync.WaitGroup
	defer func() { close(e.quit); watchers.Wait() }()
	var targetGone <-chan struct{}
	if s.child == nil && s.target != nil {
		if targetGone, err = watchExit(s.target.pidfd, e.quit); err != nil {
			return s.res, err
		}
	}
	watchers.Go(func() { s.watch(ctx, e, targetGone) })
	watchers.Go(func() { s.watchLoss(e.quit) })
	if s.status != nil {
		watchers.Go(func() { s.watchStatus(e.quit) })
	}
	probe.Step("seeded")
	if err := s.release(); err != nil {
		return s.res, err
	}
	probe.Step("released")
	// Collected at the first lull in the records instead (lateGC).
	s.pipe.gc = &lateGC{percent: gc, by: time.Now().Add(gcLateMax)}
	defer s.pipe.gc.restore()
	stopProfile, err := startProfile(s.cfg.CPUProfile)
	if err != nil {
		return s.res, err
	}
	runErr := s.pipe.run(s.probe.Ring)
	var recErr recordingError
	if errors.As(runErr, &recErr) {
		// The disk filled up, say: tracing stops; the command is the
		// user's work and runs on, untraced, which they are told now.
		// Closing the recording reports what was kept.
		e.stop(nil)
		runErr = nil
		if s.child != nil && !s.child.exited() {
			fmt.Fprintf(s.cfg.Stderr, "ior: %v: tracing stopped; %s runs on untraced, ior waits for it\n", recErr.error, s.cfg.Command[0])
		}
	}
	e.stop(terminateChild) // when the live output failed (its reader went away)
	if err := stopProfile(); err != nil {
		fmt.Fprintf(s.cfg.Stderr, "ior: -cpuprofile: %v\n", err)
	}
	if s.child != nil {
		if fate := e.fate(); fate != nil {
			fate(s.child)
		}
	}
	return s.res, s.finish(runErr)
}

// newSession checks everything that can be checked before attaching.
func newSession(cfg Config) (*session, error) {
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	if err := preflight(&cfg); err != nil {
		return nil, err
	}
	s := &session{cfg: cfg, start: time.Now()}
	if len(cfg.Command) == 0 && (cfg.PID != 0 || cfg.TID != 0) {
		var err error
		if s.target, err = pinTarget(cfg.PID, cfg.TID); err != nil {
			return nil, err
		}
	}
	if wantStatus(&cfg) {
		// Every message of ior's goes through the status line, which
		// clears itself first.
		s.status = &statusLine{term: cfg.Stderr}
		s.cfg.Stderr = s.status
	}
	host, _ := os.Hostname()
	s.hdr = recording.Header{
		Name: defaultName(&cfg), Host: host, Kernel: kernelRelease(), Start: s.start, StartMonoNs: monoNow(),
		Filters: recording.Filters{PID: cfg.PID, TID: cfg.TID, Comm: cfg.Comm, NoFollow: cfg.NoFollow}, Command: cfg.Command,
		Stacks: cfg.Stacks,
	}
	if cfg.Record {
		s.res.Recording = cfg.Output
		if s.res.Recording == "" {
			// The name may come from the target (its comm): made safe
			// as one file name, so it cannot point elsewhere.
			s.res.Recording = fmt.Sprintf("%s-%s-%s.ior.zst", outfile.SafeName(host), outfile.SafeName(s.hdr.Name), s.start.Format("20060102-150405"))
		}
	}
	for _, out := range []struct{ flag, path string }{{"-o", s.res.Recording}, {"-ready-file", cfg.ReadyFile}, {"-cpuprofile", cfg.CPUProfile}} {
		if out.path == "" {
			continue
		}
		if err := outfile.Check(out.path); err != nil {
			return nil, fmt.Errorf("%s: %w", out.flag, err)
		}
	}
	if cfg.Live != "" {
		var w output.Writer
		var err error
		if cfg.Timestamps != "" {
			w, err = output.NewLive(cfg.Live, cfg.Stdout, cfg.Timestamps)
		} else {
			w, err = output.New(cfg.Live, cfg.Stdout, s.hdr.StartMonoNs)
		}
		if err != nil {
			return nil, err
		}
		s.pipe.live = w
	}
	return s, nil
}

// attach starts the command (held at its gate), loads and attaches the
// probes, and opens the recording.
func (s *session) attach() error {
	var err error
	cfg := &s.cfg
	if len(cfg.Command) > 0 {
		if s.child, err = startGated(cfg.Command); err != nil {
			return err
		}
		cfg.PID = uint32(s.child.cmd.Process.Pid)
		s.hdr.Filters.PID = cfg.PID
		if s.target, err = pinTarget(cfg.PID, 0); err != nil { // ior's own child: alive until ior reaps it
			return err
		}
	}
	if cfg.BPFStats {
		closer, err := probe.EnableRunStats()
		if err != nil {
			return fmt.Errorf("enabling BPF run statistics: %w", err)
		}
		s.closers = append(s.closers, closer)
	}
	s.exclude = s.excludeReaders()
	if s.probe, err = probe.Prepare(s.probeConfig()); err != nil {
		return err
	}
	for _, sk := range s.probe.Skipped {
		fmt.Fprintf(cfg.Stderr, "ior: warning: this kernel has no tracepoint %s; not traced\n", sk)
	}
	s.hdr.Tracepoints, s.hdr.Skipped = s.probe.Attached, s.probe.Skipped
	// The recording and the pipeline are made while the probes attach:
	// each needs the other CPU for ~2 ms (the attach is the kernel's
	// work, ~0.2 ms a program; the recording's file and encoder), which
	// one after the other was ~4 ms of the time to ready.
	made := make(chan error, 1)
	go func() { made <- s.makePipeline() }()
	err = s.probe.Attach()
	if merr := <-made; err == nil {
		err = merr
	}
	if err != nil {
		return err
	}
	if cfg.Attached != nil {
		cfg.Attached(Kernel{s.probe})
	}
	return s.seed()
}

// makePipeline creates the recording (with -o) and the read loop's
// decoder, fd tracker and in-flight table.
func (s *session) makePipeline() error {
	cfg := &s.cfg
	if cfg.Record {
		rec, err := recording.Create(s.res.Recording, s.hdr)
		if err != nil {
			return err
		}
		s.pipe.rec, s.recPath = rec, rec.TempName()
	}
	probe.Step("recording created")
	s.pipe.dec, s.pipe.tracker, s.pipe.inflight = decode.New(), fdtable.NewTracker(nil), inflight.New()
	s.pipe.dec.SetSelf(decode.ReadSelf()) // ior's namespaces, cgroup and mounts
	s.pipe.configure(cfg)
	s.pipe.status = s.status
	probe.Step("pipeline made")
	return nil
}

// release tells the harness that ior is ready and lets the command run.
// With a command, the ready file appears once the command has exec'd:
// a signal sent on seeing it reaches the command, not ior's launcher.
func (s *session) release() error {
	if s.child != nil {
		if err := s.child.release(); err != nil {
			return err
		}
		s.child.awaitExec(2 * time.Second)
	}
	if s.cfg.ReadyFile != "" {
		return writeReady(s.cfg.ReadyFile)
	}
	return nil
}

// finish closes the recording and reports. runErr is why the read loop
// ended early (an output that failed), if it did. A recording whose
// writes failed is still closed: what was written before is kept, marked
// incomplete, and the error says so.
func (s *session) finish(runErr error) error {
	s.res.Events = s.pipe.events
	ks, statsErr := s.probe.Stats()
	s.res.Stats = statsOf(ks)
	s.res.Stats.Events, s.res.Stats.End = s.res.Events, time.Now()
	if s.pipe.space != nil {
		s.res.Stats.ProgramsUnplaced = s.pipe.space.Unplaced
	}
	var recErr error
	if s.pipe.rec != nil {
		if n := s.pipe.rec.Folded(); n > 0 {
			fmt.Fprintf(s.cfg.Stderr, "ior: warning: the recording's aggregates are full: %d events of groups past its bound are summed under %s (files, tasks); the events themselves are all recorded\n", n, recording.OtherPath)
		}
		recErr = s.pipe.rec.Close(s.res.Stats) // if it failed: says what was kept
		s.pipe.rec = nil
	}
	if s.child != nil {
		s.res.ExitCode = s.child.exitCode()
	}
	if s.status != nil {
		s.status.clear()
	}
	summarize(s.cfg.Stderr, &s.res, time.Since(s.start))
	if n := s.pipe.tracker.HandlesForgotten(); n > 0 {
		fmt.Fprintf(s.cfg.Stderr, "ior: warning: %d file handles (name_to_handle_at) were forgotten, the oldest first, past the table's bound; opening one by handle shows an unknown path\n", n)
	}
	if n := s.pipe.threads.Unnamed; n > 0 { // 0 by the kernel side's rule (probe.Threads)
		fmt.Fprintf(s.cfg.Stderr, "ior: warning: %d calls came without their thread's name, which no record before them had said: their task name is empty\n", n)
	}
	if d := s.pipe.drops; d != nil {
		fmt.Fprintf(s.cfg.Stderr, "ior: the trace-time filters left out %d events: %s\n", d.total, d)
	}
	if err := errors.Join(recErr, statsErr); err != nil {
		return err
	}
	if s.cfg.BPFStats {
		if err := reportRunStats(s.cfg.Stderr, s.probe); err != nil {
			return err
		}
	}
	return runErr
}

// close undoes whatever was done: a recording not finished is discarded,
// the command killed if it still runs, the probes detached.
func (s *session) close() {
	defer s.target.close()
	if s.pipe.rec != nil {
		s.pipe.rec.Abort()
	}
	if s.child != nil {
		s.child.kill()
	}
	if s.probe != nil {
		s.probe.Close()
	}
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i].Close()
	}
}

// startProfile profiles ior's CPU into path, which appears when the
// profile is complete.
func startProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := outfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Abort()
		return nil, err
	}
	return func() error { pprof.StopCPUProfile(); return f.Commit() }, nil
}

func writeReady(path string) error {
	if err := outfile.WriteFile(path, []byte("ready\n")); err != nil {
		return fmt.Errorf("writing ready file: %w", err)
	}
	return nil
}
