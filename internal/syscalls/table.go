//go:build linux && amd64

// This file is the syscall table: one entry per syscall, family by
// family. Its building blocks are in blocks.go; the Spec type and what
// reads the table (look-ups, decoding) are in spec.go. (Past 350 lines:
// it is the table, one entry per syscall, and reads best whole.)

// Package syscalls describes every syscall ior traces: its number, which
// arguments are paths, dirfds, fds, flags and modes, and how it changes a
// process's fd table. The kernel side learns from this table which
// arguments to copy; the user side decodes events with it.
//
// Numbers are those of x86_64: ior supports linux/amd64 only for now
// (arch_other.go stops other builds with a message saying so).
package syscalls

import (
	"encoding/binary"
	"slices"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Table lists every traced syscall, family by family.
var Table = slices.Concat(
	family("file",
		s("open", unix.SYS_OPEN, func(sp *Spec) { path0(sp); sp.Flags = 1; createMode(sp, 2); tmpfile(sp, 1); sp.Effect = EffectOpen }),
		s("openat", unix.SYS_OPENAT, func(sp *Spec) { at(sp); sp.Flags = 2; createMode(sp, 3); tmpfile(sp, 2); sp.Effect = EffectOpen }),
		s("openat2", unix.SYS_OPENAT2, func(sp *Spec) {
			at(sp)
			// The kernel reads struct open_how only when its size (arg 3) is
			// at least OPEN_HOW_SIZE_VER0 (24), and then 24 bytes of it.
			sp.Blob, sp.BlobLen, sp.BlobSize, sp.BlobArg, sp.BlobMin = 2, OpenHowLen, BlobSized, 3, OpenHowLen
			sp.Effect = EffectOpen
			sp.Hook = func(_ *[6]uint64, how []byte, ev *event.Event) {
				if len(how) >= OpenHowLen { // struct open_how: flags, mode, resolve
					ev.Flags = binary.LittleEndian.Uint64(how[0:])
					ev.Mode = binary.LittleEndian.Uint64(how[8:])
				}
			}
		}),
		s("creat", unix.SYS_CREAT, func(sp *Spec) {
			path0(sp)
			umode(sp, 1)
			sp.Effect = EffectOpen
			sp.Hook = func(_ *[6]uint64, _ []byte, ev *event.Event) { ev.Flags = unix.O_CREAT | unix.O_WRONLY | unix.O_TRUNC }
		}),
		s("name_to_handle_at", unix.SYS_NAME_TO_HANDLE_AT, func(sp *Spec) {
			at(sp)
			sp.Flags = 4
			sp.Blob, sp.BlobLen, sp.BlobSize = 2, FileHandleLen, BlobHandle
			sp.Effect = EffectNameToHandle
		}),
		s("open_by_handle_at", unix.SYS_OPEN_BY_HANDLE_AT, func(sp *Spec) {
			sp.Flags = 2
			sp.Blob, sp.BlobLen, sp.BlobSize = 1, FileHandleLen, BlobHandle
			sp.Effect = EffectOpenByHandle
		}),
		s("close", unix.SYS_CLOSE, func(sp *Spec) { fdOp(sp); sp.Effect = EffectClose }),
		s("close_range", unix.SYS_CLOSE_RANGE, func(sp *Spec) { sp.FD = 0; sp.FD2 = 1; sp.Flags = 2; sp.Effect = EffectCloseRange }),
	),
	family("fd",
		s("dup", unix.SYS_DUP, func(sp *Spec) { fdOp(sp); sp.Effect = EffectDup }),
		s("dup2", unix.SYS_DUP2, func(sp *Spec) { sp.FD = 0; sp.FD2 = 1; sp.Effect = EffectDupTo }),
		s("dup3", unix.SYS_DUP3, func(sp *Spec) { sp.FD = 0; sp.FD2 = 1; sp.Flags = 2; sp.Effect = EffectDupTo }),
		// fcntl: Flags carries the command, Mode its argument.
		s("fcntl", unix.SYS_FCNTL, fcntlSpec),
	),
	family("rw",
		s("read", unix.SYS_READ, func(sp *Spec) { rw(sp); sp.Len = 2 }),
		s("write", unix.SYS_WRITE, func(sp *Spec) { rw(sp); sp.Len = 2 }),
		s("pread64", unix.SYS_PREAD64, func(sp *Spec) { rw(sp); sp.Offset = 3; sp.Len = 2 }),
		s("pwrite64", unix.SYS_PWRITE64, func(sp *Spec) { rw(sp); sp.Offset = 3; sp.Len = 2 }),
		s("readv", unix.SYS_READV, rw),
		s("writev", unix.SYS_WRITEV, rw),
		s("preadv", unix.SYS_PREADV, func(sp *Spec) { rw(sp); sp.Offset = 3 }),
		s("pwritev", unix.SYS_PWRITEV, func(sp *Spec) { rw(sp); sp.Offset = 3 }),
		s("preadv2", unix.SYS_PREADV2, func(sp *Spec) { rw(sp); sp.Flags = 5; sp.Offset = 3 }),
		s("pwritev2", unix.SYS_PWRITEV2, func(sp *Spec) { rw(sp); sp.Flags = 5; sp.Offset = 3 }),
		// transfer: positioning and in-kernel copies. Offsets and lengths are
		// not recorded yet; where an offset is passed by pointer (sendfile64,
		// splice, copy_file_range) the kernel reads it at entry and writes the
		// advanced value back at exit.
		// lseek: Flags carries whence; ret is the new file offset, not bytes.
		s("lseek", unix.SYS_LSEEK, func(sp *Spec) { fdOp(sp); sp.Flags = 2; sp.Offset = 1 }),
	),
	family("transfer",
		// In-kernel copies name both files: FD and Path the input, FD2
		// and Path2 the output. Where an offset is passed by pointer
		// (sendfile64, splice, copy_file_range) the kernel reads it at
		// entry (OffIn, OffOut: captured then) and writes the advanced
		// value back at exit.
		// sendfile64(out_fd, in_fd, *offset, count): the offset is the input's.
		s("sendfile64", unix.SYS_SENDFILE, func(sp *Spec) { transfer(sp, 1, 0, 2, None); sp.Len = 3 }),
		// splice(fd_in, *off_in, fd_out, *off_out, len, flags)
		s("splice", unix.SYS_SPLICE, func(sp *Spec) { transfer(sp, 0, 2, 1, 3); sp.Flags = 5; sp.Len = 4 }),
		// tee(fd_in, fd_out, len, flags): both ends are pipes.
		s("tee", unix.SYS_TEE, func(sp *Spec) { transfer(sp, 0, 1, None, None); sp.Flags = 3; sp.Len = 2 }),
		// vmsplice(fd, iov, nr_segs, flags): fd is a pipe.
		s("vmsplice", unix.SYS_VMSPLICE, func(sp *Spec) { rw(sp); sp.Flags = 3 }),
		// copy_file_range(fd_in, *off_in, fd_out, *off_out, len, flags)
		s("copy_file_range", unix.SYS_COPY_FILE_RANGE, func(sp *Spec) { transfer(sp, 0, 2, 1, 3); sp.Flags = 5; sp.Len = 4 }),
	),
	family("space",
		s("truncate", unix.SYS_TRUNCATE, func(sp *Spec) { path0(sp); sp.Len = 1 }),
		s("ftruncate", unix.SYS_FTRUNCATE, func(sp *Spec) { fdOp(sp); sp.Len = 1 }),
		// fallocate(fd, mode, offset, len): the mode is FALLOC_FL_* bits, so
		// it goes in Flags.
		s("fallocate", unix.SYS_FALLOCATE, func(sp *Spec) { fdOp(sp); sp.Flags = 1; sp.Offset = 2; sp.Len = 3 }),
	),
	family("cache",
		s("fsync", unix.SYS_FSYNC, fdOp),
		s("fdatasync", unix.SYS_FDATASYNC, fdOp),
		s("sync", unix.SYS_SYNC, nil),
		s("syncfs", unix.SYS_SYNCFS, fdOp),
		s("sync_file_range", unix.SYS_SYNC_FILE_RANGE, func(sp *Spec) { fdOp(sp); sp.Flags = 3; sp.Offset = 1; sp.Len = 2 }),
		// fadvise64(fd, offset, len, advice): Flags carries the advice.
		s("fadvise64", unix.SYS_FADVISE64, func(sp *Spec) { fdOp(sp); sp.Flags = 3; sp.Offset = 1; sp.Len = 2 }),
		// readahead(fd, offset, count)
		s("readahead", unix.SYS_READAHEAD, func(sp *Spec) { fdOp(sp); sp.Offset = 1; sp.Len = 2 }),
	),
	family("mapping",
		// Mappings of files only: the kernel side leaves out anonymous
		// memory (an mmap with MAP_ANONYMOUS or without an fd; a munmap,
		// msync or mremap whose address is not in a file's mapping),
		// which programs map and unmap all the time. ret of mmap and
		// mremap is an address. Mode carries mmap's prot (PROT_*) and
		// mremap's new length; Len the length (mremap's old one). The
		// addresses passed are not recorded (they differ on every run):
		// munmap, msync and mremap name their mapping's file instead.
		s("mmap", unix.SYS_MMAP, func(sp *Spec) {
			sp.FD, sp.Len, sp.Mode, sp.Flags, sp.Offset = 4, 1, 2, 3, 5
			sp.Wide = 1<<1 | 1<<2 | 1<<3 | 1<<5
			sp.Filter, sp.Addr, sp.Effect = FilterMapFile, true, EffectMapFile
		}),
		s("munmap", unix.SYS_MUNMAP, func(sp *Spec) { onMapping(sp); sp.Len = 1 }),
		s("msync", unix.SYS_MSYNC, func(sp *Spec) { onMapping(sp); sp.Len, sp.Flags = 1, 2 }),
		// mremap(addr, old_len, new_len, flags, new_addr)
		s("mremap", unix.SYS_MREMAP, func(sp *Spec) {
			onMapping(sp)
			sp.Len, sp.Mode, sp.Flags = 1, 2, 3
			sp.Wide |= 1<<2 | 1<<3
			sp.Addr = true
		}),
	),
	family("path",
		s("rename", unix.SYS_RENAME, func(sp *Spec) { sp.Path = [2]int8{0, 1} }),
		s("renameat", unix.SYS_RENAMEAT, func(sp *Spec) { sp.Path = [2]int8{1, 3}; sp.Dir = [2]int8{0, 2} }),
		s("renameat2", unix.SYS_RENAMEAT2, func(sp *Spec) { sp.Path = [2]int8{1, 3}; sp.Dir = [2]int8{0, 2}; sp.Flags = 4 }),
		s("link", unix.SYS_LINK, func(sp *Spec) { sp.Path = [2]int8{0, 1} }),
		s("linkat", unix.SYS_LINKAT, func(sp *Spec) {
			sp.Path = [2]int8{1, 3}
			sp.Dir = [2]int8{0, 2}
			sp.Flags = 4
			sp.Effect = EffectLinkFD
		}),
		// symlink: Path[0] is the link's target text, Path[1] the new link.
		s("symlink", unix.SYS_SYMLINK, func(sp *Spec) { sp.Path = [2]int8{0, 1}; sp.Dir = [2]int8{Raw, None} }),
		s("symlinkat", unix.SYS_SYMLINKAT, func(sp *Spec) { sp.Path = [2]int8{0, 2}; sp.Dir = [2]int8{Raw, 1} }),
		s("readlink", unix.SYS_READLINK, func(sp *Spec) { path0(sp); sp.Bytes = true; sp.Len = 2; sp.LenInt = true }),
		s("readlinkat", unix.SYS_READLINKAT, func(sp *Spec) { at(sp); sp.Bytes = true; sp.Len = 3; sp.LenInt = true }),
		s("unlink", unix.SYS_UNLINK, path0),
		s("unlinkat", unix.SYS_UNLINKAT, func(sp *Spec) { at(sp); sp.Flags = 2 }),
	),
	family("dir",
		s("mkdir", unix.SYS_MKDIR, func(sp *Spec) { path0(sp); umode(sp, 1) }),
		s("mkdirat", unix.SYS_MKDIRAT, func(sp *Spec) { at(sp); umode(sp, 2) }),
		s("rmdir", unix.SYS_RMDIR, path0),
		s("chdir", unix.SYS_CHDIR, func(sp *Spec) { path0(sp); sp.Effect = EffectChdir }),
		s("fchdir", unix.SYS_FCHDIR, func(sp *Spec) { fdOp(sp); sp.Effect = EffectFchdir }),
		// chroot and pivot_root change the root that absolute paths
		// start from: the kernel side reads it (task->fs) at each call.
		s("chroot", unix.SYS_CHROOT, path0),
		s("pivot_root", unix.SYS_PIVOT_ROOT, func(sp *Spec) { sp.Path = [2]int8{0, 1} }),
		// getcwd(buf, size): ret is the length of the path written to buf,
		// with its NUL.
		s("getcwd", unix.SYS_GETCWD, func(sp *Spec) { sp.Bytes = true; sp.Len = 1 }),
		s("getdents64", unix.SYS_GETDENTS64, func(sp *Spec) { rw(sp); sp.Len = 2; sp.LenInt = true }),
		// getdents: the legacy struct linux_dirent variant of getdents64.
		s("getdents", unix.SYS_GETDENTS, func(sp *Spec) { rw(sp); sp.Len = 2; sp.LenInt = true }),
	),
	family("stat",
		s("newstat", unix.SYS_STAT, path0),
		s("newfstat", unix.SYS_FSTAT, fdOp),
		s("newlstat", unix.SYS_LSTAT, path0),
		s("newfstatat", unix.SYS_NEWFSTATAT, func(sp *Spec) { at(sp); sp.Flags = 3 }),
		// statx: Mode carries the field mask.
		s("statx", unix.SYS_STATX, func(sp *Spec) { at(sp); sp.Flags = 2; sp.Mode = 3 }),
		s("access", unix.SYS_ACCESS, func(sp *Spec) { path0(sp); sp.Mode = 1 }),
		s("faccessat", unix.SYS_FACCESSAT, func(sp *Spec) { at(sp); sp.Mode = 2 }),
		s("faccessat2", unix.SYS_FACCESSAT2, func(sp *Spec) { at(sp); sp.Mode = 2; sp.Flags = 3 }),
		s("statfs", unix.SYS_STATFS, path0),
		s("fstatfs", unix.SYS_FSTATFS, fdOp),
	),
	family("meta",
		// Owners (uid, gid), times and device numbers are not recorded.
		s("chmod", unix.SYS_CHMOD, func(sp *Spec) { path0(sp); umode(sp, 1) }),
		s("fchmod", unix.SYS_FCHMOD, func(sp *Spec) { fdOp(sp); umode(sp, 1) }),
		s("fchmodat", unix.SYS_FCHMODAT, func(sp *Spec) { at(sp); umode(sp, 2) }),
		s("fchmodat2", unix.SYS_FCHMODAT2, func(sp *Spec) { at(sp); umode(sp, 2); sp.Flags = 3 }),
		s("chown", unix.SYS_CHOWN, path0),
		s("fchown", unix.SYS_FCHOWN, fdOp),
		s("lchown", unix.SYS_LCHOWN, path0),
		s("fchownat", unix.SYS_FCHOWNAT, func(sp *Spec) { at(sp); sp.Flags = 4 }),
		s("utime", unix.SYS_UTIME, path0),
		s("utimes", unix.SYS_UTIMES, path0),
		s("futimesat", unix.SYS_FUTIMESAT, at),
		s("utimensat", unix.SYS_UTIMENSAT, func(sp *Spec) { at(sp); sp.Flags = 3 }),
		// mknod: Mode carries the file type and permissions.
		s("mknod", unix.SYS_MKNOD, func(sp *Spec) { path0(sp); umode(sp, 1) }),
		s("mknodat", unix.SYS_MKNODAT, func(sp *Spec) { at(sp); umode(sp, 2) }),
	),
	family("xattr",
		// The attribute name is a string that is not a path, recorded as the
		// second string (Path2). The f* forms record only the fd: the kernel
		// side fills slots in order, so a name without a path before it
		// cannot be copied yet. setxattrat/getxattrat carry the value, size
		// and XATTR_* flags in a struct xattr_args (arg 4), not copied: both
		// slots hold strings. Flags of the *at forms are the AT_* flags.
		s("setxattr", unix.SYS_SETXATTR, func(sp *Spec) { xattrName(sp); sp.Flags = 4; sp.Len = 3 }),
		s("lsetxattr", unix.SYS_LSETXATTR, func(sp *Spec) { xattrName(sp); sp.Flags = 4; sp.Len = 3 }),
		s("fsetxattr", unix.SYS_FSETXATTR, func(sp *Spec) { fdOp(sp); sp.Flags = 4; sp.Len = 3 }),
		s("getxattr", unix.SYS_GETXATTR, func(sp *Spec) { xattrName(sp); sp.Bytes = true; sp.Len = 3 }),
		s("lgetxattr", unix.SYS_LGETXATTR, func(sp *Spec) { xattrName(sp); sp.Bytes = true; sp.Len = 3 }),
		s("fgetxattr", unix.SYS_FGETXATTR, func(sp *Spec) { rw(sp); sp.Len = 3 }),
		s("listxattr", unix.SYS_LISTXATTR, func(sp *Spec) { path0(sp); sp.Bytes = true; sp.Len = 2 }),
		s("llistxattr", unix.SYS_LLISTXATTR, func(sp *Spec) { path0(sp); sp.Bytes = true; sp.Len = 2 }),
		s("flistxattr", unix.SYS_FLISTXATTR, func(sp *Spec) { rw(sp); sp.Len = 2 }),
		s("removexattr", unix.SYS_REMOVEXATTR, xattrName),
		s("lremovexattr", unix.SYS_LREMOVEXATTR, xattrName),
		s("fremovexattr", unix.SYS_FREMOVEXATTR, fdOp),
		s("setxattrat", unix.SYS_SETXATTRAT, func(sp *Spec) { xattrAtName(sp); sp.Flags = 2 }),
		s("getxattrat", unix.SYS_GETXATTRAT, func(sp *Spec) { xattrAtName(sp); sp.Flags = 2; sp.Bytes = true }),
		s("listxattrat", unix.SYS_LISTXATTRAT, func(sp *Spec) { at(sp); sp.Flags = 2; sp.Bytes = true; sp.Len = 4 }),
		s("removexattrat", unix.SYS_REMOVEXATTRAT, func(sp *Spec) { xattrAtName(sp); sp.Flags = 2 }),
	),
	family("lock",
		// Flags carries flock's operation (LOCK_*). fcntl's lock commands
		// are traced by the fcntl entry above.
		s("flock", unix.SYS_FLOCK, func(sp *Spec) { fdOp(sp); sp.Flags = 1 }),
	),
	family("ioctl",
		// ioctl: Flags carries the request; its argument is often a pointer
		// and is not recorded. A request that makes an fd (a namespace's:
		// NS_GET_USERNS, ...; always close-on-exec) returns it: FD2 and
		// Path2 name it, as the kernel does (user:[INODE]).
		s("ioctl", unix.SYS_IOCTL, ioctlSpec),
	),
	family("aio",
		// Linux AIO. The context id is an address, not an fd, and differs
		// between runs: not recorded. Mode carries the count of events or
		// iocbs, Flags io_getevents' min_nr. The iocbs (fd, opcode, buffer,
		// length, offset each) are user memory behind an array of pointers,
		// not copied; rets count iocbs or events, not bytes.
		s("io_setup", unix.SYS_IO_SETUP, func(sp *Spec) { sp.Mode = 0 }),
		s("io_destroy", unix.SYS_IO_DESTROY, func(sp *Spec) { sp.Effect = EffectAIODestroy }),
		s("io_submit", unix.SYS_IO_SUBMIT, func(sp *Spec) {
			sp.Mode, sp.Wide, sp.Filter, sp.Effect = 1, 1<<1, FilterAIOSubmit, EffectAIOSubmit
		}),
		s("io_cancel", unix.SYS_IO_CANCEL, nil),
		s("io_getevents", unix.SYS_IO_GETEVENTS, getevents),
		s("io_pgetevents", unix.SYS_IO_PGETEVENTS, getevents),
	),
	family("io_uring",
		// io_uring_setup: the kernel side reads the new fd's file, for
		// the ring its requests name (NewFDs), and after it the input
		// part of struct io_uring_params, read at enter (Args).
		s("io_uring_setup", unix.SYS_IO_URING_SETUP, func(sp *Spec) {
			sp.Effect = EffectIOUringSetup
			sp.NewFDs = NewFDRet
			sp.Copy, sp.Blob, sp.BlobLen, sp.Args = CopyEnter, 1, URingParamsInLen, uringParams
		}),
		// io_uring_enter: returns the number of SQEs consumed, not bytes.
		s("io_uring_enter", unix.SYS_IO_URING_ENTER, func(sp *Spec) { fdOp(sp); sp.Flags = 3 }),
		// io_uring_register: Flags carries the opcode, Mode nr_args;
		// the argument is copied (REGISTER_FILES' fds, up to 62 of them,
		// name the ring's fixed-file slots).
		s("io_uring_register", unix.SYS_IO_URING_REGISTER, func(sp *Spec) {
			fdOp(sp)
			sp.Effect, sp.Flags, sp.Mode, sp.Blob, sp.BlobLen = EffectIOUringRegister, 1, 3, 2, RegisterArgLen
			sp.BlobSize = BlobURingRegister // what the opcode reads: nr_args fds, a 16- or 32-byte struct
		}),
	),
	family("net",
		// Socket data. The fd's name (socket:[INODE]) comes from the call
		// that made it. sendto/recvfrom: Len is the buffer's size, ret
		// the bytes; sendmsg/recvmsg: the bytes of all the message's
		// buffers; sendmmsg/recvmmsg: ret counts messages, Len is how
		// many were offered. Flags carries the MSG_* flags.
		s("sendto", unix.SYS_SENDTO, func(sp *Spec) { rw(sp); sp.Len = 2; sp.Flags = 3 }),
		s("recvfrom", unix.SYS_RECVFROM, func(sp *Spec) { rw(sp); sp.Len = 2; sp.Flags = 3 }),
		s("sendmsg", unix.SYS_SENDMSG, func(sp *Spec) { rw(sp); sp.Flags = 2 }),
		// recvmsg: fds an SCM_RIGHTS message brought (the first two) are
		// FD2 and Path2 (the second only installed), named by the kernel
		// side when they have no path, else unknown.
		s("recvmsg", unix.SYS_RECVMSG, recvmsgSpec),
		s("sendmmsg", unix.SYS_SENDMMSG, func(sp *Spec) { fdOp(sp); sp.Len = 2; sp.LenInt = true; sp.Flags = 3 }),
		s("recvmmsg", unix.SYS_RECVMMSG, func(sp *Spec) { fdOp(sp); sp.Len = 2; sp.LenInt = true; sp.Flags = 3 }),
	),
	socketTable, // net's control calls, then wait and inotify: table_sockets.go
	family("newfd",
		// Calls that make fds with no path. The kernel side names each new
		// fd at exit as /proc does (pipe:[INODE], socket:[INODE],
		// anon_inode:[eventfd], /memfd:NAME (deleted)): Path (and Path2 for
		// a pair) carries the name, FD (and FD2) the fd. socket and
		// socketpair: Mode carries the domain, Flags the type.
		s("pipe", unix.SYS_PIPE, func(sp *Spec) { pair(sp, 0) }),
		s("pipe2", unix.SYS_PIPE2, func(sp *Spec) { pair(sp, 0); sp.Flags = 1 }),
		s("socket", unix.SYS_SOCKET, func(sp *Spec) { newFD(sp); sp.Mode = 0; sp.Flags = 1 }),
		s("socketpair", unix.SYS_SOCKETPAIR, func(sp *Spec) { pair(sp, 3); sp.Mode = 0; sp.Flags = 1 }),
		// accept: FD is the listening socket, FD2 and Path2 the new one.
		// Args: the peer's address, when a buffer was given.
		s("accept", unix.SYS_ACCEPT, func(sp *Spec) { newFD(sp); sockaddrOut(sp) }),
		s("accept4", unix.SYS_ACCEPT4, func(sp *Spec) { newFD(sp); sockaddrOut(sp); sp.Flags = 3 }),
		s("eventfd", unix.SYS_EVENTFD, func(sp *Spec) { newFD(sp); sp.Cloexec = NoCloexecFlag }),
		s("eventfd2", unix.SYS_EVENTFD2, func(sp *Spec) { newFD(sp); sp.Flags = 1 }),
		s("memfd_create", unix.SYS_MEMFD_CREATE, func(sp *Spec) {
			newFD(sp)
			sp.Path[0], sp.Dir[0], sp.StrMax[0] = 0, Raw, StrMemfd // the name, as given
			sp.Flags, sp.Cloexec = 1, unix.MFD_CLOEXEC
		}),
		s("epoll_create", unix.SYS_EPOLL_CREATE, func(sp *Spec) { newFD(sp); sp.Cloexec = NoCloexecFlag }),
		s("epoll_create1", unix.SYS_EPOLL_CREATE1, func(sp *Spec) { newFD(sp); sp.Flags = 0 }),
		s("timerfd_create", unix.SYS_TIMERFD_CREATE, func(sp *Spec) { newFD(sp); sp.Flags = 1 }),
		// signalfd4(fd, mask, size, flags): fd -1 makes a new one.
		s("signalfd4", unix.SYS_SIGNALFD4, func(sp *Spec) { newFD(sp); sp.Flags = 3 }),
		s("inotify_init", unix.SYS_INOTIFY_INIT, func(sp *Spec) { newFD(sp); sp.Cloexec = NoCloexecFlag }),
		s("inotify_init1", unix.SYS_INOTIFY_INIT1, func(sp *Spec) { newFD(sp); sp.Flags = 0 }),
		s("fanotify_init", unix.SYS_FANOTIFY_INIT, func(sp *Spec) { newFD(sp); sp.Flags, sp.Cloexec = 0, unix.FAN_CLOEXEC }),
		// pidfd_open: pidfds are always close-on-exec.
		s("pidfd_open", unix.SYS_PIDFD_OPEN, func(sp *Spec) { newFD(sp); sp.Flags, sp.Cloexec = 1, AlwaysCloexec }),
		s("userfaultfd", unix.SYS_USERFAULTFD, func(sp *Spec) { newFD(sp); sp.Flags = 0 }),
	),
	family("process",
		// What a reader needs to rebuild the process tree. ret is the new
		// task's id (in the parent); Flags carries the clone flags. A
		// traced child is followed from its first instruction whatever
		// made it; fd tables are copied or shared as the scheduler's fork
		// hook says, and an exec drops close-on-exec fds.
		s("clone", unix.SYS_CLONE, func(sp *Spec) { sp.Flags = 0; sp.Wide = 1 << 0; sp.Effect = EffectNewTask }),
		s("clone3", unix.SYS_CLONE3, func(sp *Spec) {
			sp.Effect = EffectNewTask
			// The kernel reads struct clone_args only when its size (arg 1)
			// is at least CLONE_ARGS_SIZE_VER0 (64).
			sp.Blob, sp.BlobLen, sp.BlobSize, sp.BlobArg, sp.BlobMin = 0, CloneArgsFlagsLen, BlobSized, 1, 64
			sp.Hook = func(_ *[6]uint64, args []byte, ev *event.Event) {
				if len(args) >= CloneArgsFlagsLen { // struct clone_args starts with flags
					ev.Flags = binary.LittleEndian.Uint64(args)
				}
			}
		}),
		s("fork", unix.SYS_FORK, func(sp *Spec) { sp.Effect = EffectNewTask }),
		// unshare(CLONE_FS) gives the thread a cwd and root of its own,
		// CLONE_FILES an fd table: the kernel side reads both per call.
		s("unshare", unix.SYS_UNSHARE, func(sp *Spec) { sp.Flags = 0 }),
		s("vfork", unix.SYS_VFORK, func(sp *Spec) { sp.Effect = EffectNewTask }),
		// argv and envp's count are read at entry (Event.Argv, Envc).
		s("execve", unix.SYS_EXECVE, func(sp *Spec) {
			path0(sp)
			sp.Exec, sp.Capture, sp.CapArg = true, CaptureArgv, [2]int8{1, 2}
		}),
		s("execveat", unix.SYS_EXECVEAT, func(sp *Spec) {
			at(sp)
			sp.Flags = 4
			sp.Exec, sp.Capture, sp.CapArg = true, CaptureArgv, [2]int8{2, 3}
		}),
	),
)

// Cloexec values that are not a bit of Flags.
const (
	NoCloexecFlag = ^uint64(0) - 1 // the call has no close-on-exec flag
	AlwaysCloexec = ^uint64(0)     // its fds are always close-on-exec
)
