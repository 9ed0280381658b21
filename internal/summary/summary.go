// Package summary turns a recording's aggregates into the tables people
// read after a run (strace -c's, and more): per syscall calls, errors by
// errno, latency percentiles and bytes; the top files; processes and
// threads. It works from aggregates only, so its memory does not grow
// with the number of events.
package summary

import (
	"cmp"
	"fmt"
	"github.com/ior-tracer/ior/internal/event"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/ior-tracer/ior/internal/hist"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// Sorts are the orders a table can be sorted in.
var Sorts = []string{"time", "calls", "bytes", "errors"}

// Options choose the tables' order and length.
type Options struct {
	Sort string // one of Sorts; default time
	Top  int    // rows of the files, processes and threads tables; <= 0: all
}

// Row sums one group of calls.
type Row struct {
	Name    string
	PID     uint32 // processes and threads
	TID     uint32 // threads
	Comm    string // processes and threads
	Calls   uint64
	Errors  uint64
	Errnos  map[uint16]uint64
	TotalNs uint64
	MaxNs   uint64
	Bytes   uint64
	Hist    hist.Hist
	comms   map[string]uint64 // calls by comm, for processes and threads
	// quant holds the Quantiles (0.5, 0.95, 0.99) Build computed, when
	// set; Hist is then empty.
	quant  [3]uint64
	hasQ   bool
	noHist bool // add does not merge histograms (Build: see quantiles)
}

// quantiles are those Build computes for each row.
var quantiles = [3]float64{0.5, 0.95, 0.99}

func (r *Row) add(a *recording.Aggregate) {
	if !r.noHist {
		r.Hist.Merge(&a.Hist)
	}
	r.Calls += a.Count
	r.TotalNs += a.DurationNs
	r.MaxNs = max(r.MaxNs, a.MaxNs)
	r.Bytes += a.Bytes
	if a.Errno != 0 {
		r.Errors += a.Count
		if r.Errnos == nil {
			r.Errnos = map[uint16]uint64{}
		}
		r.Errnos[a.Errno] += a.Count
	}
}

// AvgNs is the mean call time.
func (r *Row) AvgNs() uint64 {
	if r.Calls == 0 {
		return 0
	}
	return r.TotalNs / r.Calls
}

// Quantile is the q-th latency quantile from the histogram: an upper
// bound within 12.5% of the exact value, never above the longest call.
func (r *Row) Quantile(q float64) uint64 {
	if i := slices.Index(quantiles[:], q); i >= 0 && r.hasQ {
		return r.quant[i]
	}
	v := r.Hist.Quantile(q)
	if r.MaxNs > 0 {
		v = min(v, r.MaxNs)
	}
	return v
}

// Summary is every table.
type Summary struct {
	Syscalls  []Row // every syscall
	Files     []Row // top files
	Processes []Row
	Threads   []Row
	Total     Row
	Errnos    []ErrnoRow
	// FileCount etc. are the rows before the top-N cut.
	FileCount, ProcessCount, ThreadCount int
}

// ErrnoRow counts one syscall's failures with one errno.
type ErrnoRow struct {
	Syscall string
	Errno   uint16
	Calls   uint64
}

// ErrnoName is an errno's symbolic name (ENOENT), or its number.
func ErrnoName(e uint16) string {
	if n, ok := event.Restarted(-int64(e)); ok {
		return n
	}
	if n := unix.ErrnoName(syscall.Errno(e)); n != "" {
		return n
	}
	return "E" + strconv.Itoa(int(e))
}

// Build sums aggregates into the tables.
func Build(aggs []recording.Aggregate, o Options) (*Summary, error) {
	if o.Sort == "" {
		o.Sort = "time"
	}
	if !slices.Contains(Sorts, o.Sort) {
		return nil, fmt.Errorf("unknown sort %q (choose from %s)", o.Sort, strings.Join(Sorts, ", "))
	}
	type pt struct{ pid, tid uint32 }
	sys, files := map[string]*Row{}, map[string]*Row{}
	procs, threads := map[uint32]*Row{}, map[pt]*Row{}
	var s Summary
	get := func(m map[string]*Row, k string) *Row {
		r := m[k]
		if r == nil {
			r = &Row{Name: k, noHist: true}
			m[k] = r
		}
		return r
	}
	for i := range aggs {
		a := &aggs[i]
		s.Total.add(a)
		get(sys, a.Syscall).add(a)
		if a.Path != "" {
			get(files, a.Path).add(a)
		}
		p := procs[a.PID]
		if p == nil {
			p = &Row{PID: a.PID, comms: map[string]uint64{}, noHist: true}
			procs[a.PID] = p
		}
		p.add(a)
		t := threads[pt{a.PID, a.TID}]
		if t == nil {
			t = &Row{PID: a.PID, TID: a.TID, comms: map[string]uint64{}, noHist: true}
			threads[pt{a.PID, a.TID}] = t
		}
		t.add(a)
		p.comms[a.Comm] += a.Count
		t.comms[a.Comm] += a.Count
	}
	for _, r := range procs {
		r.Comm = mainComm(r.comms)
	}
	for _, r := range threads {
		r.Comm = mainComm(r.comms)
	}
	s.Total.Name = "total"
	s.Syscalls = sorted(sys, o.Sort, 0)
	s.Files = sorted(files, o.Sort, o.Top)
	s.Processes = sorted(procs, o.Sort, o.Top)
	s.Threads = sorted(threads, o.Sort, o.Top)
	s.FileCount, s.ProcessCount, s.ThreadCount = len(files), len(procs), len(threads)
	// Latency percentiles for the rows shown only, one row at a time.
	fillQuantiles(aggs, s.Syscalls, func(a *recording.Aggregate) any { return a.Syscall }, func(r *Row) any { return r.Name })
	fillQuantiles(aggs, s.Files, func(a *recording.Aggregate) any { return a.Path }, func(r *Row) any { return r.Name })
	fillQuantiles(aggs, s.Processes, func(a *recording.Aggregate) any { return a.PID }, func(r *Row) any { return r.PID })
	fillQuantiles(aggs, s.Threads, func(a *recording.Aggregate) any { return pt{a.PID, a.TID} }, func(r *Row) any { return pt{r.PID, r.TID} })
	for _, r := range s.Syscalls {
		for e, n := range r.Errnos {
			s.Errnos = append(s.Errnos, ErrnoRow{r.Name, e, n})
		}
	}
	slices.SortFunc(s.Errnos, func(a, b ErrnoRow) int {
		return cmp.Or(cmp.Compare(b.Calls, a.Calls), cmp.Compare(a.Syscall, b.Syscall), cmp.Compare(a.Errno, b.Errno))
	})
	return &s, nil
}

// fillQuantiles sets the quantiles of rows (one table's, as shown) from
// the histograms of their aggregates, merged a row at a time into one
// histogram: memory does not grow with rows times histogram width.
func fillQuantiles(aggs []recording.Aggregate, rows []Row, aggKey func(*recording.Aggregate) any, rowKey func(*Row) any) {
	pos := make(map[any]int32, len(rows))
	for i := range rows {
		pos[rowKey(&rows[i])] = int32(i)
	}
	type member struct{ row, agg int32 }
	var ms []member
	for i := range aggs {
		if r, ok := pos[aggKey(&aggs[i])]; ok {
			ms = append(ms, member{r, int32(i)})
		}
	}
	slices.SortStableFunc(ms, func(a, b member) int { return cmp.Compare(a.row, b.row) })
	var h hist.Hist
	for i := 0; i < len(ms); {
		r := &rows[ms[i].row]
		h.CopyFrom(&hist.Hist{})
		for ; i < len(ms) && &rows[ms[i].row] == r; i++ {
			h.Merge(&aggs[ms[i].agg].Hist)
		}
		for j, q := range quantiles {
			r.quant[j] = h.Quantile(q)
			if r.MaxNs > 0 {
				r.quant[j] = min(r.quant[j], r.MaxNs)
			}
		}
		r.hasQ = true
	}
}

// sorted lists a map's rows by the sort key, largest first, ties by name
// and ids, at most top of them (top <= 0: all).
func sorted[K comparable](m map[K]*Row, by string, top int) []Row {
	rows := make([]Row, 0, len(m))
	for _, r := range m {
		rows = append(rows, *r)
	}
	key := func(r *Row) uint64 {
		switch by {
		case "calls":
			return r.Calls
		case "bytes":
			return r.Bytes
		case "errors":
			return r.Errors
		}
		return r.TotalNs
	}
	slices.SortFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(key(&b), key(&a)), cmp.Compare(b.TotalNs, a.TotalNs),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.PID, b.PID), cmp.Compare(a.TID, b.TID))
	})
	if top > 0 && len(rows) > top {
		rows = rows[:top]
	}
	return rows
}

// mainComm is the name that made the most calls (a task renamed by exec
// has several).
func mainComm(m map[string]uint64) string {
	best, n := "", uint64(0)
	for c, k := range m {
		if k > n || k == n && c < best {
			best, n = c, k
		}
	}
	return best
}
