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
	if err != nil {
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
	cfg, err := parseTrace(args)
	if err != nil {
		return 1, err
	}
	cfg.Stdout, cfg.Stderr = stdout, stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := tracer.Run(ctx, cfg)
	if err != nil {
		return 1, err
	}
	return res.ExitCode, nil
}
