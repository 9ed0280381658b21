package recording

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/textsafe"
)

// TraceFilters drop events at trace time, before they are recorded or
// shown. A recording's trailer names the filters that were on and how
// many events they dropped (Stats.TraceFilters, Stats.FilteredOut).
type TraceFilters struct {
	Failed          bool     `json:"failed,omitempty"`          // keep only calls that returned an error
	MinDurationNs   uint64   `json:"min_duration_ns,omitempty"` // keep only calls at least this long
	PathPrefix      string   `json:"path_prefix,omitempty"`     // keep only calls whose path or path2 starts with this
	ExcludeSyscalls []string `json:"exclude_syscalls,omitempty"`
}

// On reports whether any filter is set.
func (f *TraceFilters) On() bool {
	return f.Failed || f.MinDurationNs > 0 || f.PathPrefix != "" || len(f.ExcludeSyscalls) > 0
}

// Keep reports whether ev passes every filter.
func (f *TraceFilters) Keep(ev *event.Event) bool {
	if f.Failed && Errno(ev.Ret) == 0 {
		return false
	}
	if ev.Duration() < f.MinDurationNs {
		return false
	}
	if f.PathPrefix != "" && !strings.HasPrefix(ev.Path, f.PathPrefix) && !strings.HasPrefix(ev.Path2, f.PathPrefix) {
		return false
	}
	return len(f.ExcludeSyscalls) == 0 || !slices.Contains(f.ExcludeSyscalls, ev.Syscall)
}

// String writes the filters as the flags that set them.
func (f TraceFilters) String() string {
	var s []string
	if f.Failed {
		s = append(s, "-failed")
	}
	if f.MinDurationNs > 0 {
		s = append(s, "-min-duration "+time.Duration(f.MinDurationNs).String())
	}
	if f.PathPrefix != "" {
		s = append(s, fmt.Sprintf("-path %q", f.PathPrefix))
	}
	if len(f.ExcludeSyscalls) > 0 {
		s = append(s, "-exclude-syscalls "+textsafe.Word(strings.Join(f.ExcludeSyscalls, ",")))
	}
	return strings.Join(s, " ")
}

// Filter notes the trace-time filters in the trailer.
func (w *Writer) Filter(f TraceFilters) {
	if f.On() {
		w.filters = &f
	}
}

// Skip counts an event the filters dropped.
func (w *Writer) Skip() { w.filtered++ }
