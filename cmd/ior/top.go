package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ior-tracer/ior/internal/top"
)

const topUsage = `usage: ior top [trace flags] [-exit-on-end] [-command-output FILE] -pid PID | -tid TID | -comm NAME | -all | -- COMMAND ARGS...
       ior top FILE.ior.zst

A live dashboard of what ior traces (tabs: overview, syscalls, files,
processes, latency, io_uring, stream, flame, other), or the same screens
over a recording, with a time cursor. '?' lists the keys; q quits.
The trace flags are ior's (see 'ior -h'): -syscalls, -failed, -path,
-min-duration, -exclude-syscalls, -ring-size, -no-follow, -duration.
  -stacks               each event's user stack: the Flame tab gets a view by stack (w)
  -exit-on-end          quit when the target exits (default: keep the final numbers until q)
  -command-output FILE  where COMMAND's stdout and stderr go (default: /dev/null)
`

// runTop splits off the dashboard's own flags; the rest are ior's trace
// flags, parsed as for tracing.
func runTop(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 1 && !strings.HasPrefix(args[0], "-") {
		return 0, top.RunReplay(args[0])
	}
	var o top.Options
	var rest []string
	stacks := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i:]...)
			i = len(args)
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stderr, topUsage)
			return 0, errHelp
		case a == "-stacks" || a == "--stacks":
			stacks = true // for the Flame tab: needs no recording here
		case a == "-exit-on-end" || a == "--exit-on-end":
			o.ExitOnEnd = true
		case a == "-command-output" || a == "--command-output":
			if i+1 >= len(args) {
				return 1, errors.New("-command-output takes a file")
			}
			i++
			o.CommandOutput = args[i]
		default:
			rest = append(rest, a)
		}
	}
	cfg, ls, err := parseTrace(rest, stderr)
	if err != nil {
		return 1, err
	}
	if cfg.Record || cfg.Live != "human" || ls.output != "" {
		return 1, errors.New("ior top records with R, on screen: it takes no -flamegraph, -o, -plain, -json, -c, -output")
	}
	cfg.Stacks = stacks
	if f, ok := stdout.(*os.File); !ok || f != os.Stdout {
		return 1, errors.New("ior top draws on the terminal")
	}
	return top.RunLive(cfg, o, stderr)
}
