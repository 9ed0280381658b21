// Package abi is the kernel ABI ior relies on, in one leaf package:
// the values of ior's own kernel side (bpf/ior.h's enums and limits, the
// ones the Go side passes to it in the syscall descs or reads back), and
// Linux's own values and struct sizes that the user side decodes with.
// internal/syscalls (the table), internal/probe (the loader) and the
// decoding stages import it; it imports nothing.
//
// Every value is checked by abi_test.go against its definition: ior's
// against the BTF of the committed BPF object, Linux's against the
// running kernel's BTF (/sys/kernel/btf/vmlinux) or golang.org/x/sys/unix.
package abi

// ior's kernel side: what a desc's new_fds says a call makes (enum
// ior_new_fds).
const (
	NewFDRet  = 1 // the return value is a new fd
	NewFDPair = 2 // the int[2] at the struct argument holds two new fds
	// NewFDTmpfile: an open whose flags have O_TMPFILE returns an
	// unnamed file in its directory: the kernel side reads its dentry's
	// name (#INODE). NewFDIoctl: an ioctl whose request makes an fd (a
	// namespace's: NS_GET_USERNS, ...) returns it.
	NewFDTmpfile = 3
	NewFDIoctl   = 4
	// NewFDRights: recvmsg's SCM_RIGHTS fds (the first two); only files
	// without a path are named (pipes, sockets, memfds, ...).
	NewFDRights = 5
)

// What a desc's filter says the kernel side records (enum ior_filter).
const (
	FilterMapFile   = 1 // mmap: only mappings of a file
	FilterFileVMA   = 2 // only calls on an address in a mapping of a file, or one that could not be looked at
	FilterAIOSubmit = 3 // no filter: io_submit's iocbs are read at enter, a record each
	FilterAIOReap   = 4 // no filter: io_getevents' results are read at exit, a record each
)

// How a desc copy reads its struct (enum ior_copy).
const (
	CopyEnter  = 1 // at enter, the length argument's value: an input (connect's address)
	CopyExit   = 2 // at exit, the length argument's value: filled in by the kernel (poll's revents)
	CopyValRes = 3 // at exit, no more than both *len at enter (the buffer) and at exit (the kernel's length) say
)

// How much of a string argument the kernel side reads (enum ior_str_max).
const (
	StrPath  = 0 // a path: PATH_MAX
	StrXattr = 1 // an xattr name: XATTR_NAME_MAX + 1
	StrMemfd = 2 // memfd_create's name: MFD_NAME_MAX_LEN + 1
)

// How many bytes of a struct argument the kernel side copies (enum
// ior_blob_size).
const (
	BlobFixed         = 0 // the desc's blob_len
	BlobHandle        = 1 // a struct file_handle: its header, then handle_bytes
	BlobEvents        = 2 // io_getevents: ret struct io_events (as many as fit)
	BlobSized         = 3 // blob_len when the size argument is >= blob_min; else none
	BlobURingRegister = 4 // io_uring_register: by opcode, what the kernel reads
)

// ior's kernel side's limits (enum ior_limits) that the table sizes its
// structs by.
const (
	BlobMax       = 256 // IOR_BLOB_MAX: bytes kept of a struct argument
	TSLen         = 16  // IOR_TS_LEN: bytes of a timeout read at enter
	CopiedHeadLen = 8   // sizeof(struct ior_copied): len, ulen before a copied struct
	HandleMax     = 128 // IOR_HANDLE_MAX: MAX_HANDLE_SZ
)

// Linux: limits of string arguments.
const (
	PathMax      = 4096 // PATH_MAX, NUL included
	XattrNameMax = 255  // XATTR_NAME_MAX, NUL excluded
	// MfdNameMaxLen is memfd_create's limit (mm/memfd.c: NAME_MAX -
	// strlen("memfd:")), which the kernel publishes nowhere but its
	// source: not checked.
	MfdNameMaxLen = 249
	MaxHandleSz   = 128 // MAX_HANDLE_SZ: the most f_handle bytes open_by_handle_at takes
)

// Linux: sizes of the structs the user side reads.
const (
	FileHandleLen     = 8  // struct file_handle before f_handle: handle_bytes, handle_type
	OpenHowLen        = 24 // struct open_how: flags, mode, resolve
	IOEventLen        = 32 // struct io_event: data, obj, res, res2
	KernelTimespecLen = 16 // struct __kernel_timespec
)

// Linux: io_uring_register opcodes that change a ring's fixed-file table
// (enum io_uring_register_op), and IORING_FILE_INDEX_ALLOC, a direct
// descriptor slot that asks the kernel to pick one (a #define: not
// checked beyond its documented value, all ones).
const (
	IORingRegisterFiles        = 2
	IORingUnregisterFiles      = 3
	IORingRegisterFilesUpdate  = 6
	IORingRegisterFiles2       = 13
	IORingRegisterFilesUpdate2 = 14
	IORingFileIndexAlloc       = ^uint32(0)
)

// Linux: magic numbers of the file systems whose files have no path
// (include/uapi/linux/magic.h): their fds are named as /proc names them.
const (
	PipefsMagic    = 0x50495045
	SockfsMagic    = 0x534f434b
	AnonInodeMagic = 0x09041934
	PidfsMagic     = 0x50494446
	NsfsMagic      = 0x6e736673
	TmpfsMagic     = 0x01021994
	HugetlbfsMagic = 0x958458f6
	// Cgroup2Magic is cgroup2's (CGROUP2_SUPER_MAGIC): the probe checks
	// that a -cgroup path is one.
	Cgroup2Magic = 0x63677270
)
