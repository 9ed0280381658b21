package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/tracer"
)

// errUsage: the flag package has already said what is wrong.
var errUsage = errors.New("usage")

const traceUsage = `usage: ior [flags] [-- COMMAND ARGS...]
       ior collapsed [-fields F,F] [-weight count|duration|bytes] FILE
       ior flamegraph [-fields F,F] [-weight W] [-title T] FILE > out.svg
       ior events [-format human|csv|json] [-json] FILE
       ior syscalls

Traces the I/O syscalls of a process (-pid, -tid, -comm) or of COMMAND,
which ior starts with tracing already attached.

flags:
`

func parseTrace(args []string) (tracer.Config, error) {
	var cfg tracer.Config
	fs := flag.NewFlagSet("ior", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), traceUsage)
		fs.PrintDefaults()
	}
	pid := fs.Int("pid", 0, "trace the process with this PID")
	tid := fs.Int("tid", 0, "trace only the thread with this TID")
	fs.StringVar(&cfg.Comm, "comm", "", "trace only tasks whose name starts with this (at most 15 bytes)")
	fs.DurationVar(&cfg.Duration, "duration", 0, "stop after this long (default: when the target exits, or on SIGINT/SIGTERM)")
	fs.BoolVar(&cfg.Record, "flamegraph", false, "write a .ior.zst recording (for 'ior flamegraph', 'ior collapsed', 'ior events')")
	fs.StringVar(&cfg.Name, "name", "", "name of the recording (default: the target's comm)")
	fs.StringVar(&cfg.Output, "o", "", "recording path (default: <host>-<name>-<timestamp>.ior.zst in the working directory)")
	fs.StringVar(&cfg.ReadyFile, "ready-file", "", "create this file once every probe is attached")
	csv := fs.Bool("plain", false, "print events as CSV lines on stdout (status goes to stderr)")
	jsonl := fs.Bool("json", false, "print events as JSON lines on stdout (the schema of 'ior events -json')")
	ring := fs.Uint("ring-size", 16, "ring buffer size in MiB (a power of two)")
	only := fs.String("syscalls", "", "comma-separated syscalls to trace (default: all of 'ior syscalls')")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write ior's own CPU profile (pprof) to this file")
	fs.BoolVar(&cfg.BPFStats, "bpf-stats", false, "report the BPF programs' run counts and average run times (kernel BPF stats)")
	fs.BoolVar(&cfg.RejectAll, "reject-all", false, "attach every probe but record nothing (to measure the probes' own cost)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		return cfg, errUsage
	}
	cfg.Command = fs.Args()
	if *pid < 0 || *tid < 0 {
		return cfg, errors.New("-pid and -tid must be positive")
	}
	cfg.PID, cfg.TID = uint32(*pid), uint32(*tid)
	if len(cfg.Command) > 0 && (cfg.PID != 0 || cfg.TID != 0) {
		return cfg, errors.New("give either -pid/-tid or a command, not both")
	}
	if *ring == 0 || *ring&(*ring-1) != 0 || *ring > 4096 {
		return cfg, fmt.Errorf("-ring-size %d is not a power of two between 1 and 4096", *ring)
	}
	cfg.RingBytes = uint32(*ring) << 20
	switch {
	case *csv && *jsonl:
		return cfg, errors.New("give -plain or -json, not both")
	case *csv:
		cfg.Live = "csv"
	case *jsonl:
		cfg.Live = "json"
	case !cfg.Record:
		cfg.Live = "human"
	}
	if *only != "" {
		for _, n := range strings.Split(*only, ",") {
			n = strings.TrimSpace(n)
			if syscalls.ByName(n) == nil {
				return cfg, fmt.Errorf("-syscalls: unknown syscall %q (see 'ior syscalls')", n)
			}
			cfg.Syscalls = append(cfg.Syscalls, n)
		}
	}
	if len(cfg.Comm) > 15 {
		return cfg, fmt.Errorf("-comm %q is longer than the kernel's 15-byte task names", cfg.Comm)
	}
	return cfg, nil
}

// toolFlags parses a subcommand's flags and its one FILE argument.
func toolFlags(name string, args []string, setup func(fs *flag.FlagSet)) (string, error) {
	fs := flag.NewFlagSet("ior "+name, flag.ContinueOnError)
	setup(fs)
	if err := fs.Parse(args); err != nil {
		return "", errUsage
	}
	if fs.NArg() != 1 {
		return "", fmt.Errorf("%s takes one recording file, got %d arguments", name, fs.NArg())
	}
	return fs.Arg(0), nil
}
