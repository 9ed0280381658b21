package integrationtests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// io_uring requests are filtered at submission: while ior traces one
// process doing io_uring, another process doing the same, untraced,
// keeps submitting, and none of its requests is recorded; the traced
// process's are, each once.
func TestURingOnlyTheTracedProcess(t *testing.T) {
	requireRoot(t)
	h := &TestHarness{IorBinary: differ.IorBinary, WorkloadBinary: differ.Workloads["c"], OutputDir: t.TempDir()}
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		runs := 0
		defer func() { done <- runs }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			dir, err := os.MkdirTemp(h.OutputDir, "other-")
			if err != nil {
				return
			}
			os.WriteFile(dir+"/src", []byte("uring-data"), 0o644)
			if exec.Command(h.WorkloadBinary, "--scenario=io_uring", "--dir="+dir, "--start-delay=0").Run() == nil {
				runs++
			}
		}
	}()
	res, err := h.Run("io_uring", 0)
	close(stop)
	others := <-done
	if err != nil {
		t.Fatal(err)
	}
	pid := res.Recording.Events[0].PID
	var mine int
	for _, ev := range res.Recording.Events {
		if !ev.IsURing() {
			continue
		}
		if ev.PID != pid {
			t.Errorf("recorded a request of untraced process %d: %+v", ev.PID, ev)
			continue
		}
		mine++
	}
	if mine != 2 {
		t.Errorf("%d requests of the traced process, want its READ_FIXED and WRITE_FIXED", mine)
	}
	if others == 0 {
		t.Errorf("the untraced process never ran its scenario alongside")
	}
	t.Logf("untraced runs alongside: %d", others)
}

// How a request ran is not in the table's exact steps (an op the kernel
// may or may not run inline would make them flaky); these two scenarios
// fix it: IOSQE_ASYNC hands the READ to an io-wq worker, yet it is the
// scenario thread's request; with SQPOLL the ring's SQ thread submits,
// and the event names it.
func TestURingHowRequestsRan(t *testing.T) {
	requireRoot(t)
	for _, tc := range []struct {
		scenario string
		exec     uint8
	}{{"uring_async", event.ExecIOWQ}, {"uring_sqpoll", event.ExecSQPoll}} {
		sc, _ := ScenarioByName(tc.scenario)
		for _, v := range Variants {
			t.Run(tc.scenario+"/"+v.Name, func(t *testing.T) {
				res := differ.Run(t, sc, v)
				n := 0
				for _, ev := range res.Scenario {
					if !ev.IsURing() {
						continue
					}
					n++
					x := event.FieldByName("exec").Str(&ev)
					if ev.Exec&tc.exec == 0 {
						t.Errorf("%s ran %s, want %s", ev.Syscall, x, tc.scenario)
					}
					sqThread := ev.TID != res.ScenarioTID && ev.Comm == fmt.Sprintf("iou-sqp-%d", ev.PID)
					if sqThread != (tc.exec == event.ExecSQPoll) {
						t.Errorf("%s (%s) submitted by task %d %q; scenario thread %d", ev.Syscall, x, ev.TID, ev.Comm, res.ScenarioTID)
					}
				}
				if n == 0 {
					t.Errorf("no requests recorded")
				}
			})
		}
	}
}

// A request with IOSQE_CQE_SKIP_SUCCESS posts no completion when it
// succeeds: ior cannot pair it, records it not, and says so (counted in
// the trailer, a warning at the end); the request next to it is recorded.
func TestURingCqeSkipCounted(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "cqeskip")
	if out, err := exec.Command("cc", "-O2", "-o", bin, "testdata/cqeskip.c").CombinedOutput(); err != nil {
		t.Fatalf("cc: %v\n%s", err, out)
	}
	rec := filepath.Join(dir, "r.ior.zst")
	out, err := exec.Command(differ.IorBinary, "-flamegraph", "-o", rec, "--", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("ior: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "1 io_uring requests not recorded") {
		t.Errorf("no warning about the request with IOSQE_CQE_SKIP_SUCCESS:\n%s", out)
	}
	r, err := recording.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	var nops []uint64
	for _, ev := range r.Events {
		if ev.Syscall == "io_uring:NOP" {
			nops = append(nops, ev.UserData)
		}
	}
	if len(nops) != 1 || nops[0] != 2 || r.Stats.URingUnpaired != 1 {
		t.Errorf("NOPs recorded %v (want [2]), uring_unpaired %d (want 1)", nops, r.Stats.URingUnpaired)
	}
}

// Completions that find the CQ full go to the overflow list, where the
// kernel names no request: ior finds the request by its ring and
// user_data when it is the only traced one in flight with them (recorded,
// exec overflow), and counts the completion when several share them
// (uring_overflow), never pairing it with a guess. The requests that fit
// the CQ are recorded as usual.
func TestURingOverflowSharedCounted(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "overflowshared")
	if out, err := exec.Command("cc", "-O2", "-o", bin, "testdata/overflowshared.c").CombinedOutput(); err != nil {
		t.Fatalf("cc: %v\n%s", err, out)
	}
	rec := filepath.Join(dir, "r.ior.zst")
	out, err := exec.Command(differ.IorBinary, "-flamegraph", "-o", rec, "--", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("ior: %v\n%s", err, out)
	}
	r, err := recording.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range r.Events {
		if ev.Syscall == "io_uring:NOP" {
			got = append(got, fmt.Sprintf("%d overflow=%v", ev.UserData, ev.Exec&event.ExecOverflow != 0))
		}
	}
	want := []string{"1 overflow=false", "2 overflow=false", "3 overflow=true", "4 overflow=true", "9 overflow=false", "9 overflow=false"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") || r.Stats.URingOverflow != 2 {
		t.Errorf("NOPs recorded [%s], uring_overflow %d; want [%s], 2", strings.Join(got, ", "), r.Stats.URingOverflow, strings.Join(want, ", "))
	}
}

// A task submits its requests only inside io_uring_enter, all of one
// call's SQEs in one loop: when ior traces that call, each request it
// submits takes the call's entry time as its submission (enter_ns), one
// clock read for the call rather than one per request. In uring_batch
// (1000 NOPs, 32 an io_uring_enter), every request recorded before an
// io_uring_enter's record, since the one before, is that call's: its
// enter_ns must be the call's, its exit_ns no earlier.
func TestURingSubmitTimeIsEnter(t *testing.T) {
	requireRoot(t)
	sc, _ := ScenarioByName("uring_batch")
	for _, v := range Variants {
		t.Run(v.Name, func(t *testing.T) {
			res := differ.Run(t, sc, v)
			var reqs []event.Event
			checked := 0
			for _, ev := range res.Scenario {
				if ev.IsURing() {
					reqs = append(reqs, ev)
					continue
				}
				if ev.Syscall != "io_uring_enter" {
					continue
				}
				for _, r := range reqs {
					if r.EnterNs != ev.EnterNs || r.ExitNs < r.EnterNs || r.TID != ev.TID {
						t.Errorf("%s user_data=%d by task %d: enter_ns %d exit_ns %d; its io_uring_enter by task %d: enter_ns %d",
							r.Syscall, r.UserData, r.TID, r.EnterNs, r.ExitNs, ev.TID, ev.EnterNs)
					}
					checked++
				}
				reqs = reqs[:0]
			}
			if checked != 1000 {
				t.Errorf("%d requests checked against their io_uring_enter, want 1000", checked)
			}
		})
	}
}
