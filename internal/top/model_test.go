package top

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/golden"
	"github.com/ior-tracer/ior/internal/live"
	"github.com/ior-tracer/ior/internal/recording"
)

// fakeSource is an aggregator fed by the test, its clock fixed.
type fakeSource struct {
	agg    *live.Aggregator
	now    uint64
	record string
	// notRecorded: Status.NotRecorded ("": none lost)
	notRecorded string
}

func (f *fakeSource) Snapshot(fl live.Filter) *live.Snapshot { return f.agg.Snapshot(fl, f.now) }
func (f *fakeSource) Status() Status {
	// futex, epoll_wait, brk, rt_sigprocmask, getpid, an unnamed number
	return Status{Title: "-- db", StartNs: 1e9, Lost: 3, Recording: f.record, NotRecorded: f.notRecorded,
		Other: map[int]uint64{202: 1500, 232: 40, 12: 7, 14: 3, 39: 2, 511: 1}}
}
func (f *fakeSource) SetMinDuration(ns uint64) { f.agg.Reset(ns) }
func (f *fakeSource) Record() string {
	f.record = "r.ior.zst"
	return "recording to r.ior.zst (R stops)"
}

// workload: a database (pid 100, threads 100 and 101) that reads and
// writes its files and forks a helper (pid 200) that fails to open one.
func workload() *fakeSource {
	a := live.New()
	t := uint64(1e9)
	add := func(pid, tid uint32, comm, sys, path string, dur uint64, ret, bytes int64) {
		a.Add(&event.Event{Syscall: sys, PID: pid, TID: tid, Comm: comm, EnterNs: t, ExitNs: t + dur, Ret: ret, Bytes: bytes, Path: path, FD: 3, FD2: -1})
		t += dur + 1000
	}
	for i := range 40 {
		add(100, 100, "db", "pread64", "/var/lib/db/data", uint64(2000+i*100), 4096, 4096)
		add(100, 101, "db", "pwrite64", "/var/lib/db/wal", uint64(10000+i*500), 512, 512)
		if i%10 == 0 {
			add(100, 101, "db", "fsync", "/var/lib/db/wal", 2e6, 0, 0)
			t += 3e8 // the next second's calls
		}
	}
	add(100, 100, "db", "clone", "", 50000, 200, 0)
	add(200, 200, "helper", "openat", "/etc/db.conf", 3000, -2, 0)
	add(200, 200, "helper", "openat", "/etc/hosts", 3000, 4, 0)
	add(200, 200, "helper", "read", "/etc/hosts", 1500, 120, 120)
	add(100, 100, "db", "io_uring:READ", "/var/lib/db/data", 40000, 4096, 4096)
	a.Add(&event.Event{Syscall: "io_uring:WRITE", PID: 100, TID: 100, Comm: "db", EnterNs: t, ExitNs: t + 90000, Ret: 4096, Bytes: 4096, Path: "/var/lib/db/wal", FD: 4, FD2: -1, Exec: event.ExecIOWQ})
	return &fakeSource{agg: a, now: t + 90000}
}

func key(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen sends keys (space-separated names) and returns the plain text.
func screen(m *Model, keys string) string {
	for _, k := range strings.Fields(keys) {
		m.Update(key(k))
	}
	return ansi.Strip(m.Screen()) + "\n"
}

func TestScreens(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys string
	}{
		{"overview", 100, 30, ""},
		{"overview-80x24", 80, 24, ""},
		{"syscalls-by-p99", 100, 20, "2 s s s s"},
		{"files", 100, 20, "3"},
		{"files-by-dir", 100, 20, "3 d"},
		{"processes", 100, 20, "4"},
		{"process-filter", 100, 20, "4 down enter 2"},
		{"filter-popped", 100, 20, "4 down enter 2 backspace"},
		{"file-filter", 100, 14, "3 enter 2"},
		{"dir-filter", 100, 14, "3 d down enter 2"},
		{"latency", 100, 30, "5 down"},
		{"uring", 120, 16, "6"},
		{"stream-search", 120, 16, "7 / h e l p e r enter"},
		{"stream-pin-syscall", 120, 16, "7 right down enter"},
		{"errors-only", 100, 16, "2 !"},
		{"flame", 100, 16, "8"},
		{"flame-zoom", 100, 16, "8 enter enter enter"},
		{"flame-process", 100, 16, "8 w"},
		{"other", 100, 12, "9"},
		{"help", 100, 24, "?"},
		{"shift-tab-record", 100, 12, "shift+tab R"},
		{"min-duration", 100, 16, "2 f 1 m s enter"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := New(workload(), false)
			m.Update(tea.WindowSizeMsg{Width: c.w, Height: c.h})
			got := screen(m, c.keys)
			if n := strings.Count(got, "\n"); n != c.h {
				t.Errorf("%d lines, want the terminal's %d", n, c.h)
			}
			for i, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if w := ansi.StringWidth(l); w != c.w {
					t.Errorf("line %d is %d cells wide, want %d: %q", i+1, w, c.w, l)
				}
			}
			golden.Check(t, filepath.Join("testdata", c.name+".golden"), []byte(got))
		})
	}
}

// Export writes the table with raw numbers.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	m := New(workload(), false)
	m.Update(key("2"))
	m.Update(key("e"))
	if !strings.HasPrefix(m.msg, "exported to ior-top-syscalls-") {
		t.Fatalf("message %q", m.msg)
	}
	b, err := os.ReadFile(strings.TrimPrefix(m.msg, "exported to "))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if lines[0] != "syscall,calls,errors,p50_ns,p95_ns,p99_ns,max_ns,bytes,errnos" || !strings.HasPrefix(lines[1], "pread64,40,0,") ||
		!strings.Contains(string(b), "\nopenat,2,1,") || !strings.Contains(string(b), ",ENOENT 1\n") {
		t.Errorf("export:\n%s", b)
	}
}

// q quits; the model says so, for Run.
func TestQuit(t *testing.T) {
	m := New(workload(), false)
	_, cmd := m.Update(key("q"))
	if cmd == nil || !m.Quitting() {
		t.Fatal("q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q's command is not tea.Quit")
	}
}

// NO_COLOR: bold and reverse video only, no color codes.
func TestNoColor(t *testing.T) {
	colored := regexp.MustCompile(`\x1b\[([0-9]+;)*(3[0-9]|9[0-7])(;[0-9]+)*m`)
	for _, color := range []bool{false, true} {
		m := New(workload(), color)
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
		got := colored.MatchString(screen(m, "2") + m.Screen())
		if got != color {
			t.Errorf("color %v: color codes on screen: %v", color, got)
		}
	}
}

// The overview says the records other than events that were lost
// (names, exec/fork/exit, process records, calls for naming), on a line
// of its own only when some were.
func TestOverviewNotRecorded(t *testing.T) {
	src := workload()
	m := New(src, false)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if got := screen(m, ""); strings.Contains(got, "not recorded") {
		t.Errorf("none lost, yet said:\n%s", got)
	}
	src.notRecorded = recording.Stats{LostNames: 6200, LostTasks: 3, LostProcs: 17}.NotRecorded()
	m = New(src, false)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	got := screen(m, "")
	if want := "not recorded (ring buffer full): 6200 file names, 3 exec/fork/exit records, 17 process records"; !strings.Contains(got, want) {
		t.Errorf("the overview does not say %q:\n%s", want, got)
	}
	if n := strings.Count(got, "\n"); n != 30 {
		t.Errorf("%d lines, want the terminal's 30", n)
	}
}
