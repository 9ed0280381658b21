package decode

import (
	"strconv"
	"testing"

	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/uring"
)

// An io_uring request's event is named io_uring:OP (OP_N for an opcode
// ior does not know), and a known op's name is made once, not per
// request: an allocation each was a fifth of ior's CPU per request.
func TestURingEventName(t *testing.T) {
	d := New()
	var c Call
	for _, tc := range []struct {
		code uint16
		want string
	}{{0, "io_uring:" + uring.Ops[0].Name}, {22, "io_uring:" + uring.Ops[22].Name}, {uint16(len(uring.Ops)), ""}} {
		r := probe.Raw{Kind: probe.KindURing, NR: tc.code, PID: 7, TID: 7, Ret: 4096}
		d.Decode(&r, &c)
		if tc.want == "" {
			tc.want = "io_uring:OP_" + strconv.Itoa(int(tc.code))
		}
		if c.Event.Syscall != tc.want {
			t.Errorf("op %d decoded as %q, want %q", tc.code, c.Event.Syscall, tc.want)
		}
	}
	r := probe.Raw{Kind: probe.KindURing, NR: 22, PID: 7, TID: 7, Ret: 4096}
	if n := testing.AllocsPerRun(100, func() { d.Decode(&r, &c) }); n != 0 {
		t.Errorf("decoding a request allocates %.0f times", n)
	}
}
