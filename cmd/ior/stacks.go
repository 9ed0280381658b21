package main

import (
	"fmt"
	"io"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/ioprof"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// stackPrinter writes an event's stack under its line (ior events
// -stacks): one line per frame, innermost first.
type stackPrinter struct {
	sym *symbolize.Symbolizer
	rd  *recording.Reader
}

func (p *stackPrinter) write(w io.Writer, ev *event.Event) error {
	if ev.Stack == nil {
		why := "no stack: the recording was made without -stacks"
		if p.rd.Stacks() {
			why = "no stack (the kernel could not read it, or the stack table was full)"
		}
		if ev.IsExit() { // no call, so no stack to miss
			return nil
		}
		_, err := fmt.Fprintf(w, "    %s\n", why)
		return err
	}
	n := 0
	for _, l := range p.sym.Resolve(p.rd.Mappings(ev.PID), ev.Stack.PCs) {
		if l.WalkEnded {
			_, err := fmt.Fprintf(w, "    #%-2d %s\n", n, l.Marker())
			return err
		}
		where := l.Bare()
		switch {
		case !l.Mapped:
			where = "(in no mapping ior recorded)"
		case l.Mapping.BuildID != "":
			where += " buildid=" + l.Mapping.BuildID
		}
		if len(l.Frames) == 0 {
			if _, err := fmt.Fprintf(w, "    #%-2d %#x %s\n", n, l.Addr, where); err != nil {
				return err
			}
			n++
			continue
		}
		for _, f := range l.Frames {
			line := ""
			if f.File != "" {
				line = fmt.Sprintf(" %s:%d", f.File, f.Line)
			}
			if _, err := fmt.Fprintf(w, "    #%-2d %#x %s%s (%s)\n", n, l.Addr, f.Func, line, where); err != nil {
				return err
			}
			n++
		}
	}
	return nil
}

// writePprof writes the recording's I/O profile (ior pprof).
func writePprof(stdout, stderr io.Writer, f io.Reader, file, weight string) error {
	rd, err := recording.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	defer rd.Close()
	p, err := ioprof.Build(rd, weight, symbolize.New())
	c, cut := recording.AsCut(err)
	if err != nil && !cut {
		return fmt.Errorf("%s: %w", file, err)
	}
	if cut {
		fmt.Fprintf(stderr, "ior: warning: %s is incomplete (%s); its %d events are profiled\n", file, c.Reason(), c.Events)
	}
	return p.Write(stdout)
}

// byStack reads every event for flamegraphs whose frames include the
// user stack ("stack" in -fields).
func byStack(stderr io.Writer, f io.Reader, file string, o flame.Options) (*recording.Summary, []flame.Stack, error) {
	rd, err := recording.NewReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	defer rd.Close()
	if !rd.Stacks() {
		return nil, nil, fmt.Errorf("%s was recorded without -stacks: it has no user stacks", file)
	}
	items, err := ioprof.Items(rd, symbolize.New())
	c, cut := recording.AsCut(err)
	if err != nil && !cut {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	if cut {
		fmt.Fprintf(stderr, "ior: warning: %s is incomplete (%s); its %d events are shown\n", file, c.Reason(), c.Events)
	}
	stacks, err := flame.StacksOf(items, o)
	return &recording.Summary{Header: rd.Header, Stats: rd.Stats()}, stacks, err
}
