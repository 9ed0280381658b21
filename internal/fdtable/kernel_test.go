package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
)

func TestKernelResolve(t *testing.T) {
	ok := calls.Name{State: calls.NameOK, Path: "/srv/jail"}
	for _, c := range []struct {
		base       calls.Name
		name, want string
		status     uint8
	}{
		{ok, "in", "/srv/jail/in", 0},
		{ok, "../x", "/srv/x", 0}, // lexical, as documented
		{ok, "", "/srv/jail", 0},  // AT_EMPTY_PATH: the fd's file itself
		{calls.Name{State: calls.NameOK, Path: "/d/#12", Deleted: true}, "", "/d/#12", event.PathDeleted},
		{calls.Name{State: calls.NameOK, Path: "/gone", Deleted: true}, "f", "f", event.PathUnknown},
		{calls.Name{State: calls.NameOK, Path: "pipe:[3]"}, "f", "f", event.PathUnknown},
		{calls.Name{State: calls.NameRaced}, "f", "f", event.PathUnknown},
		{calls.Name{State: calls.NameNoFile}, "f", "f", event.PathUnknown},
	} {
		got, st := kernelResolve(c.base, c.name)
		if got != c.want || st != c.status {
			t.Errorf("kernelResolve(%+v, %q) = %q, %d; want %q, %d", c.base, c.name, got, st, c.want, c.status)
		}
	}
}

func TestKernelFD(t *testing.T) {
	for _, c := range []struct {
		n      calls.Name
		path   string
		status uint8
	}{
		{calls.Name{State: calls.NameOK, Path: "/a"}, "/a", 0},
		{calls.Name{State: calls.NameOK, Path: "/a", Deleted: true}, "/a", event.PathDeleted},
		{calls.Name{State: calls.NameNoFile}, "", 0},
		{calls.Name{State: calls.NameRaced}, "", event.PathUnknown},
		{calls.Name{State: calls.NameLost}, "", event.PathUnknown},
	} {
		ev := event.Event{Path: "stale"}
		kernelFD(&ev, c.n)
		if ev.Path != c.path || ev.PathStatus != c.status {
			t.Errorf("kernelFD(%+v): %q, %d; want %q, %d", c.n, ev.Path, ev.PathStatus, c.path, c.status)
		}
	}
}
