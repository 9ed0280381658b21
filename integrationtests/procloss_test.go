package integrationtests

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A thread's process record lost (the ring full) must not leave its
// calls with its last one: after an unshare(CLONE_NEWNS), or a chroot,
// the calls kept while the new record could not be sent show the
// process as not known (foreign "unknown", mntns 0, root "": no Proc),
// never the old mount namespace or root; once ior reads again, the next
// call sends the record and shows the new one. In the recording and in
// the live JSON.
//
// It takes a ring with room for the thread's next call's record (an
// fsync(-1): 56 bytes) but not for its process record (144 with the
// cgroup v2 root, more below it): filled with openat calls on missing
// paths, long ones first, then shorter, down to a last length that
// varies by try, so that the room left falls in that window in some
// try. The test's own thread, locked and never unlocked (it leaves the
// mount namespace or root), is the workload.
func TestLossProcUnknown(t *testing.T) {
	requireRoot(t)
	mnt := func(p procPlace) string { return "mnt:[" + strconv.FormatUint(p.MntNS, 10) + "]" }
	threadMnt := func() (string, error) {
		n, err := threadMntNS()
		return "mnt:[" + strconv.FormatUint(n, 10) + "]", err
	}
	newRoot, err := filepath.EvalSymlinks(t.TempDir()) // as ior names it
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []procChange{
		{"unshare", mnt, func() (string, string, error) {
			old, err := threadMnt()
			if err == nil {
				err = unix.Unshare(unix.CLONE_NEWNS)
			}
			if err != nil {
				return "", "", err
			}
			now, err := threadMnt()
			return old, now, err
		}},
		{"chroot", func(p procPlace) string { return p.Root }, func() (string, string, error) {
			err := unix.Unshare(unix.CLONE_FS) // the test's other threads keep their root
			if err == nil {
				err = unix.Chroot(newRoot)
			}
			return "/", newRoot, err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, last := range []int{10, 40, 20, 48, 30, 2, 44, 24, 14, 34} {
				if procLossTry(t, c, last) > 0 {
					return
				}
			}
			t.Error("no call kept with its process record lost, in ten tries: the test tests nothing")
		})
	}
}

// procPlace is what a change moves: the fields of a process (an
// event.Proc's, the live JSON's).
type procPlace struct {
	MntNS uint64
	Root  string
}

// procChange is one way a thread changes its place: where names it,
// change makes it (on the thread) and says it before and after.
type procChange struct {
	name   string
	where  func(procPlace) string
	change func() (old, now string, err error)
}

