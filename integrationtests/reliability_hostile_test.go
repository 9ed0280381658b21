// (Past 350 lines: the hostile-input cases share their helpers and fixtures;
// split by concern they would each repeat them.)

package integrationtests

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// The reliability group against hostile files and programs: outputs that
// stay where they were asked to go, strings from recordings escaped,
// recordings cut short still read, memory bounded.

// writeRecording writes a small complete recording at path whose header
// names host, with events of the given syscalls and paths.
func writeRecording(t *testing.T, path, host string, evs []event.Event) {
	t.Helper()
	w, err := recording.Create(path, recording.Header{Name: "n", Host: host, Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
}

func someEvents(n int) []event.Event {
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = event.Event{Syscall: "read", PID: 7, TID: 7, Comm: "app", EnterNs: uint64(1000 + i*10), ExitNs: uint64(1005 + i*10),
			Ret: 1, Bytes: 1, FD: 3, FD2: -1, Path: "/data/f"}
	}
	return evs
}

// export -partition writes only through real directories beneath its -o
// directory: a symlink (or a file) planted at a partition directory is
// refused with one line, and nothing is created or replaced through it.
func TestReliabilityExportPartitionLinks(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "r.ior.zst")
	writeRecording(t, rec, "web1", someEvents(3))
	for _, c := range []struct{ name, plant string }{
		{"host link", "host=web1"},
		{"date link", "host=web1/date=2026-01-02"},
		{"host file", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "fleet")
			elsewhere := t.TempDir()
			victim := filepath.Join(elsewhere, "date=2026-01-02", "r.parquet")
			os.MkdirAll(filepath.Dir(victim), 0o755)
			os.WriteFile(victim, []byte("precious"), 0o644)
			os.WriteFile(filepath.Join(elsewhere, "r.parquet"), []byte("precious"), 0o644)
			if c.plant == "" {
				os.MkdirAll(out, 0o755)
				os.WriteFile(filepath.Join(out, "host=web1"), []byte("a file"), 0o644)
			} else {
				os.MkdirAll(filepath.Dir(filepath.Join(out, c.plant)), 0o755)
				if err := os.Symlink(elsewhere, filepath.Join(out, c.plant)); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := runIor(t, dir, "export", "-partition", "host,date", "-o", out, rec)
			if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "host=web1") {
				t.Errorf("exit %d, stderr %q: want 1 and one line naming the component", code, stderr)
			}
			for _, v := range []string{victim, filepath.Join(elsewhere, "r.parquet")} {
				if b, _ := os.ReadFile(v); string(b) != "precious" {
					t.Errorf("%s outside the output directory was replaced", v)
				}
			}
			if ents, _ := os.ReadDir(elsewhere); len(ents) != 2 {
				t.Errorf("something was created outside the output directory: %v", ents)
			}
		})
	}
	// And without anything planted, the export is written.
	out := filepath.Join(t.TempDir(), "fleet")
	if code, _, stderr := runIor(t, dir, "export", "-partition", "host,date", "-o", out, rec); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "host=web1", "date=2026-01-02", "r.parquet")); err != nil {
		t.Error(err)
	}
}

// An export whose output is one of its inputs (the same path, a hard
// link, a symlink to it) is refused, and the input is left as it was.
func TestReliabilityExportOverInput(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "a.ior.zst")
	writeRecording(t, rec, "h", someEvents(3))
	before, _ := os.ReadFile(rec)
	hard := filepath.Join(dir, "hard.ior.zst")
	os.Link(rec, hard)
	soft := filepath.Join(dir, "soft.ior.zst")
	os.Symlink(rec, soft)
	other := filepath.Join(dir, "b.ior.zst")
	writeRecording(t, other, "h", someEvents(2))
	for _, args := range [][]string{
		{"-format", "csv", "-o", rec, rec},
		{"-format", "csv", "-o", "./a.ior.zst", other, rec},
		{"-format", "parquet", "-o", hard, rec},
		{"-format", "csv", "-o", rec, soft},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := runIor(t, dir, append([]string{"export"}, args...)...)
			if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "input") {
				t.Errorf("exit %d, stderr %q: want 1 and one line", code, stderr)
			}
			if b, _ := os.ReadFile(rec); string(b) != string(before) {
				t.Fatal("the input was replaced")
			}
		})
	}
}

