package arg

import (
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// A string list and a struct of named fields, each read by Get from
// wherever an event keeps it: the shapes execve's argv and fcntl's
// struct flock take (here read from fields every Event has).
func TestListAndStruct(t *testing.T) {
	argv := Desc{Name: "argv", Type: StringList, Reg: -1, Get: func(ev *event.Event) Value {
		return Value{List: []string{ev.Path, ev.Path2}, Cut: ev.Flags != 0}
	}}
	lock := Desc{Name: "lock", Type: Struct, Reg: -1, Fields: []Desc{
		Make("l_type", Enum, SlotFlags, LeaseType),
		Make("l_whence", Enum, SlotMode, Whence),
		Make("l_start", Offset, SlotOffset, nil),
		Make("l_len", Size, SlotLen, nil),
	}}
	ev := &event.Event{Path: "/bin/ls", Path2: "-l", Flags: 1, Mode: 0, Offset: -5, Len: 10}
	for _, c := range []struct {
		d          *Desc
		text, json string
	}{
		{&argv, `["/bin/ls", "-l", ...]`, `["/bin/ls","-l","\u0000..."]`},
		{&lock, `{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=-5, l_len=10}`, `{"l_type":"F_WRLCK","l_whence":"SEEK_SET","l_start":-5,"l_len":10}`},
	} {
		if got := string(c.d.AppendEventText(nil, ev)); got != c.text {
			t.Errorf("%s text %s, want %s", c.d.Name, got, c.text)
		}
		if got := string(c.d.AppendJSON(nil, ev, c.d.Value(ev))); got != c.json {
			t.Errorf("%s JSON %s, want %s", c.d.Name, got, c.json)
		}
	}
	ev.Flags = 0
	if got := string(argv.AppendJSON(nil, ev, argv.Value(ev))); got != `["/bin/ls","-l"]` {
		t.Errorf("a whole list: %s", got)
	}
}

// Each type's JSON value: numbers as numbers, names and hex as strings.
func TestJSONValues(t *testing.T) {
	ev := &event.Event{FD: 3, Mode: 0o644, Flags: 0x80000, UserData: 0xff, Offset: -1, Len: 4096, Path: "/a\"b", Ret: 9}
	for _, c := range []struct {
		d    Desc
		want string
	}{
		{Make("fd", FD, SlotFD, nil), `3`},
		{Make("mode", Perm, SlotMode, nil), `"0644"`},
		{Make("flags", Flags, SlotFlags, OpenFlags), `"O_RDONLY|O_CLOEXEC"`},
		{Make("user_data", UserData, SlotUserData, nil), `"0xff"`},
		{Make("offset", Offset, SlotOffset, nil), `-1`},
		{Make("count", Size, SlotLen, nil), `4096`},
		{Make("pathname", Path, SlotPath, nil), `"/a\"b"`},
		{Make("signal", Signal, SlotRet, nil), `"SIGKILL"`},
	} {
		if got := string(c.d.AppendJSON(nil, ev, c.d.Value(ev))); got != c.want {
			t.Errorf("%s: %s, want %s", c.d.Name, got, c.want)
		}
	}
}
