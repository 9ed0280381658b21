package integrationtests

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/kind"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// Canon is an event with what legitimately differs between runs taken
// out. Which fields it keeps and how comes from event.Fields' roles:
//   - Varies (pid, tid, comm, timestamps): differ on every run and by
//     language; the harness checks the thread by selecting the scenario
//     thread instead.
//   - Path: the scenario directory is a new temp dir per run; paths are
//     shown relative to it ("." for the directory itself).
//   - FD: the Go runtime and the noise goroutines hold fds of their own, so
//     the same call gets other numbers; fds become fd1, fd2, ... in order
//     of first use, which keeps which-fd-is-which checkable. So does a
//     return value that the syscall table says is a new fd; an address
//     (mmap's) becomes addr1, addr2, ... the same way.
type Canon struct {
	Syscall string
	Ret     string
	Vals    []Val // one per canonFields entry
}

// Val is one field's canonical value.
type Val struct {
	Text   string // as shown: fdN, a relative path, or the number in its format
	Num    uint64 // numeric fields: the raw value
	Absent bool   // empty string, zero, or no fd: left out of String
}

// canonFields are the fields compared across runs, in event.Fields order,
// then "named": the event's arguments as the event table names and types
// them (kind.Args), canonical (namedText).
var canonFields = func() (out []*event.Field) {
	for i := range event.Fields {
		switch event.Fields[i].Role {
		case event.FD, event.Path, event.Value:
			out = append(out, &event.Fields[i])
		}
	}
	return append(out, &namedField)
}()

// namedField: its text is made in Canonicalize, which names fds by
// identity; Str is never called.
var namedField = event.Field{Name: "named", Role: event.Value, Str: func(*event.Event) string { return "" }}

// namedText writes ev's arguments name=value, comma-separated, in the
// kind's order, as every output types them (arg.Desc.AppendText), but
// fds by identity (fdN), an address (a pointer into the workload) as
// ADDR, a struct's l_pid (a process's id) by identity (pidN) and a
// string list's files in the scenario directory relative to it; paths
// and struct text are left out: path, path2 and args compare them
// already. A struct of fields (fcntl's struct flock) is written
// {name=value, ...}, its fields the same way.
func namedText(ev *event.Event, sym, symPID func(int64) string, dir string) string {
	return string(appendNamed(nil, kind.Of(ev).Args, ev, sym, symPID, dir, ","))
}

func appendNamed(b []byte, ds []arg.Desc, ev *event.Event, sym, symPID func(int64) string, dir, sep string) []byte {
	n := 0
	for i := range ds {
		d, ok := ds[i].Of(ev)
		if !ok {
			continue
		}
		v := d.Value(ev)
		var val []byte
		switch d.Type {
		case arg.Path, arg.String:
			continue
		case arg.Struct:
			if d.Fields == nil {
				continue
			}
			val = append(appendNamed([]byte{'{'}, d.Fields, ev, sym, symPID, dir, ", "), '}')
		case arg.FD:
			val = strconv.AppendInt(nil, int64(v.U), 10)
			if int64(v.U) >= 0 && !v.Unknown {
				val = []byte(sym(int64(v.U)))
			}
		case arg.Addr:
			val = []byte("ADDR")
			if v.U == 0 {
				val = []byte("NULL")
			}
		case arg.StringList:
			val = []byte(strings.ReplaceAll(string(d.AppendText(nil, v)), `"`+dir+"/", `"`))
		default:
			val = d.AppendText(nil, v)
			if d.Name == "l_pid" && int64(v.U) > 0 && !v.Unknown {
				val = []byte(symPID(int64(v.U)))
			}
		}
		if n > 0 {
			b = append(b, sep...)
		}
		n++
		b = append(append(append(b, d.Name...), '='), val...)
	}
	return b
}

func (c Canon) String() string {
	var b strings.Builder
	b.WriteString(c.Syscall)
	for i, f := range canonFields {
		if !c.Vals[i].Absent {
			fmt.Fprintf(&b, " %s=%s", f.Name, c.Vals[i].Text)
		}
	}
	return b.String() + " = " + c.Ret
}