// hostileEvents carry terminal escapes in every string a recording holds:
// the task name, the syscall name, a path, a path marked unreadable
// (shown unquoted as an address).
func hostileEvents() []event.Event {
	evs := someEvents(2)
	evs[0].Syscall, evs[0].Comm = "\x1b[2Jread", "\x1b]0;title\x07"
	evs[1].Path, evs[1].PathStatus = "\x1b[31m0x1234\u009b2J", event.PathFault
	return evs
}

// Every human output of every offline command escapes what a recording
// holds, titles included: no control byte reaches the terminal.
func TestReliabilityOfflineEscapes(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "r.ior.zst")
	w, err := recording.Create(rec, recording.Header{Name: "\x1b[2Jname", Host: "host\x1b[H\r\u009b1m", Start: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	w.Filter(recording.TraceFilters{ExcludeSyscalls: []string{"\x1b[5m"}})
	for _, ev := range hostileEvents() {
		w.Write(&ev)
	}
	w.Skip()
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"events"}, {"events", "-tt"}, {"summary"}, {"hist"}, {"collapsed"},
		{"collapsed", "-fields", "syscall,comm,path"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, stderr := runIor(t, dir, append(args, rec)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, text := range []string{out, stderr} {
				if i := strings.IndexFunc(text, func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 }); i >= 0 {
					t.Errorf("raw control character in the output: %q", text[max(0, i-20):min(len(text), i+20)])
				}
			}
		})
	}
}

// A SIGKILLed ior leaves its recording at -o, written up to its last
// frame, which the writer ends at least once a second: every offline
// command reads it, shows what is there, warns where it is cut, exits 0.
func TestReliabilityKilledIorRecordingRead(t *testing.T) {
	// Some 200 events a second: far from filling a 4 MiB frame, so only
	// the timer can put them on the file.
	r := startIor(t, "-stacks", "--", "sh", "-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.05; done")
	events := 0
	for end := time.Now().Add(30 * time.Second); events == 0 && time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		f, err := os.Open(r.rec)
		if err != nil {
			continue
		}
		rd, err := recording.NewReader(f)
		if err == nil {
			var ev event.Event
			for rd.Next(&ev) == nil {
				events++
			}
			rd.Close()
		}
		f.Close()
	}
	if events == 0 {
		t.Fatalf("no events at %s while ior runs: %v\n%s", r.rec, dirList(r.dir), r.errText())
	}
	r.cmd.Process.Kill()
	r.wait(t, 10*time.Second)
	for _, args := range [][]string{{"events"}, {"events", "-json"}, {"summary"}, {"summary", "-json"}, {"hist"}, {"collapsed"},
		{"flamegraph"}, {"export", "-format", "csv"}, {"collapsed", "-fields", "stack,comm,syscall"}, {"pprof"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, stderr := runIor(t, r.dir, append(args, r.rec)...)
			if code != 0 || !strings.Contains(stderr, "cut after record") || strings.Count(stderr, "warning") != 1 {
				t.Errorf("exit %d, stderr %q: want 0 and a warning that says where it is cut", code, stderr)
			}
			want := "cat" // a task's name
			switch args[0] {
			case "hist":
				want = "calls"
			case "pprof":
				want = "\x1f\x8b" // a gzipped profile
			}
			if !strings.Contains(out, want) {
				t.Errorf("the events before the cut are not shown:\n%.600s", out)
			}
		})
	}
}

func dirList(dir string) []string {
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// -pid P: once P has exited, a new process that the kernel gives the
// number P (here made at once with clone3's set_tid, while ior is
// stopped, so that it lags) is not recorded as the target.
func TestReliabilityPidReused(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "pidreuse")
	if out, err := exec.Command("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", bin, "testdata/pidreuse.c").CombinedOutput(); err != nil {
		t.Fatalf("cc: %v\n%s", err, out)
	}
	for _, flag := range []string{"-pid", "-tid"} {
		t.Run(flag, func(t *testing.T) { pidReused(t, bin, flag) })
	}
}

