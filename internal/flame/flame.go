// Package flame turns a recording's aggregates into folded stacks (the
// input of flamegraph.pl) and into a self-contained SVG flamegraph.
package flame

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
)

// Fields that can make up a stack, outermost first. "stack" is the
// event's user stack (recorded with -stacks), outermost function first:
// see StacksOf.
var Fields = []string{"comm", "pid", "tid", "syscall", "path", "stack"}

// Weights a stack can be measured by.
var Weights = []string{"count", "duration", "bytes"}

// Options choose the stack's frames and its weight.
type Options struct {
	Fields []string // default: comm, path, syscall
	Weight string   // default: count
}

func (o *Options) normalize() error {
	if len(o.Fields) == 0 {
		o.Fields = []string{"comm", "path", "syscall"}
	}
	if o.Weight == "" {
		o.Weight = "count"
	}
	for _, f := range o.Fields {
		if !slices.Contains(Fields, f) {
			return fmt.Errorf("unknown field %q (choose from %s)", f, strings.Join(Fields, ", "))
		}
	}
	if !slices.Contains(Weights, o.Weight) {
		return fmt.Errorf("unknown weight %q (choose from %s)", o.Weight, strings.Join(Weights, ", "))
	}
	return nil
}

// frame is a name as a frame of a folded stack, "-" for an empty one:
// reversibly percent-encoded so that it is safe inside a folded line and
// on a terminal. ';' separates frames and a line ends the stack, so they
// and '%' itself are encoded (%3B, %0A, %25), and so is every byte a
// terminal could act on or that is not UTF-8 (control bytes, DEL, C1
// controls, invalid bytes: %1B, %7F, %C2%9B, %FF). Nothing else changes
// (the weight is after the line's last space, so spaces may stay).
func frame(s string) string {
	if s == "" {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '%' || r == ';' || r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == utf8.RuneError && n == 1 {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unframe is the name a frame stands for (the SVG shows names).
func unframe(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Stack is one folded stack and its weight.
type Stack struct {
	Frames []string
	Weight uint64
	// Lat is the latency distribution of the calls in the stack, for
	// the SVG's p50/p99 (empty for version 1 recordings).
	Lat hist.Hist
}

// Item is an aggregate and, for the "stack" field, the user stack its
// calls share (function names, outermost first; nil: none).
type Item struct {
	recording.Aggregate
	Stack []string
}

// NoStack is the frame of calls recorded without a stack.
const NoStack = "[no stack]"

// Stacks folds aggregates into stacks, merged and sorted.
func Stacks(aggs []recording.Aggregate, o Options) ([]Stack, error) {
	items := make([]Item, len(aggs))
	for i := range aggs {
		items[i].Aggregate = aggs[i]
	}
	return StacksOf(items, o)
}

// StacksOf folds items into stacks, merged and sorted.
func StacksOf(items []Item, o Options) ([]Stack, error) {
	if err := o.normalize(); err != nil {
		return nil, err
	}
	at := map[string]int{} // a stack's index in out
	var out []Stack
	for i := range items {
		a := &items[i]
		var fr []string
		for _, f := range o.Fields {
			switch f {
			case "stack":
				if a.Stack == nil {
					fr = append(fr, NoStack)
				}
				for _, fn := range a.Stack {
					fr = append(fr, frame(fn))
				}
			case "comm":
				fr = append(fr, frame(a.Comm))
			case "pid":
				fr = append(fr, strconv.FormatUint(uint64(a.PID), 10))
			case "tid":
				fr = append(fr, strconv.FormatUint(uint64(a.TID), 10))
			case "syscall":
				fr = append(fr, frame(a.Syscall))
			case "path":
				// A path is a stack of its directories, so the graph
				// shows where in the tree the I/O went.
				p := strings.Trim(a.Path, "/")
				if strings.HasPrefix(a.Path, "/") {
					fr = append(fr, "/")
				}
				if p != "" {
					// At most maxPathFrames frames: a deeper path's
					// last ones are one frame (a crafted path of
					// thousands of levels would make as many frames).
					cs := strings.SplitN(p, "/", maxPathFrames)
					for _, c := range cs {
						fr = append(fr, frame(c))
					}
				} else if !strings.HasPrefix(a.Path, "/") {
					fr = append(fr, "-")
				}
			}
		}
		var w uint64
		switch o.Weight {
		case "count":
			w = a.Count
		case "duration":
			w = a.DurationNs
		case "bytes":
			w = a.Bytes
		}
		if w > 0 {
			k := strings.Join(fr, ";")
			i, ok := at[k]
			if !ok {
				i = len(out)
				at[k] = i
				out = append(out, Stack{Frames: fr})
			}
			out[i].Weight += w
			out[i].Lat.Merge(&a.Hist)
		}
	}
	slices.SortFunc(out, func(a, b Stack) int { return strings.Compare(strings.Join(a.Frames, ";"), strings.Join(b.Frames, ";")) })
	return out, nil
}

// maxPathFrames bounds the frames a path makes.
const maxPathFrames = 64

// WriteCollapsed writes one "a;b;c weight" line per stack.
func WriteCollapsed(w io.Writer, stacks []Stack) error {
	for _, s := range stacks {
		if _, err := fmt.Fprintf(w, "%s %d\n", strings.Join(s.Frames, ";"), s.Weight); err != nil {
			return err
		}
	}
	return nil
}
