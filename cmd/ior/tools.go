package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/ioprof"
	"github.com/ior-tracer/ior/internal/output"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
)

func runTool(name string, args []string, stdout, stderr io.Writer) error {
	var fields, weight, title, format string
	var asJSON, wall, wallMicro, showStacks bool
	file, err := toolFlags(name, args, stderr, func(fs *flag.FlagSet) {
		switch name {
		case "collapsed", "flamegraph":
			fs.StringVar(&fields, "fields", "comm,path,syscall", "frames of each stack, outermost first: "+strings.Join(flame.Fields, ","))
			fs.StringVar(&weight, "weight", "count", "what a stack weighs: "+strings.Join(flame.Weights, ", "))
			fs.StringVar(&title, "title", "", "flamegraph title (default: the recording's name)")
		case "pprof":
			fs.StringVar(&weight, "weight", "count", "the profile's default sample type: "+strings.Join(ioprof.Weights, ", ")+" (all three are in it)")
		case "events":
			fs.StringVar(&format, "format", "human", "output format: "+strings.Join(output.Formats, ", "))
			fs.BoolVar(&asJSON, "json", false, "one JSON object per event (same as -format json)")
			fs.BoolVar(&wall, "t", false, "human lines start with the wall-clock time (15:04:05)")
			fs.BoolVar(&wallMicro, "tt", false, "human lines start with the wall-clock time in microseconds")
			fs.BoolVar(&showStacks, "stacks", false, "show each event's user stack under it, symbolized (recorded with -stacks; human format)")
		}
	})
	if name == "syscalls" {
		return writeSyscalls(stdout)
	}
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if name == "pprof" {
		return writePprof(stdout, stderr, f, file, weight)
	}
	if name == "events" {
		if asJSON {
			format = "json"
		}
		ts := ""
		switch {
		case wall && wallMicro:
			return fmt.Errorf("give -t or -tt, not both")
		case wall:
			ts = "t"
		case wallMicro:
			ts = "tt"
		}
		if showStacks && format != "human" {
			return fmt.Errorf("-stacks shows stacks under human lines: not with -format %s", format)
		}
		return writeEvents(stdout, stderr, f, file, format, ts, showStacks)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var rec *recording.Summary
	var stacks []flame.Stack
	if slices.Contains(strings.Split(fields, ","), "stack") {
		// User stacks are in the events, not in the aggregates.
		rec, stacks, err = byStack(stderr, f, file, flame.Options{Fields: strings.Split(fields, ","), Weight: weight})
		if err != nil {
			return err
		}
	} else {
		// The summary streams past the events: memory does not grow with them.
		rec, err = recording.ReadSummary(f)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if stacks, err = flame.Stacks(rec.Aggregates, flame.Options{Fields: strings.Split(fields, ","), Weight: weight}); err != nil {
			return err
		}
	}
	summaryWarnings(stderr, file, rec)
	if name == "collapsed" {
		return flame.WriteCollapsed(out, stacks)
	}
	if title == "" {
		title = "ior: " + rec.Header.Name
	}
	unit := map[string]string{"count": "calls", "duration": "ns", "bytes": "bytes"}[weight]
	return flame.WriteSVG(out, stacks, title, unit)
}

// writeEvents streams events, so a long recording is never all in memory.
func writeEvents(stdout, stderr io.Writer, f io.Reader, file, format, timestamps string, stacks bool) error {
	rd, err := recording.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	defer rd.Close()
	rd.DropAggregates() // events only: memory does not grow with the aggregates either
	h := &rd.Header
	w, err := output.NewWith(format, stdout, output.Options{StartNs: h.StartMonoNs, Time: timestamps,
		WallOffsetNs: h.Start.UnixNano() - int64(h.StartMonoNs)})
	if err != nil {
		return err
	}
	var sp *stackPrinter
	if stacks {
		sp = &stackPrinter{sym: symbolize.New(), rd: rd}
	}
	var wrote error // the output's, not the recording's
	err = rd.Each(func(ev *event.Event) error {
		if wrote = w.Write(ev); wrote != nil {
			return wrote
		}
		if sp != nil {
			if wrote = w.Flush(); wrote != nil {
				return wrote
			}
			wrote = sp.write(stdout, ev)
		}
		return wrote
	})
	c, cut := recording.AsCut(err)
	switch {
	case wrote != nil:
		return wrote
	case cut:
		// What was read is shown; the cut is a warning (exit 0).
		if err := w.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "ior: warning: %s is incomplete (%s); its %d events are shown\n", file, c.Reason(), c.Events)
		return nil
	case err != nil:
		w.Flush()
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	st := rd.Stats()
	fmt.Fprintf(stderr, "ior: %d events, %d lost, %d paths read again at exit, %d unreadable\n",
		st.Events, st.Lost(), st.PathsRetried, st.PathsFaulted)
	if nr := st.NotRecorded(); nr != "" {
		fmt.Fprintf(stderr, "ior: not recorded (ring buffer full): %s\n", nr)
	}
	return nil
}

// writeSyscalls lists the traced syscalls by family, each family with
// what it covers and its syscalls wrapped under it.
func writeSyscalls(stdout io.Writer) error {
	out := bufio.NewWriter(stdout)
	fmt.Fprintln(out, "Traced syscalls by family. -syscalls takes syscall and family names, mixed:")
	fmt.Fprintln(out, "  ior -syscalls file,meta,fsync -pid PID")
	for _, f := range syscalls.Families {
		fmt.Fprintf(out, "\n%s: %s\n", f.Name, f.Doc)
		line := ""
		for _, n := range syscalls.InFamily(f.Name) {
			if line != "" && len(line)+1+len(n) > 76 {
				fmt.Fprintln(out, line)
				line = ""
			}
			if line == "" {
				line = "   "
			}
			line += " " + n
		}
		fmt.Fprintln(out, line)
	}
	// io_uring requests: events of their own, traced with io_uring_enter.
	fmt.Fprintln(out, "\nio_uring requests (events io_uring:OP, traced whenever io_uring_enter is): each")
	fmt.Fprintln(out, "request a program submits, from submission to completion, named by its opcode:")
	line := ""
	for _, op := range uring.Ops {
		if line != "" && len(line)+1+len(op.Name) > 76 {
			fmt.Fprintln(out, line)
			line = ""
		}
		if line == "" {
			line = "   "
		}
		line += " " + op.Name
	}
	fmt.Fprintln(out, line)
	fmt.Fprintln(out, "\nLinux AIO requests (events aio:CMD, traced with io_submit and io_getevents): each")
	fmt.Fprint(out, "iocb, from its io_submit to the io_getevents that reaps it:\n   ")
	for _, op := range aio.Ops {
		fmt.Fprint(out, " "+op.Name)
	}
	fmt.Fprintln(out)
	return out.Flush()
}
