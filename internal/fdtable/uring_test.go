package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

const ringCtx = 0xffff888012345000

// req is an io_uring request's record as the kernel side writes it.
type req struct {
	op       uint16
	fd       int32
	sqeFlags uint8
	fileSlot uint32
	ret      int64
	paths    []string
	flags    uint64
}

func (q req) raw() *probe.Raw {
	r := &probe.Raw{Kind: probe.KindURing, NR: q.op, Ret: q.ret, PID: pid, TID: pid + 1}
	r.Args[0], r.Args[1], r.Args[4] = 7, uint64(int64(q.fd)), q.flags
	copy(r.Comm[:], "work")
	for i, p := range q.paths {
		r.Slot[i], r.SlotState[i] = []byte(p), probe.SlotOK
	}
	r.Slot[probe.BlobSlot] = probe.URingReq{Ctx: ringCtx, FD2: -1, FileSlot: q.fileSlot, SqeFlags: q.sqeFlags}.Marshal()
	r.SlotState[probe.BlobSlot] = probe.SlotOK
	return r
}

const (
	opRead, opOpenat, opClose = 22, 18, 19
	fixed                     = 1 // IOSQE_FIXED_FILE
)

// setupRing makes the ring fd 5 of ringCtx, and opens /home/u/a as fd 3.
func setupRing(t *testing.T, tr *Tracker) {
	t.Helper()
	r := call{name: "io_uring_setup", args: [6]uint64{8}, ret: 5}.raw(t)
	r.Slot[probe.BlobSlot] = probe.NewFilesBlob(5, 99, 0x09041934, ringCtx, "[io_uring]")
	r.SlotState[probe.BlobSlot] = probe.SlotOK
	applyRaw(tr, r)
	apply(t, tr, call{name: "openat", args: [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDONLY}, ret: 3, slots: []string{"a"}})
}

func check(t *testing.T, what string, ev event.Event, path string, unknown bool) {
	t.Helper()
	if ev.Path != path || (ev.PathStatus&event.PathUnknown != 0) != unknown {
		t.Errorf("%s: path %q status %d, want %q (unknown %v)", what, ev.Path, ev.PathStatus, path, unknown)
	}
}

// A request's file is the one the kernel side named (bpf/uring.h), by
// fd or fixed-file slot alike, and a path op's base too, never the
// table's: here the table says fd
// 3 is /home/u/a, the kernel names it /home/u/b (renamed since, or an fd
// the table never saw). No file (EBADF) names none. A recording without
// kernel names (an older ior) has fd requests named by the table, slot
// requests unknown.
func TestURingKernelNames(t *testing.T) {
	tr, d := newTracker(), decode.New()
	setupRing(t, tr)
	var c decode.Call
	d.Decode(&probe.Raw{Kind: probe.KindName, Args: [6]uint64{9, 0, 42, 8 << 32, 0xef53, 4026531841}, Slot: [probe.NSlots][]byte{[]byte("b\x00u\x00home\x00")},
		SlotState: [probe.NSlots]uint8{probe.SlotOK}}, &c)
	named := func(q req, st uint8) event.Event {
		r := q.raw()
		r.NameState[0], r.NameID[0] = st, 9
		c = decode.Call{}
		d.Decode(r, &c)
		tr.Apply(&c)
		return c.Event
	}
	check(t, "fd 3", named(req{op: opRead, fd: 3, ret: 4}, probe.NameOK), "/home/u/b", false)
	ev := named(req{op: opRead, fd: 0, sqeFlags: fixed, ret: 4}, probe.NameOK)
	check(t, "slot 0", ev, "/home/u/b", false)
	if ev.Syscall != "io_uring:READ" || ev.Slot1 != 1 || ev.FD != -1 || ev.Bytes != 4 || ev.UserData != 7 {
		t.Errorf("READ_FIXED decoded as %+v", ev)
	}
	ev = named(req{op: opRead, fd: 3, ret: 4}, probe.NameOK|probe.NameDeleted)
	if ev.Path != "/home/u/b" || ev.PathStatus != event.PathDeleted {
		t.Errorf("deleted: %q status %d", ev.Path, ev.PathStatus)
	}
	check(t, "EBADF", named(req{op: opRead, fd: 8, ret: -9}, probe.NameNoFile), "", false)
	check(t, "lost", named(req{op: opRead, fd: 3, ret: 4}, probe.NameLost), "", true)
	// A path op's base: the dirfd's file as the kernel named it (the
	// table's fd 3 is /home/u/a); the fd it opens is named so after.
	check(t, "OPENAT relative to fd 3", named(req{op: opOpenat, fd: 3, ret: 6, paths: []string{"c"}}, probe.NameOK), "/home/u/b/c", false)
	check(t, "read(2) of its fd", apply(t, tr, call{name: "read", args: [6]uint64{6}, ret: 1}), "/home/u/b/c", false)
	check(t, "OPENAT relative to no file", named(req{op: opOpenat, fd: 8, ret: -9, paths: []string{"c"}}, probe.NameNoFile), "c", true)
	check(t, "older recording, fd 3", applyRaw(tr, req{op: opRead, fd: 3, ret: 4}.raw()), "/home/u/a", false)
	check(t, "older recording, slot 0", applyRaw(tr, req{op: opRead, fd: 0, sqeFlags: fixed, ret: 4}.raw()), "", true)
}

// OPENAT through the ring makes an fd the next requests and syscalls
// name; CLOSE through the ring frees it.
func TestURingOpenClose(t *testing.T) {
	tr := newTracker()
	setupRing(t, tr)
	ev := applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, ret: 6, paths: []string{"b"}, flags: unix.O_RDONLY}.raw())
	if ev.Syscall != "io_uring:OPENAT" || ev.FD != 6 || ev.Path != "/home/u/b" {
		t.Errorf("OPENAT decoded as %+v", ev)
	}
	check(t, "READ of the new fd", applyRaw(tr, req{op: opRead, fd: 6, ret: 1}.raw()), "/home/u/b", false)
	check(t, "read(2) of it", apply(t, tr, call{name: "read", args: [6]uint64{6}, ret: 1}), "/home/u/b", false)
	check(t, "CLOSE", applyRaw(tr, req{op: opClose, fd: 6}.raw()), "/home/u/b", false)
	check(t, "READ after CLOSE", applyRaw(tr, req{op: opRead, fd: 6, ret: -9}.raw()), "", true)
}

// A direct descriptor (OPENAT into slot 2, file_slot 3; with
// IORING_FILE_INDEX_ALLOC the result is the slot) is no fd: the table
// gets none, and what names the slot's requests is the kernel side.
func TestURingDirectDescriptors(t *testing.T) {
	tr := newTracker()
	setupRing(t, tr)
	ev := applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, fileSlot: 3, paths: []string{"c"}}.raw())
	if ev.Slot1 != 3 || ev.FD != -1 || ev.Ret != 0 || ev.Path != "/home/u/c" {
		t.Errorf("direct OPENAT decoded as %+v", ev)
	}
	check(t, "fd 2 is not slot 2", apply(t, tr, call{name: "read", args: [6]uint64{2}, ret: -9}), "", true)
	ev = applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, fileSlot: ^uint32(0), ret: 4, paths: []string{"d"}}.raw())
	if ev.Slot1 != 5 {
		t.Errorf("OPENAT into an allocated slot: slot %d, want 4", int(ev.Slot1)-1)
	}
	check(t, "fd 4 is not slot 4", apply(t, tr, call{name: "read", args: [6]uint64{4}, ret: -9}), "", true)
}
