package probe

import (
	"encoding/binary"
	"reflect"
	"testing"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// The table's capture kinds and the event's bounds are the kernel side's.
func TestCapturesMatchKernelSide(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"CaptureOffsets", syscalls.CaptureOffsets, int(CaptureOffsets)},
		{"CaptureFlock", syscalls.CaptureFlock, int(CaptureFlock)},
		{"CaptureArgv", syscalls.CaptureArgv, int(CaptureArgv)},
		{"ArgvMax", event.ArgvMax, ArgvMax}, {"ArgMax", event.ArgMax, ArgMax}, {"EnvcMax", event.EnvcMax, EnvcMax},
		{"FlockLen", FlockLen, 32},
		{"ArgvSlot", ArgvSlot, 1},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, the kernel side %d", c.name, c.got, c.want)
		}
	}
	if n := unsafe.Sizeof(iorIorOffsets{}); n != 24 {
		t.Errorf("struct ior_offsets is %d bytes; OffsetsOf reads 24", n)
	}
}

// Which calls capture what, from which arguments (1-based in the desc).
func TestCaptureDescs(t *testing.T) {
	for _, c := range []struct {
		name  string
		kind  uint8
		args  [2]int8
		name2 uint8 // the desc's name[1]: fd2's argument + 1
	}{
		{"sendfile64", CaptureOffsets, [2]int8{2, syscalls.None}, 1},
		{"splice", CaptureOffsets, [2]int8{1, 3}, 3},
		{"copy_file_range", CaptureOffsets, [2]int8{1, 3}, 3},
		{"tee", 0, [2]int8{syscalls.None, syscalls.None}, 2},
		{"vmsplice", 0, [2]int8{syscalls.None, syscalls.None}, 0},
		{"fcntl", CaptureFlock, [2]int8{2, syscalls.None}, 0},
		{"execve", CaptureArgv, [2]int8{1, 2}, 0},
		{"execveat", CaptureArgv, [2]int8{2, 3}, 0},
	} {
		sp := syscalls.ByName(c.name)
		if sp.Capture != c.kind || sp.CapArg != c.args {
			t.Errorf("%s: capture %d from %v, want %d from %v", c.name, sp.Capture, sp.CapArg, c.kind, c.args)
		}
		if n := nameArgs(sp); n[1] != c.name2 {
			t.Errorf("%s: name slot 1 %#x, want %#x", c.name, n[1], c.name2)
		}
	}
}

func TestOffsetsOf(t *testing.T) {
	b := make([]byte, 24)
	binary.LittleEndian.PutUint64(b, uint64(1<<40))
	binary.LittleEndian.PutUint64(b[8:], 99) // not read: its state is none
	b[16], b[17] = uint8(iorIorOffStateIOR_OFF_OK), uint8(iorIorOffStateIOR_OFF_NONE)
	var ev event.Event
	OffsetsOf(b, &ev)
	if ev.OffIn != 1<<40 || ev.OffOut != 0 || ev.OffState != event.OffInSet {
		t.Errorf("got in %d out %d state %#x", ev.OffIn, ev.OffOut, ev.OffState)
	}
	b[16], b[17] = uint8(iorIorOffStateIOR_OFF_FAULT), uint8(iorIorOffStateIOR_OFF_OK)
	ev = event.Event{}
	OffsetsOf(b, &ev)
	if ev.OffIn != 0 || ev.OffOut != 99 || ev.OffState != event.OffInFault|event.OffOutSet {
		t.Errorf("got in %d out %d state %#x", ev.OffIn, ev.OffOut, ev.OffState)
	}
	ev = event.Event{}
	OffsetsOf(b[:23], &ev)
	if ev.OffState != 0 {
		t.Errorf("a short slot read as %#x", ev.OffState)
	}
}

func TestFlockOf(t *testing.T) {
	b := make([]byte, 32)
	binary.LittleEndian.PutUint16(b, 1)                   // F_WRLCK
	binary.LittleEndian.PutUint16(b[2:], 2)               // SEEK_END
	binary.LittleEndian.PutUint32(b[4:], 0xdeadbeef)      // padding
	binary.LittleEndian.PutUint64(b[8:], uint64(1<<63-1)) // l_start
	binary.LittleEndian.PutUint64(b[16:], ^uint64(9))     // l_len -10
	binary.LittleEndian.PutUint32(b[24:], 4242)
	got, ok := FlockOf(b)
	want := &event.Flock{Type: 1, Whence: 2, Start: 1<<63 - 1, Len: -10, PID: 4242}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if _, ok := FlockOf(b[:31]); ok {
		t.Error("a short slot read as a struct flock")
	}
}

