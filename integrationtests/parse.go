package integrationtests

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// Marker names the workloads use to bracket a scenario: the scenario
// thread's are BeginMarker and EndMarker; a worker thread labelled tN
// (Scenario.Threads) brackets its own steps with BeginMarker+"-tN" and
// EndMarker+"-tN".
const (
	BeginMarker = ".ior-begin"
	EndMarker   = ".ior-end"
)

// TestResult is a recording made assertable.
type TestResult struct {
	Recording *recording.Recording
	Dir       string // the scenario directory
	Comm      string // the workload's task name
	// ScenarioTID is the thread that issued the begin marker.
	ScenarioTID uint32
	// Scenario: that thread's events strictly between the markers.
	Scenario []event.Event
	// Threads: each worker thread's events between its own markers, by
	// label (t1, t2, ...).
	Threads map[string][]event.Event
	// Others: every event of a thread that is neither the scenario thread
	// nor a labelled worker.
	Others []event.Event
	// Restarted: calls of the scenario's threads that a signal
	// interrupted and the kernel issued again (event.Restarted): left
	// out of Scenario and Threads.
	Restarted []event.Event
	// Netpoll: the Go runtime's own netpoller calls on the scenario's
	// threads (netpollCalls): left out of Scenario and Threads.
	Netpoll []event.Event
	// Unsupported is the workload's message when the kernel lacks a
	// syscall the scenario needs.
	Unsupported string
}

// marker returns which marker ev is ("begin" or "end") and its label.
func marker(ev *event.Event) (kind, label string) {
	if ev.Syscall != "faccessat" {
		return "", ""
	}
	base := path.Base(ev.Path)
	for _, m := range []struct{ prefix, kind string }{{BeginMarker, "begin"}, {EndMarker, "end"}} {
		if rest, ok := strings.CutPrefix(base, m.prefix); ok && (rest == "" || rest[0] == '-') {
			return m.kind, strings.TrimPrefix(rest, "-")
		}
	}
	return "", ""
}

// window is one labelled thread's stretch of the recording.
type window struct {
	tid        uint32
	begin, end int
}

// ParseRecording reads a recording and splits out the scenario's events,
// per thread. dir is the scenario directory; "" takes it from the begin
// marker (a workload that made its own directory).
func ParseRecording(file, dir string) (*TestResult, error) {
	rec, err := recording.ReadFile(file)
	if err != nil {
		return nil, err
	}
	res := &TestResult{Recording: rec, Dir: dir, Threads: map[string][]event.Event{}}
	wins := map[string]*window{}
	for i := range rec.Events {
		ev := &rec.Events[i]
		switch kind, label := marker(ev); {
		case kind == "begin" && wins[label] == nil:
			wins[label] = &window{tid: ev.TID, begin: i, end: -1}
		case kind == "end" && wins[label] != nil && wins[label].tid == ev.TID && wins[label].end < 0:
			wins[label].end = i
		}
	}
	var labels []string
	for l, w := range wins {
		if w.end < 0 {
			return nil, fmt.Errorf("thread %q: no end marker in %d events", l, len(rec.Events))
		}
		labels = append(labels, l)
	}
	main := wins[""]
	if main == nil {
		return nil, fmt.Errorf("no begin marker in %d events", len(rec.Events))
	}
	res.ScenarioTID = main.tid
	if dir == "" {
		res.Dir = path.Dir(rec.Events[main.begin].Path)
	}
	sort.Strings(labels)
	byTID := map[uint32]string{}
	for _, l := range labels {
		byTID[wins[l].tid] = l
	}
	pid := rec.Events[main.begin].PID
	for i := range rec.Events {
		ev := rec.Events[i]
		l, labelled := byTID[ev.TID]
		if ev.IsURing() && ev.Exec&event.ExecSQPoll != 0 && ev.PID == pid {
			// Submitted by the ring's SQ thread, for the scenario
			// thread that filled the ring.
			l, labelled = "", true
		}
		if _, restarted := event.Restarted(ev.Ret); restarted && labelled {
			// A call a signal interrupted, which the kernel issues
			// again: ior records both attempts (its exit tracepoint
			// sees the first). The Go runtime's signals (preemption)
			// cause them in any call that sleeps; the table states the
			// call that completed.
			res.Restarted = append(res.Restarted, ev)
			continue
		}
		switch w := wins[l]; {
		case !labelled || madeThread(&ev):
			res.Others = append(res.Others, ev)
		case i <= w.begin || i >= w.end:
		case l == "":
			res.Scenario = append(res.Scenario, ev)
		default:
			res.Threads[l] = append(res.Threads[l], ev)
		}
	}
	res.Scenario = res.setAsideNetpoll(res.Scenario)
	for l, evs := range res.Threads {
		res.Threads[l] = res.setAsideNetpoll(evs)
	}
	sortURingRuns(res.Scenario)
	for _, evs := range res.Threads {
		sortURingRuns(evs)
	}
	return res, nil
}

// setAsideNetpoll moves the Go runtime's netpoller calls out of a
// thread's events into Netpoll. A Go thread that stops and starts the
// world (a GC its allocation began, under --noise) polls the runtime's
// epoll fd on its way, whatever goroutine it runs: a successful
// epoll_pwait on an fd that no epoll_create of the window made is that.
// The scenarios make every epoll fd they wait on; C has no runtime.
func (res *TestResult) setAsideNetpoll(evs []event.Event) []event.Event {
	made := map[int32]bool{}
	out := evs[:0]
	for _, ev := range evs {
		switch {
		case (ev.Syscall == "epoll_create" || ev.Syscall == "epoll_create1") && ev.Ret >= 0:
			made[int32(ev.Ret)] = true
		case ev.Syscall == "epoll_pwait" && ev.Ret >= 0 && !made[ev.FD]:
			res.Netpoll = append(res.Netpoll, ev)
			continue
		}
		out = append(out, ev)
	}
	return out
}

// sortURingRuns orders each run of consecutive io_uring requests by
// user_data. Requests that complete in the same stretch (one
// io_uring_enter, say) may complete in either order: one inline, one on
// an io-wq worker that can post its completion first. What each request
// did is compared; the order of their completions is the kernel's.
func sortURingRuns(evs []event.Event) {
	for i := 0; i < len(evs); {
		j := i
		for j < len(evs) && evs[j].IsURing() {
			j++
		}
		if j > i+1 {
			slices.SortStableFunc(evs[i:j], func(a, b event.Event) int { return cmp.Compare(a.UserData, b.UserData) })
		}
		i = j + 1
	}
}

// madeThread: a clone that made a thread. How threads are made differs
// by language and is not the scenario's I/O: pthread_create issues
// clone3 on the thread that calls it; the Go runtime makes its threads
// from whichever thread needs one. Such events are left out of the
// comparison (the table may normalise how a task was made, never what
// it does).
func madeThread(ev *event.Event) bool {
	return (ev.Syscall == "clone" || ev.Syscall == "clone3") && ev.Flags&unix.CLONE_THREAD != 0
}
