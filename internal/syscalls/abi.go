package syscalls

import "github.com/ior-tracer/ior/internal/abi"

// The values the kernel side and the table share, from internal/abi
// (where each is checked against its definition), under the names the
// table uses; and the sizes of the structs it copies.

// What NewFDs says a call makes (the kernel side's enum ior_new_fds).
const (
	NewFDRet  = abi.NewFDRet  // the return value is a new fd
	NewFDPair = abi.NewFDPair // the int[2] at Blob holds two new fds
	// NewFDTmpfile: an open whose flags (argument BlobArg) have O_TMPFILE
	// returns an unnamed file in its directory: the kernel side reads its
	// dentry's name (#INODE). NewFDIoctl: an ioctl whose request makes an
	// fd (a namespace's: NS_GET_USERNS, ...) returns it.
	NewFDTmpfile = abi.NewFDTmpfile
	NewFDIoctl   = abi.NewFDIoctl
	// NewFDRights: recvmsg's SCM_RIGHTS fds (the first two); only files
	// without a path are named (pipes, sockets, memfds, ...).
	NewFDRights = abi.NewFDRights
)

// What Filter says the kernel side records (enum ior_filter). A filtered
// call's struct slot holds the identity of its mapping's file.
const (
	FilterMapFile = abi.FilterMapFile // mmap: only mappings of a file (fd >= 0, not MAP_ANONYMOUS)
	FilterFileVMA = abi.FilterFileVMA // only calls whose address (argument 0) lies in a mapping of a file, or could not be looked at
	// FilterAIOSubmit is no filter: every io_submit is recorded, with
	// its iocbs read at enter into the struct slot.
	FilterAIOSubmit = abi.FilterAIOSubmit
	// FilterAIOReap is no filter either: io_getevents' results are read
	// at exit, a record each.
	FilterAIOReap = abi.FilterAIOReap
)

// How the kernel side reads a Copy struct (enum ior_copy).
const (
	CopyEnter  = abi.CopyEnter  // at enter, CopyLen's value: an input (connect's address)
	CopyExit   = abi.CopyExit   // at exit, CopyLen's value: filled in by the kernel (poll's revents)
	CopyValRes = abi.CopyValRes // at exit, no more than both *CopyLen at enter (the buffer) and at exit (the kernel's length) say
)

// Sizes of what a Copy struct's slot holds before the struct: the head
// (struct ior_copied: len, ulen) and a timeout.
const (
	CopiedHeadLen = abi.CopiedHeadLen
	TSLen         = abi.TSLen
)

// Sizes of the struct arguments copied by the kernel side.
const (
	// struct file_handle: handle_bytes, handle_type, then up to
	// MAX_HANDLE_SZ bytes of f_handle.
	FileHandleLen = abi.FileHandleLen + abi.MaxHandleSz
	// struct open_how: flags, mode, resolve (u64 each).
	OpenHowLen = abi.OpenHowLen
	// The flags at the start of struct clone_args (a u64).
	CloneArgsFlagsLen = 8
	// io_uring_register's argument: 62 fds of REGISTER_FILES, or a
	// struct io_uring_rsrc_register / io_uring_files_update.
	RegisterArgLen = 248
	// io_getevents' results (BlobEvents): as many struct io_event as it
	// returned, up to what the struct slot holds (8); the rest are
	// counted lost.
	AIOEventsMax = abi.BlobMax / abi.IOEventLen
)

// What StrMax says of a string argument (enum ior_str_max).
const (
	StrPath  = abi.StrPath  // a path: PATH_MAX (4096 bytes, NUL included)
	StrXattr = abi.StrXattr // an xattr name: XATTR_NAME_MAX + 1 (256)
	StrMemfd = abi.StrMemfd // memfd_create's name: 250 (249 and a NUL)
)

// What BlobSize says (enum ior_blob_size).
const (
	BlobFixed         = abi.BlobFixed
	BlobHandle        = abi.BlobHandle
	BlobEvents        = abi.BlobEvents
	BlobSized         = abi.BlobSized
	BlobURingRegister = abi.BlobURingRegister
)
