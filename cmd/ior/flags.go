package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/summary"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/tracer"
)

// errUsage: the flag package has already said what is wrong; errHelp:
// help was asked for and printed.
var (
	errUsage = errors.New("usage")
	errHelp  = errors.New("help")
)

const traceUsage = `usage: ior [flags] -pid PID | -tid TID | -comm NAME | -all | -- COMMAND ARGS...
       ior top [flags] -pid PID | ... | -- COMMAND ARGS...   (a live dashboard; ior top -h)
       ior top FILE.ior.zst
       ior summary [-sort time|calls|bytes|errors] [-top N] [-json] FILE
       ior hist [-syscall S] [-path PREFIX] FILE
       ior export [-format parquet|csv] [-o OUT] [-partition host,date] FILE...
       ior collapsed [-fields F,F] [-weight count|duration|bytes] FILE
       ior flamegraph [-fields F,F] [-weight W] [-title T] FILE > out.svg
       ior events [-format human|csv|json] [-json] [-t|-tt] [-stacks] FILE
       ior pprof [-weight count|bytes|duration] FILE > io.pb.gz
       ior syscalls
       ior -version

Traces the I/O syscalls of a process (-pid), a thread (-tid), tasks by
name (-comm), every process (-all), or COMMAND, which ior starts with
tracing already attached (from its exec: nothing of ior's own launcher is
recorded). A process or COMMAND is followed into every child and thread it
starts, from their first instruction (-no-follow: the process alone).

Ending: tracing stops when the target exits, when -duration passes, or on
SIGINT, SIGTERM, SIGHUP or SIGQUIT; the recording is always completed.
With a COMMAND, a first signal is passed on to COMMAND (Ctrl-C reaches it
from the terminal anyway) and tracing goes on until COMMAND exits; a second
one stops at once and kills COMMAND and what it started; -duration stops
tracing and then ends COMMAND like timeout(1): SIGTERM, then SIGKILL after
2s. COMMAND is killed if ior itself dies. ior exits with COMMAND's status
(128+N when signal N ended it).

Streams, as with strace: COMMAND's stdin, stdout and stderr are its own,
untouched. The live events (human, -plain, -json) go to stderr, or to the
file -output names (-output -: stdout); ior's messages go to stderr. -o
FILE records to FILE and, unless -plain or -json asks, prints no events.

Output files (-o, -ready-file, -cpuprofile): written to a temporary file
beside the final name and renamed into place when complete (-output is
written as events come). An existing regular file at that name is
replaced; anything else there (a directory, a device, a fifo, a socket, a
symlink) is refused before tracing starts.

flags:
`

// seconds is a duration flag that also takes a bare number of seconds
// (-duration=10, as well as -duration=10s or 1m30s).
type seconds struct{ d *time.Duration }

func (s seconds) String() string {
	if s.d == nil {
		return "0s"
	}
	return s.d.String()
}

func (s seconds) Set(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil {
		f, ferr := strconv.ParseFloat(v, 64)
		if ferr != nil {
			return fmt.Errorf("%q is not a duration: give seconds (10, 2.5) or a Go duration (10s, 1m30s, 500ms)", v)
		}
		d = time.Duration(f * float64(time.Second))
	}
	if d <= 0 {
		return fmt.Errorf("%q: the duration must be positive", v)
	}
	*s.d = d
	return nil
}

// liveSummary is what -c asks for: a summary on stderr at the end.
// It also carries -output, where the live events go, which cmd/ior
// opens.
type liveSummary struct {
	on     bool
	opts   summary.Options
	output string
}

