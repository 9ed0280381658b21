// Command ior traces the I/O syscalls of a process with eBPF.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/outfile"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/summary"
	"github.com/ior-tracer/ior/internal/tracer"
)

func main() {
	if path := os.Getenv(tracer.GateEnv); path != "" {
		tracer.GateMain(path) // does not return
	}
	code, err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, syscall.EPIPE):
		// The reader of ior's output went away (ior ... | head):
		// end quietly, as a shell pipeline expects.
		os.Exit(128 + int(syscall.SIGPIPE))
	case errors.Is(err, errHelp):
		os.Exit(0)
	case err != nil:
		if !errors.Is(err, errUsage) {
			fmt.Fprintf(os.Stderr, "ior: %v\n", err)
		}
		os.Exit(1)
	}
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) > 0 {
		switch args[0] {
		case "collapsed", "flamegraph", "events", "syscalls", "pprof":
			return 0, runTool(args[0], args[1:], stdout, stderr)
		case "summary":
			return 0, runSummary(args[1:], stdout, stderr)
		case "hist":
			return 0, runHist(args[1:], stdout, stderr)
		case "export":
			return 0, runExport(args[1:], stdout, stderr)
		case "top":
			return runTop(args[1:], stdout, stderr)
		case "-version", "--version", "version":
			fmt.Fprintln(stdout, version())
			return 0, nil
		}
	}
	cfg, ls, err := parseTrace(args, stderr)
	if err != nil {
		return 1, err
	}
	// One rule for every live format, as strace has it: COMMAND's stdin,
	// stdout and stderr are its own, untouched; the live events go to
	// stderr, or where -output says.
	cfg.Stdout, cfg.Stderr = stderr, stderr
	switch ls.output {
	case "":
	case "-":
		cfg.Stdout = stdout
	default:
		f, err := openLiveOutput(ls.output)
		if err != nil {
			return 1, fmt.Errorf("-output: %w", err)
		}
		defer f.Close()
		cfg.Stdout = f
	}
	var agg *recording.Aggregator
	var filtered uint64
	if ls.on {
		agg = recording.NewAggregator()
		cfg.Observe = func(ev *event.Event, kept bool) {
			if kept {
				agg.Add(ev)
			} else {
				filtered++
			}
		}
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	// Caught, not ignored, so that COMMAND does not inherit SIG_IGN:
	// writing to a closed stdout then fails with EPIPE instead of killing
	// ior before the recording is complete.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	cfg.Signals = sigs
	res, err := tracer.Run(context.Background(), cfg)
	if agg != nil && (err == nil || res.Events > 0) {
		if serr := writeLiveSummary(stderr, agg, &ls, &cfg, &res, filtered); serr != nil && err == nil {
			err = serr
		}
	}
	if err != nil {
		return 1, err
	}
	return res.ExitCode, nil
}

// writeLiveSummary prints -c's tables: of the events kept, with what the
// filters dropped counted in the title.
func writeLiveSummary(w io.Writer, agg *recording.Aggregator, ls *liveSummary, cfg *tracer.Config, res *tracer.Result, filtered uint64) error {
	s, err := summary.Build(agg.Aggregates(), ls.opts)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("ior summary: %d events, %d lost", res.Events, res.Stats.Lost())
	if cfg.Filters.On() {
		title += fmt.Sprintf(", %d filtered out (%s)", filtered, cfg.Filters)
	}
	return s.WriteText(w, title)
}

// openLiveOutput opens the file the live events are written to as they
// come (tail -f works), after the checks every output file gets: an
// existing regular file is replaced; a directory, device, fifo, socket
// or symlink is refused.
func openLiveOutput(path string) (*os.File, error) {
	if err := outfile.Check(path); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
}

// version says what ior is, for bug reports: the module version, the
// commit it was built from (revision, time, and whether the tree had
// uncommitted changes), the Go version, and the hash of the BPF object
// it embeds, which a build from a modified tree may not have regenerated.
func version() string {
	v := "ior (devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v + "\nbpf object sha256 " + probe.ObjectSHA256()
	}
	if bi.Main.Version != "" {
		v = "ior " + bi.Main.Version
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	if r := vcs["vcs.revision"]; r != "" {
		v += "\nrevision " + r
		if t := vcs["vcs.time"]; t != "" {
			v += " " + t
		}
		switch vcs["vcs.modified"] {
		case "true":
			v += " (dirty: uncommitted changes)"
		case "false":
			v += " (clean)"
		}
	} else {
		v += "\nrevision unknown (built outside a VCS checkout, or with -buildvcs=false)"
	}
	return v + "\n" + bi.GoVersion + " " + goarch() + "\nbpf object sha256 " + probe.ObjectSHA256()
}

func goarch() string { return runtime.GOOS + "/" + runtime.GOARCH }
