package live

import "strings"

// Dir is which way a call's bytes went.
type Dir uint8

const (
	Neither Dir = iota // no bytes, or both ways (copy_file_range, splice, ...)
	Read
	Write
)

// reads and writes name the syscalls whose byte count is data read from
// or written to their file; calls that move bytes between two files are
// in neither.
var (
	reads  = set("read", "pread64", "readv", "preadv", "preadv2", "recvfrom", "recvmsg", "recvmmsg", "getdents64", "getdents", "readlink", "readlinkat", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr")
	writes = set("write", "pwrite64", "writev", "pwritev", "pwritev2", "sendto", "sendmsg", "sendmmsg")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Direction says whether a syscall's or request's bytes were read or
// written: io_uring and AIO requests by their op's name (READ, READV,
// READ_FIXED, RECV, PREAD, ... and WRITE, SEND, PWRITE, ...).
func Direction(syscall string) Dir {
	if i := strings.IndexByte(syscall, ':'); i >= 0 {
		op := syscall[i+1:]
		switch {
		case strings.HasPrefix(op, "READ"), strings.HasPrefix(op, "RECV"), strings.HasPrefix(op, "PREAD"):
			return Read
		case strings.HasPrefix(op, "WRITE"), strings.HasPrefix(op, "SEND"), strings.HasPrefix(op, "PWRITE"):
			return Write
		}
		return Neither
	}
	switch {
	case reads[syscall]:
		return Read
	case writes[syscall]:
		return Write
	}
	return Neither
}
