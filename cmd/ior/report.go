package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/summary"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/textsafe"
)

// runSummary is `ior summary [-sort S] [-top N] [-json] FILE`.
func runSummary(args []string, stdout, stderr io.Writer) error {
	var o summary.Options
	var asJSON bool
	file, err := toolFlags("summary", args, stderr, func(fs *flag.FlagSet) {
		summaryFlags(fs, &o)
		fs.BoolVar(&asJSON, "json", false, "write the tables as one JSON object")
	})
	if err != nil {
		return err
	}
	if err := checkSummaryOptions(o); err != nil {
		return err
	}
	rec, err := readSummary(file, stderr)
	if err != nil {
		return err
	}
	s, err := summary.Build(rec.Aggregates, o)
	if err != nil {
		return err
	}
	if asJSON {
		h := rec.Header
		extra := map[string]any{"name": h.Name, "host": h.Host, "start": h.Start,
			"events": rec.Stats.Events, "lost": rec.Stats.Lost(), "filtered_out": rec.Stats.FilteredOut}
		// The other records lost, as the trailer names them: only those
		// that counted some.
		for k, n := range map[string]uint64{"lost_names": rec.Stats.LostNames, "lost_tasks": rec.Stats.LostTasks,
			"lost_procs": rec.Stats.LostProcs, "lost_naming": rec.Stats.LostNaming} {
			if n > 0 {
				extra[k] = n
			}
		}
		if len(rec.Containers) > 1 {
			extra["containers"] = summary.ContainersJSON(rec.Containers)
		}
		return s.WriteJSON(stdout, extra)
	}
	if err := s.WriteText(stdout, recordingTitle(rec)); err != nil {
		return err
	}
	return summary.WriteContainers(stdout, rec.Containers)
}

func summaryFlags(fs *flag.FlagSet, o *summary.Options) {
	fs.StringVar(&o.Sort, "sort", "time", "order of every table: "+strings.Join(summary.Sorts, ", "))
	fs.IntVar(&o.Top, "top", 10, "rows of the files, processes and threads tables (0: all)")
}

// checkSummaryOptions refuses what summaryFlags cannot mean.
func checkSummaryOptions(o summary.Options) error {
	if !slices.Contains(summary.Sorts, o.Sort) {
		return fmt.Errorf("-sort %q: choose from %s", o.Sort, strings.Join(summary.Sorts, ", "))
	}
	if o.Top < 0 {
		return fmt.Errorf("-top %d: give a number of rows, or 0 for all", o.Top)
	}
	return nil
}

// runHist is `ior hist [-syscall S] [-path P] FILE`.
func runHist(args []string, stdout, stderr io.Writer) error {
	var o summary.HistOptions
	file, err := toolFlags("hist", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&o.Syscall, "syscall", "", "only this syscall (default: one histogram per syscall)")
		fs.StringVar(&o.PathPrefix, "path", "", "only calls on paths starting with this")
	})
	if err != nil {
		return err
	}
	// strace's names too: -syscall stat is the kernel's newstat.
	if c := syscalls.Canonical(o.Syscall); c != "" {
		o.Syscall = c
	}
	rec, err := readSummary(file, stderr)
	if err != nil {
		return err
	}
	err = summary.WriteHists(stdout, rec.Aggregates, o)
	if errors.Is(err, summary.ErrNoMatch) {
		var what []string
		if o.Syscall != "" {
			what = append(what, "-syscall "+o.Syscall)
		}
		if o.PathPrefix != "" {
			what = append(what, "-path "+o.PathPrefix)
		}
		if len(what) == 0 {
			return fmt.Errorf("hist: %s holds no calls", file)
		}
		msg := fmt.Sprintf("hist: no call in %s matches %s", file, strings.Join(what, " "))
		if o.Syscall != "" {
			var names []string
			for i := range rec.Aggregates {
				if n := rec.Aggregates[i].Syscall; !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
			if !slices.Contains(names, o.Syscall) {
				if s := syscalls.Suggest(o.Syscall, names); len(s) > 0 {
					msg += "; did you mean " + strings.Join(s, " or ") + "?"
				} else {
					msg += " (no " + o.Syscall + " call is recorded)"
				}
			}
		}
		return errors.New(msg)
	}
	return err
}

// readSummary reads a recording's aggregates, streaming past its events.
func readSummary(file string, stderr io.Writer) (*recording.Summary, error) {
	rec, err := recording.ReadSummaryFile(file)
	if err != nil {
		return nil, err
	}
	summaryWarnings(stderr, file, rec)
	return rec, nil
}

// summaryWarnings says what a summary lacks: the events after a write
// error or a cut, the names of the groups past the bound.
func summaryWarnings(stderr io.Writer, file string, rec *recording.Summary) {
	if why := rec.Stats.Incomplete; why != "" {
		fmt.Fprintf(stderr, "ior: warning: %s is incomplete (%s); it holds the %d events before that\n", file, textsafe.Text(why), rec.Stats.Events)
	}
	if rec.Folded > 0 {
		fmt.Fprintf(stderr, "ior: warning: %s has more than %d groups (file, task, syscall, errno); %d more are summed by syscall under %s\n",
			file, recording.SummaryGroups, rec.Folded, recording.OtherPath)
	}
}

// recordingTitle says what a recording is, in one line.
func recordingTitle(rec *recording.Summary) string {
	h, st := &rec.Header, &rec.Stats
	t := fmt.Sprintf("%s on %s, %s: %d events, %d lost", textsafe.Word(h.Name), textsafe.Word(h.Host), h.Start.UTC().Format(time.RFC3339), st.Events, st.Lost())
	if nr := st.NotRecorded(); nr != "" {
		t += " (not recorded: " + nr + ")"
	}
	if st.FilteredOut > 0 {
		t += fmt.Sprintf(", %d filtered out (%s)", st.FilteredOut, st.TraceFilters)
	}
	return t
}
