package integrationtests

import (
	"os"
	"os/exec"
	"testing"
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
