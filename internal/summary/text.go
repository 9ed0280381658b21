package summary

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/textsafe"
)

// Duration writes ns with three significant digits and a unit: 812ns,
// 12.3µs, 4.05ms, 1.20s.
func Duration(ns uint64) string {
	f := float64(ns)
	var unit string
	switch {
	case ns < 1000:
		return strconv.FormatUint(ns, 10) + "ns"
	case ns < 1e6:
		f, unit = f/1e3, "µs"
	case ns < 1e9:
		f, unit = f/1e6, "ms"
	default:
		f, unit = f/1e9, "s"
	}
	switch {
	case f >= 100:
		return strconv.FormatFloat(f, 'f', 0, 64) + unit
	case f >= 10:
		return strconv.FormatFloat(f, 'f', 1, 64) + unit
	}
	return strconv.FormatFloat(f, 'f', 2, 64) + unit
}

// cell makes a name that the traced program controls safe for a
// terminal: plain words as they are, anything else quoted and escaped.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return textsafe.Word(s)
}

const statHead = "%10s %8s %9s %9s %9s %9s %9s %9s %12s"

func statCells(r *Row) []any {
	return []any{strconv.FormatUint(r.Calls, 10), strconv.FormatUint(r.Errors, 10),
		Duration(r.TotalNs), Duration(r.AvgNs()), Duration(r.Quantile(0.5)), Duration(r.Quantile(0.95)),
		Duration(r.Quantile(0.99)), Duration(r.MaxNs), strconv.FormatUint(r.Bytes, 10)}
}

func statNames() []any {
	return []any{"calls", "errors", "total", "avg", "p50", "p95", "p99", "max", "bytes"}
}

// WriteText writes the tables for people. title opens them (the
// recording's name, or the command traced).
func (s *Summary) WriteText(w io.Writer, title string) error {
	b := bufio.NewWriter(w)
	if title != "" {
		fmt.Fprintf(b, "%s\n\n", title)
	}
	table := func(head string, width int, rows []Row, name func(*Row) string, total *Row) {
		fmt.Fprintf(b, "%-*s "+statHead+"\n", append([]any{width, head}, statNames()...)...)
		for i := range rows {
			fmt.Fprintf(b, "%-*s "+statHead+"\n", append([]any{width, name(&rows[i])}, statCells(&rows[i])...)...)
		}
		if total != nil {
			fmt.Fprintf(b, "%-*s "+statHead+"\n", append([]any{width, "total"}, statCells(total)...)...)
		}
	}
	width := func(rows []Row, name func(*Row) string, least int) int {
		n := least
		for i := range rows {
			n = max(n, utf8.RuneCountInString(name(&rows[i])))
		}
		return min(n, 60)
	}
	plain := func(r *Row) string { return cell(r.Name) }
	table("syscall", width(s.Syscalls, plain, 16), s.Syscalls, plain, &s.Total)
	if len(s.Errnos) > 0 {
		fmt.Fprintf(b, "\n%-16s %-14s %10s\n", "errors", "errno", "calls")
		for _, e := range s.Errnos {
			fmt.Fprintf(b, "%-16s %-14s %10d\n", cell(e.Syscall), ErrnoName(e.Errno), e.Calls)
		}
	}
	more := func(shown, all int, what string) {
		if all > shown {
			fmt.Fprintf(b, "(%d more %s; -top N shows more)\n", all-shown, what)
		}
	}
	if len(s.Files) > 0 {
		b.WriteString("\n")
		table("file", width(s.Files, plain, 16), s.Files, plain, nil)
		more(len(s.Files), s.FileCount, "files")
	}
	proc := func(r *Row) string { return fmt.Sprintf("%d %s", r.PID, cell(r.Comm)) }
	b.WriteString("\n")
	table("process", width(s.Processes, proc, 16), s.Processes, proc, nil)
	more(len(s.Processes), s.ProcessCount, "processes")
	if s.ThreadCount > s.ProcessCount {
		thread := func(r *Row) string { return fmt.Sprintf("%d/%d %s", r.PID, r.TID, cell(r.Comm)) }
		b.WriteString("\n")
		table("thread", width(s.Threads, thread, 16), s.Threads, thread, nil)
		more(len(s.Threads), s.ThreadCount, "threads")
	}
	return b.Flush()
}
