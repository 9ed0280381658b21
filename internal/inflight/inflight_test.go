package inflight

import (
	"encoding/binary"
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/fdtable"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

const pid = 42

// openProc answers like /proc for a process whose cwd is /home/u.
type openProc struct{}

func (openProc) Cwd(p uint32) (string, bool) { return "/home/u", p == pid }
func (openProc) FDs(uint32) []fdtable.FD     { return nil }

// stages are the stages a record goes through, as in a session: decode,
// the fd table, then the requests in flight.
type stages struct {
	dec *decode.Decoder
	tr  *fdtable.Tracker
	req *Requests
}

func newStages() *stages {
	s := &stages{dec: decode.New(), tr: fdtable.NewTracker(openProc{}), req: New()}
	s.tr.Snapshot(pid)
	return s
}

// applyCall decodes a record and passes it through the stages,
// returning the call.
func (s *stages) applyCall(r *probe.Raw) calls.Call {
	var c calls.Call
	s.dec.Decode(r, &c)
	s.tr.Apply(&c)
	s.req.Apply(&c)
	return c
}

// sysRaw is a syscall's record: its arguments, return value and path
// arguments, in order.
func sysRaw(t *testing.T, name string, args [6]uint64, ret int64, paths ...string) *probe.Raw {
	t.Helper()
	sp := syscalls.ByName(name)
	if sp == nil {
		t.Fatalf("no syscall %s", name)
	}
	r := &probe.Raw{Kind: probe.KindSyscall, NR: uint16(sp.NR), Args: args, Ret: ret, PID: pid, TID: pid + 1}
	for i, p := range paths {
		r.Slot[i], r.SlotState[i] = []byte(p), probe.SlotOK
	}
	return r
}

func (s *stages) sys(t *testing.T, name string, args [6]uint64, ret int64, paths ...string) {
	t.Helper()
	s.applyCall(sysRaw(t, name, args, ret, paths...))
}

// iocbRec is the record the kernel side sends for iocb i of an
// io_submit, at its enter.
func iocbRec(ctx, i uint64, cb probe.AIOIocb) *probe.Raw {
	r := &probe.Raw{Kind: probe.KindAIOIocb, Args: [6]uint64{ctx, i}, PID: pid, TID: pid + 1, EnterNs: 100}
	r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot] = probe.AIOIocbsBytes([]probe.AIOIocb{cb}), probe.SlotOK
	return r
}

// resultRec is the record the kernel side sends for result i of an
// io_getevents, at its exit: data, obj, res.
func resultRec(ctx, i uint64, ev [3]uint64) *probe.Raw {
	r := &probe.Raw{Kind: probe.KindAIOResult, Args: [6]uint64{ctx, i}, PID: pid, TID: pid + 1, ExitNs: 200}
	r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot] = ioEvents(ev), probe.SlotOK
	return r
}

func ioEvents(evs ...[3]uint64) []byte { // data, obj, res
	var b []byte
	for _, e := range evs {
		b = binary.LittleEndian.AppendUint64(b, e[0])
		b = binary.LittleEndian.AppendUint64(b, e[1])
		b = binary.LittleEndian.AppendUint64(b, e[2])
		b = binary.LittleEndian.AppendUint64(b, 0)
	}
	return b
}

