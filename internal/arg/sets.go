package arg

import (
	"strconv"

	"golang.org/x/sys/unix"
)

// Set names an argument's values: bits OR-ed together, or (Enum) one
// value of an enumeration; Low, if set, names the value of the bits
// under LowMask (open's access mode) first. Hex: an enumeration's value
// no name covers is shown in hex (an ioctl request). The sets are
// checked against golang.org/x/sys/unix's constants (sets_test.go).
type Set struct {
	Enum    bool
	Hex     bool
	Names   []Named
	LowMask uint64
	Low     []Named
}

// Named is one value of a set and its name.
type Named struct {
	V    uint64
	Name string
}

// Append writes v by name: NAME|NAME|0x40 for bits no name covers.
func (s *Set) Append(b []byte, v uint64) []byte {
	start := len(b)
	sep := func() {
		if len(b) > start {
			b = append(b, '|')
		}
	}
	if s.Enum {
		for _, n := range s.Names {
			if n.V == v {
				return append(b, n.Name...)
			}
		}
		if s.Hex {
			return strconv.AppendUint(append(b, "0x"...), v, 16)
		}
		return strconv.AppendUint(b, v, 10)
	}
	if s.Low != nil {
		low := v & s.LowMask
		v &^= s.LowMask
		found := false
		for _, n := range s.Low {
			if n.V == low {
				b, found = append(b, n.Name...), true
				break
			}
		}
		if !found {
			b = strconv.AppendUint(append(b, "0x"...), low, 16)
		}
	}
	for _, n := range s.Names {
		if n.V == 0 {
			if v == 0 && len(b) == start {
				b = append(b, n.Name...)
			}
			continue
		}
		if v&n.V == n.V {
			sep()
			b = append(b, n.Name...)
			v &^= n.V
		}
	}
	switch {
	case v != 0:
		sep()
		b = strconv.AppendUint(append(b, "0x"...), v, 16)
	case len(b) == start:
		b = append(b, '0') // no bits, as strace writes it
	}
	return b
}

