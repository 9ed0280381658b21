package uring

import (
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// The arguments of a request, as the SQE's fields mean them for its
// opcode (io_uring_enter(2)): the kernel side reads the same fields for
// every op (bpf/uring.h); which ones an op uses, and how, is said here.

// opFlags: the op's own flags (the SQE's op_flags union) and the meaning
// of the value kept in Mode, by opcode name.
var opFlags = map[string][2]arg.Desc{
	"OPENAT":          {mk("flags", arg.Flags, arg.SlotFlags, arg.OpenFlags), openMode},
	"OPENAT2":         {mk("flags", arg.Flags, arg.SlotFlags, arg.OpenFlags), openMode},
	"READ":            {rwFlags},
	"WRITE":           {rwFlags},
	"READV":           {rwFlags},
	"WRITEV":          {rwFlags},
	"READ_FIXED":      {rwFlags},
	"WRITE_FIXED":     {rwFlags},
	"FSYNC":           {nonzero(mk("fsync_flags", arg.Flags, arg.SlotFlags, arg.URingFsyncFlags))},
	"FALLOCATE":       {nonzero(mk("mode", arg.Flags, arg.SlotFlags, arg.FallocMode))},
	"FADVISE":         {mk("advice", arg.Enum, arg.SlotFlags, arg.Fadvice)},
	"SYNC_FILE_RANGE": {nonzero(mk("flags", arg.Flags, arg.SlotFlags, arg.SyncFileRangeFlags))},
	"SPLICE":          {nonzero(mk("splice_flags", arg.Flags, arg.SlotFlags, arg.SpliceFlags))},
	"TEE":             {nonzero(mk("splice_flags", arg.Flags, arg.SlotFlags, arg.SpliceFlags))},
	"STATX":           {mk("flags", arg.Flags, arg.SlotFlags, arg.AtFlags), mk("mask", arg.Flags, arg.SlotMode, arg.StatxMask)},
	"RENAMEAT":        {nonzero(mk("flags", arg.Flags, arg.SlotFlags, arg.RenameFlags))},
	"UNLINKAT":        {nonzero(mk("flags", arg.Flags, arg.SlotFlags, arg.UnlinkAtFlags))},
	"MKDIRAT":         {{}, mk("mode", arg.Perm, arg.SlotMode, nil)},
	"LINKAT":          {nonzero(mk("flags", arg.Flags, arg.SlotFlags, arg.AtFlags))},
}

func mk(name string, t arg.Type, slot arg.Slot, set *arg.Set) arg.Desc {
	return arg.Make(name, t, slot, set)
}

// rwFlags: a read's or write's RWF_* flags; 0 says nothing.
var rwFlags = nonzero(mk("rw_flags", arg.Flags, arg.SlotFlags, arg.RWFlags))

// nonzero: flags of 0 are no flags (the SQE's field is 0 unless set).
func nonzero(d arg.Desc) arg.Desc {
	slot := d.Slot
	d.Only = func(ev *event.Event) bool {
		if slot == arg.SlotMode {
			return ev.Mode != 0
		}
		return ev.Flags != 0
	}
	return d
}

// openMode: an open's mode, a value only when it creates a file.
var openMode = func() arg.Desc {
	d := mk("mode", arg.Perm, arg.SlotMode, nil)
	d.Only = func(ev *event.Event) bool {
		return ev.Flags&unix.O_CREAT != 0 || ev.Flags&unix.O_TMPFILE == unix.O_TMPFILE
	}
	return d
}()

// pathNames: the names of an op's paths (io_uring_enter(2) follows the
// syscalls': renameat's oldpath and newpath ...).
var pathNames = map[string][2]string{
	"RENAMEAT": {"oldpath", "newpath"}, "LINKAT": {"oldpath", "newpath"}, "SYMLINKAT": {"target", "linkpath"},
}

// Common to every request: its IOSQE_* flags (none: left out) and the
// user_data the program gave it, in hex.
var (
	sqeFlags = nonzeroSqe(mk("sqe_flags", arg.Flags, arg.SlotSqeFlags, arg.SqeFlags))
	userData = mk("user_data", arg.UserData, arg.SlotUserData, nil)
)

// fd: the request's fd, unless it names a fixed-file slot
// (IOSQE_FIXED_FILE) instead; slot: that slot, or the one an open or
// close made or freed (a direct descriptor).
var (
	fdArg = func() arg.Desc {
		d := mk("fd", arg.FD, arg.SlotFD, nil)
		d.Only = func(ev *event.Event) bool { return ev.Slot1 == 0 }
		return d
	}()
	slotArg = arg.Desc{Name: "slot", Type: arg.Int, Reg: -1,
		Only: func(ev *event.Event) bool { return ev.Slot1 != 0 },
		Get:  func(ev *event.Event) arg.Value { return arg.Value{U: uint64(int64(ev.Slot1) - 1)} }}
)

func nonzeroSqe(d arg.Desc) arg.Desc {
	d.Only = func(ev *event.Event) bool { return ev.SqeFlags != 0 }
	return d
}

// describe lists op's arguments: its fd, paths, flags and mode, offset
// and length as it uses them, then the SQE's flags and user_data.
func describe(o *Op) []arg.Desc {
	var ds []arg.Desc
	if o.FD {
		ds = append(ds, fdArg)
	}
	if o.FD || o.Effect != NoEffect {
		ds = append(ds, slotArg)
	}
	names, ok := pathNames[o.Name]
	if !ok {
		names = [2]string{"pathname", "newpath"}
	}
	for i := range o.Paths {
		slot, t := arg.SlotPath, arg.Path
		if i == 1 {
			slot = arg.SlotPath2
		}
		if i == 0 && o.Path0Text {
			t = arg.String
		}
		ds = append(ds, mk(names[i], t, slot, nil))
	}
	if o.Offset {
		ds = append(ds, mk("off", arg.Offset, arg.SlotOffset, nil))
	}
	if o.Len {
		ds = append(ds, mk("len", arg.Size, arg.SlotLen, nil))
	}
	for _, d := range opFlags[o.Name] {
		if d.Name != "" {
			ds = append(ds, d)
		}
	}
	return append(ds, sqeFlags, userData)
}
