package probe

// The struct slot of a call that made fds (accept, open, pipe,
// socketpair, a received SCM_RIGHTS, ...): their numbers and what the
// kernel side read of each file, named here for the ones without a path.

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/ior-tracer/ior/internal/abi"
)

// Which fds a call makes for the kernel side to name (enum ior_new_fds).
const (
	NewFDRet  = uint8(iorIorNewFdsIOR_NEW_FD_RET)  // the return value
	NewFDPair = uint8(iorIorNewFdsIOR_NEW_FD_PAIR) // an int[2] at the struct argument
	// NewFDTmpfile: the return value of an open with O_TMPFILE (its
	// flags in the desc's blob_arg); NewFDIoctl: the return value of an
	// ioctl whose request makes an fd (NS_GET_USERNS, ...).
	NewFDTmpfile = uint8(iorIorNewFdsIOR_NEW_FD_TMPFILE)
	NewFDIoctl   = uint8(iorIorNewFdsIOR_NEW_FD_IOCTL)
	// NewFDRights: the fds an SCM_RIGHTS message brought to recvmsg (the
	// first two).
	NewFDRights = uint8(iorIorNewFdsIOR_NEW_FD_RIGHTS)
)

// File system magic numbers of the files that have no path: their fds
// are named as /proc names them.
const (
	pipefsMagic    = abi.PipefsMagic
	sockfsMagic    = abi.SockfsMagic
	anonInodeMagic = abi.AnonInodeMagic
	pidfsMagic     = abi.PidfsMagic
	nsfsMagic      = abi.NsfsMagic
	tmpfsMagic     = abi.TmpfsMagic
	hugetlbfsMagic = abi.HugetlbfsMagic
)

// NewFiles reads the struct slot of a call that made fds: their numbers
// (-1: none) and names, as /proc shows them (pipe:[INODE],
// socket:[INODE], anon_inode:[eventfd], /memfd:NAME (deleted)), and
// their files' private data (an io_uring fd's ring).
func NewFiles(b []byte) (fds [2]int32, names [2]string, privs [2]uint64, ok bool) {
	return newFiles(b, FileName)
}

// NewFilesReceived is NewFiles for fds another process sent (SCM_RIGHTS):
// only a file without a path is named from what the kernel side read (a
// dentry's name is no path); any other is "": unknown.
func NewFilesReceived(b []byte) (fds [2]int32, names [2]string, privs [2]uint64, ok bool) {
	return newFiles(b, func(ino, magic uint64, dname string) string {
		switch magic {
		case pipefsMagic, sockfsMagic, anonInodeMagic, pidfsMagic, nsfsMagic:
		case tmpfsMagic, hugetlbfsMagic:
			if !strings.HasPrefix(dname, "memfd:") {
				return ""
			}
		default:
			return ""
		}
		return FileName(ino, magic, dname)
	})
}

func newFiles(b []byte, name func(ino, magic uint64, dname string) string) (fds [2]int32, names [2]string, privs [2]uint64, ok bool) {
	var nf iorIorNewFiles
	if len(b) < int(unsafe.Sizeof(nf)) {
		return fds, names, privs, false
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&nf)), unsafe.Sizeof(nf)), b)
	for i := range 2 {
		fds[i] = nf.Fd[i]
		if nf.Fd[i] < 0 || nf.Id[i].Magic == 0 {
			continue
		}
		id := nf.Id[i]
		privs[i] = id.Priv
		names[i] = name(id.Ino, id.Magic, string(CString(unsafe.Slice((*byte)(unsafe.Pointer(&id.Name)), len(id.Name)))))
	}
	return fds, names, privs, true
}

// KnownPseudo reports whether FileName knows how /proc names the files
// without a path of the file system with this magic (a pipe, a socket,
// an anon inode, a pidfd, a memfd, a namespace: the kernel side sends
// nsfs's type name in place of its empty dentry). Others have names their
// dentry does not hold.
func KnownPseudo(magic uint64) bool {
	switch magic {
	case pipefsMagic, sockfsMagic, anonInodeMagic, pidfsMagic, tmpfsMagic, hugetlbfsMagic, nsfsMagic:
		return true
	}
	return false
}

// NewFileDName reads the struct slot of a call that made one fd: the fd
// and its dentry's name as it is (an O_TMPFILE's "#INODE"), "" if none.
func NewFileDName(b []byte) (int32, string) {
	var nf iorIorNewFiles
	if len(b) < int(unsafe.Sizeof(nf)) {
		return -1, ""
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&nf)), unsafe.Sizeof(nf)), b)
	return nf.Fd[0], string(CString(unsafe.Slice((*byte)(unsafe.Pointer(&nf.Id[0].Name)), len(nf.Id[0].Name))))
}

// FileName names a file without a path from its inode number, its file
// system and its dentry's name, the way /proc/PID/fd does.
func FileName(ino, magic uint64, dname string) string {
	switch magic {
	case pipefsMagic:
		return fmt.Sprintf("pipe:[%d]", ino)
	case sockfsMagic:
		return fmt.Sprintf("socket:[%d]", ino)
	case anonInodeMagic:
		return "anon_inode:" + dname
	case pidfsMagic: // pidfs (6.9+): /proc keeps the anon_inode name
		return "anon_inode:[pidfd]"
	case nsfsMagic: // the kernel side read the namespace type's name
		return fmt.Sprintf("%s:[%d]", dname, ino)
	case tmpfsMagic, hugetlbfsMagic:
		// memfd_create's files: unlinked from the start.
		return "/" + dname + " (deleted)"
	}
	return dname
}

// NewFilesBlob is the struct slot the kernel side writes for a call that
// made one fd (the inverse of NewFiles), for tests.
func NewFilesBlob(fd int32, ino, magic, priv uint64, dname string) []byte {
	nf := iorIorNewFiles{Fd: [2]int32{fd, -1}}
	nf.Id[0].Ino, nf.Id[0].Magic, nf.Id[0].Priv = ino, magic, priv
	for i := 0; i < len(dname) && i < len(nf.Id[0].Name)-1; i++ {
		nf.Id[0].Name[i] = int8(dname[i])
	}
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(&nf)), unsafe.Sizeof(nf))...)
}
