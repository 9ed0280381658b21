package top

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// kind says how a column's raw value is shown (exports keep the raw one).
type kind uint8

const (
	text   kind = iota
	count       // a number of calls
	nbytes      // bytes, in KiB/MiB/GiB
	nanos       // a duration in ns
)

type column struct {
	title string
	kind  kind
	width int // 0: takes what is left (one such column per table)
}

// table is what a table tab shows and what 'e' exports: raw cells.
type table struct {
	cols []column
	rows [][]string
}

func show(k kind, raw string) string {
	if k == text || raw == "" {
		return raw
	}
	v, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return raw
	}
	switch k {
	case count:
		return human(v)
	case nbytes:
		return humanBytes(v)
	case nanos:
		return humanNs(v)
	}
	return raw
}

// human is a count in at most 6 characters: 999999, 1.23M, 45.6G.
func human(v uint64) string {
	switch {
	case v < 1e6:
		return strconv.FormatUint(v, 10)
	case v < 1e9:
		return fmt.Sprintf("%.2fM", float64(v)/1e6)
	}
	return fmt.Sprintf("%.2fG", float64(v)/1e9)
}

func humanBytes(v uint64) string {
	switch {
	case v < 1<<10:
		return strconv.FormatUint(v, 10) + "B"
	case v < 1<<20:
		return fmt.Sprintf("%.1fK", float64(v)/(1<<10))
	case v < 1<<30:
		return fmt.Sprintf("%.1fM", float64(v)/(1<<20))
	}
	return fmt.Sprintf("%.1fG", float64(v)/(1<<30))
}

func humanNs(v uint64) string {
	switch {
	case v < 1e3:
		return strconv.FormatUint(v, 10) + "ns"
	case v < 1e6:
		return fmt.Sprintf("%.1fus", float64(v)/1e3)
	case v < 1e9:
		return fmt.Sprintf("%.1fms", float64(v)/1e6)
	}
	return fmt.Sprintf("%.2fs", float64(v)/1e9)
}

func u(v uint64) string { return strconv.FormatUint(v, 10) }

// fit cuts or pads s to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		return ansi.Truncate(s, w-1, "") + "~"
	}
	return s + strings.Repeat(" ", w-n)
}

// fitLeft keeps the end of s (paths: the file name matters most).
func fitLeft(s string, w int) string {
	n := ansi.StringWidth(s)
	if n <= w || w <= 1 {
		return fit(s, w)
	}
	return "~" + ansi.TruncateLeft(s, n-w+1, "")
}

func right(s string, w int) string {
	n := ansi.StringWidth(s)
	if n >= w {
		return fit(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// render draws t in width w and at most h lines (header included), with
// row sel highlighted and scrolled into view.
func (t *table) render(w, h, sel int, st *styles) []string {
	widths := make([]int, len(t.cols))
	fill, used := -1, 0
	for i, c := range t.cols {
		widths[i] = c.width
		if c.width == 0 {
			fill = i
		}
		used += c.width + 1
	}
	if fill >= 0 {
		widths[fill] = max(8, w-used)
	}
	line := func(cells []string, raw bool) string {
		var b strings.Builder
		for i, c := range t.cols {
			v := cells[i]
			if raw {
				v = show(c.kind, v)
			}
			switch {
			case c.kind != text:
				b.WriteString(right(v, widths[i]))
			case i == fill && strings.HasPrefix(v, "/"):
				b.WriteString(fitLeft(v, widths[i]))
			default:
				b.WriteString(fit(v, widths[i]))
			}
			b.WriteByte(' ')
		}
		return fit(b.String(), w)
	}
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	out := []string{st.head.Render(line(titles, false))}
	rows := h - 1
	top := 0
	if sel >= rows {
		top = sel - rows + 1
	}
	for i := top; i < len(t.rows) && i < top+rows; i++ {
		l := line(t.rows[i], true)
		if i == sel {
			l = st.sel.Render(l)
		}
		out = append(out, l)
	}
	return out
}

// spark draws the last w values as a sparkline.
func spark(vals []uint64, w int) string {
	const ticks = "▁▂▃▄▅▆▇█"
	if len(vals) > w {
		vals = vals[len(vals)-w:]
	}
	var m uint64
	for _, v := range vals {
		m = max(m, v)
	}
	var b strings.Builder
	for _, v := range vals {
		switch {
		case v == 0:
			b.WriteByte(' ')
		case m == 0:
			b.WriteRune('▁')
		default:
			b.WriteRune([]rune(ticks)[(v*7+m-1)/m])
		}
	}
	return b.String()
}

// bar is a horizontal bar of v/m of w cells.
func bar(v, m uint64, w int) string {
	if m == 0 || w <= 0 {
		return ""
	}
	n := int(v * uint64(w) / m)
	if n == 0 && v > 0 {
		return "▏"
	}
	return strings.Repeat("█", n)
}

// styles are the screen's; with NO_COLOR only bold and reverse video.
type styles struct {
	head, sel, tab, tabOn, dim, warn lipgloss.Style
}

func newStyles(color bool) *styles {
	s := &styles{
		head:  lipgloss.NewStyle().Bold(true),
		sel:   lipgloss.NewStyle().Reverse(true),
		tab:   lipgloss.NewStyle(),
		tabOn: lipgloss.NewStyle().Reverse(true).Bold(true),
		dim:   lipgloss.NewStyle(),
		warn:  lipgloss.NewStyle().Bold(true),
	}
	if color {
		s.head = s.head.Foreground(lipgloss.Color("6"))
		s.dim = s.dim.Foreground(lipgloss.Color("8"))
		s.warn = s.warn.Foreground(lipgloss.Color("1"))
	}
	return s
}
