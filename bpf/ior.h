/* Types shared by the kernel side (ior.bpf.c) and the Go side (bpf2go
 * generates Go mirrors of every struct named with -type). Fixed-width
 * fields only, so both sides agree on the layout without padding games. */
#ifndef IOR_H
#define IOR_H

/* Limits both sides share; bpf2go carries them to Go (probe.SlotSize ...). */
enum ior_limits {
	/* Bytes kept of a path argument: PATH_MAX (4096, with its NUL) and a
	 * margin, so that a string that fills the slot was cut
	 * (IOR_SLOT_TRUNCATED) and one that did not is whole. */
	IOR_PATH_MAX = 4160,
	IOR_BLOB_MAX = 256, /* bytes kept of a struct argument */
	IOR_NSLOTS = 3,     /* slots in one record: path 0, path 1, struct */
	IOR_MAX_NR = 512,   /* syscall numbers below this are describable */
	IOR_COMM_LEN = 16,  /* TASK_COMM_LEN */
	IOR_AIO_MAX = 6,    /* iocbs of one io_submit copied (6 x 40 bytes fit the struct slot) */
	IOR_AIO_EVENT = 32, /* sizeof(struct io_event): io_getevents' results, each copied */
	IOR_HANDLE_MAX = 128, /* MAX_HANDLE_SZ: the most f_handle bytes the kernel takes */
	/* User stack frames kept per event (-stacks): a stack that fills
	 * them may have been cut. */
	IOR_STACK_MAX = 64,
};

/* How much of a string argument the kernel reads (desc str_max): it
 * reads at most this many bytes and fails the call when no NUL came
 * within them (ENAMETOOLONG, ERANGE, EINVAL). ior reads the same bytes. */
enum ior_str_max {
	IOR_STR_PATH = 0,  /* getname: PATH_MAX (4096) */
	IOR_STR_XATTR = 1, /* an xattr name: XATTR_NAME_MAX + 1 (256) */
	IOR_STR_MEMFD = 2, /* memfd_create's name: MFD_NAME_MAX_LEN + 1 (250) */
};

/* How many bytes of the struct argument to copy (desc blob_size): what
 * the kernel itself read or wrote, so that a struct placed right before
 * an unmapped page is read whole. */
enum ior_blob_size {
	IOR_BLOB_FIXED = 0,  /* blob_len bytes */
	IOR_BLOB_HANDLE = 1, /* a struct file_handle: 8 bytes, then handle_bytes (<= IOR_HANDLE_MAX) */
	IOR_BLOB_EVENTS = 2, /* io_getevents: ret struct io_events (as many as fit; the rest counted lost) */
	IOR_BLOB_SIZED = 3,  /* blob_len bytes when arg blob_arg (the struct's size) is >= blob_min; else none */
	IOR_BLOB_URING_REGISTER = 4, /* io_uring_register: by opcode, what the kernel reads of the argument */
};

/* What happened: a paired syscall, or a traced task's exec, fork or
 * exit (from the scheduler's tracepoints). */
enum ior_kind {
	IOR_KIND_SYSCALL = 1,
	IOR_KIND_EXEC = 2,
	IOR_KIND_FORK = 3, /* args: child tgid, child tid, IOR_FORK_* bits */
	IOR_KIND_EXIT = 4, /* args: exit_code (wait status), group_dead */
	IOR_KIND_URING = 5, /* an io_uring request: see struct ior_uring_req */
};

/* What a new task shares with its parent (IOR_KIND_FORK's args[2]). */
enum ior_fork_flags {
	IOR_FORK_THREAD = 1, /* same thread group (CLONE_THREAD) */
	IOR_FORK_FILES = 2,  /* same fd table (CLONE_FILES) */
};

/* Per-slot state bits in ior_event.slot_state[i]. */
enum ior_slot_state {
	IOR_SLOT_OK = 1,      /* the slot holds data */
	IOR_SLOT_RETRIED = 2, /* enter could not read it; exit did */
	IOR_SLOT_FAULT = 4,   /* neither enter nor exit could read it */
	IOR_SLOT_TRUNCATED = 8, /* no NUL within the kernel's limit (enum ior_str_max): cut */
	IOR_SLOT_KERNEL = 16,   /* read from the kernel's own copy (execve's, at the exec) */
};