func formatNum(f *event.Field, v uint64) string {
	switch {
	case f.Format == event.Hex:
		return fmt.Sprintf("%#x", v)
	case f.Format == event.Oct:
		return fmt.Sprintf("%#o", v)
	case f.Signed:
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatUint(v, 10)
}

// inodeName: a name holding an inode number, which differs between runs:
// pipe:[INODE], socket:[INODE], a namespace's TYPE:[INODE], an O_TMPFILE
// file's #INODE (deleted).
var inodeName = regexp.MustCompile(`^(?:(pipe|socket|user|net|mnt|pid|uts|ipc|cgroup|time):\[(\d+)\]|(.*)#(\d+) \(deleted\))$`)

// mountNSName: a name in another mount namespace's view, mnt:[INODE]PATH.
var mountNSName = regexp.MustCompile(`^mnt:\[(\d+)\](/.*)$`)

// tmpfileName: an O_TMPFILE file, named by the kernel DIR/#INODE.
var tmpfileName = regexp.MustCompile(`^(.*)#(\d+)$`)

// argsFD: an fd inside the args text ({fd=3, ...}); -1 is not one.
// argsPort: an IPv4 or IPv6 address's port (127.0.0.1:80, [::1]:80).
var (
	argsFD   = regexp.MustCompile(`fd=\d+`)
	argsPort = regexp.MustCompile(`(\d+\.\d+\.\d+\.\d+|\])[:]\d+`)
	// argsAbstract: an abstract AF_UNIX name (@"name"): the workloads
	// make one per process.
	argsAbstract = regexp.MustCompile(`@"[^"]*"`)
)

// identities names the values of one run by identity: prefix1,
// prefix2, ... in order of first sight. fds, inode numbers, addresses
// and task ids differ between runs and languages; which is which does
// not.
func identities[K comparable](prefix string) func(K) string {
	names := map[K]string{}
	return func(k K) string {
		n, ok := names[k]
		if !ok {
			n = prefix + strconv.Itoa(len(names)+1)
			names[k] = n
		}
		return n
	}
}

// Canonicalize normalises a scenario's events.
func Canonicalize(evs []event.Event, dir string) []Canon {
	sym := identities[int64]("fd")
	symNS := identities[string]("ns")
	var rel func(p string) string
	rel = func(p string) string {
		if m := mountNSName.FindStringSubmatch(p); m != nil {
			return "mnt:[" + symNS(m[1]) + "]" + rel(m[2])
		}
		switch {
		case p == dir:
			return "."
		case strings.HasPrefix(p, dir+"/"):
			return p[len(dir)+1:]
		}
		return p
	}
	ino := identities[string]("ino")
	symIno := func(p string) string {
		if m := tmpfileName.FindStringSubmatch(p); m != nil {
			return m[1] + "#" + ino(m[2])
		}
		switch m := inodeName.FindStringSubmatch(p); {
		case m == nil:
			return p
		case m[1] != "":
			return m[1] + ":[" + ino(m[2]) + "]"
		default:
			return m[3] + "#" + ino(m[4]) + " (deleted)"
		}
	}
	symAddr := identities[int64]("addr")  // what mmap, mremap returned
	symPID := identities[int64]("pid")    // a new task's id
	port := identities[string]("port")    // a port the kernel picked
	abstract := identities[string]("abs") // an abstract AF_UNIX name
	out := make([]Canon, len(evs))
	for i := range evs {
		ev := &evs[i]
		c := Canon{Syscall: ev.Syscall, Vals: make([]Val, len(canonFields))}
		for j, f := range canonFields {
			v := &c.Vals[j]
			v.Absent = f.Absent(ev)
			switch {
			case f == &namedField:
				v.Text = namedText(ev, sym, symPID, dir)
				v.Absent = v.Text == ""
			case f.Role == event.Path:
				v.Text = symIno(rel(f.Str(ev)))
			case f.Name == "args":
				// poll's pollfds name fds, by identity as the fd fields;
				// ports the kernel picked and abstract names too; AF_UNIX
				// paths are in the scenario directory.
				a := argsFD.ReplaceAllStringFunc(f.Str(ev), func(m string) string {
					n, _ := strconv.ParseInt(m[len("fd="):], 10, 64)
					return "fd=" + sym(n)
				})
				a = argsPort.ReplaceAllStringFunc(a, func(m string) string {
					i := strings.LastIndexByte(m, ':')
					if m[i+1:] == "0" {
						return m
					}
					return m[:i+1] + port(m[i+1:])
				})
				a = argsAbstract.ReplaceAllStringFunc(a, func(m string) string { return `@"` + abstract(m) + `"` })
				v.Text = strings.ReplaceAll(a, `"`+dir+"/", `"`)
			case f.Str != nil:
				v.Text = f.Str(ev)
			case f.Role == event.FD:
				if !v.Absent {
					v.Text = sym(f.Int(ev))
				}
			default:
				v.Num = f.Num(ev)
				v.Text = formatNum(f, v.Num)
			}
		}
		sp := syscalls.ByName(ev.Syscall)
		switch {
		case ev.Ret < 0:
			c.Ret = "-" + unix.ErrnoName(unix.Errno(-ev.Ret))
		case sp != nil && sp.Addr:
			c.Ret = symAddr(ev.Ret)
		case sp != nil && sp.ReturnsFD(ev) || uring.ReturnsFD(ev):
			c.Ret = sym(ev.Ret)
		case sp != nil && sp.Effect == syscalls.EffectNewTask && ev.Ret > 0:
			c.Ret = symPID(ev.Ret)
		default:
			c.Ret = strconv.FormatInt(ev.Ret, 10)
		}
		out[i] = c
	}
	return out
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

// AssertSteps checks a thread's canonical events against its steps in
// the table; label is "" for the scenario thread, tN for a worker.
func AssertSteps(t *testing.T, label string, steps []string, got []Canon) {
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
		t.Errorf("%srecorded events differ from the table:\n  %s\n%s", threadPrefix(label), strings.Join(problems, "\n  "),
			sideBySide([]string{"expected (table)", "recorded"}, steps, strs(got)))
	}
}

// AssertSame checks that two variants recorded exactly the same events
// on one thread (label as for AssertSteps).
func AssertSame(t *testing.T, label string, names [2]string, a, b []Canon) {
	t.Helper()
	as, bs := strs(a), strs(b)
	if strings.Join(as, "\n") != strings.Join(bs, "\n") {
		t.Errorf("%s%s and %s recorded different events:\n%s", threadPrefix(label), names[0], names[1], sideBySide(names[:], as, bs))
	}
}

func threadPrefix(label string) string {
	if label == "" {
		return ""
	}
	return "thread " + label + ": "
}
