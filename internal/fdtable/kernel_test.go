package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
)

func TestKernelResolve(t *testing.T) {
	ok := decode.Name{State: probe.NameOK, Path: "/srv/jail"}
	for _, c := range []struct {
		base       decode.Name
		name, want string
		status     uint8
	}{
		{ok, "in", "/srv/jail/in", 0},
		{ok, "../x", "/srv/x", 0}, // lexical, as documented
		{ok, "", "/srv/jail", 0},  // AT_EMPTY_PATH: the fd's file itself
		{decode.Name{State: probe.NameOK, Path: "/d/#12", Deleted: true}, "", "/d/#12", event.PathDeleted},
		{decode.Name{State: probe.NameOK, Path: "/gone", Deleted: true}, "f", "f", event.PathUnknown},
		{decode.Name{State: probe.NameOK, Path: "pipe:[3]"}, "f", "f", event.PathUnknown},
		{decode.Name{State: probe.NameRaced}, "f", "f", event.PathUnknown},
		{decode.Name{State: probe.NameNoFile}, "f", "f", event.PathUnknown},
	} {
		got, st := kernelResolve(c.base, c.name)
		if got != c.want || st != c.status {
			t.Errorf("kernelResolve(%+v, %q) = %q, %d; want %q, %d", c.base, c.name, got, st, c.want, c.status)
		}
	}
}

func TestKernelFD(t *testing.T) {
	for _, c := range []struct {
		n      decode.Name
		path   string
		status uint8
	}{
		{decode.Name{State: probe.NameOK, Path: "/a"}, "/a", 0},
		{decode.Name{State: probe.NameOK, Path: "/a", Deleted: true}, "/a", event.PathDeleted},
		{decode.Name{State: probe.NameNoFile}, "", 0},
		{decode.Name{State: probe.NameRaced}, "", event.PathUnknown},
		{decode.Name{State: probe.NameLost}, "", event.PathUnknown},
	} {
		ev := event.Event{Path: "stale"}
		kernelFD(&ev, c.n)
		if ev.Path != c.path || ev.PathStatus != c.status {
			t.Errorf("kernelFD(%+v): %q, %d; want %q, %d", c.n, ev.Path, ev.PathStatus, c.path, c.status)
		}
	}
}
