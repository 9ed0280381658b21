package integrationtests

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Canon is an event with what legitimately differs between runs taken
// out. Each normalisation, and why:
//   - pid, tid, comm, timestamps: differ on every run and by language; the
//     harness checks the thread by selecting the scenario thread instead.
//   - the scenario directory: a new temp dir per run; paths are shown
//     relative to it ("." for the directory itself).
//   - fd numbers: the Go runtime and the noise goroutines hold fds of their
//     own, so the same call gets other numbers; fds become fd1, fd2, ...
//     in order of first use, which keeps which-fd-is-which checkable.
type Canon struct {
	Syscall     string
	Ret         string
	FD, FD2     string
	Path, Path2 string
	Bytes       int64
	Flags, Mode uint64
}

func (c Canon) String() string {
	var b strings.Builder
	b.WriteString(c.Syscall)
	for _, kv := range [][2]string{{"fd", c.FD}, {"fd2", c.FD2}, {"path", c.Path}, {"path2", c.Path2}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " %s=%s", kv[0], kv[1])
		}
	}
	if c.Bytes != 0 {
		fmt.Fprintf(&b, " bytes=%d", c.Bytes)
	}
	if c.Flags != 0 {
		fmt.Fprintf(&b, " flags=%#x", c.Flags)
	}
	if c.Mode != 0 {
		fmt.Fprintf(&b, " mode=%#o", c.Mode)
	}
	return b.String() + " = " + c.Ret
}

// returnsFD: syscalls whose non-negative result is a new fd.
func returnsFD(ev *event.Event) bool {
	switch ev.Syscall {
	case "open", "openat", "openat2", "creat", "open_by_handle_at", "dup", "dup2", "dup3", "io_uring_setup":
		return true
	case "fcntl":
		return ev.Flags == unix.F_DUPFD || ev.Flags == unix.F_DUPFD_CLOEXEC
	}
	return false
}

// Canonicalize normalises a scenario's events.
func Canonicalize(evs []event.Event, dir string) []Canon {
	names := map[int64]string{}
	sym := func(fd int64) string {
		if n, ok := names[fd]; ok {
			return n
		}
		n := "fd" + strconv.Itoa(len(names)+1)
		names[fd] = n
		return n
	}
	rel := func(p string) string {
		switch {
		case p == dir:
			return "."
		case strings.HasPrefix(p, dir+"/"):
			return p[len(dir)+1:]
		}
		return p
	}
	out := make([]Canon, len(evs))
	for i := range evs {
		ev := &evs[i]
		c := Canon{Syscall: ev.Syscall, Path: rel(ev.Path), Path2: rel(ev.Path2), Bytes: ev.Bytes, Flags: ev.Flags, Mode: ev.Mode}
		if ev.FD >= 0 {
			c.FD = sym(int64(ev.FD))
		}
		if ev.FD2 >= 0 {
			c.FD2 = sym(int64(ev.FD2))
		}
		switch {
		case ev.Ret < 0:
			c.Ret = "-" + unix.ErrnoName(unix.Errno(-ev.Ret))
		case returnsFD(ev):
			c.Ret = sym(ev.Ret)
		default:
			c.Ret = strconv.FormatInt(ev.Ret, 10)
		}
		out[i] = c
	}
	return out
}

// Names usable in a step's flags= and mode= values.
var flagNames = map[string]uint64{
	"O_RDONLY": unix.O_RDONLY, "O_WRONLY": unix.O_WRONLY, "O_RDWR": unix.O_RDWR, "O_CREAT": unix.O_CREAT,
	"O_TRUNC": unix.O_TRUNC, "O_APPEND": unix.O_APPEND, "O_CLOEXEC": unix.O_CLOEXEC, "O_DIRECTORY": unix.O_DIRECTORY,
	"AT_EMPTY_PATH": unix.AT_EMPTY_PATH, "AT_REMOVEDIR": unix.AT_REMOVEDIR, "AT_EACCESS": unix.AT_EACCESS,
	"RENAME_NOREPLACE": unix.RENAME_NOREPLACE, "RENAME_EXCHANGE": unix.RENAME_EXCHANGE,
	"F_DUPFD": unix.F_DUPFD, "F_DUPFD_CLOEXEC": unix.F_DUPFD_CLOEXEC, "F_SETFL": unix.F_SETFL, "F_GETFD": unix.F_GETFD,
	"CLOSE_RANGE_CLOEXEC": unix.CLOSE_RANGE_CLOEXEC, "RWF_DSYNC": unix.RWF_DSYNC,
	"SYNC_FILE_RANGE_WRITE": unix.SYNC_FILE_RANGE_WRITE, "R_OK": unix.R_OK, "W_OK": unix.W_OK, "F_OK": unix.F_OK,
	"STATX_BASIC_STATS": unix.STATX_BASIC_STATS,
	// include/uapi/linux/io_uring.h
	"IORING_REGISTER_BUFFERS": 0, "IORING_REGISTER_FILES": 2, "IORING_ENTER_GETEVENTS": 1,
}

func parseFlags(s string) (uint64, error) {
	var v uint64
	for _, part := range strings.Split(s, "|") {
		if n, ok := flagNames[part]; ok {
			v |= n
			continue
		}
		n, err := strconv.ParseUint(part, 0, 64)
		if err != nil {
			return 0, fmt.Errorf("unknown flag %q", part)
		}
		v |= n
	}
	return v, nil
}

// Step is a parsed table step.
type Step struct {
	Syscall string
	Ret     string
	Keys    map[string]string
}

