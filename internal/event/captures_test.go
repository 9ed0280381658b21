package event

import "testing"

func TestCapturedText(t *testing.T) {
	for _, c := range []struct {
		name string
		ev   Event
		args string
	}{
		{"nothing", Event{}, ""},
		{"offsets", Event{OffIn: 5, OffState: OffInSet | OffOutFault}, "off_in=5, off_out=?"},
		{"negative offset", Event{OffOut: -1, OffState: OffOutSet}, "off_out=-1"},
		{"flock", Event{Flock: &Flock{Type: 1, Whence: 0, Start: 0, Len: 10, PID: 77}},
			"{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=77}"},
		{"flock unnamed", Event{Flock: &Flock{Type: 99, Whence: -1}},
			"{l_type=99, l_whence=-1, l_start=0, l_len=0, l_pid=0}"},
		{"argv", Event{Argv: []string{"ls", "a b", "\"q\"\n"}, Envc: 3}, `argv=["ls", "a b", "\"q\"\n"], envc=3`},
		{"argv empty", Event{Argv: []string{}}, "argv=[], envc=0"},
		{"argv cut", Event{Argv: []string{"x"}, ArgvCut: true, Envc: 65536, EnvcCut: true}, `argv=["x"]..., envc=65536+`},
		{"argv fault", Event{Argv: []string{"x"}, ArgvFault: true, Envc: -1}, `argv=["x", ?], envc=?`},
		{"argv unreadable", Event{Argv: []string{}, ArgvFault: true}, `argv=[?], envc=0`},
	} {
		if got := c.ev.CapturedArgs(); got != c.args {
			t.Errorf("%s: %q, want %q", c.name, got, c.args)
		}
	}
	// The fields say "" for a call that has none.
	var e Event
	if e.OffText(0) != "" || e.OffText(1) != "" || e.FlockText() != "" || e.ArgvText() != "" || e.EnvcText() != "" {
		t.Error("an event with no captured values has text for them")
	}
}
