// (Past 350 lines: one description per traced syscall, kept in one
// table beside table.go so that positions and meanings read side by side.)

//go:build linux && amd64

package syscalls

import (
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// argTable names and types every traced syscall's recorded arguments, in
// the order the call takes them, as its man page (and strace) names them.
// What the call passes but ior does not record (a buffer's address, a
// dirfd that the path was resolved against) is not listed; the files a
// call works on are the event's paths whether or not an argument names
// them. A Desc with a register (At) is where the table takes that
// argument's position from: describing it is all it takes to record an
// argument a register holds. Kept beside table.go (not in its lines) so
// that the positions and the descriptions can be read, and merged, apart;
// TestArgsCoverPositions checks they agree.
var argTable = map[string][]arg.Desc{
	// file
	"open":              {path("pathname"), flags("flags", arg.OpenFlags), openMode},
	"openat":            {path("pathname"), flags("flags", arg.OpenFlags), openMode},
	"openat2":           {path("pathname"), flags("flags", arg.OpenFlags), openMode}, // how.flags, how.mode
	"creat":             {path("pathname"), perm("mode")},
	"name_to_handle_at": {path("pathname"), flags("flags", arg.AtFlags)},
	"open_by_handle_at": {flags("flags", arg.OpenFlags)},
	"close":             {fd("fd")},
	"close_range":       {fd("first"), fd2("last"), flags("flags", arg.CloseRangeFlags)},
	// fd
	"dup":   {fd("oldfd")},
	"dup2":  {fd("oldfd"), fd2("newfd")},
	"dup3":  {fd("oldfd"), fd2("newfd"), flags("flags", arg.CloexecFlag)},
	"fcntl": {fd("fd"), enum("cmd", arg.FcntlCmd), fcntlArgDesc},
	// rw
	"read":     {fd("fd"), size("count")},
	"write":    {fd("fd"), size("count")},
	"pread64":  {fd("fd"), size("count"), off("offset")},
	"pwrite64": {fd("fd"), size("count"), off("offset")},
	"readv":    {fd("fd")},
	"writev":   {fd("fd")},
	"preadv":   {fd("fd"), off("offset")},
	"pwritev":  {fd("fd"), off("offset")},
	"preadv2":  {fd("fd"), off("offset"), flags("flags", arg.RWFlags)},
	"pwritev2": {fd("fd"), off("offset"), flags("flags", arg.RWFlags)},
	"lseek":    {fd("fd"), off("offset"), enum("whence", arg.Whence)},
	// transfer
	"sendfile64":      {fd2("out_fd"), fd("in_fd"), offIn("offset"), size("count")},
	"splice":          {fd("fd_in"), offIn("off_in"), fd2("fd_out"), offOut("off_out"), size("len"), flags("flags", arg.SpliceFlags)},
	"tee":             {fd("fd_in"), fd2("fd_out"), size("len"), flags("flags", arg.SpliceFlags)},
	"vmsplice":        {fd("fd"), flags("flags", arg.SpliceFlags)},
	"copy_file_range": {fd("fd_in"), offIn("off_in"), fd2("fd_out"), offOut("off_out"), size("len"), flags("flags", nil)},
	// space
	"truncate":  {path("path"), size("length")},
	"ftruncate": {fd("fd"), size("length")},
	"fallocate": {fd("fd"), flags("mode", arg.FallocMode), off("offset"), size("len")},
	// cache
	"fsync":           {fd("fd")},
	"fdatasync":       {fd("fd")},
	"sync":            {},
	"syncfs":          {fd("fd")},
	"sync_file_range": {fd("fd"), off("offset"), size("nbytes"), flags("flags", arg.SyncFileRangeFlags)},
	"fadvise64":       {fd("fd"), off("offset"), size("len"), enum("advice", arg.Fadvice)},
	"readahead":       {fd("fd"), off("offset"), size("count")},
	// mapping: the addresses passed differ on every run and are not
	// recorded; munmap, msync and mremap name their mapping's file.
	"mmap":   {size("length"), modeAs("prot", arg.Flags, arg.Prot), flags("flags", arg.MapFlags), fd("fd"), off("offset")},
	"munmap": {size("length")},
	"msync":  {size("length"), flags("flags", arg.MsyncFlags)},
	"mremap": {size("old_len"), modeAs("new_len", arg.Size, nil), flags("flags", arg.MremapFlags)},
	// path
	"rename":     {path("oldpath"), path2("newpath")},
	"renameat":   {path("oldpath"), path2("newpath")},
	"renameat2":  {path("oldpath"), path2("newpath"), flags("flags", arg.RenameFlags)},
	"link":       {path("oldpath"), path2("newpath")},
	"linkat":     {path("oldpath"), path2("newpath"), flags("flags", arg.AtFlags)},
	"symlink":    {str("target"), path2("linkpath")},
	"symlinkat":  {str("target"), path2("linkpath")},
	"readlink":   {path("pathname"), size("bufsiz")},
	"readlinkat": {path("pathname"), size("bufsiz")},
	"unlink":     {path("pathname")},
	"unlinkat":   {path("pathname"), flags("flags", arg.UnlinkAtFlags)},
	// dir
	"mkdir":      {path("pathname"), perm("mode")},
	"mkdirat":    {path("pathname"), perm("mode")},
	"rmdir":      {path("pathname")},
	"chdir":      {path("path")},
	"fchdir":     {fd("fd")},
	"chroot":     {path("path")},
	"pivot_root": {path("new_root"), path2("put_old")},
	"getcwd":     {size("size")},
	"getdents64": {fd("fd"), size("count")},
	"getdents":   {fd("fd"), size("count")},
	"newstat":    {path("pathname")},
	"newfstat":   {fd("fd")},
	"newlstat":   {path("pathname")},
	"newfstatat": {path("pathname"), flags("flags", arg.AtFlags)},
	"statx":      {path("pathname"), flags("flags", arg.AtFlags), modeAs("mask", arg.Flags, arg.StatxMask)},
	"access":     {path("pathname"), modeAs("mode", arg.Flags, arg.AccessMode)},
	"faccessat":  {path("pathname"), modeAs("mode", arg.Flags, arg.AccessMode)},
	"faccessat2": {path("pathname"), modeAs("mode", arg.Flags, arg.AccessMode), flags("flags", arg.AccessAtFlags)},
	"statfs":     {path("path")},
	"fstatfs":    {fd("fd")},
	"chmod":      {path("pathname"), perm("mode")},
	"fchmod":     {fd("fd"), perm("mode")},
	"fchmodat":   {path("pathname"), perm("mode")},
	"fchmodat2":  {path("pathname"), perm("mode"), flags("flags", arg.AtFlags)},
	"chown":      {path("pathname")},
	"fchown":     {fd("fd")},
	"lchown":     {path("pathname")},
	"fchownat":   {path("pathname"), flags("flags", arg.AtFlags)},
	"utime":      {path("filename")},
	"utimes":     {path("filename")},
	"futimesat":  {path("pathname")},
	"utimensat":  {path("pathname"), flags("flags", arg.AtFlags)},
	"mknod":      {path("pathname"), modeAs("mode", arg.FileMode, nil)},
	"mknodat":    {path("pathname"), modeAs("mode", arg.FileMode, nil)},
	"flock":      {fd("fd"), flags("operation", arg.FlockOp)},
	"ioctl":      {fd("fd"), enum("request", arg.IoctlRequest)},
	"io_setup":   {modeAs("nr_events", arg.Size, nil)},
	"io_destroy": {},
	"io_submit":  {modeAs("nr", arg.Size, nil)},
	"io_cancel":  {},
	"io_getevents": {
		arg.Make("min_nr", arg.Size, arg.SlotFlags, nil), modeAs("nr", arg.Size, nil),
	},
	"io_pgetevents": {
		arg.Make("min_nr", arg.Size, arg.SlotFlags, nil), modeAs("nr", arg.Size, nil),
	},
	"io_uring_setup":    {size("entries").At(0), text("params")},
	"io_uring_enter":    {fd("fd"), flags("flags", arg.URingEnterFlags)},
	"io_uring_register": {fd("fd"), enum("opcode", arg.URingRegisterOp), modeAs("nr_args", arg.Size, nil)},
	// xattr: the attribute's name is the event's second string
	"setxattr":      {path("path"), str2("name"), size("size"), flags("flags", arg.XattrFlags)},
	"lsetxattr":     {path("path"), str2("name"), size("size"), flags("flags", arg.XattrFlags)},
	"fsetxattr":     {fd("fd"), size("size"), flags("flags", arg.XattrFlags)},
	"getxattr":      {path("path"), str2("name"), size("size")},
	"lgetxattr":     {path("path"), str2("name"), size("size")},
	"fgetxattr":     {fd("fd"), size("size")},
	"listxattr":     {path("path"), size("size")},
	"llistxattr":    {path("path"), size("size")},
	"flistxattr":    {fd("fd"), size("size")},
	"removexattr":   {path("path"), str2("name")},
	"lremovexattr":  {path("path"), str2("name")},
	"fremovexattr":  {fd("fd")},
	"setxattrat":    {path("pathname"), flags("at_flags", arg.AtFlags), str2("name")},
	"getxattrat":    {path("pathname"), flags("at_flags", arg.AtFlags), str2("name")},
	"listxattrat":   {path("pathname"), flags("at_flags", arg.AtFlags), size("size")},
	"removexattrat": {path("pathname"), flags("at_flags", arg.AtFlags), str2("name")},
	// net
	"sendto":      {fd("sockfd"), size("len"), flags("flags", arg.MsgFlags)},
	"recvfrom":    {fd("sockfd"), size("len"), flags("flags", arg.MsgFlags)},
	"sendmsg":     {fd("sockfd"), flags("flags", arg.MsgFlags)},
	"recvmsg":     {fd("sockfd"), flags("flags", arg.MsgFlags)},
	"sendmmsg":    {fd("sockfd"), size("vlen"), flags("flags", arg.MsgFlags)},
	"recvmmsg":    {fd("sockfd"), size("vlen"), flags("flags", arg.MsgFlags)},
	"connect":     {fd("sockfd"), text("addr"), size("addrlen")},
	"bind":        {fd("sockfd"), text("addr"), size("addrlen")},
	"listen":      {fd("sockfd"), modeAs("backlog", arg.Int, nil)},
	"shutdown":    {fd("sockfd"), enum("how", arg.ShutHow)},
	"getsockname": {fd("sockfd"), text("addr")},
	"getpeername": {fd("sockfd"), text("addr")},
	"setsockopt":  {fd("sockfd"), enum("level", arg.SockLevel), optName, text("optval"), size("optlen")},
	"getsockopt":  {fd("sockfd"), enum("level", arg.SockLevel), optName, text("optval")},
	// wait: the pollfds (with their revents) and the timeout are one text
	"poll":         {text("fds"), size("nfds")},
	"ppoll":        {text("fds"), size("nfds")},
	"select":       {size("nfds"), text("timeout")},
	"pselect6":     {size("nfds"), text("timeout")},
	"epoll_ctl":    {fd("epfd"), enum("op", arg.EpollOp), fd2("fd"), text("event")},
	"epoll_wait":   {fd("epfd"), size("maxevents"), text("timeout")},
	"epoll_pwait":  {fd("epfd"), size("maxevents"), text("timeout")},
	"epoll_pwait2": {fd("epfd"), size("maxevents"), text("timeout")},
	// inotify
	"inotify_add_watch": {fd("fd"), path("pathname"), flags("mask", arg.InotifyMask)},
	"inotify_rm_watch":  {fd("fd"), modeAs("wd", arg.Int, nil)},
	// newfd: the fds these calls make are their results (the event's fd
	// and fd2, named by path and path2), not arguments.
	"pipe":           {},
	"pipe2":          {flags("flags", arg.Pipe2Flags)},
	"socket":         {modeAs("domain", arg.Enum, arg.AddressFamily), flags("type", arg.SockType), protocol},
	"socketpair":     {modeAs("domain", arg.Enum, arg.AddressFamily), flags("type", arg.SockType), protocol},
	"accept":         {fd("sockfd"), text("addr")},
	"accept4":        {fd("sockfd"), text("addr"), flags("flags", arg.SockFlags)},
	"eventfd":        {},
	"eventfd2":       {flags("flags", arg.EventfdFlags)},
	"memfd_create":   {str("name"), flags("flags", arg.MemfdFlags)},
	"epoll_create":   {},
	"epoll_create1":  {flags("flags", arg.EpollCreate)},
	"timerfd_create": {arg.Make("clockid", arg.Enum, arg.SlotLen, arg.ClockID).At(0), flags("flags", arg.TimerfdFlags)},
	"signalfd4":      {flags("flags", nil)},
	"inotify_init":   {},
	"inotify_init1":  {flags("flags", arg.InotifyInit)},
	"fanotify_init":  {flags("flags", nil)},
	"pidfd_open":     {flags("flags", nil)},
	"userfaultfd":    {flags("flags", nil)},
	// process
	"clone":    {flags("flags", arg.CloneFlags)},
	"clone3":   {flags("flags", arg.CloneFlags)}, // cl_args->flags
	"fork":     {},
	"unshare":  {flags("flags", arg.CloneFlags)},
	"vfork":    {},
	"execve":   {path("pathname"), argvDesc, envcDesc},
	"execveat": {path("pathname"), argvDesc, envcDesc, flags("flags", arg.AtFlags)},
}

func fd(name string) arg.Desc    { return arg.Make(name, arg.FD, arg.SlotFD, nil) }
func fd2(name string) arg.Desc   { return arg.Make(name, arg.FD, arg.SlotFD2, nil) }
func path(name string) arg.Desc  { return arg.Make(name, arg.Path, arg.SlotPath, nil) }
func path2(name string) arg.Desc { return arg.Make(name, arg.Path, arg.SlotPath2, nil) }
func str(name string) arg.Desc   { return arg.Make(name, arg.String, arg.SlotPath, nil) }
func str2(name string) arg.Desc  { return arg.Make(name, arg.String, arg.SlotPath2, nil) }
func off(name string) arg.Desc   { return arg.Make(name, arg.Offset, arg.SlotOffset, nil) }
func size(name string) arg.Desc  { return arg.Make(name, arg.Size, arg.SlotLen, nil) }
func text(name string) arg.Desc  { return arg.Make(name, arg.Struct, arg.SlotArgs, nil) }
func perm(name string) arg.Desc  { return arg.Make(name, arg.Perm, arg.SlotMode, nil) }

func flags(name string, set *arg.Set) arg.Desc { return arg.Make(name, arg.Flags, arg.SlotFlags, set) }
func enum(name string, set *arg.Set) arg.Desc  { return arg.Make(name, arg.Enum, arg.SlotFlags, set) }

// modeAs: an argument kept in Event.Mode that is not always a mode.
func modeAs(name string, t arg.Type, set *arg.Set) arg.Desc {
	return arg.Make(name, t, arg.SlotMode, set)
}

// openMode: open's mode, an argument only with O_CREAT or O_TMPFILE
// (the kernel ignores it otherwise).
var openMode = func() arg.Desc {
	d := perm("mode")
	d.Only = func(ev *event.Event) bool {
		return ev.Flags&unix.O_CREAT != 0 || ev.Flags&unix.O_TMPFILE == unix.O_TMPFILE
	}
	return d
}()

// protocol: socket's third argument, read from its register: this line
// is all it took to record it.
var protocol = arg.Make("protocol", arg.Enum, arg.SlotLen, arg.IPProto).At(2)

// optName: a socket option's name, whose names depend on the level.
var optName = func() arg.Desc {
	d := modeAs("optname", arg.Enum, nil)
	d.Pick = func(ev *event.Event) *arg.Desc {
		return &arg.Desc{Type: arg.Enum, Set: arg.SockOpts[ev.Flags]}
	}
	return d
}()

// fcntlArgDesc: fcntl's third argument, whose meaning is the command's;
// a lock command's struct flock as the kernel side read it (captures),
// or, unreadable, its address as the decoder wrote it.
var fcntlArgDesc = func() arg.Desc {
	d := modeAs("arg", arg.Int, nil)
	d.Pick = func(ev *event.Event) *arg.Desc {
		if FcntlLocks(ev.Flags) {
			if ev.Flock != nil {
				return &flockDesc
			}
			return &flockText
		}
		return FcntlArg(ev.Flags)
	}
	return d
}()

// flockDesc: a struct flock, by its fields (fcntl(2)).
var flockDesc = arg.Desc{Name: "arg", Type: arg.Struct, Reg: -1, Fields: []arg.Desc{
	flockField("l_type", arg.Enum, arg.LeaseType, func(l *event.Flock) int64 { return int64(l.Type) }),
	flockField("l_whence", arg.Enum, arg.Whence, func(l *event.Flock) int64 { return int64(l.Whence) }),
	flockField("l_start", arg.Offset, nil, func(l *event.Flock) int64 { return l.Start }),
	flockField("l_len", arg.Offset, nil, func(l *event.Flock) int64 { return l.Len }),
	flockField("l_pid", arg.Int, nil, func(l *event.Flock) int64 { return int64(l.PID) }),
}}

// flockText: a lock command's struct that could not be read: the
// address the decoder wrote into Args.
var flockText = arg.Desc{Name: "arg", Type: arg.Struct, Slot: arg.SlotArgs, Reg: -1}

func flockField(name string, t arg.Type, set *arg.Set, get func(*event.Flock) int64) arg.Desc {
	return arg.Desc{Name: name, Type: t, Set: set, Reg: -1, Wide: true,
		Get: func(ev *event.Event) arg.Value { return arg.Value{U: uint64(get(ev.Flock))} }}
}

// offIn, offOut: an offset a transfer was given by pointer, as the
// kernel read it at entry (captures); "?" when its pointer could not be
// read; absent when none was passed.
func offIn(name string) arg.Desc  { return offAt(name, 0) }
func offOut(name string) arg.Desc { return offAt(name, 1) }

// offAt: offset i (0: OffIn, 1: OffOut; OffState holds OffOut's bits 2
// above OffIn's).
func offAt(name string, i int) arg.Desc {
	shift := 2 * i
	return arg.Desc{Name: name, Type: arg.Offset, Reg: -1,
		Only: func(ev *event.Event) bool {
			return ev.OffState>>shift&(event.OffInSet|event.OffInFault) != 0
		},
		Get: func(ev *event.Event) arg.Value {
			v := ev.OffIn
			if i == 1 {
				v = ev.OffOut
			}
			return arg.Value{U: uint64(v), Unknown: ev.OffState>>shift&event.OffInSet == 0}
		}}
}

// argvDesc, envcDesc: execve's arguments as the kernel read them at
// entry (a cut list ends cut; "?" where an element could not be read),
// and envp's count ("?": unreadable; cut: more than event.EnvcMax).
var (
	argvDesc = arg.Desc{Name: "argv", Type: arg.StringList, Reg: -1,
		Only: func(ev *event.Event) bool { return ev.Argv != nil },
		Get: func(ev *event.Event) arg.Value {
			return arg.Value{List: ev.Argv, Cut: ev.ArgvCut, Unknown: ev.ArgvFault}
		}}
	envcDesc = arg.Desc{Name: "envc", Type: arg.Int, Reg: -1, Wide: true,
		Only: func(ev *event.Event) bool { return ev.Argv != nil },
		Get: func(ev *event.Event) arg.Value {
			return arg.Value{U: uint64(int64(ev.Envc)), Unknown: ev.Envc < 0, Cut: ev.EnvcCut}
		}}
)

var (
	fcntlNone  = (*arg.Desc)(nil)
	fcntlInt   = &arg.Desc{Type: arg.Int}
	fcntlAddr  = &arg.Desc{Type: arg.Addr}
	fcntlOpen  = &arg.Desc{Type: arg.Flags, Set: arg.OpenFlags}
	fcntlFD    = &arg.Desc{Type: arg.Flags, Set: arg.FDFlags}
	fcntlSig   = &arg.Desc{Type: arg.Signal}
	fcntlLease = &arg.Desc{Type: arg.Enum, Set: arg.LeaseType}
	fcntlSize  = &arg.Desc{Type: arg.Size}
	fcntlSeals = &arg.Desc{Type: arg.Flags, Set: arg.SealFlags}
	fcntlHex   = &arg.Desc{Type: arg.Flags}
)

// FcntlArg is the type of fcntl's argument for command cmd (fcntl(2)),
// nil for the commands that take none.
func FcntlArg(cmd uint64) *arg.Desc {
	switch cmd {
	case unix.F_GETFD, unix.F_GETFL, unix.F_GETOWN, unix.F_GETSIG, unix.F_GETLEASE, unix.F_GETPIPE_SZ, unix.F_GET_SEALS:
		return fcntlNone
	case unix.F_DUPFD, unix.F_DUPFD_CLOEXEC, unix.F_SETOWN:
		return fcntlInt // the lowest fd to use; a pid (negative: a process group)
	case unix.F_SETFD:
		return fcntlFD
	case unix.F_SETFL:
		return fcntlOpen
	case unix.F_SETSIG:
		return fcntlSig
	case unix.F_SETLEASE:
		return fcntlLease
	case unix.F_SETPIPE_SZ:
		return fcntlSize
	case unix.F_ADD_SEALS:
		return fcntlSeals
	case unix.F_GETLK, unix.F_SETLK, unix.F_SETLKW, unix.F_OFD_GETLK, unix.F_OFD_SETLK, unix.F_OFD_SETLKW,
		unix.F_GETOWN_EX, unix.F_SETOWN_EX, unix.F_GET_RW_HINT, unix.F_SET_RW_HINT, unix.F_GET_FILE_RW_HINT, unix.F_SET_FILE_RW_HINT:
		return fcntlAddr // a pointer to a struct
	}
	return fcntlHex // F_NOTIFY's DN_* bits; a command ior does not know
}

// fcntlResult: what a successful fcntl's result is, for the commands
// whose result is not a number (fcntl(2) RETURN VALUE).
func fcntlResult(ev *event.Event) *arg.Desc {
	switch ev.Flags {
	case unix.F_GETFL:
		return fcntlOpen
	case unix.F_GETFD:
		return fcntlFD
	case unix.F_GETSIG:
		return fcntlSig
	case unix.F_GETLEASE:
		return fcntlLease
	case unix.F_GET_SEALS:
		return fcntlSeals
	}
	return nil
}

// results names the result of the calls whose result is not a number.
var results = map[string]func(*event.Event) *arg.Desc{"fcntl": fcntlResult}

// applyArgs gives every spec its arguments and takes from them the
// positions the table does not already say. A position said both ways
// must agree: a mismatch is a broken table, found at start.
func applyArgs(table []Spec) {
	for i := range table {
		sp := &table[i]
		ds, ok := argTable[sp.Name]
		if !ok {
			panic("syscalls: no arguments described for " + sp.Name)
		}
		sp.ArgDescs, sp.Result = ds, results[sp.Name]
		for _, d := range ds {
			if d.Reg < 0 || d.Get != nil { // read from the event, not a register
				continue
			}
			var pos *int8
			switch d.Slot {
			case arg.SlotFD:
				pos = &sp.FD
			case arg.SlotFD2:
				pos = &sp.FD2
			case arg.SlotFlags:
				pos = &sp.Flags
			case arg.SlotMode:
				pos = &sp.Mode
			case arg.SlotOffset:
				pos = &sp.Offset
			case arg.SlotLen:
				pos = &sp.Len
				sp.LenInt = !d.Wide
			default:
				panic("syscalls: " + sp.Name + "." + d.Name + ": no register slot " + d.Slot.String())
			}
			if *pos != None && *pos != d.Reg {
				panic("syscalls: " + sp.Name + "." + d.Name + ": table and description disagree on its position")
			}
			*pos = d.Reg
			if d.Wide {
				sp.Wide |= 1 << d.Reg
			}
		}
	}
}

func init() { applyArgs(Table) }