func parseTrace(args []string, stderr io.Writer) (cfg tracer.Config, ls liveSummary, err error) {
	fs := flag.NewFlagSet("ior", flag.ContinueOnError)
	fs.SetOutput(stderr)
	help := false
	fs.Usage = func() {
		if help {
			fmt.Fprint(fs.Output(), traceUsage)
			fs.PrintDefaults()
		} else {
			fmt.Fprintln(fs.Output(), "run 'ior -h' for help")
		}
	}
	pid := fs.Int("pid", 0, "trace the process with this PID")
	tid := fs.Int("tid", 0, "trace only the thread with this TID")
	fs.StringVar(&cfg.Comm, "comm", "", "trace only tasks whose name starts with this (at most 15 bytes)")
	all := fs.Bool("all", false, "trace every process on the machine (but ior)")
	fs.StringVar(&cfg.Cgroup, "cgroup", "", "trace every task in this cgroup v2 directory or below it, those started later too (a container's: /sys/fs/cgroup/...)")
	fs.BoolVar(&cfg.NoFollow, "no-follow", false, "trace the process (-pid) or COMMAND alone, not the children it starts")
	fs.Var(seconds{&cfg.Duration}, "duration", "stop after this long: seconds (10) or a Go duration (10s, 1m30s) (default: when the target exits, or on a signal)")
	fs.BoolVar(&cfg.Record, "flamegraph", false, "write a .ior.zst recording (for 'ior flamegraph', 'ior collapsed', 'ior events')")
	fs.BoolVar(&cfg.Stacks, "stacks", false, "record each event's user stack, and the mappings to symbolize it (for 'ior pprof'; needs a recording)")
	fs.StringVar(&cfg.Name, "name", "", "name of the recording (default: the target's comm)")
	fs.StringVar(&cfg.Output, "o", "", "record to this file (implies -flamegraph; default with -flamegraph: <host>-<name>-<timestamp>.ior.zst in the working directory)")
	fs.StringVar(&ls.output, "output", "", "write the live events to this file, or to stdout with '-' (default: stderr, like strace)")
	fs.StringVar(&cfg.ReadyFile, "ready-file", "", "create this file once every probe is attached")
	csv := fs.Bool("plain", false, "print the live events as CSV lines (on stderr, or -output)")
	jsonl := fs.Bool("json", false, "print the live events as JSON lines (the schema of 'ior events -json', docs/events.md; on stderr, or -output)")
	ring := fs.Uint("ring-size", 16, "ring buffer size in MiB (a power of two, at most 2048)")
	only := fs.String("syscalls", "", "comma-separated syscalls and families to trace, e.g. file,meta,fsync (default: all of 'ior syscalls')")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write ior's own CPU profile (pprof) to this file")
	fs.BoolVar(&cfg.BPFStats, "bpf-stats", false, "report the BPF programs' run counts and average run times (kernel BPF stats)")
	fs.BoolVar(&cfg.RejectAll, "reject-all", false, "attach every probe but record nothing (to measure the probes' own cost)")
	fs.BoolVar(&cfg.Fair, "fair", false, "ior's reading thread runs at ior's own priority; by default it runs at nice -20 (as root), so that a busy workload cannot starve it into losing events")
	fs.BoolVar(&ls.on, "c", false, "print a summary (per syscall, file, process) on stderr at the end, like strace -c")
	summaryOnly := fs.Bool("summary-only", false, "print only the summary at the end (implies -c; no live events)")
	summaryFlags(fs, &ls.opts)
	fs.BoolVar(&cfg.Filters.Failed, "failed", false, "keep only calls that returned an error")
	minDur := fs.Duration("min-duration", 0, "keep only calls that took at least this long (10us, 1ms)")
	fs.StringVar(&cfg.Filters.PathPrefix, "path", "", "keep only calls whose path as passed or as the kernel resolved it starts with this")
	exclude := fs.String("exclude-syscalls", "", "comma-separated syscalls to leave out (counted, not recorded or shown)")
	wall := fs.Bool("t", false, "live lines start with the wall-clock time (15:04:05)")
	wallMicro := fs.Bool("tt", false, "live lines start with the wall-clock time in microseconds (15:04:05.000000)")
	for _, a := range args {
		if a == "--" {
			break
		}
		help = help || a == "-h" || a == "-help" || a == "--help" || a == "--h"
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, ls, errHelp
		}
		return cfg, ls, errUsage
	}
	if err := traceExtras(&cfg, &ls, *summaryOnly, *minDur, *exclude, *wall, *wallMicro); err != nil {
		return cfg, ls, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	cfg.Command = fs.Args()
	if len(cfg.Command) == 0 && len(args) > 0 && args[len(args)-1] == "--" {
		return cfg, ls, errors.New("no COMMAND after --")
	}
	if (set["pid"] && *pid <= 0) || (set["tid"] && *tid <= 0) {
		return cfg, ls, errors.New("-pid and -tid take a process or thread ID (a positive number)")
	}
	cfg.PID, cfg.TID = uint32(*pid), uint32(*tid)
	if set["o"] {
		// -o names a recording: giving it asks for one (strace -o FILE
		// writes its trace there, not to the terminal).
		if cfg.Output == "" {
			return cfg, ls, errors.New("-o takes a file name")
		}
		cfg.Record = true
	}
	if set["name"] && !cfg.Record {
		return cfg, ls, errors.New("-name names a recording: give -flamegraph or -o too")
	}
	if cfg.NoFollow && (*all || set["comm"] || (set["tid"] && !set["pid"])) {
		return cfg, ls, errors.New("-no-follow applies to -pid or a COMMAND, not to -tid, -comm or -all")
	}
	targets := 0
	for _, t := range []bool{set["pid"] || set["tid"], set["comm"], *all || cfg.Cgroup != "", len(cfg.Command) > 0} {
		if t {
			targets++
		}
	}
	switch {
	case targets == 0 && !cfg.RejectAll:
		return cfg, ls, errors.New("nothing to trace: give -pid, -tid, -comm, -all, -cgroup, or -- COMMAND")
	case len(cfg.Command) > 0 && targets > 1:
		return cfg, ls, errors.New("give either -pid/-tid/-comm/-all or a command, not both")
	case *all && targets > 1:
		return cfg, ls, errors.New("-all traces every process: it takes no -pid, -tid or -comm")
	case *all && cfg.Cgroup != "":
		return cfg, ls, errors.New("give -all or -cgroup, not both")
	}
	if cfg.Cgroup != "" {
		var err error
		if cfg.CgroupID, cfg.CgroupLevel, err = probe.Cgroup(cfg.Cgroup); err != nil {
			return cfg, ls, err
		}
	}
	if *ring == 0 || *ring&(*ring-1) != 0 || *ring > 2048 {
		return cfg, ls, fmt.Errorf("-ring-size %d is not a power of two between 1 and 2048", *ring)
	}
	cfg.RingBytes = uint32(*ring) << 20
	switch {
	case *csv && *jsonl:
		return cfg, ls, errors.New("give -plain or -json, not both")
	case *csv:
		cfg.Live = "csv"
	case *jsonl:
		cfg.Live = "json"
	case !cfg.Record:
		cfg.Live = "human"
	}
	if *summaryOnly {
		if *csv || *jsonl {
			return cfg, ls, errors.New("-summary-only prints no live events: it takes no -plain or -json")
		}
		cfg.Live = "" // nothing but the summary
	}
	if cfg.Timestamps != "" && cfg.Live != "human" {
		return cfg, ls, errors.New("-t and -tt time the human live lines: they take no -plain, -json, -flamegraph or -o alone, or -summary-only")
	}
	if (set["sort"] || set["top"]) && !ls.on {
		return cfg, ls, errors.New("-sort and -top shape the summary at the end: give -c or -summary-only too")
	}
	if ls.output != "" && cfg.Live == "" {
		return cfg, ls, errors.New("-output is where live events go, but there are none (-flamegraph or -o alone, -summary-only): add -plain, -json, or drop -output")
	}
	if *only != "" {
		names, err := syscalls.Select(strings.Split(*only, ","))
		if err != nil {
			return cfg, ls, fmt.Errorf("-syscalls: %v", err)
		}
		cfg.Syscalls = names
	}
	if cfg.Stacks && !cfg.Record {
		return cfg, ls, errors.New("-stacks records stacks into a recording: give -flamegraph (and -o FILE) too")
	}
	if len(cfg.Comm) > 15 {
		return cfg, ls, fmt.Errorf("-comm %q is longer than the kernel's 15-byte task names", cfg.Comm)
	}
	return cfg, ls, nil
}