/* Indices into the per-CPU stats array. */
enum ior_stat {
	IOR_STAT_LOST_RINGBUF = 0, /* ring buffer full: event dropped */
	IOR_STAT_LOST_INFLIGHT,    /* no in-flight state (task storage, io_uring request map): event dropped */
	IOR_STAT_PATHS_RETRIED,    /* path read again at exit */
	IOR_STAT_PATHS_FAULTED,    /* path unreadable at enter and exit */
	IOR_STAT_URING_UNPAIRED,   /* io_uring requests with IOSQE_CQE_SKIP_SUCCESS: not recorded */
	IOR_STAT_AIO_RESULTS_LOST, /* io_getevents results not copied (past the slot, or unreadable) */
	IOR_STAT_PATHS_KERNEL,     /* exec paths taken from the kernel's copy */
	IOR_STAT_MAX,
};

/* What the kernel side copies for one syscall. Arg numbers are 1-based so
 * that zero means "none". Path i goes to slot i, the struct argument
 * (copied at exit, after the kernel filled it) to slot 2. */
struct ior_sc_desc {
	__u8 traced;   /* record this syscall at all */
	__u8 path[2];  /* arg number of a NUL-terminated user string */
	__u8 blob;     /* arg number of a user struct to copy */
	__u8 blob_len; /* bytes of it to copy (<= IOR_BLOB_MAX) */
	__u8 new_fds;  /* enum ior_new_fds: the call makes fds the kernel side names */
	__u8 filter;   /* enum ior_filter: record only some calls (mapping.h), or read more at enter (aio.h) */
	__u8 exec;     /* the call replaces the image when it succeeds: its path is never read after it */
	__u8 str_max[2]; /* enum ior_str_max of each path */
	__u8 blob_size;  /* enum ior_blob_size */
	__u8 blob_arg;   /* IOR_BLOB_SIZED: arg number of the struct's size */
	__u8 blob_min;   /* IOR_BLOB_SIZED: the least size the kernel reads the struct at */
	__u8 pad[3];
};

/* Which calls of a syscall to record (desc filter); zero: all. */
enum ior_filter {
	/* mmap: only a mapping of a file (fd >= 0, not MAP_ANONYMOUS) */
	IOR_FILTER_MAP_FILE = 1,
	/* munmap, msync, mremap: only when the address in arg 1 lies in a
	 * mapping of a file (or the mapping could not be looked at) */
	IOR_FILTER_FILE_VMA = 2,
	/* io_submit: every call; its iocbs are read at enter (aio.h) */
	IOR_FILTER_AIO_SUBMIT = 3,
};

/* One iocb of an io_submit, as the kernel side copies it at enter (up to
 * IOR_AIO_MAX of them, the struct slot): the user's iocb address (what
 * io_getevents' results name), its aio_data, and what it asks. */
struct ior_aio_iocb {
	__u64 obj;
	__u64 data;
	__u64 nbytes;
	__s64 offset;
	__u32 fd;
	__u16 op; /* IOCB_CMD_* */
	__u16 pad;
};

/* The struct slot of a filtered mapping call: which file the mapping is
 * of, read from the vma (for mmap at exit, at the address it returned;
 * for the others at enter). Absent when it could not be looked at. */
struct ior_map_file {
	__u64 ino;
	__u32 dev; /* the file system's s_dev */
	__u32 gen; /* the inode's i_generation: an inode number reused by another file differs */
};

/* Which fds a call makes, for the kernel side to name at exit. */
enum ior_new_fds {
	IOR_NEW_FD_RET = 1,  /* the return value (socket, eventfd2, ...) */
	IOR_NEW_FD_PAIR = 2, /* an int[2] at the blob argument (pipe2, socketpair) */
	IOR_NEW_FD_TMPFILE = 3, /* the return value, when arg blob_arg (open's flags) has O_TMPFILE */
	IOR_NEW_FD_IOCTL = 4,   /* the return value, when the ioctl's request makes an fd (NS_GET_USERNS, ...) */
	IOR_NEW_FD_RIGHTS = 5,  /* recvmsg: the first two fds of an SCM_RIGHTS message in the control buffer */
};

/* What a new fd is, read from the kernel's own file at the call's exit:
 * enough for user space to name it as /proc does (pipe:[INODE],
 * socket:[INODE], anon_inode:[eventfd], /memfd:NAME (deleted), an
 * O_TMPFILE's #INODE, a namespace's user:[INODE]: name is then the
 * namespace type's, as nsfs names its files). */
struct ior_file_id {
	__u64 ino;
	__u64 magic;   /* the file system's s_magic */
	__u64 priv;    /* its private_data: an io_uring fd's ring, as requests name it */
	char name[32]; /* the dentry's name */
};

/* The struct slot of a call that makes fds (desc new_fds set). */
struct ior_new_files {
	__s32 fd[2]; /* -1: none */
	struct ior_file_id id[2];
};

