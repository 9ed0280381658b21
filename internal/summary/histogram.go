package summary

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
)

// HistOptions choose which calls a latency histogram counts.
type HistOptions struct {
	Syscall    string // "": one histogram per syscall
	PathPrefix string // "": any path
}

// ErrNoMatch: the filters left no call to draw (the caller says so, on
// stderr, and exits non-zero: an empty histogram must not pass for one).
var ErrNoMatch = errors.New("no calls match")

// WriteHists draws, for each syscall (or the one chosen), the latency
// histogram of its calls in power-of-two rows, as bpftrace's hist() does.
// It works from aggregates: their histograms are merged.
func WriteHists(w io.Writer, aggs []recording.Aggregate, o HistOptions) error {
	by := map[string]*Row{}
	for i := range aggs {
		a := &aggs[i]
		if o.Syscall != "" && a.Syscall != o.Syscall || !strings.HasPrefix(a.Path, o.PathPrefix) {
			continue
		}
		r := by[a.Syscall]
		if r == nil {
			r = &Row{Name: a.Syscall}
			by[a.Syscall] = r
		}
		r.add(a)
	}
	rows := sorted(by, "calls", 0)
	if len(rows) == 0 {
		return ErrNoMatch
	}
	b := bufio.NewWriter(w)
	for i := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		r := &rows[i]
		fmt.Fprintf(b, "@%s: %d calls, latency in ns (p50 %s, p99 %s, max %s)\n", cell(r.Name), r.Calls,
			Duration(r.Quantile(0.5)), Duration(r.Quantile(0.99)), Duration(r.MaxNs))
		writeHist(b, &r.Hist)
	}
	return b.Flush()
}

// writeHist draws h in rows of powers of two: [0], [1], [2, 4), ...
func writeHist(b *bufio.Writer, h *hist.Hist) {
	rows := map[int]uint64{}
	h.Each(func(i int, n uint64) { rows[bits.Len64(hist.Lower(i))] += n })
	keys := make([]int, 0, len(rows))
	var most uint64
	for k, n := range rows {
		keys = append(keys, k)
		most = max(most, n)
	}
	slices.SortFunc(keys, cmp.Compare)
	const barWidth = 52
	for k := keys[0]; k <= keys[len(keys)-1]; k++ {
		n := rows[k]
		var label string
		switch k {
		case 0:
			label = "[0]"
		case 1:
			label = "[1]"
		case 64:
			label = "[8E, ...)"
		default:
			label = fmt.Sprintf("[%s, %s)", size(1<<(k-1)), size(1<<k))
		}
		bar := int(n * barWidth / most)
		fmt.Fprintf(b, "%-18s %10d |%s%s|\n", label, n, strings.Repeat("@", bar), strings.Repeat(" ", barWidth-bar))
	}
}

// size writes a power of two as bpftrace does: 512, 1K, 64M, 2G.
func size(v uint64) string {
	for _, u := range []struct {
		shift  uint
		suffix string
	}{{60, "E"}, {50, "P"}, {40, "T"}, {30, "G"}, {20, "M"}, {10, "K"}} {
		if v >= 1<<u.shift && v%(1<<u.shift) == 0 {
			return strconv.FormatUint(v>>u.shift, 10) + u.suffix
		}
	}
	return strconv.FormatUint(v, 10)
}
