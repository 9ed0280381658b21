package tracer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LossCheck is how often the session looks at the kernel side's loss
// counters while it runs.
const LossCheck = time.Second

// watchLoss says on stderr, as soon as it happens (at most once per
// LossCheck), that events are being lost and why — not only at the end.
func (s *session) watchLoss(quit <-chan struct{}) {
	t := time.NewTicker(LossCheck)
	defer t.Stop()
	var said uint64
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
