// Command ior traces the I/O syscalls of a process with eBPF.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/ior-tracer/ior/internal/event"
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
	cfg.Stdout, cfg.Stderr = stdout, stderr
	if f, ok := stdout.(*os.File); ok && f == os.Stdout && len(cfg.Command) > 0 && (cfg.Live == "json" || cfg.Live == "csv") {
		// Events are for a program (ior -json -- ls | jq): COMMAND's
		// own output goes to stderr (it inherits os.Stdout), so that
		// stdout carries events only.
		os.Stdout = os.Stderr
		defer func() { os.Stdout = f }()
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

// version is ior's version: the module's, or the commit it was built from.
func version() string {
	v := "ior (devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = "ior " + bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision", "vcs.time":
			v += " " + s.Key[4:] + "=" + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += " (modified)"
			}
		}
	}
	return v + " " + bi.GoVersion
}
