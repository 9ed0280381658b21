package integrationtests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// ior's loss count is of events, each event the kernel side could not
// record once: the name, process and task records the full ring buffer
// had no room for are counted apart, in their own words. (A name record
// that failed is tried again at every later call on its file, and each
// try once counted as an event lost: a 16-thread run reported 256,570
// events lost beside 271,349 kept, of 480,085 calls.)
//
// The test's own thread is the workload: it issues a known number of
// pread64 calls, file after file, with ior's reader stopped (SIGSTOP)
// and a 1 MiB ring, which fills: the files first used after that have
// their name record lost, each call's try again. Kept + lost must be the
// calls issued, exactly; the names lost counted as such, and said.
func TestLossCountsEventsOnly(t *testing.T) {
	requireRoot(t)
	lr := lossRun(t, 200, 64, 400) // 25,600 calls of 48 ring bytes or more each: past 1 MiB
	if lr.st.LostNames == 0 {
		t.Errorf("no name record lost (%d of %d kept): the test tests nothing", lr.kept, lr.issued)
	}
	// The end line says the same count; the names lost are said apart.
	end := regexp.MustCompile(`ior: \d+ events in [0-9.]+s, (\d+) lost`).FindStringSubmatch(lr.stderr)
	if end == nil || end[1] != strconv.FormatUint(lr.st.Lost(), 10) {
		t.Errorf("end line says %q lost, want %d:\n%s", end, lr.st.Lost(), lr.stderr)
	}
	if want := fmt.Sprintf("%d file names not recorded", lr.st.LostNames); !strings.Contains(lr.stderr, want) {
		t.Errorf("ior did not say %q:\n%s", want, lr.stderr)
	}
}

// A call kept whose file's name record was lost shows its file as
// unknown, never as another file's name. It takes the ring filling up
// at a first call on a file, between its name record (the larger,
// sent first) and the call's: one call per file, with long paths. Where
// the ring's room ends is fixed by the records' sizes: five path
// lengths, until one ends it there.
func TestLossNameUnknown(t *testing.T) {
	requireRoot(t)
	for _, comp := range []int{250, 200, 150, 225, 175} {
		if lr := lossRun(t, comp, 700, 1); lr.unknown > 0 {
			return
		}
	}
	t.Error("no kept call with its name record lost, at any of five path lengths")
}

// lossResult is what one lossRun counted.
type lossResult struct {
	issued, kept, unknown int
	st                    recording.Stats
	stderr                string
}

// lossRun issues callsPer pread64 calls on each of files files (paths of
// twelve components of comp bytes), file after file, on the test's
// thread, traced by ior with a 1 MiB ring and its reader stopped; and
// checks that kept + lost is what was issued, and that no kept call
// names a file other than its own.
func lossRun(t *testing.T, comp, files, callsPer int) lossResult {
	t.Helper()
	goruntime.LockOSThread()
	defer goruntime.UnlockOSThread()
	tid := unix.Gettid()

	dir := t.TempDir()
	for i := 0; i < 12; i++ {
		dir = filepath.Join(dir, strings.Repeat(string(rune('a'+i)), comp))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fds := make([]int, files)
	paths := make(map[int]string, files)
	for i := range fds {
		p := filepath.Join(dir, fmt.Sprintf("f%03d", i))
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		fd, err := unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(fd)
		fds[i], paths[fd] = fd, p
	}

	r := stoppedIor(t, "-tid", strconv.Itoa(tid), "-ring-size", "1", "-syscalls", "pread64")
	lr := lossResult{issued: preads(t, fds, callsPer)}
	rec := r.resume(t)
	for i := range rec.Events {
		ev := &rec.Events[i]
		if ev.TID != uint32(tid) || ev.Syscall != "pread64" {
			continue
		}
		lr.kept++
		want, ok := paths[int(ev.FD)]
		switch {
		case !ok:
			t.Errorf("a pread64 on fd %d, which the test did not read", ev.FD)
		case ev.Path == "" && ev.PathStatusOf(0) == event.PathUnknown:
			lr.unknown++
		case ev.Path != want:
			t.Errorf("a pread64 on fd %d named %q, want %q or unknown", ev.FD, ev.Path, want)
		}
	}
	lr.st, lr.stderr = rec.Stats, r.errText()
	st := lr.st
	t.Logf("%d calls: %d kept (%d with their file unknown), %d lost; not recorded: %d names, %d tasks, %d processes",
		lr.issued, lr.kept, lr.unknown, st.Lost(), st.LostNames, st.LostTasks, st.LostProcs)
	if uint64(lr.kept)+st.Lost() != uint64(lr.issued) {
		t.Errorf("%d calls kept + %d lost = %d, want the %d issued (%+v)", lr.kept, st.Lost(), uint64(lr.kept)+st.Lost(), lr.issued, st)
	}
	if lr.kept == lr.issued {
		t.Errorf("all %d calls kept: the ring did not fill, the test tests nothing", lr.issued)
	}
	return lr
}

// stoppedIor starts ior with args and stops it (SIGSTOP): its reader
// reads nothing until resume.
func stoppedIor(t *testing.T, args ...string) *iorRun {
	t.Helper()
	r := startIor(t, args...)
	if err := r.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// The signal stops each thread when it reaches it: wait until all
	// are, so that nothing is read while the calls run.
	waitStopped(t, r.cmd.Process.Pid)
	return r
}

// resume lets a stoppedIor go on, stops it (SIGINT) and reads its
// recording.
func (r *iorRun) resume(t *testing.T) *recording.Recording {
	t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	r.cmd.Process.Signal(os.Interrupt)
	if code := r.wait(t, time.Minute); code != 0 {
		t.Fatalf("ior exited %d\n%s", code, r.errText())
	}
	return r.readable(t)
}

// preads issues callsPer pread64 calls on each fd, fd after fd, and
// returns how many.
func preads(t *testing.T, fds []int, callsPer int) int {
	t.Helper()
	n := 0
	buf := make([]byte, 1)
	for _, fd := range fds {
		for j := 0; j < callsPer; j++ {
			if got, err := unix.Pread(fd, buf, 0); got != 1 || err != nil {
				t.Fatalf("pread64: %d, %v", got, err)
			}
			n++
		}
	}
	return n
}

// waitStopped waits until every thread of pid is stopped (state T).
func waitStopped(t *testing.T, pid int) {
	t.Helper()
	for end := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		if err != nil {
			t.Fatal(err)
		}
		stopped := true
		for _, e := range ents {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/stat", pid, e.Name()))
			if err != nil {
				continue // gone
			}
			// pid (comm) STATE ...: the state follows the last ')'.
			s := string(b)
			if i := strings.LastIndexByte(s, ')'); i < 0 || i+2 >= len(s) || s[i+2] != 'T' {
				stopped = false
				break
			}
		}
		if stopped {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("ior's threads not all stopped after a minute")
		}
	}
}

