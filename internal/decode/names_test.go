package decode

import (
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"golang.org/x/sys/unix"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
)

var atFDCWD = int64(-100)

// nameRec is the record the kernel side sends for a walked name.
func nameRec(id, prev, flags uint64, comps string) *probe.Raw {
	r := &probe.Raw{Kind: probe.KindName, Args: [6]uint64{id, prev, 42, 8<<32 | flags, 0xef53, 4026531841}}
	r.Slot[0], r.SlotState[0] = []byte(comps), probe.SlotOK
	return r
}

func TestJoinReversed(t *testing.T) {
	for comps, want := range map[string]string{
		"":                     "/",
		"c\x00b\x00a\x00":      "/a/b/c",
		"app.log.1\x00tmp\x00": "/tmp/app.log.1",
	} {
		if got := joinReversed([]byte(comps)); got != want {
			t.Errorf("joinReversed(%q) = %q, want %q", comps, got, want)
		}
	}
}

// A call's Names come from the name records before it: the walked
// name, deleted when the call said so; an id never received (the record
// lost), or a name not whole, is NameLost; a name walked again after a
// rename replaces the one it had.
func TestKernelNames(t *testing.T) {
	d := New()
	var c Call
	d.Decode(nameRec(1, 0, 0, "log\x00tmp\x00"), &c)
	if c.Kind != calls.FileName {
		t.Fatalf("a name record decodes as %v", c.Kind)
	}
	d.Decode(nameRec(2, 0, probe.NameCut, "x\x00"), &c)
	read := func(st uint8, id uint64) Name {
		r := &probe.Raw{Kind: probe.KindSyscall, NR: 0, NameState: [2]uint8{st}, NameID: [2]uint64{id}} // read
		d.Decode(r, &c)
		return c.Names[0]
	}
	if n := read(probe.NameOK, 1); n.State != calls.NameOK || n.Path != "/tmp/log" || n.Deleted {
		t.Errorf("named: %+v", n)
	}
	if n := read(probe.NameOK|probe.NameDeleted, 1); !n.Deleted {
		t.Errorf("deleted: %+v", n)
	}
	if n := read(probe.NameOK, 7); n.State != calls.NameLost {
		t.Errorf("an id never received: %+v", n)
	}
	if n := read(probe.NameOK, 2); n.State != calls.NameLost {
		t.Errorf("a name not whole: %+v", n)
	}
	if n := read(probe.NameRaced, 0); n.State != calls.NameRaced || n.Path != "" {
		t.Errorf("raced: %+v", n)
	}
	d.Decode(nameRec(3, 1, 0, "log.1\x00tmp\x00"), &c)
	if n := read(probe.NameOK, 3); n.Path != "/tmp/log.1" {
		t.Errorf("renamed: %+v", n)
	}
	// The replaced id still answers for a record that took it before
	// the rename (an io_uring request named at submission), until
	// supersededKept later replacements push it out.
	if n := read(probe.NameOK, 1); n.State != calls.NameOK || n.Path == "" {
		t.Errorf("the id a new name replaces is forgotten at once: %+v", n)
	}
	for i := uint64(0); i < supersededKept; i++ {
		// Ids in no cell id 1 could be in (nameCells apart).
		d.Decode(nameRec(nameCells*(i+100)+2, nameCells*(i+99)+2, 0, "x\x00tmp\x00"), &c)
	}
	if _, ok := d.names[1]; ok {
		t.Errorf("the id a new name replaced is still kept after %d more replacements", supersededKept)
	}
	// Nor does it answer from the decoder's cells (read above, so it
	// was in one).
	if n := read(probe.NameOK, 1); n.State != calls.NameLost {
		t.Errorf("the id a new name replaced still answers after %d more replacements: %+v", supersededKept, n)
	}
	if len(d.names) > supersededKept+8 {
		t.Errorf("%d names kept: the replaced ones are not bounded", len(d.names))
	}
	d.Decode(&probe.Raw{Kind: probe.KindName, Args: [6]uint64{4, 0, 77, probe.NamePseudo, 0x50495045}}, &c)
	if n := read(probe.NameOK, 4); n.Path != "pipe:[77]" {
		t.Errorf("a pipe: %+v", n)
	}
	// nsfs (/proc/self/ns/user): its dentry holds no name; the kernel
	// side sends the namespace type's ("user"), and /proc says
	// user:[INODE].
	d.Decode(&probe.Raw{Kind: probe.KindName, Args: [6]uint64{5, 0, 4026531837, probe.NamePseudo, 0x6e736673},
		Slot: [probe.NSlots][]byte{[]byte("user\x00")}}, &c)
	if n := read(probe.NameOK, 5); n.Path != "user:[4026531837]" {
		t.Errorf("an nsfs file: %+v, want user:[4026531837]", n)
	}
}

