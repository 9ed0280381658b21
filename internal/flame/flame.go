// Package flame turns a recording's aggregates into folded stacks (the
// input of flamegraph.pl) and into a self-contained SVG flamegraph.
package flame

import (
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
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

// frameEscaper makes a name safe inside a folded line, reversibly: ';'
// separates frames and a line ends the stack, so they and '%' itself are
// percent-encoded (%3B, %0A, %0D, %25); nothing else changes (the weight
// is after the line's last space, so spaces may stay).
var frameEscaper = strings.NewReplacer("%", "%25", ";", "%3B", "\n", "%0A", "\r", "%0D")

// unframe is the name a frame stands for (the SVG shows names).
var unframe = strings.NewReplacer("%3B", ";", "%0A", "\n", "%0D", "\r", "%25", "%").Replace

// frame is a name as a frame of a folded stack; "-" for an empty one.
func frame(s string) string {
	if s == "" {
		return "-"
	}
	return frameEscaper.Replace(s)
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
	sums := map[string]uint64{}
	lats := map[string]*hist.Hist{}
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
					for _, c := range strings.Split(p, "/") {
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
			sums[k] += w
			if lats[k] == nil {
				lats[k] = &hist.Hist{}
			}
			lats[k].Merge(&a.Hist)
		}
	}
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Stack, len(keys))
	for i, k := range keys {
		out[i] = Stack{Frames: strings.Split(k, ";"), Weight: sums[k]}
		out[i].Lat.CopyFrom(lats[k])
	}
	return out, nil
}

// WriteCollapsed writes one "a;b;c weight" line per stack.
func WriteCollapsed(w io.Writer, stacks []Stack) error {
	for _, s := range stacks {
		if _, err := fmt.Fprintf(w, "%s %d\n", strings.Join(s.Frames, ";"), s.Weight); err != nil {
			return err
		}
	}
	return nil
}

type node struct {
	name     string
	value    uint64
	lat      hist.Hist
	children map[string]*node
	order    []string
}

func tree(stacks []Stack) *node {
	root := &node{name: "all", children: map[string]*node{}}
	for _, s := range stacks {
		n := root
		n.value += s.Weight
		n.lat.Merge(&s.Lat)
		for _, f := range s.Frames {
			c := n.children[f]
			if c == nil {
				c = &node{name: f, children: map[string]*node{}}
				n.children[f] = c
				n.order = append(n.order, f)
			}
			c.value += s.Weight
			c.lat.Merge(&s.Lat)
			n = c
		}
	}
	return root
}

// SVG layout.
const (
	width     = 1200.0
	frameH    = 17.0
	pad       = 10.0
	titleH    = 30.0
	fontSize  = 12.0
	charW     = 7.0 // approximate width of a character at fontSize
	minFrameW = 0.1
)

// visible renders any byte string as text that XML accepts and a reader
// can see: invalid UTF-8 and control bytes become \xNN, characters XML
// forbids or C1 controls \uNNNN, and a backslash \\ (so that the escapes
// are unambiguous). Nothing is dropped.
func visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r >= 0x80 && r < 0xa0, r == 0xfffe, r == 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// xmlText is s made visible and escaped for XML text or attributes.
func xmlText(s string) string { return html.EscapeString(visible(s)) }

// WriteSVG draws stacks as a flamegraph, root at the bottom.
func WriteSVG(w io.Writer, stacks []Stack, title, unit string) error {
	root := tree(stacks)
	depth := 0
	var measure func(n *node, d int)
	measure = func(n *node, d int) {
		if d > depth {
			depth = d
		}
		for _, c := range n.children {
			measure(c, d+1)
		}
	}
	measure(root, 0)
	height := titleH + float64(depth+1)*frameH + 2*pad
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" standalone="no"?>
<svg version="1.1" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" xmlns="http://www.w3.org/2000/svg">
<style>text{font-family:Verdana,sans-serif;font-size:%.0fpx;fill:#000} rect:hover{stroke:#000;stroke-width:0.5}</style>
<rect x="0" y="0" width="100%%" height="100%%" fill="#f8f8f2"/>
<text x="%.0f" y="20" text-anchor="middle" style="font-size:16px">%s</text>
`, width, height, width, height, fontSize, width/2, xmlText(title))
	scale := (width - 2*pad) / float64(max(root.value, 1))
	var draw func(n *node, x float64, d int)
	draw = func(n *node, x float64, d int) {
		wd := float64(n.value) * scale
		if wd < minFrameW {
			return
		}
		y := height - pad - float64(d+1)*frameH
		pct := 100 * float64(n.value) / float64(max(root.value, 1))
		name := visible(unframe(n.name))
		label := fmt.Sprintf("%s (%d %s, %.2f%%%s)", name, n.value, visible(unit), pct, latency(&n.lat))
		fmt.Fprintf(&b, `<g><title>%s</title><rect x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill="%s" rx="2"/>`,
			html.EscapeString(label), x, y, wd, frameH-1, color(n.name))
		if fit := int((wd - 6) / charW); fit >= 3 {
			if r := []rune(name); len(r) > fit {
				name = string(r[:fit-2]) + ".."
			}
			fmt.Fprintf(&b, `<text x="%.2f" y="%.1f">%s</text>`, x+3, y+frameH-5, html.EscapeString(name))
		}
		b.WriteString("</g>\n")
		cx := x
		for _, name := range n.order {
			c := n.children[name]
			draw(c, cx, d+1)
			cx += float64(c.value) * scale
		}
	}
	draw(root, pad, 0)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// color picks a stable warm colour for a frame name.
func color(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	return fmt.Sprintf("rgb(%d,%d,%d)", 205+v%50, 80+(v>>8)%130, 40+(v>>16)%50)
}

// latency is a frame's ", p50 1.2µs, p99 40µs" for its tooltip, from the
// histograms its calls were recorded in; "" when there are none.
func latency(h *hist.Hist) string {
	if h.Count() == 0 {
		return ""
	}
	return fmt.Sprintf(", p50 %s, p99 %s", time.Duration(h.Quantile(0.50)), time.Duration(h.Quantile(0.99)))
}
