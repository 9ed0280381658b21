// Command ior traces the I/O syscalls of a process with eBPF.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

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
		case "collapsed", "flamegraph", "events", "syscalls":
			return 0, runTool(args[0], args[1:], stdout, stderr)
		}
	}
	cfg, err := parseTrace(args, stderr)
	if err != nil {
		return 1, err
	}
	cfg.Stdout, cfg.Stderr = stdout, stderr
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	// Caught, not ignored, so that COMMAND does not inherit SIG_IGN:
	// writing to a closed stdout then fails with EPIPE instead of killing
	// ior before the recording is complete.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	cfg.Signals = sigs
	res, err := tracer.Run(context.Background(), cfg)
	if err != nil {
		return 1, err
	}
	return res.ExitCode, nil
}
