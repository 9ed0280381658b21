package probe

// How much of a string argument the kernel side reads (enum ior_str_max;
// bpf/ior.bpf.c): the kernel's own limit for that argument.
const (
	StrPath  = uint8(iorIorStrMaxIOR_STR_PATH)  // PATH_MAX
	StrXattr = uint8(iorIorStrMaxIOR_STR_XATTR) // XATTR_NAME_MAX + 1
	StrMemfd = uint8(iorIorStrMaxIOR_STR_MEMFD) // memfd_create's MFD_NAME_MAX_LEN + 1
)

// How many bytes of a struct argument the kernel side copies (enum
// ior_blob_size; bpf/copies.h): what the kernel read or wrote there.
const (
	BlobFixed         = uint8(iorIorBlobSizeIOR_BLOB_FIXED)          // BlobLen bytes
	BlobHandle        = uint8(iorIorBlobSizeIOR_BLOB_HANDLE)         // struct file_handle: header + handle_bytes
	BlobEvents        = uint8(iorIorBlobSizeIOR_BLOB_EVENTS)         // io_getevents: ret struct io_events
	BlobSized         = uint8(iorIorBlobSizeIOR_BLOB_SIZED)          // BlobLen bytes when the size argument is >= BlobMin
	BlobURingRegister = uint8(iorIorBlobSizeIOR_BLOB_URING_REGISTER) // io_uring_register: by opcode
)

// SlotKernel: a path read from the kernel's own copy (execve's, at the
// exec), not from the process's memory.
const SlotKernel = uint8(iorIorSlotStateIOR_SLOT_KERNEL)