// ParseStep parses "SYSCALL key=value ... = RET".
func ParseStep(s string) (Step, error) {
	i := strings.LastIndex(s, " = ")
	if i < 0 {
		return Step{}, fmt.Errorf("step %q has no \" = RET\"", s)
	}
	f := strings.Fields(s[:i])
	st := Step{Syscall: f[0], Ret: strings.TrimSpace(s[i+3:]), Keys: map[string]string{}}
	for _, kv := range f[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return st, fmt.Errorf("step %q: %q is not key=value", s, kv)
		}
		switch k {
		case "fd", "fd2", "path", "path2", "bytes", "flags", "mode":
		default:
			return st, fmt.Errorf("step %q: unknown key %q", s, k)
		}
		st.Keys[k] = v
	}
	return st, nil
}

// Match reports how c differs from the step, or "".
func (st Step) Match(c Canon) string {
	var diffs []string
	if st.Syscall != c.Syscall {
		return fmt.Sprintf("syscall %s, want %s", c.Syscall, st.Syscall)
	}
	switch {
	case st.Ret == "+":
		if n, err := strconv.ParseInt(c.Ret, 10, 64); err != nil || n <= 0 {
			diffs = append(diffs, fmt.Sprintf("ret %s, want a positive number", c.Ret))
		}
	case st.Ret != c.Ret:
		diffs = append(diffs, fmt.Sprintf("ret %s, want %s", c.Ret, st.Ret))
	}
	for k, want := range st.Keys {
		var got string
		switch k {
		case "fd":
			got = c.FD
		case "fd2":
			got = c.FD2
		case "path":
			got = c.Path
		case "path2":
			got = c.Path2
		case "bytes":
			got = strconv.FormatInt(c.Bytes, 10)
		case "flags", "mode":
			w, err := parseFlags(want)
			if err != nil {
				diffs = append(diffs, err.Error())
				continue
			}
			g := c.Flags
			if k == "mode" {
				g = c.Mode
			}
			if g != w {
				diffs = append(diffs, fmt.Sprintf("%s %#x, want %s (%#x)", k, g, want, w))
			}
			continue
		}
		if got != want {
			diffs = append(diffs, fmt.Sprintf("%s %q, want %q", k, got, want))
		}
	}
	return strings.Join(diffs, "; ")
}

// sideBySide renders columns of lines next to each other.
func sideBySide(titles []string, cols ...[]string) string {
	n, w := 0, 0
	for _, c := range cols {
		n = max(n, len(c))
		for _, l := range c {
			w = max(w, len(l))
		}
	}
	w = min(w, 70)
	var b strings.Builder
	for i, t := range titles {
		fmt.Fprintf(&b, "%-*s", w+3, t)
		if i == len(titles)-1 {
			b.WriteString("\n")
		}
	}
	for r := 0; r < n; r++ {
		for ci, c := range cols {
			l := ""
			if r < len(c) {
				l = c[r]
			}
			if ci == len(cols)-1 {
				fmt.Fprintf(&b, "%s\n", l)
			} else {
				fmt.Fprintf(&b, "%-*s | ", w, l)
			}
		}
	}
	return b.String()
}

func strs(cs []Canon) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}

// AssertSteps checks a scenario's canonical events against the table.
func AssertSteps(t *testing.T, steps []string, got []Canon) {
	t.Helper()
	var problems []string
	if len(got) != len(steps) {
		problems = append(problems, fmt.Sprintf("%d events, want %d", len(got), len(steps)))
	}
	for i := 0; i < min(len(got), len(steps)); i++ {
		st, err := ParseStep(steps[i])
		if err != nil {
			t.Fatal(err)
		}
		if d := st.Match(got[i]); d != "" {
			problems = append(problems, fmt.Sprintf("event %d: %s", i+1, d))
		}
	}
	if len(problems) > 0 {
		t.Errorf("recorded events differ from the table:\n  %s\n%s", strings.Join(problems, "\n  "),
			sideBySide([]string{"expected (table)", "recorded"}, steps, strs(got)))
	}
}

// AssertSame checks that two variants recorded exactly the same events.
func AssertSame(t *testing.T, names [2]string, a, b []Canon) {
	t.Helper()
	as, bs := strs(a), strs(b)
	if strings.Join(as, "\n") != strings.Join(bs, "\n") {
		t.Errorf("%s and %s recorded different events:\n%s", names[0], names[1], sideBySide(names[:], as, bs))
	}
}

// ExpectedEvent describes events that must be present, loosely.
type ExpectedEvent struct {
	PathContains string
	Tracepoint   string // syscall name
	Comm         string
	MinCount     int
}

// AssertEventsPresent checks that each expectation matches at least
// MinCount (default 1) events.
func AssertEventsPresent(t *testing.T, evs []event.Event, want ...ExpectedEvent) {
	t.Helper()
	for _, w := range want {
		n := 0
		for i := range evs {
			ev := &evs[i]
			if (w.Tracepoint == "" || ev.Syscall == w.Tracepoint) && (w.Comm == "" || ev.Comm == w.Comm) &&
				strings.Contains(ev.Path, w.PathContains) {
				n++
			}
		}
		if n < max(w.MinCount, 1) {
			t.Errorf("%d events match %+v, want at least %d", n, w, max(w.MinCount, 1))
		}
	}
}

// AssertNoUnexpectedComm checks that every event comes from a task with
// one of the allowed names (so ior recorded nothing of other processes).
func AssertNoUnexpectedComm(t *testing.T, evs []event.Event, allowed ...string) {
	t.Helper()
	bad := map[string]int{}
	for i := range evs {
		ok := false
		for _, a := range allowed {
			ok = ok || evs[i].Comm == a
		}
		if !ok {
			bad[evs[i].Comm]++
		}
	}
	if len(bad) > 0 {
		t.Errorf("events from unexpected tasks: %v (allowed %v)", bad, allowed)
	}
}
