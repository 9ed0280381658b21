// Package tracer runs one tracing session: checks, probe loading, the
// read loop, and the outputs (recording, live lines).
package tracer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/cilium/ebpf/ringbuf"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

// Config is one session's settings.
type Config struct {
	PID, TID   uint32
	Comm       string
	Duration   time.Duration // 0: until the target exits or a signal
	Command    []string      // run this with tracing attached
	Flamegraph bool          // write a recording
	Name       string
	Output     string // recording path; "": <host>-<name>-<timestamp>.ior.zst
	ReadyFile  string
	Plain      bool // CSV lines on stdout
	RingBytes  uint32
	Syscalls   []string
	CPUProfile string // pprof CPU profile of ior itself
	BPFStats   bool   // report the BPF programs' run counts and times
	RejectAll  bool   // benchmark floor: probes attached, every event filtered out
	Stdout     io.Writer
	Stderr     io.Writer
}

// Result is what a session observed.
type Result struct {
	Events    uint64
	Stats     recording.Stats
	Recording string // path written, if any
	ExitCode  int    // of Command
}

// check finds what would make the session fail before anything is
// attached: privileges, tracefs, the target, the output directory.
func check(cfg *Config) error {
	if os.Geteuid() != 0 {
		var hdr = unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
		var data [2]unix.CapUserData
		if err := unix.Capget(&hdr, &data[0]); err != nil {
			return fmt.Errorf("reading capabilities: %w", err)
		}
		has := func(c uint) bool { return data[c/32].Effective&(1<<(c%32)) != 0 }
		if !(has(unix.CAP_SYS_ADMIN) || has(unix.CAP_BPF) && has(unix.CAP_PERFMON)) {
			return errors.New("ior needs root, or CAP_BPF and CAP_PERFMON, to load BPF programs")
		}
	}
	if _, err := probe.TracefsRoot(); err != nil {
		return err
	}
	for _, id := range []uint32{cfg.PID, cfg.TID} {
		if id == 0 {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", id)); err != nil {
			return fmt.Errorf("process %d does not exist", id)
		}
	}
	if cfg.PID != 0 && cfg.TID != 0 {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d/task/%d", cfg.PID, cfg.TID)); err != nil {
			return fmt.Errorf("thread %d is not in process %d", cfg.TID, cfg.PID)
		}
	}
	return nil
}

func defaultName(cfg *Config) string {
	switch {
	case cfg.Name != "":
		return cfg.Name
	case len(cfg.Command) > 0:
		return filepath.Base(cfg.Command[0])
	case cfg.PID != 0 || cfg.TID != 0:
		id := cfg.PID
		if id == 0 {
			id = cfg.TID
		}
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", id)); err == nil {
			return strings.TrimSpace(string(b))
		}
	case cfg.Comm != "":
		return cfg.Comm
	}
	return "all"
}

func kernelRelease() string {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return ""
	}
	return unix.ByteSliceToString(u.Release[:])
}

func monoNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}

