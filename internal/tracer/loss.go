package tracer

import (
	"fmt"
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
		lost := st.LostRingbuf + st.LostInflight
		if lost > said {
			fmt.Fprintf(s.cfg.Stderr, "ior: warning: %d events lost in the last %s (%d in all; ring buffer full: %d, no per-thread state: %d); a larger -ring-size or fewer -syscalls helps\n",
				lost-said, LossCheck, lost, st.LostRingbuf, st.LostInflight)
			said = lost
		}
	}
}
