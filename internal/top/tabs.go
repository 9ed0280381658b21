package top

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/summary"
)

// body draws the current tab in w x h.
func (m *Model) body(w, h int) []string {
	switch m.tab {
	case tabOverview:
		return m.overview(w, h)
	case tabSyscalls, tabFiles, tabProcs, tabURing:
		t := m.table()
		m.sel[m.tab] = min(m.sel[m.tab], max(len(t.rows)-1, 0))
		out := t.render(w, h, m.sel[m.tab], m.st)
		if m.tab == tabURing {
			note := "ior sees a request at its completion: 'inflight' is the average: their summed latency over the time shown"
			out = append(out[:min(len(out), h-1)], m.st.dim.Render(note))
		}
		return out
	case tabLatency:
		return m.latency(w, h)
	case tabStream:
		return m.stream(w, h)
	case tabFlame:
		return m.flame(w, h)
	case tabOther:
		return m.otherLines(w, h)
	}
	return nil
}

// sorts are the Syscalls tab's orders (s cycles).
var sorts = []string{"calls", "errors", "p50", "p95", "p99", "max", "bytes"}

func rowSort(rows []live.Row, by string) {
	key := func(r *live.Row) uint64 {
		switch by {
		case "errors":
			return r.Errors
		case "p50":
			return quantile(r, .5)
		case "p95":
			return quantile(r, .95)
		case "p99":
			return quantile(r, .99)
		case "max":
			return r.MaxNs
		case "bytes":
			return r.Bytes
		}
		return r.Calls
	}
	slices.SortStableFunc(rows, func(x, y live.Row) int { return cmp.Compare(key(&y), key(&x)) })
}

// quantile is the histogram's bound for q, which is the top of a
// bucket: never more than the longest call, which is known exactly.
func quantile(r *live.Row, q float64) uint64 { return min(r.Lat.Quantile(q), r.MaxNs) }

// errnos is "ENOENT 3 EAGAIN 1", most first.
func errnos(m map[uint16]uint64) string {
	type en struct {
		e uint16
		n uint64
	}
	var l []en
	for e, n := range m {
		l = append(l, en{e, n})
	}
	slices.SortFunc(l, func(a, b en) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.e, b.e)) })
	var parts []string
	for _, x := range l {
		parts = append(parts, fmt.Sprintf("%s %d", summary.ErrnoName(x.e), x.n))
	}
	return strings.Join(parts, " ")
}

// table builds the current table tab's rows (raw values).
func (m *Model) table() *table {
	s := m.snap
	lat := []column{{"p50", nanos, 8}, {"p95", nanos, 8}, {"p99", nanos, 8}, {"max", nanos, 8}}
	latCells := func(r *live.Row) []string {
		return []string{u(quantile(r, .5)), u(quantile(r, .95)), u(quantile(r, .99)), u(r.MaxNs)}
	}
	switch m.tab {
	case tabSyscalls:
		rows := slices.Clone(s.Syscalls)
		rowSort(rows, sorts[m.sortBy])
		t := &table{cols: append(append([]column{{"syscall (s: by " + sorts[m.sortBy] + ")", text, 26}, {"calls", count, 8}, {"errors", count, 7}},
			lat...), column{"bytes", nbytes, 8}, column{"errnos", text, 0})}
		for i := range rows {
			r := &rows[i]
			t.rows = append(t.rows, append(append([]string{r.Key, u(r.Calls), u(r.Errors)}, latCells(r)...), u(r.Bytes), errnos(r.Errnos)))
		}
		return t
	case tabFiles:
		rows := s.Files
		title := "file"
		if m.byDir {
			rows, title = byDir(rows), "directory (d: by file)"
		}
		t := &table{cols: []column{{title, text, 0}, {"calls", count, 8}, {"errors", count, 7}, {"read", nbytes, 8}, {"written", nbytes, 8},
			{"p50", nanos, 8}, {"p99", nanos, 8}, {"max", nanos, 8}}}
		for i := range rows {
			r := &rows[i]
			t.rows = append(t.rows, []string{r.Key, u(r.Calls), u(r.Errors), u(r.Read), u(r.Written),
				u(quantile(r, .5)), u(quantile(r, .99)), u(r.MaxNs)})
		}
		return t
	case tabProcs:
		t := &table{cols: []column{{"pid", text, 8}, {"process tree", text, 0}, {"calls", count, 8}, {"errors", count, 7},
			{"read", nbytes, 8}, {"written", nbytes, 8}, {"p99", nanos, 8}}}
		for _, p := range tree(s.Procs) {
			r := p.row
			t.rows = append(t.rows, []string{u(uint64(r.PID)), strings.Repeat("  ", p.depth) + r.Comm, u(r.Calls), u(r.Errors),
				u(r.Read), u(r.Written), u(quantile(r, .99))})
		}
		return t
	case tabURing:
		t := &table{cols: append(append([]column{{"op", text, 0}, {"requests", count, 9}, {"errors", count, 7}, {"inline", count, 7},
			{"io-wq", count, 7}, {"sqpoll", count, 7}}, lat...), column{"bytes", nbytes, 8}, column{"inflight", text, 9})}
		span := s.LastNs - min(s.FirstNs, s.LastNs)
		for i := range s.URing {
			r := &s.URing[i]
			avg := "-"
			if span > 0 {
				avg = fmt.Sprintf("%.3g", float64(r.DurNs)/float64(span))
			}
			t.rows = append(t.rows, append(append([]string{r.Key, u(r.Calls), u(r.Errors), u(r.Inline), u(r.IOWQ), u(r.SQPoll)},
				latCells(r)...), u(r.Bytes), avg))
		}
		return t
	}
	return &table{}
}

