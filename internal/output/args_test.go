package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/kind"
	"golang.org/x/sys/unix"
)

// argEvents: calls whose values mean something other than their slot's
// name (socket's domain in Mode, mremap's new length in Mode, fcntl's
// argument by command), each with the arguments the man page gives it.
func argEvents() []event.Event {
	ev := func(sc string, ret int64, f func(*event.Event)) event.Event {
		e := event.Event{Syscall: sc, PID: 10, TID: 10, Comm: "w", Ret: ret, FD: -1, FD2: -1}
		f(&e)
		return e
	}
	return []event.Event{
		// socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3
		ev("socket", 3, func(e *event.Event) {
			e.FD, e.Path, e.Mode, e.Flags, e.Len = 3, "socket:[7]", unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, unix.IPPROTO_TCP
		}),
		// mremap(addr, 8192, 16384, MREMAP_MAYMOVE) = 0x7f0000004000
		ev("mremap", 0x7f0000004000, func(e *event.Event) {
			e.Path, e.Len, e.Mode, e.Flags = "/x", 8192, 16384, unix.MREMAP_MAYMOVE
		}),
		// fcntl(3, F_SETLK, {F_WRLCK, SEEK_SET, 0, 10}) = 0: the struct
		// the argument points to, as the kernel read it
		ev("fcntl", 0, func(e *event.Event) {
			e.FD, e.Path, e.Flags = 3, "/x", unix.F_SETLK
			e.Flock = &event.Flock{Type: unix.F_WRLCK, Whence: 0, Start: 0, Len: 10}
		}),
		// fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK) = 0
		ev("fcntl", 0, func(e *event.Event) { e.FD, e.Path, e.Flags, e.Mode = 3, "/x", unix.F_SETFL, unix.O_NONBLOCK }),
		// fcntl(3, F_GETFL) = 0x8802 (O_RDWR|O_NONBLOCK|O_LARGEFILE)
		ev("fcntl", 0x8802, func(e *event.Event) { e.FD, e.Path, e.Flags = 3, "/x", unix.F_GETFL }),
		// sendfile(out_fd=4, in_fd=3, NULL, 100) = 100: fd is the input
		// file, fd2 the output (docs/events.md)
		ev("sendfile64", 100, func(e *event.Event) {
			e.FD, e.FD2, e.Path, e.Path2, e.Len, e.Bytes = 3, 4, "/in", "/out", 100, 100
		}),
		// execve("/bin/true", ["true", "-x"], envp with 2 entries) = 0
		ev("execve", 0, func(e *event.Event) { e.Path, e.Argv, e.Envc = "/bin/true", []string{"true", "-x"}, 2 }),
		// io_uring_register(5, IORING_REGISTER_FILES, fds, 2) = 0
		ev("io_uring_register", 0, func(e *event.Event) { e.FD, e.Flags, e.Mode = 5, 2, 2 }),
		// io_uring_setup(8, &params) = 5
		ev("io_uring_setup", 5, func(e *event.Event) { e.FD, e.Len = 5, 8 }),
		// an io_uring READ whose user_data is a pointer
		ev("io_uring:READ", 16, func(e *event.Event) {
			e.FD, e.Path, e.Len, e.Bytes, e.UserData = 3, "/x", 16, 16, 0xdeadbeef00
		}),
	}
}