// Files, mappings, io_uring requests: the sets strace names (moved here
// from internal/output, which printed them by syscall name).
var (
	OpenFlags = &Set{
		LowMask: unix.O_ACCMODE,
		Low:     []Named{{unix.O_RDONLY, "O_RDONLY"}, {unix.O_WRONLY, "O_WRONLY"}, {unix.O_RDWR, "O_RDWR"}},
		// Composite flags first: O_TMPFILE holds O_DIRECTORY, O_SYNC O_DSYNC.
		Names: []Named{{unix.O_TMPFILE, "O_TMPFILE"}, {unix.O_SYNC, "O_SYNC"}, {unix.O_CREAT, "O_CREAT"}, {unix.O_EXCL, "O_EXCL"},
			{unix.O_NOCTTY, "O_NOCTTY"}, {unix.O_TRUNC, "O_TRUNC"}, {unix.O_APPEND, "O_APPEND"}, {unix.O_NONBLOCK, "O_NONBLOCK"},
			{unix.O_DSYNC, "O_DSYNC"}, {unix.O_ASYNC, "O_ASYNC"}, {unix.O_DIRECT, "O_DIRECT"}, {0x8000, "O_LARGEFILE"},
			{unix.O_DIRECTORY, "O_DIRECTORY"}, {unix.O_NOFOLLOW, "O_NOFOLLOW"}, {unix.O_NOATIME, "O_NOATIME"},
			{unix.O_CLOEXEC, "O_CLOEXEC"}, {unix.O_PATH, "O_PATH"}},
	}
	CloexecFlag   = &Set{Names: []Named{{unix.O_CLOEXEC, "O_CLOEXEC"}}}
	AtFlags       = &Set{Names: []Named{{unix.AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"}, {unix.AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW"}, {unix.AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT"}, {unix.AT_EMPTY_PATH, "AT_EMPTY_PATH"}, {unix.AT_STATX_FORCE_SYNC, "AT_STATX_FORCE_SYNC"}, {unix.AT_STATX_DONT_SYNC, "AT_STATX_DONT_SYNC"}}}
	UnlinkAtFlags = &Set{Names: []Named{{unix.AT_REMOVEDIR, "AT_REMOVEDIR"}}}
	AccessAtFlags = &Set{Names: []Named{{unix.AT_EACCESS, "AT_EACCESS"}, {unix.AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"}, {unix.AT_EMPTY_PATH, "AT_EMPTY_PATH"}}}
	AccessMode    = &Set{Names: []Named{{unix.R_OK, "R_OK"}, {unix.W_OK, "W_OK"}, {unix.X_OK, "X_OK"}, {0, "F_OK"}}}
	RenameFlags   = &Set{Names: []Named{{unix.RENAME_NOREPLACE, "RENAME_NOREPLACE"}, {unix.RENAME_EXCHANGE, "RENAME_EXCHANGE"}, {unix.RENAME_WHITEOUT, "RENAME_WHITEOUT"}}}
	Whence        = &Set{Enum: true, Names: []Named{{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {3, "SEEK_DATA"}, {4, "SEEK_HOLE"}}}
	FlockOp       = &Set{Names: []Named{{unix.LOCK_SH, "LOCK_SH"}, {unix.LOCK_EX, "LOCK_EX"}, {unix.LOCK_NB, "LOCK_NB"}, {unix.LOCK_UN, "LOCK_UN"}}}
	FcntlCmd      = &Set{Enum: true, Names: []Named{{unix.F_DUPFD, "F_DUPFD"}, {unix.F_GETFD, "F_GETFD"}, {unix.F_SETFD, "F_SETFD"},
		{unix.F_GETFL, "F_GETFL"}, {unix.F_SETFL, "F_SETFL"}, {unix.F_GETLK, "F_GETLK"}, {unix.F_SETLK, "F_SETLK"}, {unix.F_SETLKW, "F_SETLKW"},
		{unix.F_SETOWN, "F_SETOWN"}, {unix.F_GETOWN, "F_GETOWN"}, {unix.F_SETSIG, "F_SETSIG"}, {unix.F_GETSIG, "F_GETSIG"},
		{unix.F_OFD_GETLK, "F_OFD_GETLK"}, {unix.F_OFD_SETLK, "F_OFD_SETLK"}, {unix.F_OFD_SETLKW, "F_OFD_SETLKW"},
		{unix.F_SETLEASE, "F_SETLEASE"}, {unix.F_GETLEASE, "F_GETLEASE"}, {unix.F_NOTIFY, "F_NOTIFY"}, {unix.F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"},
		{unix.F_SETPIPE_SZ, "F_SETPIPE_SZ"}, {unix.F_GETPIPE_SZ, "F_GETPIPE_SZ"}, {unix.F_ADD_SEALS, "F_ADD_SEALS"}, {unix.F_GET_SEALS, "F_GET_SEALS"}}}
	FallocMode = &Set{Names: []Named{{unix.FALLOC_FL_KEEP_SIZE, "FALLOC_FL_KEEP_SIZE"}, {unix.FALLOC_FL_PUNCH_HOLE, "FALLOC_FL_PUNCH_HOLE"},
		{unix.FALLOC_FL_NO_HIDE_STALE, "FALLOC_FL_NO_HIDE_STALE"}, {unix.FALLOC_FL_COLLAPSE_RANGE, "FALLOC_FL_COLLAPSE_RANGE"},
		{unix.FALLOC_FL_ZERO_RANGE, "FALLOC_FL_ZERO_RANGE"}, {unix.FALLOC_FL_INSERT_RANGE, "FALLOC_FL_INSERT_RANGE"}, {unix.FALLOC_FL_UNSHARE_RANGE, "FALLOC_FL_UNSHARE_RANGE"}}}
	Fadvice = &Set{Enum: true, Names: []Named{{0, "POSIX_FADV_NORMAL"}, {1, "POSIX_FADV_RANDOM"}, {2, "POSIX_FADV_SEQUENTIAL"},
		{3, "POSIX_FADV_WILLNEED"}, {4, "POSIX_FADV_DONTNEED"}, {5, "POSIX_FADV_NOREUSE"}}}
	XattrFlags      = &Set{Names: []Named{{unix.XATTR_CREATE, "XATTR_CREATE"}, {unix.XATTR_REPLACE, "XATTR_REPLACE"}}}
	SpliceFlags     = &Set{Names: []Named{{unix.SPLICE_F_MOVE, "SPLICE_F_MOVE"}, {unix.SPLICE_F_NONBLOCK, "SPLICE_F_NONBLOCK"}, {unix.SPLICE_F_MORE, "SPLICE_F_MORE"}, {unix.SPLICE_F_GIFT, "SPLICE_F_GIFT"}}}
	CloseRangeFlags = &Set{Names: []Named{{unix.CLOSE_RANGE_UNSHARE, "CLOSE_RANGE_UNSHARE"}, {unix.CLOSE_RANGE_CLOEXEC, "CLOSE_RANGE_CLOEXEC"}}}
	RWFlags         = &Set{Names: []Named{{unix.RWF_HIPRI, "RWF_HIPRI"}, {unix.RWF_DSYNC, "RWF_DSYNC"}, {unix.RWF_SYNC, "RWF_SYNC"}, {unix.RWF_NOWAIT, "RWF_NOWAIT"}, {unix.RWF_APPEND, "RWF_APPEND"}}}
	// The common file, block and tty ioctls, by request number (x86_64).
	IoctlRequest = &Set{Enum: true, Hex: true, Names: []Named{{unix.FICLONE, "FICLONE"}, {unix.FICLONERANGE, "FICLONERANGE"},
		{unix.FIDEDUPERANGE, "FIDEDUPERANGE"}, {unix.TIOCINQ, "FIONREAD"}, {0x5421, "FIONBIO"}, {0x5451, "FIOCLEX"}, {0x5450, "FIONCLEX"},
		{0x5452, "FIOASYNC"}, {0x2, "FIGETBSZ"}, {0xc020660b, "FS_IOC_FIEMAP"}, {unix.FS_IOC_GETFLAGS, "FS_IOC_GETFLAGS"},
		{unix.FS_IOC_SETFLAGS, "FS_IOC_SETFLAGS"}, {unix.BLKGETSIZE64, "BLKGETSIZE64"}, {0x1260, "BLKGETSIZE"}, {0x1268, "BLKSSZGET"},
		{0x1261, "BLKFLSBUF"}, {unix.TCGETS, "TCGETS"}, {unix.TCSETS, "TCSETS"}, {unix.TIOCGWINSZ, "TIOCGWINSZ"},
		{0xb701, "NS_GET_USERNS"}, {0xb702, "NS_GET_PARENT"}}}
	URingFsyncFlags = &Set{Names: []Named{{1, "IORING_FSYNC_DATASYNC"}}}
	SqeFlags        = &Set{Names: []Named{{1, "IOSQE_FIXED_FILE"}, {2, "IOSQE_IO_DRAIN"}, {4, "IOSQE_IO_LINK"}, {8, "IOSQE_IO_HARDLINK"},
		{16, "IOSQE_ASYNC"}, {32, "IOSQE_BUFFER_SELECT"}, {64, "IOSQE_CQE_SKIP_SUCCESS"}}}
	MapFlags = &Set{
		LowMask: unix.MAP_TYPE,
		Low:     []Named{{unix.MAP_SHARED, "MAP_SHARED"}, {unix.MAP_PRIVATE, "MAP_PRIVATE"}, {unix.MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE"}, {unix.MAP_DROPPABLE, "MAP_DROPPABLE"}},
		Names: []Named{{unix.MAP_FIXED, "MAP_FIXED"}, {unix.MAP_ANONYMOUS, "MAP_ANONYMOUS"}, {unix.MAP_32BIT, "MAP_32BIT"}, {unix.MAP_ABOVE4G, "MAP_ABOVE4G"},
			{unix.MAP_GROWSDOWN, "MAP_GROWSDOWN"}, {unix.MAP_DENYWRITE, "MAP_DENYWRITE"}, {unix.MAP_EXECUTABLE, "MAP_EXECUTABLE"}, {unix.MAP_LOCKED, "MAP_LOCKED"},
			{unix.MAP_NORESERVE, "MAP_NORESERVE"}, {unix.MAP_POPULATE, "MAP_POPULATE"}, {unix.MAP_NONBLOCK, "MAP_NONBLOCK"}, {unix.MAP_STACK, "MAP_STACK"},
			{unix.MAP_HUGETLB, "MAP_HUGETLB"}, {unix.MAP_SYNC, "MAP_SYNC"}, {unix.MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE"}},
	}
	Prot = &Set{Names: []Named{{unix.PROT_READ, "PROT_READ"}, {unix.PROT_WRITE, "PROT_WRITE"}, {unix.PROT_EXEC, "PROT_EXEC"},
		{unix.PROT_GROWSDOWN, "PROT_GROWSDOWN"}, {unix.PROT_GROWSUP, "PROT_GROWSUP"}, {unix.PROT_NONE, "PROT_NONE"}}}
	MsyncFlags         = &Set{Names: []Named{{unix.MS_ASYNC, "MS_ASYNC"}, {unix.MS_INVALIDATE, "MS_INVALIDATE"}, {unix.MS_SYNC, "MS_SYNC"}}}
	MremapFlags        = &Set{Names: []Named{{unix.MREMAP_MAYMOVE, "MREMAP_MAYMOVE"}, {unix.MREMAP_FIXED, "MREMAP_FIXED"}, {unix.MREMAP_DONTUNMAP, "MREMAP_DONTUNMAP"}}}
	SyncFileRangeFlags = &Set{Names: []Named{{unix.SYNC_FILE_RANGE_WAIT_BEFORE, "SYNC_FILE_RANGE_WAIT_BEFORE"}, {unix.SYNC_FILE_RANGE_WRITE, "SYNC_FILE_RANGE_WRITE"}, {unix.SYNC_FILE_RANGE_WAIT_AFTER, "SYNC_FILE_RANGE_WAIT_AFTER"}}}
)
