package integrationtests

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Not only syscall records: a process's exit, an io_uring request's
// completion and an AIO result, sent while their thread's process
// record is pending (lost with the ring full, not sent again yet), must
// show the process as not known, never its last record (TestLossProc-
// Unknown has the syscall records). Each kind at the moment its record
// is the first the thread sends after the change:
//   - exit: a child moved to another cgroup and killed (no call between);
//   - io_uring: the test's process moved, then a NOP submitted (its
//     completion inline, before its io_uring_enter's record);
//   - AIO: a pread submitted before the move, reaped after it (the
//     result goes out before its io_getevents's record).
//
// The change is a move to a cgroup v2 whose name is long (250 bytes):
// the process record (386 ring bytes) then needs room that the exit
// (144), the completion (192) or the result (184) does not, and the ring
// is filled down to a room below an openat record of some 400 bytes, that
// varies by try (markFill), until one try leaves it in between.
func TestLossProcMarks(t *testing.T) {
	requireRoot(t)
	root := cgroup2Root()
	if root == "" {
		t.Skip("no cgroup v2 hierarchy")
	}
	name := "ior-loss-" + strings.Repeat("c", 240)
	cg := filepath.Join(root, name)
	if err := os.Mkdir(cg, 0o755); err != nil && !os.IsExist(err) {
		t.Fatal(err)
	}
	// Where the test's process is, to go back to (its v2 line, "0::/x").
	home := root
	if b, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if p, ok := strings.CutPrefix(l, "0::"); ok {
				home = filepath.Join(root, p)
			}
		}
	}
	t.Cleanup(func() {
		os.WriteFile(filepath.Join(home, "cgroup.procs"), []byte(strconv.Itoa(os.Getpid())), 0o644)
		os.Remove(cg)
	})
	for _, kind := range []string{"exit", "io_uring", "aio"} {
		t.Run(kind, func(t *testing.T) {
			for i := 0; i < 24; i++ {
				if markTry(t, kind, cg, "/"+name, home, 600+(i*53)%300, 252+(i*37)%96) { // spread
					return
				}
			}
			t.Error("no record kept with its process record lost, in 24 tries: the test tests nothing")
		})
	}
}