// procLossTry runs one try whose last openat paths are last bytes
// long, and returns how many calls were kept with the process record
// lost.
func procLossTry(t *testing.T, c procChange, last int) int {
	t.Helper()
	type state struct {
		tid      int
		old, now string
		err      error
	}
	ready, filled, finished := make(chan state, 1), make(chan state, 1), make(chan error, 1)
	begin, resumed := make(chan struct{}), make(chan struct{})
	offMainThread(func() {
		st := state{tid: unix.Gettid()}
		ready <- st
		<-begin
		st.err = procLossFill(last)
		if st.err == nil {
			st.old, st.now, st.err = c.change()
		}
		for i := 0; i < 5 && st.err == nil; i++ { // the ring full: fd -1
			if err := unix.Fsync(-1); err != unix.EBADF {
				st.err = fmt.Errorf("fsync(-1): %v, want EBADF", err)
			}
		}
		filled <- st
		<-resumed
		var err error
		for i := 0; i < 5 && err == nil; i++ { // after ior read the ring: fd -2
			if e := unix.Fsync(-2); e != unix.EBADF {
				err = fmt.Errorf("fsync(-2): %v, want EBADF", e)
			}
		}
		finished <- err
	})
	st := <-ready
	live := filepath.Join(t.TempDir(), "live.json")
	r := stoppedIor(t, "-tid", strconv.Itoa(st.tid), "-ring-size", "1", "-syscalls", "openat,fsync", "-json", "-output", live)
	close(begin)
	st = <-filled
	if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	// ior reads the ring (1 MiB: milliseconds); the calls after find
	// room for the record (if not, they are only not checked).
	time.Sleep(300 * time.Millisecond)
	close(resumed)
	errAfter := <-finished
	r.cmd.Process.Signal(os.Interrupt)
	if code := r.wait(t, time.Minute); code != 0 {
		t.Fatalf("ior exited %d\n%s", code, r.errText())
	}
	if st.err != nil || errAfter != nil {
		t.Fatalf("the workload: %v, %v", st.err, errAfter)
	}
	rec := r.readable(t)
	lost, unknown, after := 0, 0, 0
	for i := range rec.Events {
		ev := &rec.Events[i]
		if ev.TID != uint32(st.tid) || ev.Syscall != "fsync" {
			continue
		}
		at := "" // no process
		if ev.Proc != nil {
			at = c.where(procPlace{ev.Proc.MntNS, ev.Proc.Root})
		}
		switch ev.FD {
		case -1: // made with the ring full, in the new place
			switch at {
			case st.now:
			case st.old:
				lost++
				t.Errorf("fsync(-1) made in %s shows its old %s (%+v)", st.now, at, ev.Proc)
			case "":
				lost++
				if ev.ProcUnknown {
					unknown++
				} else {
					t.Errorf("fsync(-1) with no process, not said unknown (%+v)", ev)
				}
			default:
				t.Errorf("fsync(-1) made in %s shows %s", st.now, at)
			}
		case -2: // after ior read again: the record sent, the new place
			after++
			if at != st.now {
				t.Errorf("fsync(-2), made after ior read the ring, in %s, shows %s (%+v)", st.now, at, ev.Proc)
			}
		}
	}
	// The live view says the same (JSON: the decoder's join, not the
	// recording's).
	liveUnknown := 0
	b, err := os.ReadFile(live)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var ev struct {
			Syscall, Foreign, Root string
			TID                    uint32
			FD                     int32
			MntNS                  uint64
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("live JSON %q: %v", line, err)
		}
		if ev.TID != uint32(st.tid) || ev.Syscall != "fsync" || ev.FD != -1 {
			continue
		}
		switch at := c.where(procPlace{ev.MntNS, ev.Root}); {
		case ev.MntNS == 0 && ev.Root == "" && ev.Foreign == "unknown":
			liveUnknown++
		case at != st.now:
			t.Errorf("live: fsync(-1) made in %s shows %s, foreign %q", st.now, at, ev.Foreign)
		}
	}
	if liveUnknown != unknown {
		t.Errorf("live: %d fsync(-1) said unknown, the recording %d", liveUnknown, unknown)
	}
	s := rec.Stats
	t.Logf("last openat path %d bytes: %d fsync(-1) kept with the process record lost (%d shown unknown), %d fsync(-2) after; lost: %d events, %d process records (%s -> %s)",
		last, lost, unknown, after, s.Lost(), s.LostProcs, st.old, st.now)
	if s.LostProcs == 0 || s.Lost() == 0 {
		t.Errorf("no process record or event lost: the ring did not fill (%+v)", s)
	}
	return lost
}

// procLossFill fills a 1 MiB ring with the records of openat calls on a
// missing path (ENOENT), long ones first, then shorter, down to paths of
// last bytes.
func procLossFill(last int) error {
	dir := "/ior-missing-dir/"
	for _, step := range []struct{ n, len int }{{600, 3000}, {8, 1500}, {8, 750}, {8, 375}, {8, 190}, {8, 96}, {8, last}} {
		p := (dir + strings.Repeat(strings.Repeat("p", 199)+"/", 16))[:step.len] // components within NAME_MAX
		for i := 0; i < step.n; i++ {
			if fd, err := unix.Open(p, unix.O_RDONLY, 0); err != unix.ENOENT {
				return fmt.Errorf("openat %q: %d, %v, want ENOENT", p, fd, err)
			}
		}
	}
	return nil
}

// offMainThread runs f on a locked thread that is not the process's
// main thread, and ends that thread with it: f may leave the thread's
// mount namespace or root changed. The main thread cannot end with its
// goroutine (Go parks it instead), and it would keep the change for the
// rest of the test binary: /proc/self/ns/mnt is the main thread's, and
// TestProcessTable, run after this test, read the unshared namespace as
// its own when f had landed there. When the goroutine finds itself on
// the main thread, it holds it (locked) while another runs f.
func offMainThread(f func()) {
	go func() {
		goruntime.LockOSThread()
		if unix.Gettid() != unix.Getpid() {
			f()
			return // never unlocked: the thread ends with the goroutine
		}
		done := make(chan struct{})
		offMainThread(func() { f(); close(done) })
		<-done
		goruntime.UnlockOSThread()
	}()
}

// threadMntNS is the calling thread's mount namespace's inode number.
func threadMntNS() (uint64, error) {
	var st unix.Stat_t
	if err := unix.Stat("/proc/thread-self/ns/mnt", &st); err != nil {
		return 0, err
	}
	return st.Ino, nil
}
