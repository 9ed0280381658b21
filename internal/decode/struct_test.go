package decode

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

// newFilesSlot is a struct ior_new_files: fd[2], then two struct
// ior_file_id (ino, magic, priv, name[32]).
func newFilesSlot(fd0, fd1 int32, ino, magic uint64) []byte {
	b := make([]byte, 8+2*56)
	binary.LittleEndian.PutUint32(b, uint32(fd0))
	binary.LittleEndian.PutUint32(b[4:], uint32(fd1))
	for i := range 2 {
		id := b[8+56*i:]
		binary.LittleEndian.PutUint64(id, ino)
		binary.LittleEndian.PutUint64(id[8:], magic)
	}
	return b
}

// copied is a struct ior_copied head (len, ulen) and the bytes.
func copied(n uint32, data []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, n)
	b = binary.LittleEndian.AppendUint32(b, n)
	return append(b, data...)
}

var sockaddrIn = []byte{2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0} // 127.0.0.1:80

// Every kind of struct slot is filled by the kernel side and read here by
// the one kind syscalls.StructOf gives: each kind, from a syscall of its
// own, lands where its kind says and nowhere else.
func TestStructSlotEveryKind(t *testing.T) {
	how := make([]byte, 24)
	binary.LittleEndian.PutUint64(how, unix.O_CREAT|unix.O_WRONLY)
	offs := make([]byte, 24)
	binary.LittleEndian.PutUint64(offs, 7)
	offs[16] = 1 // IOR_OFF_OK
	flock := make([]byte, 32)
	binary.LittleEndian.PutUint16(flock, unix.F_WRLCK)
	binary.LittleEndian.PutUint64(flock[16:], 10)
	cases := []struct {
		kind  syscalls.Struct
		name  string
		args  [6]uint64
		slot  []byte
		check func(c *Call) bool
	}{
		{syscalls.StructNone, "read", [6]uint64{3}, []byte{1, 2, 3}, func(c *Call) bool {
			return c.NewFD == [2]int32{-1, -1} && !c.MapFileOK && c.Event.Args == "" && c.Event.Flags == 0
		}},
		{syscalls.StructBlob, "openat2", [6]uint64{0, 0, 0, 24}, how, func(c *Call) bool {
			return c.Event.Flags == unix.O_CREAT|unix.O_WRONLY
		}},
		{syscalls.StructCopy, "connect", [6]uint64{3, 0x1000, 16}, copied(16, sockaddrIn), func(c *Call) bool {
			return c.Event.Args == "127.0.0.1:80"
		}},
		{syscalls.StructNewFiles, "pipe2", [6]uint64{0, 0}, newFilesSlot(5, 6, 9, 0x50495045), func(c *Call) bool {
			return c.NewFD == [2]int32{5, 6} && c.NewName == [2]string{"pipe:[9]", "pipe:[9]"}
		}},
		{syscalls.StructNewFilesCopy, "accept4", [6]uint64{3, 0x1000, 0x2000}, append(newFilesSlot(7, -1, 4, 0x534f434b), copied(16, sockaddrIn)...), func(c *Call) bool {
			return c.NewFD[0] == 7 && c.NewName[0] == "socket:[4]" && strings.Contains(c.Event.Args, "127.0.0.1:80")
		}},
		{syscalls.StructMapFile, "munmap", [6]uint64{0x1000, 4096}, probe.MapFile{Ino: 12, Dev: 3}.Bytes(), func(c *Call) bool {
			return c.MapFileOK && c.MapFile.Ino == 12
		}},
		{syscalls.StructOffsets, "splice", [6]uint64{3, 0x1000, 4, 0, 4}, offs, func(c *Call) bool {
			// The offsets are args by name (the event table), not Args text too.
			return c.Event.OffIn == 7 && c.Event.OffState == event.OffInSet && c.Event.Args == ""
		}},
		{syscalls.StructFlock, "fcntl", [6]uint64{3, unix.F_SETLK, 0x1000}, flock, func(c *Call) bool {
			return c.Event.Flock != nil && c.Event.Flock.Type == unix.F_WRLCK && c.Event.Flock.Len == 10 && c.Event.Args == ""
		}},
	}
	seen := map[syscalls.Struct]bool{}
	d := New()
	for _, tc := range cases {
		sp := syscalls.ByName(tc.name)
		if got := syscalls.StructOf(sp); got != tc.kind {
			t.Errorf("%s: struct kind %d, want %d", tc.name, got, tc.kind)
			continue
		}
		seen[tc.kind] = true
		r := &probe.Raw{Kind: probe.KindSyscall, NR: uint16(sp.NR), Args: tc.args, Ret: 7} // accept4's new fd
		r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot] = tc.slot, probe.SlotOK
		var c Call
		d.Decode(r, &c)
		if !tc.check(&c) {
			t.Errorf("%s (kind %d): decoded as %+v", tc.name, tc.kind, c)
		}
	}
	for k := syscalls.Struct(0); k < syscalls.StructKinds; k++ {
		if !seen[k] {
			t.Errorf("struct kind %d has no case", k)
		}
	}
}
