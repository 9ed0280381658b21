package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/tracer"
)

func runTool(name string, args []string) error {
	var fields, weight, title string
	var asJSON bool
	file, err := toolFlags(name, args, func(fs *flag.FlagSet) {
		switch name {
		case "collapsed", "flamegraph":
			fs.StringVar(&fields, "fields", "comm,path,syscall", "frames of each stack, outermost first: "+strings.Join(flame.Fields, ","))
			fs.StringVar(&weight, "weight", "count", "what a stack weighs: "+strings.Join(flame.Weights, ", "))
			fs.StringVar(&title, "title", "", "flamegraph title (default: the recording's name)")
		case "events":
			fs.BoolVar(&asJSON, "json", false, "one JSON object per event")
		}
	})
	if name == "syscalls" {
		for _, s := range tracer.Syscalls() {
			fmt.Println(s)
		}
		return nil
	}
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if name == "events" {
		return writeEvents(out, f, file, asJSON)
	}
	// The summary streams past the events: memory does not grow with them.
	rec, err := recording.ReadSummary(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if why := rec.Stats.Incomplete; why != "" {
		fmt.Fprintf(os.Stderr, "ior: warning: %s is incomplete (%s); it holds the %d events before that\n", file, why, rec.Stats.Events)
	}
	stacks, err := flame.Stacks(rec.Aggregates, flame.Options{Fields: strings.Split(fields, ","), Weight: weight})
	if err != nil {
		return err
	}
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
func writeEvents(out io.Writer, f io.Reader, file string, asJSON bool) error {
	rd, err := recording.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	defer rd.Close()
	enc := json.NewEncoder(out)
	if !asJSON {
		fmt.Fprintln(out, tracer.CSVHeader)
	}
	var ev event.Event
	for {
		err := rd.Next(&ev)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if asJSON {
			if err := enc.Encode(&ev); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(out, tracer.FormatLine(&ev, rd.Header.StartMonoNs))
		}
	}
	st := rd.Stats()
	fmt.Fprintf(os.Stderr, "ior: %d events, %d lost, %d paths read again at exit, %d unreadable\n",
		st.Events, st.Lost(), st.PathsRetried, st.PathsFaulted)
	return nil
}