// A lost exec, fork or exit record (the ring full) is counted apart and
// said; what it costs the output: the exit does not show. A child run
// before the ring fills shows its exit; one run after, none, and its
// records are counted (fork, exec, exit: three). The calls kept and lost
// add up to those issued (pwrite64: the children issue none).
func TestLossTaskRecords(t *testing.T) {
	requireRoot(t)
	goruntime.LockOSThread()
	defer goruntime.UnlockOSThread()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fd, err := unix.Open(p, unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	child := func() int {
		c := exec.Command("/bin/true")
		if err := c.Run(); err != nil {
			t.Fatal(err)
		}
		return c.Process.Pid
	}

	r := stoppedIor(t, "-pid", strconv.Itoa(os.Getpid()), "-ring-size", "1", "-syscalls", "pwrite64")
	before := child()
	issued := 0 // 48 ring bytes or more each: past the ring
	for ; issued < 50000; issued++ {
		if n, err := unix.Pwrite(fd, []byte("y"), 0); n != 1 || err != nil {
			t.Fatalf("pwrite64: %d, %v", n, err)
		}
	}
	after := child()
	rec := r.resume(t)

	kept, exits := 0, map[uint32]bool{}
	for i := range rec.Events {
		ev := &rec.Events[i]
		switch {
		case ev.Syscall == "pwrite64":
			kept++
		case ev.Syscall == event.ExitName:
			exits[ev.PID] = true
		}
	}
	st := rec.Stats
	t.Logf("%d calls: %d kept, %d lost; not recorded: %d names, %d tasks, %d processes, %d calls for naming; exits of %v",
		issued, kept, st.Lost(), st.LostNames, st.LostTasks, st.LostProcs, st.LostNaming, exits)
	if uint64(kept)+st.Lost() != uint64(issued) || kept == issued {
		t.Errorf("%d calls kept + %d lost, want the %d issued, some lost (%+v)", kept, st.Lost(), issued, st)
	}
	// The children's calls that ior follows only to name files (openat,
	// close, mmap ...: -syscalls adds them) are recorded too, not shown:
	// the second child's, lost, are counted apart.
	if st.LostNaming == 0 {
		t.Errorf("no call traced for naming counted lost (%+v)", st)
	}
	if !exits[uint32(before)] {
		t.Errorf("the exit of child %d, run before the ring filled, is not shown", before)
	}
	if exits[uint32(after)] {
		t.Errorf("the exit of child %d, run with the ring full, is shown", after)
	}
	if st.LostTasks < 3 {
		t.Errorf("%d exec, fork or exit records counted lost, want the 3 of child %d at least", st.LostTasks, after)
	}
	if want := fmt.Sprintf("%d exec, fork or exit records not recorded", st.LostTasks); !strings.Contains(r.errText(), want) {
		t.Errorf("ior did not say %q:\n%s", want, r.errText())
	}
}
