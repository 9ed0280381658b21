package tracer

import (
	"runtime/debug"
	"time"
)

// lateGC holds the garbage collection that Run keeps off through start-up
// until the first lull in the records after the release: start-up's
// garbage (some 14 MB, mostly BTF) made the first collection fall at
// once, when a burst the command starts is at its fastest. A collection
// stops the world, and ior's other threads, at nice 0, each hold up its
// stops while the command's threads take the CPUs before them: the
// favoured reader waited 60-160 ms (gctrace, 32-thread burst) while the
// ring buffer filled. Bounded: collected at the latest gcLateMax after
// the release, lull or not.
type lateGC struct {
	percent int       // the percent to restore; off when done
	by      time.Time // the latest it is restored
	seen    uint64    // the records read at the last look
	done    bool
}

// gcLateMax bounds how long the garbage waits for a lull: at the rate of
// a 16-thread burst (some 2M records a second) ior allocates ~12 MB a
// second, most of it kept (threads, files, aggregates).
const gcLateMax = time.Second

// look restores the collection if no record came since its last look
// (one PollInterval: a lull), or gcLateMax has passed.
func (g *lateGC) look(records uint64, now time.Time) {
	if g.done {
		return
	}
	if records != g.seen && now.Before(g.by) {
		g.seen = records
		return
	}
	g.restore()
}

func (g *lateGC) restore() {
	if !g.done {
		g.done = true
		debug.SetGCPercent(g.percent)
	}
}