// byDir sums files by their directory.
func byDir(files []live.Row) []live.Row {
	m := map[string]*live.Row{}
	var keys []string
	for i := range files {
		d := path.Dir(files[i].Key)
		if !strings.HasPrefix(files[i].Key, "/") {
			d = files[i].Key // pipe:[..], socket:[..], (other)
		} else if d != "/" {
			d += "/"
		}
		r := m[d]
		if r == nil {
			r = &live.Row{Key: d}
			m[d] = r
			keys = append(keys, d)
		}
		r.Merge(&files[i])
	}
	rows := make([]live.Row, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, *m[k])
	}
	slices.SortStableFunc(rows, func(x, y live.Row) int { return cmp.Compare(y.Calls, x.Calls) })
	return rows
}

type treeRow struct {
	row   *live.Row
	depth int
}

// tree orders processes parent first, children under it (by calls).
func tree(procs []live.Row) []treeRow {
	byPID := map[uint32]bool{}
	for i := range procs {
		byPID[procs[i].PID] = true
	}
	kids := map[uint32][]*live.Row{}
	var roots []*live.Row
	for i := range procs {
		p := &procs[i]
		if p.PPID != 0 && byPID[p.PPID] && p.PPID != p.PID {
			kids[p.PPID] = append(kids[p.PPID], p)
		} else {
			roots = append(roots, p)
		}
	}
	var out []treeRow
	seen := map[uint32]bool{}
	var walk func(p *live.Row, d int)
	walk = func(p *live.Row, d int) {
		if seen[p.PID] {
			return
		}
		seen[p.PID] = true
		out = append(out, treeRow{p, d})
		for _, c := range kids[p.PID] {
			walk(c, d+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

// pinSelected pushes a filter from the selected row (or cell).
func (m *Model) pinSelected() {
	sel := m.sel[m.tab]
	var p pin
	switch m.tab {
	case tabSyscalls, tabFiles, tabProcs, tabURing:
		t := m.table()
		if sel >= len(t.rows) {
			return
		}
		switch m.tab {
		case tabSyscalls:
			p = pin{"syscall", t.rows[sel][0]}
		case tabFiles:
			p = pin{"file", t.rows[sel][0]}
			if m.byDir {
				p.field = "path" // a directory: every file under it
			}
		case tabProcs:
			p = pin{"pid", t.rows[sel][0]}
		case tabURing:
			p = pin{"syscall", "io_uring:" + t.rows[sel][0]}
		}
	case tabLatency:
		if sel >= len(m.snap.Syscalls) {
			return
		}
		p = pin{"syscall", m.latencyRows()[sel].Key}
	case tabStream:
		evs := m.streamEvents()
		if sel >= len(evs) {
			return
		}
		ev := &evs[sel]
		switch pinCols[m.col] {
		case "pid":
			p = pin{"pid", u(uint64(ev.PID))}
		case "syscall":
			p = pin{"syscall", ev.Syscall}
		case "path":
			p = pin{"file", ev.Path}
		}
	case tabFlame:
		m.flameZoom()
		return
	default:
		return
	}
	m.pins = append(m.pins, p)
	m.msg = "filter " + p.field + "=" + p.value + " (Backspace pops it)"
}