// Run traces until the target exits, cfg.Duration passes or ctx ends.
func Run(ctx context.Context, cfg Config) (res Result, err error) {
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	if err := check(&cfg); err != nil {
		return res, err
	}
	host, _ := os.Hostname()
	start := time.Now()
	hdr := recording.Header{
		Name: defaultName(&cfg), Host: host, Kernel: kernelRelease(), Start: start, StartMonoNs: monoNow(),
		Filters: recording.Filters{PID: cfg.PID, TID: cfg.TID, Comm: cfg.Comm}, Command: cfg.Command,
	}

	// An unwritable output directory fails before anything is attached.
	if cfg.Flamegraph {
		res.Recording = cfg.Output
		if res.Recording == "" {
			res.Recording = fmt.Sprintf("%s-%s-%s.ior.zst", host, hdr.Name, start.Format("20060102-150405"))
		}
		if err := recording.CheckWritable(res.Recording); err != nil {
			return res, err
		}
	}

	var child *gatedChild
	if len(cfg.Command) > 0 {
		child, err = startGated(cfg.Command)
		if err != nil {
			return res, err
		}
		defer child.kill()
		cfg.PID = uint32(child.cmd.Process.Pid)
		hdr.Filters.PID = cfg.PID
	}

	pc := probe.Config{TGID: cfg.PID, TID: cfg.TID, Comm: cfg.Comm, RingBytes: cfg.RingBytes, Syscalls: cfg.Syscalls}
	if cfg.RejectAll {
		pc = probe.Config{TGID: probe.RejectAll, RingBytes: cfg.RingBytes, Syscalls: cfg.Syscalls}
	}
	if cfg.BPFStats {
		closer, err := probe.EnableRunStats()
		if err != nil {
			return res, fmt.Errorf("enabling BPF run statistics: %w", err)
		}
		defer closer.Close()
	}
	p, err := probe.Load(pc)
	if err != nil {
		return res, err
	}
	defer p.Close()
	for _, s := range p.Skipped {
		fmt.Fprintf(cfg.Stderr, "ior: warning: this kernel has no tracepoint %s; not traced\n", s)
	}
	hdr.Tracepoints, hdr.Skipped = p.Attached, p.Skipped
	var rec *recording.Writer
	if cfg.Flamegraph {
		if rec, err = recording.Create(res.Recording, hdr); err != nil {
			return res, err
		}
		defer func() {
			if err != nil {
				rec.Abort()
			}
		}()
	}

	tracker := fdtable.NewTracker(nil)
	if cfg.PID != 0 {
		tracker.Snapshot(cfg.PID)
	}

	// Everything that ends the session funnels into stop.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if cfg.Duration > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	if child != nil {
		go func() { child.wait(); cancel() }()
	} else if cfg.PID != 0 || cfg.TID != 0 {
		if err := watchExit(ctx, cfg.PID, cfg.TID, cancel); err != nil {
			return res, err
		}
	}

	if cfg.ReadyFile != "" {
		if err := writeReady(cfg.ReadyFile); err != nil {
			return res, err
		}
	}
	if child != nil {
		if err := child.release(); err != nil {
			return res, err
		}
	}

	go func() {
		<-ctx.Done()
		p.Detach()
		p.Reader.Flush()
	}()

	if cfg.CPUProfile != "" {
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			return res, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return res, err
		}
		defer pprof.StopCPUProfile()
	}
	live := newLive(&cfg, hdr)
	n, err := readLoop(p.Reader, tracker, rec, live)
	live.flush()
	if err != nil {
		return res, err
	}
	res.Events = n
	ks, err := p.Stats()
	if err != nil {
		return res, err
	}
	res.Stats = recording.Stats{Events: n, LostRingbuf: ks.LostRingbuf, LostInflight: ks.LostInflight,
		PathsRetried: ks.SlotRetried, PathsFaulted: ks.SlotFault, End: time.Now()}
	if rec != nil {
		if err := rec.Close(res.Stats); err != nil {
			return res, err
		}
	}
	if child != nil {
		res.ExitCode = child.exitCode()
	}
	summarize(cfg.Stderr, &res, time.Since(start))
	if cfg.BPFStats {
		// Counted for every task the programs ran for, traced or not.
		rs, err := p.RunStats()
		if err != nil {
			return res, err
		}
		for _, r := range rs {
			avg := 0.0
			if r.Runs > 0 {
				avg = float64(r.Runtime.Nanoseconds()) / float64(r.Runs)
			}
			fmt.Fprintf(cfg.Stderr, "ior: bpf %s: %d runs, %.0f ns each on average\n", r.Name, r.Runs, avg)
		}
	}
	return res, nil
}

