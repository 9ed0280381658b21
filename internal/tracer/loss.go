package tracer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/recording"
)

// LossCheck is how often the session looks at the kernel side's loss
// counters while it runs.
const LossCheck = time.Second

// watchLoss says on stderr, as soon as it happens (at most once per
// LossCheck), that events are being lost and why — not only at the end.
func (s *session) watchLoss(quit <-chan struct{}) {
	t := time.NewTicker(LossCheck)
	defer t.Stop()
	var said, saidOther uint64
	for {
		select {
		case <-quit:
			return
		case <-t.C:
		}
		st, err := s.probe.Stats()
		if err != nil {
			return
		}
		lost := st.LostRingbuf + st.LostInflight + st.LostURingReqs + st.URingOverflow
		if lost > said {
			fmt.Fprintf(s.cfg.Stderr, "ior: warning: %d events lost in the last %s (%d in all: %s)\n",
				lost-said, LossCheck, lost, lossCauses(st.LostRingbuf, st.LostInflight, st.LostURingReqs, st.URingOverflow))
			said = lost
		}
		if other := st.LostNames + st.LostTasks + st.LostProcs + st.LostNaming; other > saidOther {
			fmt.Fprintf(s.cfg.Stderr, "ior: warning: ring buffer full: %s (in all)\n", otherLosses(statsOf(st)))
			saidOther = other
		}
	}
}

// lossCauses names each cause of lost events that counted some, with
// what helps.
func lossCauses(ringbuf, inflight, uringReqs, uringOverflow uint64) string {
	var out []string
	for _, c := range []struct {
		n    uint64
		text string
	}{
		{ringbuf, "with the ring buffer full (try a larger -ring-size or fewer -syscalls)"},
		{inflight, "with no per-thread state (kernel memory)"},
		{uringReqs, "io_uring requests with the request map full (too many in flight at once)"},
		{uringOverflow, "io_uring completions that overflowed the CQ, their request not told apart (a user_data shared by requests in flight)"},
	} {
		if c.n > 0 {
			out = append(out, strconv.FormatUint(c.n, 10)+" "+c.text)
		}
	}
	return strings.Join(out, ", ")
}

// otherLosses says what the records other than events that the ring
// buffer had no room for mean to the output: names are sent before the
// first call on a file that needs them (and tried again at its next
// use), processes' records at their next call; exec, fork and exit
// records once. Each try that failed counts.
func otherLosses(st recording.Stats) string {
	var out []string
	if n := st.LostNames; n > 0 {
		out = append(out, strconv.FormatUint(n, 10)+" file names not recorded (the calls that needed them show their file as unknown; a name is tried again at its file's next use, each try counted)")
	}
	if n := st.LostTasks; n > 0 {
		out = append(out, strconv.FormatUint(n, 10)+" exec, fork or exit records not recorded (those exits do not show; after a lost exec, the old image's mappings are dropped at the task's next record, the new one's read from /proc)")
	}
	if n := st.LostProcs; n > 0 {
		out = append(out, strconv.FormatUint(n, 10)+" process records not recorded (each try counted: a task tries again at its next call; until one is sent, its calls, its exit and the AIO and io_uring requests it made meanwhile show their process as not known)")
	}
	if n := st.LostNaming; n > 0 {
		out = append(out, strconv.FormatUint(n, 10)+" calls traced only to name files for -syscalls not recorded (not shown anyway; the files they opened may show as unknown)")
	}
	return strings.Join(out, ", ")
}