/* An io_uring request (IOR_KIND_URING), recorded when it completes. The
 * header's nr is the opcode; pid, tid and comm are the submitting task's
 * (the SQ thread's with SQPOLL); enter_ns is the submission, exit_ns the
 * completion, ret the completion's res. args: [0] user_data, [1] the fd
 * (or fixed-file slot, or dirfd of a path op) as submitted, [2] offset,
 * [3] length, [4] the op's flags (O_*, RWF_*, AT_*, fsync, fallocate
 * mode, fadvise advice), [5] mode (open, mkdir; statx mask). Slots 0 and
 * 1 hold the op's paths (read from the kernel's copy at submission),
 * slot 2 this struct. */
struct ior_uring_req {
	__u64 ctx;        /* the ring (struct io_ring_ctx *): fixed files are per ring */
	__s32 fd2;        /* RENAMEAT/LINKAT/SYMLINKAT's new dirfd, SPLICE/TEE's fd_in; -1: none */
	__u32 file_slot;  /* OPENAT, OPENAT2, CLOSE of a direct descriptor: slot + 1; 0: none */
	__u32 cqe_flags;  /* IORING_CQE_F_* of the completion */
	__u32 exec_tid;   /* the task that posted the completion */
	__u8 sqe_flags;   /* IOSQE_* as submitted */
	__u8 exec;        /* enum ior_uring_exec bits */
	__u8 pad[6];
};

/* How an io_uring request ran (struct ior_uring_req's exec). */
enum ior_uring_exec {
	IOR_URING_SQPOLL = 1,   /* submitted by the ring's SQ thread */
	IOR_URING_IOWQ = 2,     /* handed to an io-wq worker */
	IOR_URING_REJECTED = 4, /* failed before it was issued (bad SQE) */
};

/* Filters; zero means off. Set from Go before load (rodata). A task is
 * traced when it is not ior and: its thread is tid; or its process is
 * tgid; or it is marked (follow: marked at fork when its parent is
 * traced, at exec when its process is exec_tgid, or from user space for
 * tasks that existed at attach); or, with neither tid, tgid nor
 * exec_tgid set, any task. The comm prefix applies on top. */
/* Processes besides ior that are never traced (ior_config.exclude_tgid). */
#define IOR_MAX_EXCLUDE 8

struct ior_config {
	__u32 tgid;
	__u32 tid;
	__u32 exec_tgid; /* a command ior started: traced from its exec on */
	__u32 follow;    /* trace the descendants of what is traced */
	__u32 self_tgid; /* ior itself: never traced */
	__u32 comm_len;  /* bytes of comm to compare; 0 = any comm */
	char comm[IOR_COMM_LEN];
	/* Wake the reader only once this many bytes wait in the ring buffer
	 * (it also polls on a short timer); 0: wake on every record. */
	__u64 wakeup_bytes;
	/* Capture each event's user stack (-stacks); 0: none, and no cost. */
	__u32 stacks;
	__u32 pad_stacks;
	/* Count the traced tasks' syscalls that are not recorded, by
	 * number, in other_calls (ior top's Other tab); 0: off. */
	__u32 count_other;
	__u32 pad_other;
	/* The target's identity beyond its number (-pid, -tid, a command):
	 * its start time since boot (task->start_boottime, ns) lies in
	 * [start_lo, start_hi), the tick /proc/PID/stat gives. A task with
	 * the target's number that started outside is another process that
	 * got the number after the target exited. start_hi 0: not checked. */
	__u64 start_lo;
	__u64 start_hi;
	/* Processes never traced besides ior (with -all and -comm: those
	 * that read ior's output, whose reads and writes of it would feed
	 * back into it); the first exclude_n entries are used. */
	__u32 exclude_n;
	__u32 exclude_tgid[IOR_MAX_EXCLUDE];
};

/* A user stack as the kernel side keeps it (-stacks): return
 * addresses, innermost first, and their bytes. */
struct ior_stack {
	__u64 pcs[IOR_STACK_MAX];
	__u32 len; /* bytes of pcs used; 0: none */
	__u32 pad;
};

/* One ring buffer record: this header, then the slots' bytes back to
 * back, slot i holding slot_len[i] bytes (a string without its NUL),
 * then stack_len bytes of user stack (u64 return addresses, innermost
 * first; cfg.stacks only). A record is as long as its strings, not as
 * its slots could be. stack_len sits in what was the header's tail
 * padding: the header's size is unchanged. */
struct ior_event {
	__u64 enter_ns;
	__u64 exit_ns;
	__s64 ret;
	__u64 args[6];
	__u32 pid;
	__u32 tid;
	__u16 nr;
	__u8 kind;
	__u8 slot_state[IOR_NSLOTS];
	__u16 slot_len[IOR_NSLOTS];
	__u16 pad;
	char comm[IOR_COMM_LEN];
	__u16 stack_len;
};

#endif
