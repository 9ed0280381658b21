package top

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/ioprof"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
	"github.com/ior-tracer/ior/internal/tracer"
	"golang.org/x/sys/unix"
)

// Options are the dashboard's own settings.
type Options struct {
	// ExitOnEnd quits when the target exits instead of keeping the
	// final numbers on screen (for scripts and benchmarks).
	ExitOnEnd bool
	// CommandOutput receives COMMAND's stdout and stderr, which would
	// otherwise draw over the screen ("": /dev/null).
	CommandOutput string
}

// syncBuffer collects what the session says on stderr while the screen
// is up; it is printed once the terminal is restored.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func color() bool { return os.Getenv("NO_COLOR") == "" }

// program makes the bubbletea program on the terminal: ior's stdin and
// stdout (or none when they are not terminals: benchmarks).
func program(m *Model, stdin, stdout *os.File) *tea.Program {
	m.timed = true
	opts := []tea.ProgramOption{tea.WithOutput(stdout), tea.WithFPS(30), tea.WithInput(nil)}
	if _, err := unix.IoctlGetTermios(int(stdin.Fd()), unix.TCGETS); err == nil {
		opts[2] = tea.WithInput(stdin)
	}
	return tea.NewProgram(m, opts...)
}

// RunLive traces as cfg says and shows it until the user quits. It
// returns COMMAND's exit status.
func RunLive(cfg tracer.Config, o Options, stderr io.Writer) (int, error) {
	agg := live.New()
	title := strings.Join(cfg.Command, " ")
	switch {
	case title != "":
		title = "-- " + title
	case cfg.PID != 0:
		title = fmt.Sprintf("-pid %d", cfg.PID)
	case cfg.TID != 0:
		title = fmt.Sprintf("-tid %d", cfg.TID)
	case cfg.Comm != "":
		title = "-comm " + cfg.Comm
	default:
		title = "-all"
	}
	host, _ := os.Hostname()
	src := &liveSource{agg: agg, title: title, hdr: recording.Header{Name: "top", Host: host, StartMonoNs: monoNow(),
		Filters: recording.Filters{PID: cfg.PID, TID: cfg.TID, Comm: cfg.Comm, NoFollow: cfg.NoFollow}, Command: cfg.Command},
		filters: cfg.Filters}
	if cfg.Stacks {
		// Stacks named in the read loop, as of the mappings ior has
		// learnt by then (the Namer is the read loop's alone).
		names := ioprof.NewNamer(symbolize.New())
		agg.SetStacks(func(ev *event.Event) []string {
			return names.Names(agg.Mappings(ev.PID), ev.PID, ev.Stack)
		})
		cfg.Mapping = agg.Mapping
		src.hdr.Stacks = true // an R recording gets the stacks and mappings
	}
	cfg.Observe = agg.Observe
	cfg.CountOther = true
	logs := &syncBuffer{}
	cfg.Stdout, cfg.Stderr, cfg.Live, cfg.Record = io.Discard, logs, "", false
	// COMMAND inherits ior's stdio (the launcher passes os.Std*): it
	// gets no terminal, so that it neither draws over the screen nor
	// reads the keys meant for it.
	in, out := os.Stdin, os.Stdout
	restore, err := detachStdio(o.CommandOutput)
	if err != nil {
		return 1, err
	}
	defer restore()
	m := New(src, color())
	m.exitOnEnd = o.ExitOnEnd
	p := program(m, in, out)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := make(chan os.Signal, 1)
	cfg.Signals = stop
	// SIGHUP and SIGQUIT end the screen too (bubbletea takes SIGINT
	// and SIGTERM): the terminal is restored and tracing stopped.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			p.Quit()
		}
	}()
	type ended struct {
		res tracer.Result
		err error
	}
	done := make(chan ended, 1)
	attached := make(chan struct{})
	cfg.Attached = func(k tracer.Kernel) {
		src.attached(k)
		close(attached)
	}
	go func() {
		res, err := tracer.Run(ctx, cfg)
		note := fmt.Sprintf("tracing ended: %d events, %d lost", res.Events, res.Stats.Lost())
		if nr := res.Stats.NotRecorded(); nr != "" {
			note += " (not recorded: " + nr + ")"
		}
		if len(cfg.Command) > 0 && err == nil {
			note = fmt.Sprintf("%s exited with status %d; %s", cfg.Command[0], res.ExitCode, note)
		}
		if err != nil {
			note = "tracing failed: " + err.Error()
		}
		src.end(res.Stats, note)
		done <- ended{res, err}
		p.Send(endedMsg{})
	}()
	// What fails before the probes are attached (not root, a bad flag
	// value, no tracefs) is one line on stderr, without a screen.
	select {
	case <-attached:
	case e := <-done:
		restore()
		stderr.Write(logs.b.Bytes())
		if e.err != nil {
			return 1, e.err
		}
		return e.res.ExitCode, nil
	}
	_, perr := p.Run()
	restore()
	// Quit while the target runs: COMMAND gets SIGTERM and TerminateGrace
	// to exit (its shutdown is traced), then it is killed.
	var e ended
	quitEarly := false
	select {
	case e = <-done:
	default:
		quitEarly = true
		stop <- syscall.SIGTERM
		select {
		case e = <-done:
		case <-time.After(tracer.TerminateGrace):
			cancel()
			e = <-done
		}
	}
	if path, err := src.stopRecording(); path != "" {
		if err != nil {
			fmt.Fprintf(stderr, "ior: recording %s: %v\n", path, err)
		} else {
			fmt.Fprintf(stderr, "ior: recorded %s\n", path)
		}
	}
	stderr.Write(logs.b.Bytes())
	if perr != nil && !errors.Is(perr, tea.ErrProgramKilled) {
		return 1, perr
	}
	if e.err != nil {
		return 1, e.err
	}
	if quitEarly {
		return 0, nil // the user ended it: not COMMAND's failure
	}
	return e.res.ExitCode, nil
}

// detachStdio points os.Stdin at /dev/null and os.Stdout and os.Stderr at
// path (or /dev/null) until restore is called.
func detachStdio(path string) (restore func(), err error) {
	in, err := os.Open(os.DevNull)
	if err != nil {
		return nil, err
	}
	if path == "" {
		path = os.DevNull
	}
	outF, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("-command-output: %w", err)
	}
	sin, sout, serr := os.Stdin, os.Stdout, os.Stderr
	os.Stdin, os.Stdout, os.Stderr = in, outF, outF
	var once sync.Once
	return func() {
		once.Do(func() {
			os.Stdin, os.Stdout, os.Stderr = sin, sout, serr
			in.Close()
			outF.Close()
		})
	}, nil
}

// RunReplay shows a recording.
func RunReplay(path string) error {
	pl, err := OpenPlayer(path)
	if err != nil {
		return err
	}
	defer pl.close()
	_, err = program(New(pl, color()), os.Stdin, os.Stdout).Run()
	return err
}
