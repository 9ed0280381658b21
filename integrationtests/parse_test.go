package integrationtests

import (
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// The Go runtime's netpoller calls on a scenario thread are set aside;
// the scenario's own epoll calls, failed ones included, are kept.
func TestSetAsideNetpoll(t *testing.T) {
	evs := []event.Event{
		{Syscall: "epoll_create1", Ret: 5, FD: 5},
		{Syscall: "epoll_pwait", FD: 3, Ret: 0}, // the runtime's epoll fd
		{Syscall: "epoll_pwait", FD: 5, Ret: 1},
		{Syscall: "epoll_pwait", FD: 9999, Ret: -9}, // EBADF: the scenario's
		{Syscall: "epoll_wait", FD: 3, Ret: 0},      // not what the runtime calls
	}
	res := &TestResult{}
	kept := res.setAsideNetpoll(evs)
	if len(kept) != 4 || kept[1].FD != 5 || kept[2].FD != 9999 || kept[3].Syscall != "epoll_wait" {
		t.Errorf("kept %+v", kept)
	}
	if len(res.Netpoll) != 1 || res.Netpoll[0].FD != 3 {
		t.Errorf("set aside %+v", res.Netpoll)
	}
}
