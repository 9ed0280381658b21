package syscalls

// The values the kernel side and the table share: the kernel side's enums
// as the table passes them (re-declared here by hand: #17 wants them in one
// leaf package that probe and this table both import), and the sizes of
// the structs it copies.

// What NewFDs says a call makes (probe.NewFDRet, probe.NewFDPair: the
// kernel side's enum ior_new_fds).
const (
	NewFDRet  = 1 // the return value is a new fd
	NewFDPair = 2 // the int[2] at Blob holds two new fds
	// NewFDTmpfile: an open whose flags (argument BlobArg) have O_TMPFILE
	// returns an unnamed file in its directory: the kernel side reads its
	// dentry's name (#INODE). NewFDIoctl: an ioctl whose request makes an
	// fd (a namespace's: NS_GET_USERNS, ...) returns it.
	NewFDTmpfile = 3
	NewFDIoctl   = 4
	// NewFDRights: recvmsg's SCM_RIGHTS fds (the first two); only files
	// without a path are named (pipes, sockets, memfds, ...).
	NewFDRights = 5
)

// What Filter says the kernel side records (probe.FilterMapFile,
// probe.FilterFileVMA: the kernel side's enum ior_filter). A filtered
// call's struct slot holds the identity of its mapping's file.
const (
	FilterMapFile = 1 // mmap: only mappings of a file (fd >= 0, not MAP_ANONYMOUS)
	FilterFileVMA = 2 // only calls whose address (argument 0) lies in a mapping of a file, or could not be looked at
	// FilterAIOSubmit is no filter: every io_submit is recorded, with
	// its iocbs read at enter into the struct slot.
	FilterAIOSubmit = 3
	// FilterAIOReap is no filter either: io_getevents' results are read
	// at exit, a record each.
	FilterAIOReap = 4
)

// How the kernel side reads a Copy struct (probe's enum ior_copy).
const (
	CopyEnter  = 1 // at enter, CopyLen's value: an input (connect's address)
	CopyExit   = 2 // at exit, CopyLen's value: filled in by the kernel (poll's revents)
	CopyValRes = 3 // at exit, no more than both *CopyLen at enter (the buffer) and at exit (the kernel's length) say
)

// Sizes of what a Copy struct's slot holds before the struct: the head
// (struct ior_copied: len, ulen) and a timeout.
const (
	CopiedHeadLen = 8
	TSLen         = 16
)

// Sizes of the struct arguments copied by the kernel side.
const (
	// struct file_handle: handle_bytes, handle_type, then up to
	// MAX_HANDLE_SZ (128) bytes of f_handle.
	FileHandleLen = 8 + 128
	// struct open_how: flags, mode, resolve (u64 each).
	OpenHowLen = 24
	// The flags at the start of struct clone_args.
	CloneArgsFlagsLen = 8
	// io_uring_register's argument: 62 fds of REGISTER_FILES, or a
	// struct io_uring_rsrc_register / io_uring_files_update.
	RegisterArgLen = 248
	// io_getevents' results (BlobEvents): as many struct io_event (32
	// bytes each) as it returned, up to 8 (the struct slot, 256 bytes);
	// the rest are counted lost.
	AIOEventsMax = 8
)

// What StrMax says of a string argument (probe.StrPath ...: the kernel
// side's enum ior_str_max).
const (
	StrPath  = 0 // a path: PATH_MAX (4096 bytes, NUL included)
	StrXattr = 1 // an xattr name: XATTR_NAME_MAX + 1 (256)
	StrMemfd = 2 // memfd_create's name: 250 (249 and a NUL)
)

// What BlobSize says (probe.BlobFixed ...: enum ior_blob_size).
const (
	BlobFixed         = 0
	BlobHandle        = 1
	BlobEvents        = 2
	BlobSized         = 3
	BlobURingRegister = 4
)

// What Capture says the kernel side reads (probe's enum ior_capture).
const (
	CaptureOffsets = 1 // the loff_t at CapArg[0] (the input's) and CapArg[1] (the output's), at enter
	CaptureFlock   = 2 // fcntl's struct flock at CapArg[0]: at enter, and at exit for a GETLK that succeeded
	CaptureArgv    = 3 // execve's argv at CapArg[0] and envp's count at CapArg[1], at enter
)

// Struct says what fills a record's struct slot: one kind per syscall
// (StructOf), passed to the kernel side (the desc's slot, probe's enum
// ior_struct, checked against these by a test) and read back by the
// decoder. Each kind has its own sizing: StructBlob by BlobSize (and
// BlobLen, BlobArg, BlobMin), StructCopy by Copy (CopyLen, CopyShift,
// TS, BlobLen), the others by their own structs.
type Struct uint8

const (
	StructNone         Struct = 0 // no struct slot
	StructBlob         Struct = 1 // Blob, copied at exit, BlobSize bytes
	StructCopy         Struct = 2 // Blob, sized by CopyLen (Copied)
	StructNewFiles     Struct = 3 // the fds the call made (NewFDs), named at exit
	StructNewFilesCopy Struct = 4 // accept: StructNewFiles, then StructCopy's
	StructMapFile      Struct = 5 // the file of the call's mapping (FilterMapFile, FilterFileVMA)
	StructOffsets      Struct = 6 // CaptureOffsets
	StructFlock        Struct = 7 // CaptureFlock
	StructKinds               = 8 // one past the last
)

// StructOf is what fills sp's struct slot. The order is the precedence
// the kernel side once wrote as a chain of ifs (and the decoder again):
// here alone.
func StructOf(sp *Spec) Struct {
	switch {
	case sp.NewFDs != 0 && sp.Copy != 0:
		return StructNewFilesCopy
	case sp.NewFDs != 0:
		return StructNewFiles
	case sp.Capture == CaptureOffsets:
		return StructOffsets
	case sp.Capture == CaptureFlock:
		return StructFlock
	case sp.Copy != 0:
		return StructCopy
	case sp.Filter == FilterMapFile || sp.Filter == FilterFileVMA:
		return StructMapFile
	case sp.Filter != 0:
		return StructNone // AIO: records of their own
	case sp.Blob != None:
		return StructBlob
	}
	return StructNone
}