func summarize(w io.Writer, res *Result, d time.Duration) {
	fmt.Fprintf(w, "ior: %d events in %.2fs, %d lost", res.Events, d.Seconds(), res.Stats.Lost())
	// ior's own cost; RUSAGE_SELF leaves out the command it ran.
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) == nil {
		fmt.Fprintf(w, ", ior cpu %.3fs, max rss %d KiB", float64(ru.Utime.Nano()+ru.Stime.Nano())/1e9, ru.Maxrss)
	}
	if res.Recording != "" {
		fmt.Fprintf(w, ", recording %s", res.Recording)
	}
	fmt.Fprintln(w)
	if l := res.Stats.Lost(); l > 0 {
		fmt.Fprintf(w, "ior: warning: %d events lost: %d with the ring buffer full (try a larger -ring-size), %d with no per-thread state (kernel memory)\n",
			l, res.Stats.LostRingbuf, res.Stats.LostInflight)
	}
}

// readLoop reads until the ring buffer is flushed after the stop.
func readLoop(rd *ringbuf.Reader, tracker *fdtable.Tracker, rec *recording.Writer, live *liveOut) (uint64, error) {
	var (
		r   ringbuf.Record
		raw event.Raw
		ev  event.Event
		n   uint64
	)
	// The kernel side wakes us only for a backlog; smaller amounts are
	// picked up on this tick.
	const tick = probe.PollInterval
	rd.SetDeadline(time.Now().Add(tick))
	for {
		err := rd.ReadInto(&r)
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded):
			live.flush()
			rd.SetDeadline(time.Now().Add(tick))
			continue
		case errors.Is(err, ringbuf.ErrFlushed):
			return n, nil
		default:
			return n, fmt.Errorf("reading ring buffer: %w", err)
		}
		if err := event.Decode(r.RawSample, &raw); err != nil {
			return n, err
		}
		tracker.Apply(&raw, &ev)
		if raw.Kind != event.KindSyscall {
			continue
		}
		n++
		if rec != nil {
			rec.Write(&ev)
		}
		live.write(&ev)
	}
}

func writeReady(path string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte("ready\n"), 0o644); err != nil {
		return fmt.Errorf("writing ready file: %w", err)
	}
	return os.Rename(tmp, path)
}

// watchExit cancels when the target process (or thread) is gone.
func watchExit(ctx context.Context, pid, tid uint32, cancel func()) error {
	id, flags := int(pid), 0
	if pid == 0 {
		id, flags = int(tid), unix.PIDFD_THREAD
	}
	fd, err := unix.PidfdOpen(id, flags)
	if err != nil {
		return fmt.Errorf("watching process %d: %w", id, err)
	}
	go func() {
		defer unix.Close(fd)
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for ctx.Err() == nil {
			n, err := unix.Poll(fds, 200)
			if err == nil && n > 0 {
				cancel()
				return
			}
		}
	}()
	return nil
}

// A gated child is CMD started through ior's own binary, which blocks on
// a pipe until the probes are attached and then execs CMD in place, so
// CMD's first syscall is already traced and its PID is known before load.
type gatedChild struct {
	cmd  *exec.Cmd
	gate *os.File
	done chan struct{}
	err  error
}

// GateEnv marks ior's binary as running in gate mode.
const GateEnv = "IOR_EXEC_GATE"

func startGated(argv []string) (*gatedChild, error) {
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("command %s: %w", argv[0], err)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, argv[1:]...)
	cmd.Args = append([]string{path}, argv[1:]...)
	cmd.Env = append(os.Environ(), GateEnv+"="+path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{r}
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	r.Close()
	c := &gatedChild{cmd: cmd, gate: w, done: make(chan struct{})}
	go func() { c.err = cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *gatedChild) release() error {
	_, err := c.gate.Write([]byte{1})
	c.gate.Close()
	return err
}

func (c *gatedChild) wait() { <-c.done }

func (c *gatedChild) kill() {
	select {
	case <-c.done:
	default:
		c.cmd.Process.Kill()
		<-c.done
	}
}

func (c *gatedChild) exitCode() int {
	<-c.done
	return c.cmd.ProcessState.ExitCode()
}

// GateMain is ior's entry in gate mode: wait for the go byte on fd 3,
// then become the command.
func GateMain(path string) {
	gate := os.NewFile(3, "gate")
	var b [1]byte
	if n, _ := gate.Read(b[:]); n != 1 {
		os.Exit(125) // ior went away before releasing us
	}
	gate.Close()
	env := make([]string, 0, len(os.Environ()))
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, GateEnv+"=") {
			env = append(env, e)
		}
	}
	err := unix.Exec(path, os.Args, env)
	fmt.Fprintf(os.Stderr, "ior: exec %s: %v\n", path, err)
	os.Exit(127)
}

