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
	PathPrefix      string   `json:"path_prefix,omitempty"`     // keep only calls whose path, path2, file or file2 starts with this
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
	if f.PathPrefix != "" && !pathHas(ev, f.PathPrefix) {
		return false
	}
	return len(f.ExcludeSyscalls) == 0 || !slices.Contains(f.ExcludeSyscalls, ev.Syscall)
}

// pathHas reports whether either view of a path starts with prefix: as
// passed (path, path2) or as the kernel resolved it (file, file2), so
// that -path /usr/lib keeps an open of /lib/x through the /lib symlink.
func pathHas(ev *event.Event, prefix string) bool {
	for _, p := range [4]string{ev.Path, ev.Path2, ev.File, ev.File2} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
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