// markTry runs one try of kind, its ring filled down to openat paths
// of mid, then last bytes; true: the record was kept with its process record lost
// (and checked).
func markTry(t *testing.T, kind, cg, cgName, home string, mid, last int) bool {
	t.Helper()
	procs, err := os.OpenFile(filepath.Join(cg, "cgroup.procs"), os.O_WRONLY, 0) // opened now: no traced call at the move
	if err != nil {
		t.Fatal(err)
	}
	defer procs.Close()
	back, err := os.OpenFile(filepath.Join(home, "cgroup.procs"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	move := func(f *os.File, pid int) {
		if _, err := f.Write([]byte(strconv.Itoa(pid))); err != nil {
			t.Fatalf("move %d: %v", pid, err)
		}
	}
	defer move(back, os.Getpid())

	live := filepath.Join(t.TempDir(), "live.json")
	var (
		r        *iorRun
		tid      int
		childPID int
		werr     error
	)
	switch kind {
	case "exit":
		// The test's process and what it starts; the child sleeps (its
		// startup's calls recorded, its process record sent at exec).
		goruntime.LockOSThread()
		defer goruntime.UnlockOSThread()
		r = stoppedIor(t, "-pid", strconv.Itoa(os.Getpid()), "-ring-size", "1", "-syscalls", "openat,fsync", "-json", "-output", live)
		child := exec.Command("sleep", "1000")
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		childPID = child.Process.Pid
		waitSleeping(t, childPID)
		werr = markFill(mid, last)
		move(procs, childPID)
		child.Process.Signal(syscall.SIGTERM) // dies with no call after the move
		child.Wait()
	default:
		ready, filled, resumed, done := make(chan error, 1), make(chan error, 1), make(chan struct{}), make(chan error, 1)
		begin := make(chan struct{})
		syscallsFor := map[string]string{"io_uring": "openat,fsync,io_uring_enter", "aio": "openat,fsync,io_submit,io_getevents"}
		go func() {
			goruntime.LockOSThread()
			defer goruntime.UnlockOSThread()
			tid = unix.Gettid()
			a, err := newAsync(kind)
			ready <- err
			if err != nil {
				return
			}
			defer a.close()
			<-begin
			err = a.before()
			if err == nil {
				err = markFill(mid, last)
			}
			if err == nil {
				move(procs, os.Getpid())
				err = a.after(1) // the first the thread sends after the move
			}
			filled <- err
			<-resumed
			done <- a.after(2) // ior reads again: the record sent
		}()
		if err := <-ready; err != nil {
			t.Fatal(err)
		}
		r = stoppedIor(t, "-tid", strconv.Itoa(tid), "-ring-size", "1", "-syscalls", syscallsFor[kind], "-json", "-output", live)
		close(begin)
		werr = <-filled
		if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // ior reads the ring
		close(resumed)
		if err := <-done; werr == nil {
			werr = err
		}
	}
	rec := r.resume(t)
	if werr != nil {
		t.Fatalf("the workload: %v", werr)
	}
	// The record of the try and, for the thread's, the one after.
	var ev, after *event.Event
	for i := range rec.Events {
		e := &rec.Events[i]
		switch {
		case kind == "exit" && e.PID == uint32(childPID) && e.Syscall == event.ExitName:
			ev = e
		case kind == "io_uring" && e.TID == uint32(tid) && e.Syscall == event.URingPrefix+"NOP",
			kind == "aio" && e.TID == uint32(tid) && e.Syscall == event.AIOPrefix+"PREAD":
			if e.UserData == 1 {
				ev = e
			} else {
				after = e
			}
		}
	}
	st := rec.Stats
	where := func(e *event.Event) string {
		switch {
		case e == nil:
			return "not recorded"
		case e.Proc == nil && e.ProcUnknown:
			return "not known"
		case e.Proc == nil:
			return "no process, not said unknown"
		}
		return "cgroup " + e.Proc.Cgroup
	}
	t.Logf("%s, openat paths down to %d, %d bytes: shown %s; after: %s; lost: %d events, %d process records",
		kind, mid, last, where(ev), where(after), st.Lost(), st.LostProcs)
	if after != nil && where(after) != "cgroup "+cgName {
		t.Errorf("%s after ior read again shows %s, want cgroup %s", kind, where(after), cgName)
	}
	switch w := where(ev); {
	case ev == nil, w == "cgroup "+cgName:
		return false // lost too, or its process record sent: not this try
	case w == "not known":
		if st.LostProcs == 0 {
			t.Errorf("%s not known with no process record lost", kind)
		}
		// The live view says the same (the decoder's join).
		if f := liveForeign(t, live, ev); f != "unknown" {
			t.Errorf("live: %s not known in the recording shows foreign %q", kind, f)
		}
		return true
	default:
		t.Errorf("%s made in cgroup %s, its process record lost, shows %s (%+v)", kind, cgName, w, ev.Proc)
		return true
	}
}

// markFill fills a 1 MiB ring with the records of openat calls on a
// missing path (ENOENT), long ones first, then shorter: paths of mid
// bytes, then of last: the room left is below one such record, and
// where varies with both.
func markFill(mid, last int) error {
	dir := "/ior-missing-dir/"
	for _, step := range []struct{ n, len int }{{600, 3000}, {8, 1500}, {8, mid}, {8, last}} {
		p := (dir + strings.Repeat(strings.Repeat("p", 199)+"/", 16))[:step.len]
		for i := 0; i < step.n; i++ {
			if fd, err := unix.Open(p, unix.O_RDONLY, 0); err != unix.ENOENT {
				return fmt.Errorf("openat %q: %d, %v, want ENOENT", p, fd, err)
			}
		}
	}
	return nil
}

// waitSleeping waits until process pid sleeps in nanosleep or
// clock_nanosleep (its startup done).
func waitSleeping(t *testing.T, pid int) {
	t.Helper()
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(time.Millisecond) {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/syscall", pid))
		if f := strings.Fields(string(b)); len(f) > 0 && (f[0] == "35" || f[0] == "230") {
			return
		}
	}
	t.Fatalf("process %d not asleep after a minute", pid)
}

// liveForeign is the live JSON's foreign field of the line of ev (its
// thread, syscall and user_data; "?": no such line).
func liveForeign(t *testing.T, path string, ev *event.Event) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var l struct {
			Syscall, Foreign string
			TID              uint32
			UserData         any `json:"user_data"`
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("live JSON %q: %v", line, err)
		}
		ud := fmt.Sprint(l.UserData)
		if l.TID == ev.TID && l.Syscall == ev.Syscall && (ev.UserData == 0 || ud == fmt.Sprint(ev.UserData) || ud == fmt.Sprintf("0x%x", ev.UserData)) {
			return l.Foreign
		}
	}
	return "?"
}