func pidReused(t *testing.T, bin, flag string) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "newcomer-marker")
	os.WriteFile(marker, nil, 0o644)
	prog := exec.Command(bin, marker)
	in, _ := prog.StdinPipe()
	outPipe, _ := prog.StdoutPipe()
	prog.Stderr = os.Stderr
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	defer prog.Process.Kill()
	rd := bufio.NewReader(outPipe)
	line, err := rd.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	pid := strings.TrimSpace(line)
	r := startIor(t, flag, pid)
	// ior lags: stopped, its probes still attached and recording.
	r.cmd.Process.Signal(syscall.SIGSTOP)
	in.Write([]byte("go\n"))
	rest, _ := io.ReadAll(rd)
	if err := prog.Wait(); err != nil || !strings.Contains(string(rest), "reused") {
		r.cmd.Process.Signal(syscall.SIGCONT)
		t.Fatalf("no newcomer with pid %s: %v %q", pid, err, rest)
	}
	r.cmd.Process.Signal(syscall.SIGCONT)
	if code := r.wait(t, 20*time.Second); code != 0 {
		t.Fatalf("exit %d\n%s", code, r.errText())
	}
	rec := r.readable(t)
	exits := 0
	for _, ev := range rec.Events {
		if ev.Path == marker || ev.Comm == "pidreuse" && ev.Syscall != "exit" {
			t.Fatalf("the newcomer with pid %s was recorded as the target: %s %s %q", pid, ev.Syscall, ev.Comm, ev.Path)
		}
		if ev.Syscall == "exit" {
			exits++
		}
	}
	if exits != 1 {
		t.Errorf("%d exit events, want the target's one (killed): %+v", exits, rec.Events)
	}
}

// ior -all | cat, ior -comm cat | cat: the process reading ior's output
// is not traced (each line it reads and writes would be an event ior
// prints, which it reads again); other tasks of that name are.
func TestReliabilityOutputReaderNotTraced(t *testing.T) {
	requireRoot(t)
	for _, target := range [][]string{{"-comm", "cat"}, {"-all", "-syscalls", "openat,read,write"}} {
		t.Run(target[0], func(t *testing.T) { outputReaderNotTraced(t, target) })
	}
}

func outputReaderNotTraced(t *testing.T, target []string) {
	dir := t.TempDir()
	rec, ready := filepath.Join(dir, "r.ior.zst"), filepath.Join(dir, "ready")
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	reader := exec.Command("cat")
	reader.Stdin, reader.Stdout = pr, outputFile(t, dir, "lines")
	if err := reader.Start(); err != nil {
		t.Fatal(err)
	}
	defer reader.Process.Kill()
	pr.Close()
	var stderr strings.Builder
	ior := exec.Command(differ.IorBinary, append(target, "-plain", "-output", "-", "-duration", "3s", "-flamegraph", "-o", rec, "-ready-file", ready)...)
	ior.Stdout, ior.Stderr = pw, &stderr
	if err := ior.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	exited := make(chan error, 1)
	go func() { exited <- ior.Wait() }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := waitForFile(ctx, ready, exited); err != nil {
		t.Fatalf("ior did not get ready: %v\n%s", err, stderr.String())
	}
	other := exec.Command("cat", "/etc/hostname")
	other.Run()
	if err := <-exited; err != nil {
		t.Fatalf("ior: %v\n%s", err, stderr.String())
	}
	reader.Wait()
	r, err := recording.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, ev := range r.Events {
		if int(ev.PID) == reader.Process.Pid {
			t.Fatalf("the reader of ior's output (%d) was traced: %s %q\n%s", ev.PID, ev.Syscall, ev.Path, stderr.String())
		}
		seen = seen || int(ev.PID) == other.Process.Pid
	}
	if !seen {
		t.Errorf("the other cat (%d) was not traced", other.Process.Pid)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("not tracing %d", reader.Process.Pid)) {
		t.Errorf("ior does not say whom it leaves out:\n%s", stderr.String())
	}
}
