package flame

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/hist"
)

// script makes the SVG interactive (zoom, search, details), inline.
//
//go:embed script.js
var script string

// SVG layout.
const (
	detailsH  = 18.0 // the line where the hovered frame's details show
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

// WriteSVG draws stacks as a flamegraph, root at the bottom, with its
// weight in the title. It keeps no tree: stacks in frame order put the
// stacks under any frame next to each other, so a frame is a range of
// them, drawn (with the latency of its calls, merged from the range) only
// if it is wide enough to see. Its memory is the stacks and the drawn
// frames, not every frame. It is self-contained and interactive as
// flamegraph.pl's is: click a frame to zoom to it, Search (or Ctrl-F) to
// mark the frames a regular expression matches, hover for a frame's
// details (script.js, inline).
func WriteSVG(w io.Writer, stacks []Stack, title, unit string) error {
	stacks = slices.Clone(stacks)
	slices.SortStableFunc(stacks, func(a, b Stack) int { return slices.Compare(a.Frames, b.Frames) })
	depth := 0
	var total uint64
	for i := range stacks {
		depth = max(depth, len(stacks[i].Frames))
		total += stacks[i].Weight
	}
	height := titleH + float64(depth+1)*frameH + 2*pad + detailsH
	// The title says what a frame's width measures: calls, ns, bytes.
	title = fmt.Sprintf("%s (weight: %s, %d in all)", title, unit, total)
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" standalone="no"?>
<svg version="1.1" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" xmlns="http://www.w3.org/2000/svg">
<title>%s</title>
<style>text{font-family:Verdana,sans-serif;font-size:%.0fpx;fill:#000} g.frame{cursor:pointer} rect:hover{stroke:#000;stroke-width:0.5} .button{cursor:pointer;fill:#00c}</style>
<script type="text/ecmascript"><![CDATA[
%s]]></script>
<rect x="0" y="0" width="100%%" height="100%%" fill="#f8f8f2"/>
<text x="%.0f" y="20" text-anchor="middle" style="font-size:16px">%s</text>
<text id="unzoom" class="button" x="%.0f" y="20" style="display:none">Reset zoom</text>
<text id="search" class="button" x="%.0f" y="20" text-anchor="end">Search</text>
<text id="details" x="%.0f" y="%.0f"> </text>
<text id="matched" x="%.0f" y="%.0f" text-anchor="end"></text>
`, width, height, width, height, xmlText(title), fontSize, script, width/2, xmlText(title),
		pad, width-pad, pad, height-pad, width-pad, height-pad)
	scale := (width - 2*pad) / float64(max(total, 1))
	var lat hist.Hist
	// one draws the frame name at depth d over stacks[lo:hi], which sum
	// to value.
	one := func(name string, lo, hi int, value uint64, x float64, d int) {
		wd := float64(value) * scale
		y := height - pad - detailsH - float64(d+1)*frameH
		pct := 100 * float64(value) / float64(max(total, 1))
		lat.CopyFrom(&hist.Hist{})
		for i := lo; i < hi; i++ {
			lat.Merge(&stacks[i].Lat)
		}
		full := visible(unframe(name))
		label := fmt.Sprintf("%s (%d %s, %.2f%%%s)", full, value, visible(unit), pct, latency(&lat))
		// data-name is the whole name, for the script's zoom (which
		// relabels frames) and search; every frame has a text element,
		// empty where the name does not fit.
		fmt.Fprintf(&b, `<g class="frame" data-name="%s"><title>%s</title><rect x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill="%s" rx="2"/>`,
			html.EscapeString(full), html.EscapeString(label), x, y, wd, frameH-1, color(name))
		shown := ""
		if fit := int((wd - 6) / charW); fit >= 3 {
			shown = full
			if r := []rune(full); len(r) > fit {
				shown = string(r[:fit-2]) + ".."
			}
		}
		fmt.Fprintf(&b, `<text x="%.2f" y="%.1f">%s</text></g>`+"\n", x+3, y+frameH-5, html.EscapeString(shown))
	}
	// children draws the frames at index d of stacks[lo:hi], which share
	// their first d frames, from x on.
	var children func(lo, hi, d int, x float64)
	children = func(lo, hi, d int, x float64) {
		for i := lo; i < hi; {
			if len(stacks[i].Frames) <= d { // ends at its parent: sorts first
				i++
				continue
			}
			name := stacks[i].Frames[d]
			j := i
			var v uint64
			for ; j < hi && len(stacks[j].Frames) > d && stacks[j].Frames[d] == name; j++ {
				v += stacks[j].Weight
			}
			if float64(v)*scale >= minFrameW {
				one(name, i, j, v, x, d+1)
				children(i, j, d+1, x)
			}
			x += float64(v) * scale
			i = j
		}
	}
	if total > 0 {
		one("all", 0, len(stacks), total, pad, 0)
		children(0, len(stacks), 0, pad)
	}
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