func argvSlot(envc int32, argc uint16, flags uint8, strs string) []byte {
	b := make([]byte, 8, 8+len(strs))
	binary.LittleEndian.PutUint32(b, uint32(envc))
	binary.LittleEndian.PutUint16(b[4:], argc)
	b[6] = flags
	return append(b, strs...)
}

func TestArgvOf(t *testing.T) {
	cut, fault := uint8(iorIorArgvFlagsIOR_ARGV_CUT), uint8(iorIorArgvFlagsIOR_ARGV_FAULT)
	envCut, envFault := uint8(iorIorArgvFlagsIOR_ENVC_CUT), uint8(iorIorArgvFlagsIOR_ENVP_FAULT)
	for _, c := range []struct {
		name string
		slot []byte
		want event.Event
	}{
		{"whole", argvSlot(3, 3, 0, "ls\x00\x00-l\x00"), event.Event{Argv: []string{"ls", "", "-l"}, Envc: 3}},
		{"none", argvSlot(0, 0, 0, ""), event.Event{Argv: []string{}}},
		{"cut", argvSlot(65536, 1, cut|envCut, "a\x00"), event.Event{Argv: []string{"a"}, ArgvCut: true, Envc: 65536, EnvcCut: true}},
		{"fault", argvSlot(2, 1, fault|envFault, "a\x00"), event.Event{Argv: []string{"a"}, ArgvFault: true, Envc: -1}},
		// The slot ends inside an argument, or before all argc of them.
		{"short", argvSlot(1, 3, 0, "a\x00bc"), event.Event{Argv: []string{"a", "bc"}, ArgvCut: true, Envc: 1}},
	} {
		var ev event.Event
		if !ArgvOf(c.slot, &ev) || !reflect.DeepEqual(ev, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, ev, c.want)
		}
	}
	var ev event.Event
	if ArgvOf(make([]byte, 7), &ev) || ev.Argv != nil {
		t.Errorf("a slot shorter than its head read as %+v", ev)
	}
}

// The struct slot's kinds: the table's Go constants are the kernel
// side's enum ior_struct, value by value, and every kind is some traced
// syscall's (none is dead on either side).
func TestStructKindsMatchKernelSide(t *testing.T) {
	for _, c := range []struct {
		name string
		got  syscalls.Struct
		want iorIorStruct
	}{
		{"None", syscalls.StructNone, iorIorStructIOR_STRUCT_NONE},
		{"Blob", syscalls.StructBlob, iorIorStructIOR_STRUCT_BLOB},
		{"Copy", syscalls.StructCopy, iorIorStructIOR_STRUCT_COPY},
		{"NewFiles", syscalls.StructNewFiles, iorIorStructIOR_STRUCT_NEW_FILES},
		{"NewFilesCopy", syscalls.StructNewFilesCopy, iorIorStructIOR_STRUCT_NEW_FILES_COPY},
		{"MapFile", syscalls.StructMapFile, iorIorStructIOR_STRUCT_MAP_FILE},
		{"Offsets", syscalls.StructOffsets, iorIorStructIOR_STRUCT_OFFSETS},
		{"Flock", syscalls.StructFlock, iorIorStructIOR_STRUCT_FLOCK},
		{"Kinds", syscalls.StructKinds, iorIorStructIOR_STRUCT_MAX},
	} {
		if uint32(c.got) != uint32(c.want) {
			t.Errorf("Struct%s: %d, the kernel side %d", c.name, c.got, c.want)
		}
	}
	used := map[syscalls.Struct][]string{}
	for i := range syscalls.Table {
		sp := &syscalls.Table[i]
		k := syscalls.StructOf(sp)
		if k >= syscalls.StructKinds {
			t.Errorf("%s: struct kind %d out of range", sp.Name, k)
		}
		used[k] = append(used[k], sp.Name)
	}
	for k := syscalls.Struct(0); k < syscalls.StructKinds; k++ {
		if len(used[k]) == 0 {
			t.Errorf("struct kind %d: no syscall has it", k)
		}
	}
	// The precedence, where a spec sets more than one source.
	for name, want := range map[string]syscalls.Struct{
		"accept4": syscalls.StructNewFilesCopy, "pipe2": syscalls.StructNewFiles, "io_getevents": syscalls.StructNone,
		"io_submit": syscalls.StructNone, "mmap": syscalls.StructMapFile, "select": syscalls.StructCopy,
		"sendfile64": syscalls.StructOffsets, "tee": syscalls.StructNone, "execve": syscalls.StructNone,
	} {
		if got := syscalls.StructOf(syscalls.ByName(name)); got != want {
			t.Errorf("%s: struct kind %d, want %d", name, got, want)
		}
	}
}
