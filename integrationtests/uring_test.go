package integrationtests

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
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
