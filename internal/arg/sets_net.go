package arg

import "golang.org/x/sys/unix"

// Sockets, readiness waits, inotify.
var (
	SockLevel = &Set{Enum: true, Names: []Named{{unix.SOL_SOCKET, "SOL_SOCKET"}, {unix.IPPROTO_IP, "SOL_IP"}, {unix.IPPROTO_TCP, "SOL_TCP"},
		{unix.IPPROTO_UDP, "SOL_UDP"}, {unix.IPPROTO_IPV6, "SOL_IPV6"}}}
	// Options by level: SOL_SOCKET's, IPPROTO_TCP's, IPPROTO_IP's, IPPROTO_IPV6's.
	SockOpts = map[uint64]*Set{
		unix.SOL_SOCKET: {Enum: true, Names: []Named{{unix.SO_DEBUG, "SO_DEBUG"}, {unix.SO_REUSEADDR, "SO_REUSEADDR"}, {unix.SO_TYPE, "SO_TYPE"},
			{unix.SO_ERROR, "SO_ERROR"}, {unix.SO_DONTROUTE, "SO_DONTROUTE"}, {unix.SO_BROADCAST, "SO_BROADCAST"}, {unix.SO_SNDBUF, "SO_SNDBUF"},
			{unix.SO_RCVBUF, "SO_RCVBUF"}, {unix.SO_KEEPALIVE, "SO_KEEPALIVE"}, {unix.SO_OOBINLINE, "SO_OOBINLINE"}, {unix.SO_LINGER, "SO_LINGER"},
			{unix.SO_REUSEPORT, "SO_REUSEPORT"}, {unix.SO_RCVLOWAT, "SO_RCVLOWAT"}, {unix.SO_SNDLOWAT, "SO_SNDLOWAT"}, {unix.SO_RCVTIMEO, "SO_RCVTIMEO"},
			{unix.SO_SNDTIMEO, "SO_SNDTIMEO"}, {unix.SO_PASSCRED, "SO_PASSCRED"}, {unix.SO_PEERCRED, "SO_PEERCRED"}, {unix.SO_ACCEPTCONN, "SO_ACCEPTCONN"},
			{unix.SO_SNDBUFFORCE, "SO_SNDBUFFORCE"}, {unix.SO_RCVBUFFORCE, "SO_RCVBUFFORCE"}, {unix.SO_PROTOCOL, "SO_PROTOCOL"}, {unix.SO_DOMAIN, "SO_DOMAIN"},
			{unix.SO_PRIORITY, "SO_PRIORITY"}, {unix.SO_MARK, "SO_MARK"}, {unix.SO_BINDTODEVICE, "SO_BINDTODEVICE"}, {unix.SO_BUSY_POLL, "SO_BUSY_POLL"},
			{unix.SO_INCOMING_CPU, "SO_INCOMING_CPU"}, {unix.SO_ZEROCOPY, "SO_ZEROCOPY"}}},
		unix.IPPROTO_TCP: {Enum: true, Names: []Named{{unix.TCP_NODELAY, "TCP_NODELAY"}, {unix.TCP_MAXSEG, "TCP_MAXSEG"}, {unix.TCP_CORK, "TCP_CORK"},
			{unix.TCP_KEEPIDLE, "TCP_KEEPIDLE"}, {unix.TCP_KEEPINTVL, "TCP_KEEPINTVL"}, {unix.TCP_KEEPCNT, "TCP_KEEPCNT"}, {unix.TCP_SYNCNT, "TCP_SYNCNT"},
			{unix.TCP_LINGER2, "TCP_LINGER2"}, {unix.TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT"}, {unix.TCP_INFO, "TCP_INFO"}, {unix.TCP_QUICKACK, "TCP_QUICKACK"},
			{unix.TCP_CONGESTION, "TCP_CONGESTION"}, {unix.TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT"}, {unix.TCP_FASTOPEN, "TCP_FASTOPEN"},
			{unix.TCP_NOTSENT_LOWAT, "TCP_NOTSENT_LOWAT"}}},
		unix.IPPROTO_IP: {Enum: true, Names: []Named{{unix.IP_TOS, "IP_TOS"}, {unix.IP_TTL, "IP_TTL"}, {unix.IP_RECVERR, "IP_RECVERR"},
			{unix.IP_MTU_DISCOVER, "IP_MTU_DISCOVER"}, {unix.IP_FREEBIND, "IP_FREEBIND"}, {unix.IP_TRANSPARENT, "IP_TRANSPARENT"}}},
		unix.IPPROTO_IPV6: {Enum: true, Names: []Named{{unix.IPV6_V6ONLY, "IPV6_V6ONLY"}, {unix.IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS"},
			{unix.IPV6_RECVERR, "IPV6_RECVERR"}, {unix.IPV6_TCLASS, "IPV6_TCLASS"}}},
	}
	ShutHow     = &Set{Enum: true, Names: []Named{{unix.SHUT_RD, "SHUT_RD"}, {unix.SHUT_WR, "SHUT_WR"}, {unix.SHUT_RDWR, "SHUT_RDWR"}}}
	EpollOp     = &Set{Enum: true, Names: []Named{{unix.EPOLL_CTL_ADD, "EPOLL_CTL_ADD"}, {unix.EPOLL_CTL_DEL, "EPOLL_CTL_DEL"}, {unix.EPOLL_CTL_MOD, "EPOLL_CTL_MOD"}}}
	InotifyMask = &Set{Names: []Named{{unix.IN_ALL_EVENTS, "IN_ALL_EVENTS"}, {unix.IN_ACCESS, "IN_ACCESS"}, {unix.IN_MODIFY, "IN_MODIFY"},
		{unix.IN_ATTRIB, "IN_ATTRIB"}, {unix.IN_CLOSE_WRITE, "IN_CLOSE_WRITE"}, {unix.IN_CLOSE_NOWRITE, "IN_CLOSE_NOWRITE"}, {unix.IN_OPEN, "IN_OPEN"},
		{unix.IN_MOVED_FROM, "IN_MOVED_FROM"}, {unix.IN_MOVED_TO, "IN_MOVED_TO"}, {unix.IN_CREATE, "IN_CREATE"}, {unix.IN_DELETE, "IN_DELETE"},
		{unix.IN_DELETE_SELF, "IN_DELETE_SELF"}, {unix.IN_MOVE_SELF, "IN_MOVE_SELF"}, {unix.IN_ONLYDIR, "IN_ONLYDIR"},
		{unix.IN_DONT_FOLLOW, "IN_DONT_FOLLOW"}, {unix.IN_EXCL_UNLINK, "IN_EXCL_UNLINK"}, {unix.IN_MASK_CREATE, "IN_MASK_CREATE"},
		{unix.IN_MASK_ADD, "IN_MASK_ADD"}, {unix.IN_ONESHOT, "IN_ONESHOT"}}}
)

// socket(domain, type, protocol), accept4's and socketpair's flags,
// send and receive flags.
var (
	AddressFamily = &Set{Enum: true, Names: []Named{{unix.AF_UNSPEC, "AF_UNSPEC"}, {unix.AF_UNIX, "AF_UNIX"}, {unix.AF_INET, "AF_INET"},
		{unix.AF_INET6, "AF_INET6"}, {unix.AF_NETLINK, "AF_NETLINK"}, {unix.AF_PACKET, "AF_PACKET"}, {unix.AF_VSOCK, "AF_VSOCK"},
		{unix.AF_BLUETOOTH, "AF_BLUETOOTH"}, {unix.AF_ALG, "AF_ALG"}, {unix.AF_XDP, "AF_XDP"}}}
	// SockType: the type in the low bits, SOCK_NONBLOCK and SOCK_CLOEXEC
	// above them (include/linux/net.h: SOCK_TYPE_MASK 0xf).
	SockType = &Set{
		LowMask: 0xf,
		Low: []Named{{unix.SOCK_STREAM, "SOCK_STREAM"}, {unix.SOCK_DGRAM, "SOCK_DGRAM"}, {unix.SOCK_RAW, "SOCK_RAW"},
			{unix.SOCK_RDM, "SOCK_RDM"}, {unix.SOCK_SEQPACKET, "SOCK_SEQPACKET"}, {unix.SOCK_DCCP, "SOCK_DCCP"}, {unix.SOCK_PACKET, "SOCK_PACKET"}},
		Names: []Named{{unix.SOCK_NONBLOCK, "SOCK_NONBLOCK"}, {unix.SOCK_CLOEXEC, "SOCK_CLOEXEC"}},
	}
	SockFlags = &Set{Names: []Named{{unix.SOCK_NONBLOCK, "SOCK_NONBLOCK"}, {unix.SOCK_CLOEXEC, "SOCK_CLOEXEC"}}}
	// IPProto: protocol 0 is "the default for the type" and strace shows it as 0.
	IPProto = &Set{Enum: true, Names: []Named{{unix.IPPROTO_TCP, "IPPROTO_TCP"}, {unix.IPPROTO_UDP, "IPPROTO_UDP"},
		{unix.IPPROTO_ICMP, "IPPROTO_ICMP"}, {unix.IPPROTO_ICMPV6, "IPPROTO_ICMPV6"}, {unix.IPPROTO_RAW, "IPPROTO_RAW"},
		{unix.IPPROTO_SCTP, "IPPROTO_SCTP"}, {unix.IPPROTO_UDPLITE, "IPPROTO_UDPLITE"}, {unix.IPPROTO_MPTCP, "IPPROTO_MPTCP"}}}
	MsgFlags = &Set{Names: []Named{{unix.MSG_OOB, "MSG_OOB"}, {unix.MSG_PEEK, "MSG_PEEK"}, {unix.MSG_DONTROUTE, "MSG_DONTROUTE"},
		{unix.MSG_CTRUNC, "MSG_CTRUNC"}, {unix.MSG_TRUNC, "MSG_TRUNC"}, {unix.MSG_DONTWAIT, "MSG_DONTWAIT"}, {unix.MSG_EOR, "MSG_EOR"},
		{unix.MSG_WAITALL, "MSG_WAITALL"}, {unix.MSG_CONFIRM, "MSG_CONFIRM"}, {unix.MSG_ERRQUEUE, "MSG_ERRQUEUE"},
		{unix.MSG_NOSIGNAL, "MSG_NOSIGNAL"}, {unix.MSG_MORE, "MSG_MORE"}, {unix.MSG_WAITFORONE, "MSG_WAITFORONE"},
		{unix.MSG_ZEROCOPY, "MSG_ZEROCOPY"}, {unix.MSG_FASTOPEN, "MSG_FASTOPEN"}, {unix.MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"}}}
)

// fcntl: the argument of F_SETFD and the result of F_GETFD; F_ADD_SEALS'.
var (
	FDFlags   = &Set{Names: []Named{{unix.FD_CLOEXEC, "FD_CLOEXEC"}}}
	SealFlags = &Set{Names: []Named{{unix.F_SEAL_SEAL, "F_SEAL_SEAL"}, {unix.F_SEAL_SHRINK, "F_SEAL_SHRINK"},
		{unix.F_SEAL_GROW, "F_SEAL_GROW"}, {unix.F_SEAL_WRITE, "F_SEAL_WRITE"}, {unix.F_SEAL_FUTURE_WRITE, "F_SEAL_FUTURE_WRITE"},
		{unix.F_SEAL_EXEC, "F_SEAL_EXEC"}}}
	LeaseType = &Set{Enum: true, Names: []Named{{unix.F_RDLCK, "F_RDLCK"}, {unix.F_WRLCK, "F_WRLCK"}, {unix.F_UNLCK, "F_UNLCK"}}}
)

// Flags of the calls that make fds with no path, and statx's mask.
var (
	EventfdFlags = &Set{Names: []Named{{unix.EFD_SEMAPHORE, "EFD_SEMAPHORE"}, {unix.EFD_NONBLOCK, "EFD_NONBLOCK"}, {unix.EFD_CLOEXEC, "EFD_CLOEXEC"}}}
	TimerfdFlags = &Set{Names: []Named{{unix.TFD_NONBLOCK, "TFD_NONBLOCK"}, {unix.TFD_CLOEXEC, "TFD_CLOEXEC"}}}
	MemfdFlags   = &Set{Names: []Named{{unix.MFD_CLOEXEC, "MFD_CLOEXEC"}, {unix.MFD_ALLOW_SEALING, "MFD_ALLOW_SEALING"}, {unix.MFD_HUGETLB, "MFD_HUGETLB"}, {unix.MFD_NOEXEC_SEAL, "MFD_NOEXEC_SEAL"}, {unix.MFD_EXEC, "MFD_EXEC"}}}
	Pipe2Flags   = &Set{Names: []Named{{unix.O_NONBLOCK, "O_NONBLOCK"}, {unix.O_DIRECT, "O_DIRECT"}, {unix.O_CLOEXEC, "O_CLOEXEC"}}}
	InotifyInit  = &Set{Names: []Named{{unix.IN_NONBLOCK, "IN_NONBLOCK"}, {unix.IN_CLOEXEC, "IN_CLOEXEC"}}}
	EpollCreate  = &Set{Names: []Named{{unix.EPOLL_CLOEXEC, "EPOLL_CLOEXEC"}}}
	ClockID      = &Set{Enum: true, Names: []Named{{unix.CLOCK_REALTIME, "CLOCK_REALTIME"}, {unix.CLOCK_MONOTONIC, "CLOCK_MONOTONIC"}, {unix.CLOCK_BOOTTIME, "CLOCK_BOOTTIME"}, {unix.CLOCK_REALTIME_ALARM, "CLOCK_REALTIME_ALARM"}, {unix.CLOCK_BOOTTIME_ALARM, "CLOCK_BOOTTIME_ALARM"}}}
	StatxMask    = &Set{Names: []Named{{unix.STATX_BASIC_STATS, "STATX_BASIC_STATS"}, {unix.STATX_TYPE, "STATX_TYPE"}, {unix.STATX_MODE, "STATX_MODE"}, {unix.STATX_NLINK, "STATX_NLINK"}, {unix.STATX_UID, "STATX_UID"}, {unix.STATX_GID, "STATX_GID"}, {unix.STATX_ATIME, "STATX_ATIME"}, {unix.STATX_MTIME, "STATX_MTIME"}, {unix.STATX_CTIME, "STATX_CTIME"}, {unix.STATX_INO, "STATX_INO"}, {unix.STATX_SIZE, "STATX_SIZE"}, {unix.STATX_BLOCKS, "STATX_BLOCKS"}, {unix.STATX_BTIME, "STATX_BTIME"}, {unix.STATX_MNT_ID, "STATX_MNT_ID"}, {unix.STATX_DIOALIGN, "STATX_DIOALIGN"}, {unix.STATX_MNT_ID_UNIQUE, "STATX_MNT_ID_UNIQUE"}}}
	CloneFlags   = &Set{Names: []Named{{unix.CLONE_VM, "CLONE_VM"}, {unix.CLONE_FS, "CLONE_FS"}, {unix.CLONE_FILES, "CLONE_FILES"}, {unix.CLONE_SIGHAND, "CLONE_SIGHAND"}, {unix.CLONE_PIDFD, "CLONE_PIDFD"}, {unix.CLONE_PTRACE, "CLONE_PTRACE"}, {unix.CLONE_VFORK, "CLONE_VFORK"}, {unix.CLONE_PARENT, "CLONE_PARENT"}, {unix.CLONE_THREAD, "CLONE_THREAD"}, {unix.CLONE_NEWNS, "CLONE_NEWNS"}, {unix.CLONE_SYSVSEM, "CLONE_SYSVSEM"}, {unix.CLONE_SETTLS, "CLONE_SETTLS"}, {unix.CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID"}, {unix.CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID"}, {unix.CLONE_UNTRACED, "CLONE_UNTRACED"}, {unix.CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID"}, {unix.CLONE_NEWCGROUP, "CLONE_NEWCGROUP"}, {unix.CLONE_NEWUTS, "CLONE_NEWUTS"}, {unix.CLONE_NEWIPC, "CLONE_NEWIPC"}, {unix.CLONE_NEWUSER, "CLONE_NEWUSER"}, {unix.CLONE_NEWPID, "CLONE_NEWPID"}, {unix.CLONE_NEWNET, "CLONE_NEWNET"}, {unix.CLONE_IO, "CLONE_IO"}}}
)

// io_uring (include/uapi/linux/io_uring.h; x/sys/unix has none of these:
// sets_test.go checks them against the installed header).
var (
	URingSetupFlags = &Set{Names: []Named{{1 << 0, "IORING_SETUP_IOPOLL"}, {1 << 1, "IORING_SETUP_SQPOLL"}, {1 << 2, "IORING_SETUP_SQ_AFF"},
		{1 << 3, "IORING_SETUP_CQSIZE"}, {1 << 4, "IORING_SETUP_CLAMP"}, {1 << 5, "IORING_SETUP_ATTACH_WQ"}, {1 << 6, "IORING_SETUP_R_DISABLED"},
		{1 << 7, "IORING_SETUP_SUBMIT_ALL"}, {1 << 8, "IORING_SETUP_COOP_TASKRUN"}, {1 << 9, "IORING_SETUP_TASKRUN_FLAG"},
		{1 << 10, "IORING_SETUP_SQE128"}, {1 << 11, "IORING_SETUP_CQE32"}, {1 << 12, "IORING_SETUP_SINGLE_ISSUER"},
		{1 << 13, "IORING_SETUP_DEFER_TASKRUN"}}}
	URingEnterFlags = &Set{Names: []Named{{1 << 0, "IORING_ENTER_GETEVENTS"}, {1 << 1, "IORING_ENTER_SQ_WAKEUP"}, {1 << 2, "IORING_ENTER_SQ_WAIT"},
		{1 << 3, "IORING_ENTER_EXT_ARG"}, {1 << 4, "IORING_ENTER_REGISTERED_RING"}}}
	URingRegisterOp = &Set{Enum: true, Names: []Named{{0, "IORING_REGISTER_BUFFERS"}, {1, "IORING_UNREGISTER_BUFFERS"},
		{2, "IORING_REGISTER_FILES"}, {3, "IORING_UNREGISTER_FILES"}, {4, "IORING_REGISTER_EVENTFD"}, {5, "IORING_UNREGISTER_EVENTFD"},
		{6, "IORING_REGISTER_FILES_UPDATE"}, {7, "IORING_REGISTER_EVENTFD_ASYNC"}, {8, "IORING_REGISTER_PROBE"},
		{9, "IORING_REGISTER_PERSONALITY"}, {10, "IORING_UNREGISTER_PERSONALITY"}, {11, "IORING_REGISTER_RESTRICTIONS"},
		{12, "IORING_REGISTER_ENABLE_RINGS"}, {13, "IORING_REGISTER_FILES2"}, {14, "IORING_REGISTER_FILES_UPDATE2"},
		{15, "IORING_REGISTER_BUFFERS2"}, {16, "IORING_REGISTER_BUFFERS_UPDATE"}, {17, "IORING_REGISTER_IOWQ_AFF"},
		{18, "IORING_UNREGISTER_IOWQ_AFF"}, {19, "IORING_REGISTER_IOWQ_MAX_WORKERS"}, {20, "IORING_REGISTER_RING_FDS"},
		{21, "IORING_UNREGISTER_RING_FDS"}, {22, "IORING_REGISTER_PBUF_RING"}, {23, "IORING_UNREGISTER_PBUF_RING"},
		{24, "IORING_REGISTER_SYNC_CANCEL"}, {25, "IORING_REGISTER_FILE_ALLOC_RANGE"}}}
)

// Sets lists every set by name, for the tests that check their values.
var Sets = map[string]*Set{
	"OpenFlags":          OpenFlags,
	"CloexecFlag":        CloexecFlag,
	"AtFlags":            AtFlags,
	"UnlinkAtFlags":      UnlinkAtFlags,
	"AccessAtFlags":      AccessAtFlags,
	"AccessMode":         AccessMode,
	"RenameFlags":        RenameFlags,
	"Whence":             Whence,
	"FlockOp":            FlockOp,
	"FcntlCmd":           FcntlCmd,
	"FallocMode":         FallocMode,
	"Fadvice":            Fadvice,
	"XattrFlags":         XattrFlags,
	"SpliceFlags":        SpliceFlags,
	"CloseRangeFlags":    CloseRangeFlags,
	"RWFlags":            RWFlags,
	"IoctlRequest":       IoctlRequest,
	"URingFsyncFlags":    URingFsyncFlags,
	"SqeFlags":           SqeFlags,
	"MapFlags":           MapFlags,
	"Prot":               Prot,
	"MsyncFlags":         MsyncFlags,
	"MremapFlags":        MremapFlags,
	"SyncFileRangeFlags": SyncFileRangeFlags,
	"SockLevel":          SockLevel,
	"ShutHow":            ShutHow,
	"EpollOp":            EpollOp,
	"InotifyMask":        InotifyMask,
	"AddressFamily":      AddressFamily,
	"SockType":           SockType,
	"SockFlags":          SockFlags,
	"IPProto":            IPProto,
	"MsgFlags":           MsgFlags,
	"FDFlags":            FDFlags,
	"SealFlags":          SealFlags,
	"LeaseType":          LeaseType,
	"EventfdFlags":       EventfdFlags,
	"TimerfdFlags":       TimerfdFlags,
	"MemfdFlags":         MemfdFlags,
	"InotifyInit":        InotifyInit,
	"EpollCreate":        EpollCreate,
	"ClockID":            ClockID,
	"StatxMask":          StatxMask,
	"CloneFlags":         CloneFlags,
	"URingSetupFlags":    URingSetupFlags,
	"URingEnterFlags":    URingEnterFlags,
	"URingRegisterOp":    URingRegisterOp,
}