// Each iocb an io_submit accepted becomes an event when io_getevents
// returns its result: its command, file (named at submission), offset,
// length, aio_data and result. A result ior did not see submitted, or
// whose aio_data is not the one submitted at its iocb address, is
// aio:UNKNOWN, its file unknown; io_destroy forgets the context's
// requests.
func TestAIORequests(t *testing.T) {
	tr := newStages()
	tr.sys(t, "openat", [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDWR}, 3, "f")
	const ctx = 0x7f00
	for i, cb := range []probe.AIOIocb{
		{Obj: 0x100, Data: 1, NBytes: 4, Offset: 0, FD: 3, Op: 0},
		{Obj: 0x200, Data: 2, NBytes: 2, Offset: 10, FD: 3, Op: 1},
		{Obj: 0x300, Data: 3, NBytes: 2, Offset: 10, FD: 3, Op: 1}, // not accepted: ret 2
	} {
		tr.applyCall(iocbRec(ctx, uint64(i), cb))
	}
	tr.sys(t, "io_submit", [6]uint64{ctx, 3}, 2)
	var got []event.Event
	for i, ev := range [][3]uint64{{2, 0x200, 2}, {1, 0x100, 4}, {3, 0x300, 2}} {
		c := tr.applyCall(resultRec(ctx, uint64(i), ev))
		if len(c.Extra) != 1 {
			t.Fatalf("result %d: %d request events, want 1", i, len(c.Extra))
		}
		got = append(got, c.Extra[0])
	}
	w, r, u := got[0], got[1], got[2]
	if w.Syscall != "aio:PWRITE" || w.Path != "/home/u/f" || w.FD != 3 || w.Offset != 10 || w.Len != 2 || w.Bytes != 2 || w.UserData != 2 || w.EnterNs != 100 {
		t.Errorf("PWRITE: %+v", w)
	}
	if r.Syscall != "aio:PREAD" || r.Ret != 4 || r.Bytes != 4 || r.ExitNs != 200 {
		t.Errorf("PREAD: %+v", r)
	}
	if u.Syscall != "aio:UNKNOWN" || u.PathStatus == 0 || u.UserData != 3 {
		t.Errorf("a result of an iocb io_submit did not accept: %+v", u)
	}
	// The same iocb address submitted again, reaped with another
	// aio_data than submitted: not paired with what it held.
	tr.applyCall(iocbRec(ctx, 0, probe.AIOIocb{Obj: 0x100, Data: 7, FD: 3, Op: 0}))
	tr.sys(t, "io_submit", [6]uint64{ctx, 1}, 1)
	if c := tr.applyCall(resultRec(ctx, 0, [3]uint64{8, 0x100, 4})); c.Extra[0].Syscall != "aio:UNKNOWN" {
		t.Errorf("a result whose aio_data differs: %+v", c.Extra[0])
	}
	tr.applyCall(iocbRec(ctx, 0, probe.AIOIocb{Obj: 0x100, FD: 3, Op: 0}))
	tr.sys(t, "io_submit", [6]uint64{ctx, 1}, 1)
	tr.sys(t, "io_destroy", [6]uint64{ctx}, 0)
	if c := tr.applyCall(resultRec(ctx, 0, [3]uint64{0, 0x100, 4})); c.Extra[0].Syscall != "aio:UNKNOWN" {
		t.Errorf("after io_destroy: %+v", c.Extra)
	}
}

// An AIO request's event carries its io_submit's user stack (-stacks):
// the code that asked for it, not the one that reaped it.
func TestAIORequestStack(t *testing.T) {
	tr := newStages()
	tr.sys(t, "openat", [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDWR}, 3, "f")
	const ctx = 0x7f00
	tr.applyCall(iocbRec(ctx, 0, probe.AIOIocb{Obj: 0x100, Data: 1, NBytes: 4, FD: 3, Op: 0}))
	sub := sysRaw(t, "io_submit", [6]uint64{ctx, 1}, 1)
	sub.Stack = binary.LittleEndian.AppendUint64(nil, 0x401234)
	tr.applyCall(sub)
	reap := tr.applyCall(resultRec(ctx, 0, [3]uint64{1, 0x100, 4}))
	if len(reap.Extra) != 1 || reap.Extra[0].Stack == nil || reap.Extra[0].Stack.PCs[0] != 0x401234 {
		t.Fatalf("request events %+v: want one with the io_submit's stack", reap.Extra)
	}
}

// An AIO request's event is joined to its thread's process as the reap
// finds it, as the recording joins it (the reaping thread's place): the
// process record, or not known where the result was sent while that
// record was pending (marked), never the last one. It had none at all.
func TestAIORequestProc(t *testing.T) {
	tr := newStages()
	tr.applyCall(&probe.Raw{Kind: probe.KindProc, PID: pid, TID: pid + 1, Args: [6]uint64{11, 20, 30}})
	tr.sys(t, "openat", [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDWR}, 3, "f")
	const ctx = 0x7f00
	for i, obj := range []uint64{0x100, 0x200} {
		tr.applyCall(iocbRec(ctx, uint64(i), probe.AIOIocb{Obj: obj, Data: uint64(i), NBytes: 4, FD: 3, Op: 0}))
	}
	tr.sys(t, "io_submit", [6]uint64{ctx, 2}, 2)
	c := tr.applyCall(resultRec(ctx, 0, [3]uint64{0, 0x100, 4}))
	if p := c.Extra[0].Proc; p == nil || p.MntNS != 11 || c.Extra[0].ProcUnknown {
		t.Errorf("reaped: Proc %+v unknown %v, want mnt 11", p, c.Extra[0].ProcUnknown)
	}
	r := resultRec(ctx, 1, [3]uint64{1, 0x200, 4})
	r.ProcPending = true
	c = tr.applyCall(r)
	if ev := c.Extra[0]; ev.Proc != nil || !ev.ProcUnknown {
		t.Errorf("reaped with the process record pending: Proc %+v unknown %v, want not known", ev.Proc, ev.ProcUnknown)
	}
}