// liveOut prints events as they come: CSV with -plain, readable lines when
// nothing else is asked for, nothing when only a recording is written.
type liveOut struct {
	w     *bufio.Writer
	csv   bool
	on    bool
	start uint64
}

func newLive(cfg *Config, hdr recording.Header) *liveOut {
	l := &liveOut{w: bufio.NewWriterSize(cfg.Stdout, 64<<10), csv: cfg.Plain, on: cfg.Plain || !cfg.Flamegraph, start: hdr.StartMonoNs}
	if l.csv {
		l.w.WriteString(CSVHeader + "\n")
	}
	return l
}

// CSVHeader names the -plain columns.
const CSVHeader = "enter_ns,duration_ns,syscall,pid,tid,comm,ret,bytes,fd,fd2,path,path2,flags,mode"

func (l *liveOut) write(ev *event.Event) {
	if !l.on {
		return
	}
	if l.csv {
		fmt.Fprintf(l.w, "%d,%d,%s,%d,%d,%s,%d,%d,%d,%d,%s,%s,%#x,%#o\n", ev.EnterNs, ev.Duration(), ev.Syscall,
			ev.PID, ev.TID, csvQuote(ev.Comm), ev.Ret, ev.Bytes, ev.FD, ev.FD2, csvQuote(ev.Path), csvQuote(ev.Path2), ev.Flags, ev.Mode)
		return
	}
	fmt.Fprintln(l.w, FormatLine(ev, l.start))
}

func (l *liveOut) flush() { l.w.Flush() }

func csvQuote(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// FormatLine renders an event for people, strace-like:
//
//	0.001234 1234/1235 cat openat("/etc/passwd") fd=3 = 3 <0.000012>
func FormatLine(ev *event.Event, startNs uint64) string {
	var b strings.Builder
	rel := float64(int64(ev.EnterNs-startNs)) / 1e9
	fmt.Fprintf(&b, "%10.6f %d/%d %s %s(", rel, ev.PID, ev.TID, ev.Comm, ev.Syscall)
	sep := ""
	if ev.Path != "" {
		fmt.Fprintf(&b, "%q", ev.Path)
		sep = ", "
	}
	if ev.Path2 != "" {
		fmt.Fprintf(&b, "%s%q", sep, ev.Path2)
		sep = ", "
	}
	if ev.FD >= 0 {
		fmt.Fprintf(&b, "%sfd=%d", sep, ev.FD)
	}
	b.WriteString(") = ")
	if ev.Ret < 0 && ev.Ret >= -4095 {
		errno := unix.Errno(-ev.Ret)
		fmt.Fprintf(&b, "-1 %s (%s)", unix.ErrnoName(errno), errno.Error())
	} else {
		fmt.Fprintf(&b, "%d", ev.Ret)
	}
	if ev.Bytes > 0 {
		fmt.Fprintf(&b, " bytes=%d", ev.Bytes)
	}
	fmt.Fprintf(&b, " <%.6f>", float64(ev.Duration())/1e9)
	return b.String()
}

// Syscalls lists what ior can trace.
func Syscalls() []string {
	names := make([]string, len(syscalls.Table))
	for i, sp := range syscalls.Table {
		names[i] = sp.Name
	}
	return names
}