// A name walked in another mount namespace than ior's is that
// namespace's view: marked with it.
func TestKernelNamesMountNS(t *testing.T) {
	d := New()
	d.SetMountNS(4026531841)
	var c Call
	d.Decode(nameRec(1, 0, 0, "x\x00b\x00"), &c) // ior's namespace (nameRec's)
	r := nameRec(2, 0, 0, "x\x00b\x00")
	r.Args[5] = 4026532174
	d.Decode(r, &c)
	if got := d.names[1].path; got != "/b/x" {
		t.Errorf("ior's namespace: %q", got)
	}
	if got := d.names[2].path; got != "mnt:[4026532174]/b/x" {
		t.Errorf("another namespace: %q", got)
	}
}

// The file a path resolved to: an open's, from its name record; a
// failed open's none; a stat's unread (no hook on its lookup); an
// AT_EMPTY_PATH's "" resolves nothing; a name never received unknown.
func TestResolvedFiles(t *testing.T) {
	d := New()
	var c Call
	d.Decode(nameRec(1, 0, 0, "f\x00real\x00tmp\x00"), &c)
	call := func(nr uint16, ret int64, path string, st uint8, id uint64) event.Event {
		r := &probe.Raw{Kind: probe.KindSyscall, NR: nr, Ret: ret, Args: [6]uint64{uint64(atFDCWD), 0x1000},
			FileState: [2]uint8{st}, FileID: [2]uint64{id}}
		r.Slot[0], r.SlotState[0] = []byte(path), probe.SlotOK
		d.Decode(r, &c)
		return c.Event
	}
	for _, tc := range []struct {
		what       string
		ev         event.Event
		file, stat string
	}{
		{"open", call(unix.SYS_OPENAT, 3, "/tmp/l/f", probe.NameOK, 1), "/tmp/real/f", ""},
		{"deleted", call(unix.SYS_OPENAT, 3, "/tmp/l/f", probe.NameOK|probe.NameDeleted, 1), "/tmp/real/f", "deleted"},
		{"failed open", call(unix.SYS_OPENAT, -2, "/tmp/l/x", 0, 0), "", "none"},
		{"raced", call(unix.SYS_OPENAT, 3, "/tmp/l/f", probe.NameRaced, 0), "", "unknown"},
		{"lost", call(unix.SYS_OPENAT, 3, "/tmp/l/f", probe.NameOK, 9), "", "unknown"},
		{"stat", call(unix.SYS_NEWFSTATAT, 0, "/tmp/l/f", 0, 0), "", "unread"},
		{"rename", call(unix.SYS_RENAME, 0, "/tmp/l/f", 0, 0), "", "unread|file2-unread"},
		{"AT_EMPTY_PATH", call(unix.SYS_NEWFSTATAT, 0, "", 0, 0), "", ""},
		{"chdir", call(unix.SYS_CHDIR, 0, "/tmp/l", probe.NameOK, 1), "/tmp/real/f", ""},
		{"chroot raced", call(unix.SYS_CHROOT, 0, "/tmp/l", probe.NameRaced, 0), "", "unknown"},
	} {
		if tc.ev.File != tc.file || event.FieldByName("file_status").Str(&tc.ev) != tc.stat {
			t.Errorf("%s: file %q status %q, want %q %q", tc.what, tc.ev.File, event.FieldByName("file_status").Str(&tc.ev), tc.file, tc.stat)
		}
	}
}