func writeAll(t *testing.T, format string, evs []event.Event) string {
	t.Helper()
	var b bytes.Buffer
	w, err := New(format, &b, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// JSON's args name every argument, typed: numbers as numbers, names and
// addresses as strings.
func TestJSONArgs(t *testing.T) {
	want := []map[string]any{
		{"domain": "AF_INET", "type": "SOCK_STREAM|SOCK_CLOEXEC", "protocol": "IPPROTO_TCP"},
		{"old_len": 8192.0, "new_len": 16384.0, "flags": "MREMAP_MAYMOVE"},
		{"fd": 3.0, "cmd": "F_SETLK", "arg": map[string]any{"l_type": "F_WRLCK", "l_whence": "SEEK_SET", "l_start": 0.0, "l_len": 10.0, "l_pid": 0.0}},
		{"fd": 3.0, "cmd": "F_SETFL", "arg": "O_RDONLY|O_NONBLOCK"},
		{"fd": 3.0, "cmd": "F_GETFL"},
		{"out_fd": 4.0, "in_fd": 3.0, "count": 100.0},
		{"pathname": "/bin/true", "argv": []any{"true", "-x"}, "envc": 2.0},
		{"fd": 5.0, "opcode": "IORING_REGISTER_FILES", "nr_args": 2.0},
		{"entries": 8.0},
		{"fd": 3.0, "off": 0.0, "len": 16.0, "user_data": "0xdeadbeef00"},
	}
	lines := strings.Split(strings.TrimSpace(writeAll(t, "json", argEvents())), "\n")
	for i, line := range lines {
		var got struct {
			Syscall string
			Args    map[string]any
			Mode    uint64
			RetText string `json:"ret_text"`
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if !reflect.DeepEqual(got.Args, want[i]) {
			t.Errorf("%s: args %v, want %v", got.Syscall, got.Args, want[i])
		}
		if got.Syscall == "fcntl" && got.RetText != "" && got.RetText != "O_RDWR|O_NONBLOCK|O_LARGEFILE" {
			t.Errorf("fcntl F_GETFL's result %q", got.RetText)
		}
	}
	if !strings.Contains(lines[4], `"ret_text":"O_RDWR|O_NONBLOCK|O_LARGEFILE"`) {
		t.Errorf("F_GETFL's result is not named: %s", lines[4])
	}
}

// CSV's flat columns hold only what they name: no domain, length or
// pointer in mode, no command in flags; args has them by name.
func TestCSVNoValueInAnothersFormat(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(writeAll(t, "csv", argEvents()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, n := range rows[0] {
		col[n] = i
	}
	for _, r := range rows[1:] {
		sc := r[col["syscall"]]
		if m := r[col["mode"]]; m != "0" {
			t.Errorf("%s: mode column %s", sc, m)
		}
		if sc == "fcntl" && r[col["flags"]] != "0x0" {
			t.Errorf("fcntl's command in the flags column: %s", r[col["flags"]])
		}
		if sc == "socket" && r[col["len"]] != "0" {
			t.Errorf("socket's protocol in the len column: %s", r[col["len"]])
		}
		var args map[string]any
		if err := json.Unmarshal([]byte(r[col["args"]]), &args); err != nil {
			t.Errorf("%s: args %q is no JSON object: %v", sc, r[col["args"]], err)
		}
	}
	if got := rows[2][col["len"]]; got != "8192" {
		t.Errorf("mremap's old length: len %s, want 8192", got)
	}
	if got := rows[10][col["user_data"]]; got != "0xdeadbeef00" {
		t.Errorf("user_data %s, want 0xdeadbeef00", got)
	}
}

// The human line names the same values: domain, type and protocol by
// name, mremap's lengths in decimal, F_GETFL's result by name, user_data
// in hex.
func TestHumanArgs(t *testing.T) {
	out := writeAll(t, "human", argEvents())
	for _, want := range []string{
		`socket("socket:[7]", AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3`,
		`mremap("/x", old_len=8192, new_len=16384, MREMAP_MAYMOVE) = 0x7f0000004000`,
		`fcntl("/x", fd=3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0`,
		`fcntl("/x", fd=3, F_SETFL, O_RDONLY|O_NONBLOCK) = 0`,
		`fcntl("/x", fd=3, F_GETFL) = 34818 (O_RDWR|O_NONBLOCK|O_LARGEFILE)`,
		`sendfile("/in", "/out", out_fd=4, in_fd=3, count=100) = 100`,
		`execve("/bin/true", argv=["true", "-x"], envc=2) = 0`,
		`io_uring_register(fd=5, IORING_REGISTER_FILES, nr_args=2) = 0`,
		`io_uring_setup(entries=8) = 5`,
		`user_data=0xdeadbeef00`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// The human line's fast path for plain numbers (arg.Desc.Number) reads
// what Value reads, for every argument of every event the tests know,
// and covers the numbers of an I/O loop (fd, count, offset).
func TestNumberIsValue(t *testing.T) {
	numbers := 0
	for _, ev := range append(symbolic(), argEvents()...) {
		k := kind.Of(&ev)
		for i := range k.Args {
			d, ok := k.Args[i].Of(&ev)
			if !ok {
				continue
			}
			u, ok := d.Number(&ev)
			if !ok {
				continue
			}
			numbers++
			if v := d.Value(&ev); v.U != u || v.Unknown || v.Cut {
				t.Errorf("%s %s: Number %d, Value %+v", ev.Syscall, d.Name, u, v)
			}
		}
	}
	if numbers < 10 {
		t.Errorf("%d numbers read by Number: the fast path is not taken", numbers)
	}
}
