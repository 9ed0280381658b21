package output

import (
	"strconv"

	"golang.org/x/sys/unix"
)

// Symbolic decoding of flag and mode arguments, strace-like.
//
// The syscall table (internal/syscalls) says WHERE a syscall's flags and
// mode are; argSets says HOW to read them, by syscall name. It belongs
// in the table beside the positions (a flag set per argument, as Falco's
// event table has) and should move there; it lives here until then.

// flagSet names an argument's values: bits OR-ed together, or one value
// of an enumeration; low, if set, names the value of the bits under
// lowMask (open's access mode) first.
type flagSet struct {
	enum    bool
	hex     bool // an enumeration's value no name covers is shown in hex
	names   []named
	lowMask uint64
	low     []named
}

type named struct {
	v    uint64
	name string
}

// argKind says how to print an argument no flag set names.
type argKind uint8

const (
	argNone     argKind = iota
	argSet              // by the flag set
	argOct              // permission bits, 0644
	argFileMode         // file type and permissions, S_IFREG|0644
	argHex
	argDec
	argOptName // a socket option: its names depend on the level
)

type argSpec struct {
	kind  argKind
	set   *flagSet
	label string // written before the value: a number that is not a flag or mode says what it is
}

var (
	openFlags = &flagSet{
		lowMask: unix.O_ACCMODE,
		low:     []named{{unix.O_RDONLY, "O_RDONLY"}, {unix.O_WRONLY, "O_WRONLY"}, {unix.O_RDWR, "O_RDWR"}},
		// Composite flags first: O_TMPFILE holds O_DIRECTORY, O_SYNC O_DSYNC.
		names: []named{{unix.O_TMPFILE, "O_TMPFILE"}, {unix.O_SYNC, "O_SYNC"}, {unix.O_CREAT, "O_CREAT"}, {unix.O_EXCL, "O_EXCL"},
			{unix.O_NOCTTY, "O_NOCTTY"}, {unix.O_TRUNC, "O_TRUNC"}, {unix.O_APPEND, "O_APPEND"}, {unix.O_NONBLOCK, "O_NONBLOCK"},
			{unix.O_DSYNC, "O_DSYNC"}, {unix.O_ASYNC, "O_ASYNC"}, {unix.O_DIRECT, "O_DIRECT"}, {0x8000, "O_LARGEFILE"},
			{unix.O_DIRECTORY, "O_DIRECTORY"}, {unix.O_NOFOLLOW, "O_NOFOLLOW"}, {unix.O_NOATIME, "O_NOATIME"},
			{unix.O_CLOEXEC, "O_CLOEXEC"}, {unix.O_PATH, "O_PATH"}},
	}
	cloexec  = &flagSet{names: []named{{unix.O_CLOEXEC, "O_CLOEXEC"}}}
	atFlags  = &flagSet{names: []named{{unix.AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"}, {unix.AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW"}, {unix.AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT"}, {unix.AT_EMPTY_PATH, "AT_EMPTY_PATH"}, {unix.AT_STATX_FORCE_SYNC, "AT_STATX_FORCE_SYNC"}, {unix.AT_STATX_DONT_SYNC, "AT_STATX_DONT_SYNC"}}}
	unlinkAt = &flagSet{names: []named{{unix.AT_REMOVEDIR, "AT_REMOVEDIR"}}}
	accessAt = &flagSet{names: []named{{unix.AT_EACCESS, "AT_EACCESS"}, {unix.AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"}, {unix.AT_EMPTY_PATH, "AT_EMPTY_PATH"}}}
	access   = &flagSet{names: []named{{unix.R_OK, "R_OK"}, {unix.W_OK, "W_OK"}, {unix.X_OK, "X_OK"}, {0, "F_OK"}}}
	rename   = &flagSet{names: []named{{unix.RENAME_NOREPLACE, "RENAME_NOREPLACE"}, {unix.RENAME_EXCHANGE, "RENAME_EXCHANGE"}, {unix.RENAME_WHITEOUT, "RENAME_WHITEOUT"}}}
	whence   = &flagSet{enum: true, names: []named{{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {3, "SEEK_DATA"}, {4, "SEEK_HOLE"}}}
	flockOp  = &flagSet{names: []named{{unix.LOCK_SH, "LOCK_SH"}, {unix.LOCK_EX, "LOCK_EX"}, {unix.LOCK_NB, "LOCK_NB"}, {unix.LOCK_UN, "LOCK_UN"}}}
	fcntlCmd = &flagSet{enum: true, names: []named{{unix.F_DUPFD, "F_DUPFD"}, {unix.F_GETFD, "F_GETFD"}, {unix.F_SETFD, "F_SETFD"},
		{unix.F_GETFL, "F_GETFL"}, {unix.F_SETFL, "F_SETFL"}, {unix.F_GETLK, "F_GETLK"}, {unix.F_SETLK, "F_SETLK"}, {unix.F_SETLKW, "F_SETLKW"},
		{unix.F_SETOWN, "F_SETOWN"}, {unix.F_GETOWN, "F_GETOWN"}, {unix.F_SETSIG, "F_SETSIG"}, {unix.F_GETSIG, "F_GETSIG"},
		{unix.F_OFD_GETLK, "F_OFD_GETLK"}, {unix.F_OFD_SETLK, "F_OFD_SETLK"}, {unix.F_OFD_SETLKW, "F_OFD_SETLKW"},
		{unix.F_SETLEASE, "F_SETLEASE"}, {unix.F_GETLEASE, "F_GETLEASE"}, {unix.F_NOTIFY, "F_NOTIFY"}, {unix.F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"},
		{unix.F_SETPIPE_SZ, "F_SETPIPE_SZ"}, {unix.F_GETPIPE_SZ, "F_GETPIPE_SZ"}, {unix.F_ADD_SEALS, "F_ADD_SEALS"}, {unix.F_GET_SEALS, "F_GET_SEALS"}}}
	fallocMode = &flagSet{names: []named{{unix.FALLOC_FL_KEEP_SIZE, "FALLOC_FL_KEEP_SIZE"}, {unix.FALLOC_FL_PUNCH_HOLE, "FALLOC_FL_PUNCH_HOLE"},
		{unix.FALLOC_FL_NO_HIDE_STALE, "FALLOC_FL_NO_HIDE_STALE"}, {unix.FALLOC_FL_COLLAPSE_RANGE, "FALLOC_FL_COLLAPSE_RANGE"},
		{unix.FALLOC_FL_ZERO_RANGE, "FALLOC_FL_ZERO_RANGE"}, {unix.FALLOC_FL_INSERT_RANGE, "FALLOC_FL_INSERT_RANGE"}, {unix.FALLOC_FL_UNSHARE_RANGE, "FALLOC_FL_UNSHARE_RANGE"}}}
	fadvice = &flagSet{enum: true, names: []named{{0, "POSIX_FADV_NORMAL"}, {1, "POSIX_FADV_RANDOM"}, {2, "POSIX_FADV_SEQUENTIAL"},
		{3, "POSIX_FADV_WILLNEED"}, {4, "POSIX_FADV_DONTNEED"}, {5, "POSIX_FADV_NOREUSE"}}}
	xattrSet   = &flagSet{names: []named{{unix.XATTR_CREATE, "XATTR_CREATE"}, {unix.XATTR_REPLACE, "XATTR_REPLACE"}}}
	spliceF    = &flagSet{names: []named{{unix.SPLICE_F_MOVE, "SPLICE_F_MOVE"}, {unix.SPLICE_F_NONBLOCK, "SPLICE_F_NONBLOCK"}, {unix.SPLICE_F_MORE, "SPLICE_F_MORE"}, {unix.SPLICE_F_GIFT, "SPLICE_F_GIFT"}}}
	closeRange = &flagSet{names: []named{{unix.CLOSE_RANGE_UNSHARE, "CLOSE_RANGE_UNSHARE"}, {unix.CLOSE_RANGE_CLOEXEC, "CLOSE_RANGE_CLOEXEC"}}}
	rwf        = &flagSet{names: []named{{unix.RWF_HIPRI, "RWF_HIPRI"}, {unix.RWF_DSYNC, "RWF_DSYNC"}, {unix.RWF_SYNC, "RWF_SYNC"}, {unix.RWF_NOWAIT, "RWF_NOWAIT"}, {unix.RWF_APPEND, "RWF_APPEND"}}}
	// The common file, block and tty ioctls, by request number (x86_64).
	ioctlReq = &flagSet{enum: true, hex: true, names: []named{{unix.FICLONE, "FICLONE"}, {unix.FICLONERANGE, "FICLONERANGE"},
		{unix.FIDEDUPERANGE, "FIDEDUPERANGE"}, {unix.TIOCINQ, "FIONREAD"}, {0x5421, "FIONBIO"}, {0x5451, "FIOCLEX"}, {0x5450, "FIONCLEX"},
		{0x5452, "FIOASYNC"}, {0x2, "FIGETBSZ"}, {0xc020660b, "FS_IOC_FIEMAP"}, {unix.FS_IOC_GETFLAGS, "FS_IOC_GETFLAGS"},
		{unix.FS_IOC_SETFLAGS, "FS_IOC_SETFLAGS"}, {unix.BLKGETSIZE64, "BLKGETSIZE64"}, {0x1260, "BLKGETSIZE"}, {0x1268, "BLKSSZGET"},
		{0x1261, "BLKFLSBUF"}, {unix.TCGETS, "TCGETS"}, {unix.TCSETS, "TCSETS"}, {unix.TIOCGWINSZ, "TIOCGWINSZ"},
		{0xb701, "NS_GET_USERNS"}, {0xb702, "NS_GET_PARENT"}}}
	fsyncFlags = &flagSet{names: []named{{1, "IORING_FSYNC_DATASYNC"}}}
	sqeFlags   = &flagSet{names: []named{{1, "IOSQE_FIXED_FILE"}, {2, "IOSQE_IO_DRAIN"}, {4, "IOSQE_IO_LINK"}, {8, "IOSQE_IO_HARDLINK"},
		{16, "IOSQE_ASYNC"}, {32, "IOSQE_BUFFER_SELECT"}, {64, "IOSQE_CQE_SKIP_SUCCESS"}}}
	mapFlags = &flagSet{
		lowMask: unix.MAP_TYPE,
		low:     []named{{unix.MAP_SHARED, "MAP_SHARED"}, {unix.MAP_PRIVATE, "MAP_PRIVATE"}, {unix.MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE"}, {unix.MAP_DROPPABLE, "MAP_DROPPABLE"}},
		names: []named{{unix.MAP_FIXED, "MAP_FIXED"}, {unix.MAP_ANONYMOUS, "MAP_ANONYMOUS"}, {unix.MAP_32BIT, "MAP_32BIT"}, {unix.MAP_ABOVE4G, "MAP_ABOVE4G"},
			{unix.MAP_GROWSDOWN, "MAP_GROWSDOWN"}, {unix.MAP_DENYWRITE, "MAP_DENYWRITE"}, {unix.MAP_EXECUTABLE, "MAP_EXECUTABLE"}, {unix.MAP_LOCKED, "MAP_LOCKED"},
			{unix.MAP_NORESERVE, "MAP_NORESERVE"}, {unix.MAP_POPULATE, "MAP_POPULATE"}, {unix.MAP_NONBLOCK, "MAP_NONBLOCK"}, {unix.MAP_STACK, "MAP_STACK"},
			{unix.MAP_HUGETLB, "MAP_HUGETLB"}, {unix.MAP_SYNC, "MAP_SYNC"}, {unix.MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE"}},
	}
	prot = &flagSet{names: []named{{unix.PROT_READ, "PROT_READ"}, {unix.PROT_WRITE, "PROT_WRITE"}, {unix.PROT_EXEC, "PROT_EXEC"},
		{unix.PROT_GROWSDOWN, "PROT_GROWSDOWN"}, {unix.PROT_GROWSUP, "PROT_GROWSUP"}, {unix.PROT_NONE, "PROT_NONE"}}}
	msyncFlags  = &flagSet{names: []named{{unix.MS_ASYNC, "MS_ASYNC"}, {unix.MS_INVALIDATE, "MS_INVALIDATE"}, {unix.MS_SYNC, "MS_SYNC"}}}
	mremapFlags = &flagSet{names: []named{{unix.MREMAP_MAYMOVE, "MREMAP_MAYMOVE"}, {unix.MREMAP_FIXED, "MREMAP_FIXED"}, {unix.MREMAP_DONTUNMAP, "MREMAP_DONTUNMAP"}}}
	syncRange   = &flagSet{names: []named{{unix.SYNC_FILE_RANGE_WAIT_BEFORE, "SYNC_FILE_RANGE_WAIT_BEFORE"}, {unix.SYNC_FILE_RANGE_WRITE, "SYNC_FILE_RANGE_WRITE"}, {unix.SYNC_FILE_RANGE_WAIT_AFTER, "SYNC_FILE_RANGE_WAIT_AFTER"}}}
)

// Sockets, readiness waits, inotify.
var (
	sockLevel = &flagSet{enum: true, names: []named{{unix.SOL_SOCKET, "SOL_SOCKET"}, {unix.IPPROTO_IP, "SOL_IP"}, {unix.IPPROTO_TCP, "SOL_TCP"},
		{unix.IPPROTO_UDP, "SOL_UDP"}, {unix.IPPROTO_IPV6, "SOL_IPV6"}}}
	// Options by level: SOL_SOCKET's, IPPROTO_TCP's, IPPROTO_IP's, IPPROTO_IPV6's.
	sockOpts = map[uint64]*flagSet{
		unix.SOL_SOCKET: {enum: true, names: []named{{unix.SO_DEBUG, "SO_DEBUG"}, {unix.SO_REUSEADDR, "SO_REUSEADDR"}, {unix.SO_TYPE, "SO_TYPE"},
			{unix.SO_ERROR, "SO_ERROR"}, {unix.SO_DONTROUTE, "SO_DONTROUTE"}, {unix.SO_BROADCAST, "SO_BROADCAST"}, {unix.SO_SNDBUF, "SO_SNDBUF"},
			{unix.SO_RCVBUF, "SO_RCVBUF"}, {unix.SO_KEEPALIVE, "SO_KEEPALIVE"}, {unix.SO_OOBINLINE, "SO_OOBINLINE"}, {unix.SO_LINGER, "SO_LINGER"},
			{unix.SO_REUSEPORT, "SO_REUSEPORT"}, {unix.SO_RCVLOWAT, "SO_RCVLOWAT"}, {unix.SO_SNDLOWAT, "SO_SNDLOWAT"}, {unix.SO_RCVTIMEO, "SO_RCVTIMEO"},
			{unix.SO_SNDTIMEO, "SO_SNDTIMEO"}, {unix.SO_PASSCRED, "SO_PASSCRED"}, {unix.SO_PEERCRED, "SO_PEERCRED"}, {unix.SO_ACCEPTCONN, "SO_ACCEPTCONN"},
			{unix.SO_SNDBUFFORCE, "SO_SNDBUFFORCE"}, {unix.SO_RCVBUFFORCE, "SO_RCVBUFFORCE"}, {unix.SO_PROTOCOL, "SO_PROTOCOL"}, {unix.SO_DOMAIN, "SO_DOMAIN"},
			{unix.SO_PRIORITY, "SO_PRIORITY"}, {unix.SO_MARK, "SO_MARK"}, {unix.SO_BINDTODEVICE, "SO_BINDTODEVICE"}, {unix.SO_BUSY_POLL, "SO_BUSY_POLL"},
			{unix.SO_INCOMING_CPU, "SO_INCOMING_CPU"}, {unix.SO_ZEROCOPY, "SO_ZEROCOPY"}}},
		unix.IPPROTO_TCP: {enum: true, names: []named{{unix.TCP_NODELAY, "TCP_NODELAY"}, {unix.TCP_MAXSEG, "TCP_MAXSEG"}, {unix.TCP_CORK, "TCP_CORK"},
			{unix.TCP_KEEPIDLE, "TCP_KEEPIDLE"}, {unix.TCP_KEEPINTVL, "TCP_KEEPINTVL"}, {unix.TCP_KEEPCNT, "TCP_KEEPCNT"}, {unix.TCP_SYNCNT, "TCP_SYNCNT"},
			{unix.TCP_LINGER2, "TCP_LINGER2"}, {unix.TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT"}, {unix.TCP_INFO, "TCP_INFO"}, {unix.TCP_QUICKACK, "TCP_QUICKACK"},
			{unix.TCP_CONGESTION, "TCP_CONGESTION"}, {unix.TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT"}, {unix.TCP_FASTOPEN, "TCP_FASTOPEN"},
			{unix.TCP_NOTSENT_LOWAT, "TCP_NOTSENT_LOWAT"}}},
		unix.IPPROTO_IP: {enum: true, names: []named{{unix.IP_TOS, "IP_TOS"}, {unix.IP_TTL, "IP_TTL"}, {unix.IP_RECVERR, "IP_RECVERR"},
			{unix.IP_MTU_DISCOVER, "IP_MTU_DISCOVER"}, {unix.IP_FREEBIND, "IP_FREEBIND"}, {unix.IP_TRANSPARENT, "IP_TRANSPARENT"}}},
		unix.IPPROTO_IPV6: {enum: true, names: []named{{unix.IPV6_V6ONLY, "IPV6_V6ONLY"}, {unix.IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS"},
			{unix.IPV6_RECVERR, "IPV6_RECVERR"}, {unix.IPV6_TCLASS, "IPV6_TCLASS"}}},
	}
	shutHow   = &flagSet{enum: true, names: []named{{unix.SHUT_RD, "SHUT_RD"}, {unix.SHUT_WR, "SHUT_WR"}, {unix.SHUT_RDWR, "SHUT_RDWR"}}}
	epollOp   = &flagSet{enum: true, names: []named{{unix.EPOLL_CTL_ADD, "EPOLL_CTL_ADD"}, {unix.EPOLL_CTL_DEL, "EPOLL_CTL_DEL"}, {unix.EPOLL_CTL_MOD, "EPOLL_CTL_MOD"}}}
	inotifyIn = &flagSet{names: []named{{unix.IN_ALL_EVENTS, "IN_ALL_EVENTS"}, {unix.IN_ACCESS, "IN_ACCESS"}, {unix.IN_MODIFY, "IN_MODIFY"},
		{unix.IN_ATTRIB, "IN_ATTRIB"}, {unix.IN_CLOSE_WRITE, "IN_CLOSE_WRITE"}, {unix.IN_CLOSE_NOWRITE, "IN_CLOSE_NOWRITE"}, {unix.IN_OPEN, "IN_OPEN"},
		{unix.IN_MOVED_FROM, "IN_MOVED_FROM"}, {unix.IN_MOVED_TO, "IN_MOVED_TO"}, {unix.IN_CREATE, "IN_CREATE"}, {unix.IN_DELETE, "IN_DELETE"},
		{unix.IN_DELETE_SELF, "IN_DELETE_SELF"}, {unix.IN_MOVE_SELF, "IN_MOVE_SELF"}, {unix.IN_ONLYDIR, "IN_ONLYDIR"},
		{unix.IN_DONT_FOLLOW, "IN_DONT_FOLLOW"}, {unix.IN_EXCL_UNLINK, "IN_EXCL_UNLINK"}, {unix.IN_MASK_CREATE, "IN_MASK_CREATE"},
		{unix.IN_MASK_ADD, "IN_MASK_ADD"}, {unix.IN_ONESHOT, "IN_ONESHOT"}}}
)

func set(s *flagSet) argSpec { return argSpec{kind: argSet, set: s} }

var (
	oct      = argSpec{kind: argOct}
	fileMode = argSpec{kind: argFileMode}
	hex      = argSpec{kind: argHex}
	dec      = argSpec{kind: argDec}
	newLen   = argSpec{kind: argDec, label: "new_len="} // mremap's, carried in Mode
	backlog  = argSpec{kind: argDec, label: "backlog="}
	wd       = argSpec{kind: argDec, label: "wd="}
	optName  = argSpec{kind: argOptName} // named by the level in Flags
)

// argSets: how to print each syscall's Flags and Mode fields, by name. A
// syscall not here prints neither.
var argSets = map[string][2]argSpec{
	"open": {set(openFlags), oct}, "openat": {set(openFlags), oct}, "openat2": {set(openFlags), oct}, "creat": {set(openFlags), oct},
	"open_by_handle_at": {set(openFlags)}, "name_to_handle_at": {set(atFlags)},
	"dup3": {set(cloexec)}, "pipe2": {set(cloexec)}, "close_range": {set(closeRange)},
	"fcntl":     {set(fcntlCmd), dec},
	"renameat2": {set(rename)}, "linkat": {set(atFlags)}, "unlinkat": {set(unlinkAt)},
	"mkdir": {{}, oct}, "mkdirat": {{}, oct}, "chmod": {{}, oct}, "fchmod": {{}, oct}, "fchmodat": {{}, oct}, "fchmodat2": {set(atFlags), oct},
	"mknod": {{}, fileMode}, "mknodat": {{}, fileMode},
	"newfstatat": {set(atFlags)}, "statx": {set(atFlags), hex},
	"access": {{}, set(access)}, "faccessat": {{}, set(access)}, "faccessat2": {set(accessAt), set(access)},
	"fchownat": {set(atFlags)}, "utimensat": {set(atFlags)},
	"preadv2": {set(rwf)}, "pwritev2": {set(rwf)}, "sync_file_range": {set(syncRange)},
	"lseek": {set(whence)}, "flock": {set(flockOp)}, "fallocate": {set(fallocMode)}, "fadvise64": {set(fadvice)},
	"splice": {set(spliceF)}, "tee": {set(spliceF)}, "vmsplice": {set(spliceF)}, "copy_file_range": {dec},
	"setxattr": {set(xattrSet)}, "lsetxattr": {set(xattrSet)}, "fsetxattr": {set(xattrSet)},
	"setxattrat": {set(atFlags)}, "getxattrat": {set(atFlags)}, "listxattrat": {set(atFlags)}, "removexattrat": {set(atFlags)},
	"ioctl": {set(ioctlReq)}, "io_uring_enter": {hex}, "io_uring_register": {dec},
	"mmap": {set(mapFlags), set(prot)}, "msync": {set(msyncFlags)}, "mremap": {set(mremapFlags), newLen},
	"listen": {{}, backlog}, "shutdown": {set(shutHow)}, "setsockopt": {set(sockLevel), optName}, "getsockopt": {set(sockLevel), optName},
	"epoll_ctl": {set(epollOp)}, "inotify_add_watch": {set(inotifyIn)}, "inotify_rm_watch": {{}, wd},
	"io_setup": {{}, dec}, "io_submit": {{}, dec}, "io_getevents": {dec, dec}, "io_pgetevents": {dec, dec},
	// io_uring requests: the op's own flags and mode, as its syscall's.
	"io_uring:OPENAT": {set(openFlags), oct}, "io_uring:OPENAT2": {set(openFlags), oct},
	"io_uring:READ": {set(rwf)}, "io_uring:WRITE": {set(rwf)}, "io_uring:READV": {set(rwf)}, "io_uring:WRITEV": {set(rwf)},
	"io_uring:FSYNC": {set(fsyncFlags)}, "io_uring:FALLOCATE": {set(fallocMode)}, "io_uring:FADVISE": {set(fadvice)},
	"io_uring:SYNC_FILE_RANGE": {set(syncRange)}, "io_uring:SPLICE": {set(spliceF)}, "io_uring:TEE": {set(spliceF)},
	"io_uring:STATX": {set(atFlags), hex}, "io_uring:RENAMEAT": {set(rename)}, "io_uring:UNLINKAT": {set(unlinkAt)},
	"io_uring:MKDIRAT": {{}, oct}, "io_uring:LINKAT": {set(atFlags)},
}

// appendArg writes v as spec says; false if the syscall has no such
// argument to show.
func appendArg(b []byte, spec argSpec, v uint64) ([]byte, bool) {
	if spec.kind != argNone {
		b = append(b, spec.label...)
	}
	switch spec.kind {
	case argSet:
		return spec.set.append(b, v), true
	case argOct:
		return appendOct(b, v), true
	case argFileMode:
		return appendFileMode(b, v), true
	case argHex:
		return strconv.AppendUint(append(b, "0x"...), v, 16), true
	case argDec:
		return strconv.AppendUint(b, v, 10), true
	}
	return b, false
}

// append writes v by name: NAME|NAME|0x40 for bits no name covers.
func (s *flagSet) append(b []byte, v uint64) []byte {
	start := len(b)
	sep := func() {
		if len(b) > start {
			b = append(b, '|')
		}
	}
	if s.enum {
		for _, n := range s.names {
			if n.v == v {
				return append(b, n.name...)
			}
		}
		if s.hex {
			return strconv.AppendUint(append(b, "0x"...), v, 16)
		}
		return strconv.AppendUint(b, v, 10)
	}
	if s.low != nil {
		low := v & s.lowMask
		v &^= s.lowMask
		found := false
		for _, n := range s.low {
			if n.v == low {
				b, found = append(b, n.name...), true
				break
			}
		}
		if !found {
			b = strconv.AppendUint(append(b, "0x"...), low, 16)
		}
	}
	for _, n := range s.names {
		if n.v == 0 {
			if v == 0 && len(b) == start {
				b = append(b, n.name...)
			}
			continue
		}
		if v&n.v == n.v {
			sep()
			b = append(b, n.name...)
			v &^= n.v
		}
	}
	if v != 0 || len(b) == start {
		sep()
		b = strconv.AppendUint(append(b, "0x"...), v, 16)
	}
	return b
}

// appendOct writes permission bits as strace does (C's %#03o): 0644, 070, 000.
func appendOct(b []byte, v uint64) []byte {
	s := "0" + strconv.FormatUint(v, 8)
	if v == 0 {
		s = "0"
	}
	for len(s) < 3 {
		s = "0" + s
	}
	return append(b, s...)
}

var fileTypes = []named{{unix.S_IFREG, "S_IFREG"}, {unix.S_IFDIR, "S_IFDIR"}, {unix.S_IFCHR, "S_IFCHR"}, {unix.S_IFBLK, "S_IFBLK"},
	{unix.S_IFIFO, "S_IFIFO"}, {unix.S_IFLNK, "S_IFLNK"}, {unix.S_IFSOCK, "S_IFSOCK"}}

// appendFileMode writes mknod's mode: S_IFIFO|0644.
func appendFileMode(b []byte, v uint64) []byte {
	t := v & unix.S_IFMT
	for _, n := range fileTypes {
		if n.v == t && t != 0 {
			b = append(append(b, n.name...), '|')
			return appendOct(b, v&^unix.S_IFMT)
		}
	}
	return appendOct(b, v)
}
