package top

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/output"
)

// overview: rates, totals, and the top of each table.
func (m *Model) overview(w, h int) []string {
	s := m.snap
	sw := max(10, w-30)
	var errs uint64
	for _, n := range s.Errnos {
		errs += n
	}
	last := func(v []uint64) uint64 { return v[len(v)-1] }
	out := []string{
		fmt.Sprintf("events/s %9s %s", human(last(s.EventsPerSec)), spark(s.EventsPerSec, sw)),
		fmt.Sprintf("bytes/s  %9s %s", humanBytes(last(s.BytesPerSec)), spark(s.BytesPerSec, sw)),
		fmt.Sprintf("(per second of all traced events, the last %ds)", min(sw, live.SeriesLen)),
		fmt.Sprintf("shown %s of %s events | errors %s %s | lost %s", human(s.Matched), human(s.Events), human(errs), errnos(s.Errnos), human(m.status.Lost)),
		"",
	}
	if nr := m.status.NotRecorded; nr != "" {
		// The ring full: what else it had no room for (what each costs
		// the output: ior's end report and docs/events.md "Lost").
		out = slices.Insert(out, 4, "not recorded (ring buffer full): "+nr)
	}
	cw := (w - 2) / 3
	top := func(title string, rows []live.Row, name func(r *live.Row) string) []string {
		l := []string{m.st.head.Render(fit(title, cw))}
		for i := range rows[:min(len(rows), max(h-len(out)-1, 0))] {
			r := &rows[i]
			n := human(r.Calls)
			l = append(l, fitLeft(name(r), cw-len(n)-1)+" "+n)
		}
		return l
	}
	key := func(r *live.Row) string { return r.Key }
	cols := [][]string{
		top("top syscalls (calls)", s.Syscalls, key),
		top("top files (calls)", s.Files, key),
		top("top processes (calls)", s.Procs, func(r *live.Row) string { return fmt.Sprintf("%d %s", r.PID, r.Comm) }),
	}
	for i := 0; ; i++ {
		var parts []string
		any := false
		for _, c := range cols {
			cell := ""
			if i < len(c) {
				cell, any = c[i], true
			}
			parts = append(parts, fit(cell, cw))
		}
		if !any {
			break
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// latencyRows are the syscalls and requests, most calls first.
func (m *Model) latencyRows() []live.Row { return m.snap.Syscalls }

// latency: the selected syscall's histogram beside the list, then each
// thread's gaps between calls.
func (m *Model) latency(w, h int) []string {
	rows := m.latencyRows()
	sel := min(m.sel[m.tab], max(len(rows)-1, 0))
	m.sel[m.tab] = sel
	lw := 24
	half := max(h/2, 4)
	var left, right []string
	left = append(left, m.st.head.Render(fit("syscall", lw)))
	top := max(0, sel-(half-2))
	for i := top; i < len(rows) && len(left) < half; i++ {
		l := fit(rows[i].Key, lw)
		if i == sel {
			l = m.st.sel.Render(l)
		}
		left = append(left, l)
	}
	if sel < len(rows) {
		r := &rows[sel]
		right = histLines(&r.Lat, fmt.Sprintf("%s: %d calls, p50 %s p99 %s max %s", r.Key, r.Calls,
			humanNs(quantile(r, .5)), humanNs(quantile(r, .99)), humanNs(r.MaxNs)), w-lw-2, half)
	}
	var out []string
	for i := range half {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, fit(l, lw)+"  "+r)
	}
	t := &table{cols: []column{{"thread", text, 8}, {"pid", text, 8}, {"comm", text, 16}, {"calls", count, 8},
		{"gap p50", nanos, 8}, {"gap p99", nanos, 8}, {"sum of gaps (outside recorded calls)", nanos, 0}}}
	for _, th := range m.snap.Threads {
		t.rows = append(t.rows, []string{u(uint64(th.TID)), u(uint64(th.PID)), th.Comm, u(th.Calls),
			u(th.Gaps.Quantile(.5)), u(th.Gaps.Quantile(.99)), u(th.GapNs)})
	}
	return append(out, t.render(w, h-half, -1, m.st)...)
}

// histLines draws a histogram, buckets merged to fit h-1 lines.
func histLines(hg *hist.Hist, title string, w, h int) []string {
	type b struct {
		lo, hi, n uint64
	}
	var bs []b
	hg.Each(func(i int, n uint64) { bs = append(bs, b{hist.Lower(i), hist.Upper(i), n}) })
	for len(bs) > h-1 && len(bs) > 1 {
		var merged []b
		for i := 0; i < len(bs); i += 2 {
			x := bs[i]
			if i+1 < len(bs) {
				x.hi, x.n = bs[i+1].hi, x.n+bs[i+1].n
			}
			merged = append(merged, x)
		}
		bs = merged
	}
	var m uint64
	for _, x := range bs {
		m = max(m, x.n)
	}
	out := []string{title}
	for _, x := range bs {
		label := fmt.Sprintf("%7s-%-7s %7d ", humanNs(x.lo), humanNs(x.hi), x.n)
		out = append(out, label+bar(x.n, m, w-len(label)))
	}
	return out
}

// pinCols are the Stream cells Enter can filter by.
var pinCols = []string{"pid", "syscall", "path"}

// streamEvents is the tail as shown: newest first, searched.
func (m *Model) streamEvents() []event.Event {
	tail := m.snap.Tail
	if m.paused {
		tail = m.frozen
	}
	var evs []event.Event
	for i := len(tail) - 1; i >= 0; i-- {
		ev := &tail[i]
		if m.search == nil || m.search.MatchString(m.line(ev)) {
			evs = append(evs, *ev)
		}
	}
	return evs
}

func (m *Model) line(ev *event.Event) string {
	var b bytes.Buffer
	output.FormatLine(&b, ev, m.status.StartNs)
	return b.String()
}

func (m *Model) streamLines() []string {
	evs := m.streamEvents()
	lines := make([]string, len(evs))
	for i := range evs {
		lines[i] = m.line(&evs[i])
	}
	return lines
}

func (m *Model) stream(w, h int) []string {
	lines := m.streamLines()
	sel := min(m.sel[m.tab], max(len(lines)-1, 0))
	m.sel[m.tab] = sel
	head := fmt.Sprintf("newest first, %d of the last %d events | Enter filters by %s (Left/Right) | Space pause", len(lines), live.TailLen, pinCols[m.col])
	out := []string{m.st.head.Render(fit(head, w))}
	top := max(0, sel-(h-2))
	for i := top; i < len(lines) && len(out) < h; i++ {
		l := fit(lines[i], w)
		if i == sel {
			l = m.st.sel.Render(l)
		}
		out = append(out, l)
	}
	return out
}

// tailView is the stream as exported: the events shown, oldest first.
func (m *Model) tailView() []event.Event {
	evs := m.streamEvents()
	slices.Reverse(evs)
	return evs
}