// toolFlags parses a subcommand's flags and its one FILE argument.
func toolFlags(name string, args []string, stderr io.Writer, setup func(fs *flag.FlagSet)) (string, error) {
	fs := flag.NewFlagSet("ior "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	setup(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", errHelp
		}
		return "", errUsage
	}
	if name == "syscalls" {
		return "", nil
	}
	if fs.NArg() != 1 {
		return "", fmt.Errorf("%s takes one recording file, got %d arguments", name, fs.NArg())
	}
	return fs.Arg(0), nil
}

// traceExtras checks and applies the summary, filter and timestamp flags.
func traceExtras(cfg *tracer.Config, ls *liveSummary, summaryOnly bool, minDur time.Duration, exclude string, t, tt bool) error {
	ls.on = ls.on || summaryOnly
	if err := checkSummaryOptions(ls.opts); err != nil {
		return err
	}
	if minDur < 0 {
		return errors.New("-min-duration must not be negative")
	}
	cfg.Filters.MinDurationNs = uint64(minDur)
	if exclude != "" {
		for _, n := range strings.Split(exclude, ",") {
			n = strings.TrimSpace(n)
			c := syscalls.Canonical(n)
			if c == "" {
				return fmt.Errorf("-exclude-syscalls: %v", syscalls.UnknownError("syscall", []string{n}, false))
			}
			cfg.Filters.ExcludeSyscalls = append(cfg.Filters.ExcludeSyscalls, c)
		}
	}
	switch {
	case t && tt:
		return errors.New("give -t or -tt, not both")
	case t:
		cfg.Timestamps = "t"
	case tt:
		cfg.Timestamps = "tt"
	}
	return nil
}
