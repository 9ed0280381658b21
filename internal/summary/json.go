package summary

import (
	"encoding/json"
	"io"
)

// JSONRow is a Row as `ior summary -json` writes it; times in ns.
type JSONRow struct {
	Syscall string            `json:"syscall,omitempty"`
	Path    string            `json:"path,omitempty"`
	PID     uint32            `json:"pid,omitempty"`
	TID     uint32            `json:"tid,omitempty"`
	Comm    string            `json:"comm,omitempty"`
	Calls   uint64            `json:"calls"`
	Errors  uint64            `json:"errors"`
	Errnos  map[string]uint64 `json:"errnos,omitempty"`
	TotalNs uint64            `json:"total_ns"`
	AvgNs   uint64            `json:"avg_ns"`
	P50Ns   uint64            `json:"p50_ns"`
	P95Ns   uint64            `json:"p95_ns"`
	P99Ns   uint64            `json:"p99_ns"`
	MaxNs   uint64            `json:"max_ns"`
	Bytes   uint64            `json:"bytes"`
}

func (r *Row) json() JSONRow {
	j := JSONRow{Calls: r.Calls, Errors: r.Errors, TotalNs: r.TotalNs, AvgNs: r.AvgNs(), P50Ns: r.Quantile(0.5),
		P95Ns: r.Quantile(0.95), P99Ns: r.Quantile(0.99), MaxNs: r.MaxNs, Bytes: r.Bytes}
	for e, n := range r.Errnos {
		if j.Errnos == nil {
			j.Errnos = map[string]uint64{}
		}
		j.Errnos[ErrnoName(e)] += n
	}
	return j
}

// WriteJSON writes the tables as one JSON object: syscalls, files,
// processes, threads (lists of JSONRow) and total. Strings that are not
// valid UTF-8 have each bad byte replaced by U+FFFD.
func (s *Summary) WriteJSON(w io.Writer, extra map[string]any) error {
	conv := func(rows []Row, f func(*Row, *JSONRow)) []JSONRow {
		out := make([]JSONRow, len(rows))
		for i := range rows {
			out[i] = rows[i].json()
			f(&rows[i], &out[i])
		}
		return out
	}
	obj := map[string]any{
		"syscalls":  conv(s.Syscalls, func(r *Row, j *JSONRow) { j.Syscall = r.Name }),
		"files":     conv(s.Files, func(r *Row, j *JSONRow) { j.Path = r.Name }),
		"processes": conv(s.Processes, func(r *Row, j *JSONRow) { j.PID, j.Comm = r.PID, r.Comm }),
		"threads":   conv(s.Threads, func(r *Row, j *JSONRow) { j.PID, j.TID, j.Comm = r.PID, r.TID, r.Comm }),
		"total":     s.Total.json(),
	}
	for k, v := range extra {
		obj[k] = v
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(obj)
}
