package procfs

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A stat line's fields are counted after the command name, which may
// hold spaces and parentheses.
func TestParseStat(t *testing.T) {
	line := "4242 (a) b (c)) S 17 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10\n"
	st, err := ParseStat([]byte(line))
	if err != nil || st != (Stat{State: 'S', PPid: 17, StartTicks: 987654}) {
		t.Errorf("ParseStat: %+v, %v", st, err)
	}
	for _, bad := range []string{"4242 no name S 1", "4242 (x) S 1 2", "4242 (x) S p 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 9"} {
		if _, err := ParseStat([]byte(bad)); err == nil {
			t.Errorf("ParseStat(%q): no error", bad)
		}
	}
}

// The kernel's own stat line parses: this process's parent, a start
// time, and it runs.
//
// The thread's own stat, read by that thread: it is running. The
// process's (/proc/self/stat) shows its main thread's state, which a
// test's goroutine does not run on: that one may be asleep ('S').
func TestReadStatSelf(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	st, err := ReadStat("/proc/thread-self/stat")
	if err != nil {
		t.Fatal(err)
	}
	if st.PPid != os.Getppid() || st.StartTicks == 0 || st.State != 'R' {
		t.Errorf("/proc/thread-self/stat: %+v; want parent %d, a start time, running", st, os.Getppid())
	}
}

// A stat line longer than ReadStat's buffer (a long name) is read whole.
func TestReadStatLong(t *testing.T) {
	name := strings.Repeat("n) ", 500)
	path := filepath.Join(t.TempDir(), "stat")
	line := "7 (" + name + ") S 3 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := ReadStat(path)
	if err != nil || st != (Stat{State: 'S', PPid: 3, StartTicks: 12345}) {
		t.Errorf("ReadStat of a %d-byte line: %+v, %v", len(line), st, err)
	}
	if _, err := ReadStat(filepath.Join(t.TempDir(), "gone")); !os.IsNotExist(err) {
		t.Errorf("ReadStat of no file: %v, want it not found", err)
	}
}

// Parents scans a proc directory: every process with its parent; an
// entry that is no process, or whose stat is gone, is left out.
func TestParents(t *testing.T) {
	d := t.TempDir()
	for pid, ppid := range map[int]int{1: 0, 50: 1, 51: 50} {
		dir := filepath.Join(d, strconv.Itoa(pid))
		os.Mkdir(dir, 0o755)
		line := strconv.Itoa(pid) + " (p q) S " + strconv.Itoa(ppid) + " 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0\n"
		if err := os.WriteFile(filepath.Join(dir, "stat"), []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(d, "self"), 0o755)
	os.Mkdir(filepath.Join(d, "99"), 0o755) // ended: no stat
	got := Dir(d).Parents()
	if len(got) != 3 || got[1] != 0 || got[50] != 1 || got[51] != 50 {
		t.Errorf("Parents: %v", got)
	}
}

// An fd's flags as fdinfo shows them, in octal.
func TestFDInfoFlags(t *testing.T) {
	if f, ok := FDInfoFlags([]byte("pos:\t0\nflags:\t02100002\nmnt_id:\t25\n")); !ok || f != 0o2100002 || f&unix.O_CLOEXEC == 0 {
		t.Errorf("FDInfoFlags: %#o, %v", f, ok)
	}
	if _, ok := FDInfoFlags([]byte("pos:\t0\n")); ok {
		t.Error("no flags line read as flags")
	}
}
