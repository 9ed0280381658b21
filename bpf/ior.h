/* (Past 350 lines: every record, desc and enum the Go side mirrors is here,
 * in one place bpf2go reads.)
 * Types shared by the kernel side (ior.bpf.c) and the Go side (bpf2go
 * generates Go mirrors of every struct named with -type). Fixed-width
 * fields only, so both sides agree on the layout without padding games.
 * Past 350 lines: it is the one ABI both sides share (every enum and
 * struct the Go side mirrors), which splitting would scatter. */
#ifndef IOR_H
#define IOR_H

#include <linux/types.h>

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
	IOR_AIO_MAX = 6,    /* unused: iocbs of one io_submit the struct slot held before IOR_KIND_AIO_IOCB */
	IOR_AIO_LOOP = 1 << 16, /* iocbs of one io_submit, results of one io_getevents read at most (aio-max-nr's default) */
	IOR_NAME_MAX = 4096, /* bytes of a name record's components (PATH_MAX): more is cut */
	IOR_NAME_DEPTH = 160, /* dentries and mounts one name walk climbs at most */
	IOR_TS_LEN = 16,    /* bytes of a timeout read at enter (struct timespec, struct timeval) */
	IOR_AIO_EVENT = 32, /* sizeof(struct io_event) */
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
	/* A file's name as the kernel side walked it (names.h), sent before
	 * the first record that names the file by its id. args: [0] the id,
	 * [1] the id it replaces (the same file, named before a rename; 0:
	 * none), [2] the inode number, [3] s_dev << 32 | enum
	 * ior_name_flags, [4] the file system's s_magic, [5] the mount
	 * namespace's inode number (0: a mount in none). Slot 0: the path's
	 * components, last first, each ending in a NUL. */
	IOR_KIND_NAME = 6,
	/* One iocb of an io_submit, read at its enter (aio.h): args [0] the
	 * context, [1] its index in the call; enter_ns the call's enter;
	 * name_state/name_id[0] its fd's file; slot 2 a struct
	 * ior_aio_iocb. Sent before the io_submit's own record. */
	IOR_KIND_AIO_IOCB = 7,
	/* One result an io_getevents returned (aio.h): args [0] the
	 * context, [1] its index; exit_ns the call's exit; slot 2 the
	 * struct io_event (data, obj, res, res2). Sent before the call's
	 * own record. */
	IOR_KIND_AIO_RESULT = 8,
	/* What a traced task runs in (proc.h), sent before the first call
	 * of the task that is recorded and again before the first after a
	 * change: args [0] its mount namespace's inode number, [1] its pid
	 * namespace's, [2] its cgroup v2 id (the kernfs node's id; 0: none),
	 * [3] the id of the name record naming its root (0: none), [4] enum
	 * ior_proc_flags. Slot 0: the cgroup's path below the hierarchy's
	 * root as components, last first, each ending in a NUL (none: the
	 * root). */
	IOR_KIND_PROC = 9,
};

/* Why a process record was sent, and what it could not read
 * (IOR_KIND_PROC's args[4]). None of the first three: something
 * changed. */
enum ior_proc_flags {
	IOR_PROC_FIRST = 1,        /* the task's first record */
	IOR_PROC_EXEC = 2,         /* after an exec */
	IOR_PROC_ROOT_LOST = 4,    /* its root's name record could not be sent */
	IOR_PROC_CGROUP_CUT = 8,   /* the cgroup's path is longer than IOR_NAME_MAX or 64 levels: not whole */
	IOR_PROC_CGROUP_NONE = 16, /* no cgroup v2 could be read */
	/* the task's exec record was lost (ring buffer full): what user
	 * space knew of its image (mappings, close-on-exec fds) is gone */
	IOR_PROC_EXEC_LOST = 32,
};

/* What a name record says of its walk (IOR_KIND_NAME's args[3]). */
enum ior_name_flags {
	IOR_NAMEF_CUT = 1,    /* longer than IOR_NAME_MAX or IOR_NAME_DEPTH: not whole */
	IOR_NAMEF_PSEUDO = 2, /* a file with no place in a tree (pipe, socket, anon inode, memfd): slot 0 holds its dentry's name */
	/* Walked up to another mount namespace's root than ior's: slot 1
	 * holds the file's path below its file system's root (the dentries
	 * alone, no mount crossed), components last first, so that user
	 * space can find the file in ior's own mounts (proc.h). */
	IOR_NAMEF_FSPATH = 4,
};

/* What the kernel side could tell of the file behind one of a call's
 * fds, its cwd or its root (ior_event.name_state[i]). */
enum ior_name_state {
	IOR_NAME_OK = 1,     /* name_id[i] names it */
	IOR_NAME_NOFILE = 2, /* no file at that fd when the call ran */
	IOR_NAME_RACED = 3,  /* the fd held another file at the call's exit than at its enter */
	IOR_NAME_LOST = 4,   /* its name record could not be sent (ring buffer full) */
	IOR_NAME_STATE = 7,  /* mask of the states above */
	IOR_NAME_DELETED = 8, /* bit: the file (or directory) was unlinked, as d_path says "(deleted)" */
};

/* Which of a call's fds the kernel side names (ior_sc_desc.name[i]):
 * the argument number (1-based; 0: the cwd) in the low bits, and how. */
enum ior_name_arg {
	IOR_NAME_ARG = 7,
	/* The base path i is relative to: its dirfd (argument), the cwd
	 * for AT_FDCWD or no dirfd, the root for an absolute path. */
	IOR_NAME_PATHBASE = 0x40,
	/* Read at enter only: the call drops the fd (close). */
	IOR_NAME_ENTER = 0x80,
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
	IOR_SLOT_TS_FAULT = 16, /* struct slot (desc copy): the timeout could not be read at enter */
	IOR_SLOT_KERNEL = 32,   /* read from the kernel's own copy (execve's, at the exec) */
};

/* Indices into the per-CPU stats array. */
enum ior_stat {
	IOR_STAT_LOST_RINGBUF = 0, /* ring buffer full: event dropped */
	IOR_STAT_LOST_INFLIGHT,    /* no in-flight state (task storage, io_uring request map): event dropped */
	IOR_STAT_PATHS_RETRIED,    /* path read again at exit */
	IOR_STAT_PATHS_FAULTED,    /* path unreadable at enter and exit */
	IOR_STAT_URING_UNPAIRED,   /* io_uring requests with IOSQE_CQE_SKIP_SUCCESS: not recorded */
	IOR_STAT_AIO_UNREAD,       /* AIO iocbs or results that could not be read (or past IOR_AIO_LOOP) */
	IOR_STAT_LOST_URING_REQS,  /* io_uring request map full: request not recorded */
	IOR_STAT_LOST_URING_PATHS, /* io_uring path map full: request recorded, its paths unknown */
	IOR_STAT_URING_OVERFLOW,   /* overflowed completions whose request could not be told (a shared user_data): not recorded */
	IOR_STAT_AIO_RESULTS_LOST, /* io_getevents results not copied (past the slot, or unreadable) */
	IOR_STAT_PATHS_KERNEL,     /* exec paths taken from the kernel's copy */
	/* Records other than events the ring buffer had no room for: counted
	 * apart, so that IOR_STAT_LOST_RINGBUF counts events alone. */
	IOR_STAT_LOST_NAMES,       /* a file's name record (retried at the file's next use: each try counts) */
	IOR_STAT_LOST_TASKS,       /* an exec, fork or exit record */
	IOR_STAT_LOST_PROCS,       /* a process record (retried at the task's next call: each try counts) */
	IOR_STAT_LOST_NAMING,      /* a call traced only to name files (IOR_TRACED_NAMING): not an event asked for */
	IOR_STAT_MAX,
};

/* ior_sc_desc.traced: the call is recorded; IOR_TRACED_NAMING: only so
 * that the calls asked for (-syscalls) are named (opens, closes, dups
 * ...), not shown: a record of it that finds no room is not an event
 * lost (IOR_STAT_LOST_NAMING). */
enum ior_traced {
	IOR_TRACED = 1,
	IOR_TRACED_NAMING = 2,
};

/* What the kernel side copies for one syscall. Arg numbers are 1-based so
 * that zero means "none". Path i goes to slot i, the struct argument
 * (copied at exit, after the kernel filled it) to slot 2. */
struct ior_sc_desc {
	__u8 traced;   /* record this syscall at all (enum ior_traced) */
	__u8 path[2];  /* arg number of a NUL-terminated user string */
	__u8 blob;     /* arg number of a user struct to copy */
	__u8 blob_len; /* bytes of it to copy (<= IOR_BLOB_MAX) */
	__u8 new_fds;  /* enum ior_new_fds: the call makes fds the kernel side names */
	__u8 filter;   /* enum ior_filter: record only some calls (mapping.h), or read more at enter (aio.h) */
	__u8 exec;     /* the call replaces the image when it succeeds: its path is never read after it */
	__u8 name[2];  /* enum ior_name_arg: the file name_id[i] names (names.h); 0: none */
	/* The fd the call replaces or closes (dup2, dup3: the target; close),
	 * an arg number, or IOR_FDCHANGE_RANGE (close_range): its fd's
	 * sequence is bumped at enter and exit (names.h). 0: none. */
	__u8 fdchange;
	/* Added for socket addresses, socket options and readiness waits
	 * (copy.h): a struct whose length the call passes. */
	__u8 copy;      /* enum ior_copy; 0: the struct is blob_len bytes read at exit */
	__u8 len_arg;   /* arg number of the struct's length (IOR_COPY_VALRES: of an int * to it) */
	__u8 len_shift; /* the length counts elements of 1 << len_shift bytes (poll's nfds) */
	__u8 ts;        /* arg number of a timeout (timespec, timeval) read at enter, IOR_TS_LEN bytes */
	__u8 str_max[2]; /* enum ior_str_max of each path */
	__u8 blob_size;  /* enum ior_blob_size */
	__u8 blob_arg;   /* IOR_BLOB_SIZED: arg number of the struct's size */
	__u8 blob_min;   /* IOR_BLOB_SIZED: the least size the kernel reads the struct at */
	/* Added for values behind pointers that strace shows (captures.h),
	 * in what was pad2: enum ior_capture, and its argument numbers. */
	__u8 capture;
	__u8 cap_arg[2];
	/* enum ior_struct: what fills the struct slot, chosen once, in Go
	 * (syscalls.StructOf), and read here and by the decoder alike. */
	__u8 slot;
	__u8 resolved;   /* enum ior_resolved: where the file the kernel's lookup reached is read (resolved.h); 0: not read */
	/* enum ior_gen bits: what this syscall's exit makes stale, in any
	 * task (traced or not: set whether the desc is traced or not).
	 * Taken from pad2. */
	__u8 gen;
	/* The call's count of arguments (its tracefs format's): a record
	 * carries only these. Taken from pad2. */
	__u8 nargs;
	__u8 pad2[5];
};

/* What a syscall's exit makes stale for every task (desc gen): ior_sys_exit
 * bumps the generation at the exit of such a call by any task. */
enum ior_gen {
	IOR_GEN_NAMES = 1, /* a rename or a change of the mount tree: every name walked (names.h) */
	IOR_GEN_PROC = 2,  /* unshare, setns, chroot, pivot_root: every task's process record (proc.h) */
};

/* Where the kernel side reads the file a call's path argument resolved
 * to (desc resolved; resolved.h). */
enum ior_resolved {
	IOR_RESOLVED_RET = 1, /* path 0: the file the returned fd holds (opens) */
	IOR_RESOLVED_CWD = 2, /* path 0: the task's cwd after the call (chdir) */
	IOR_RESOLVED_ROOT = 3, /* path 0: the task's root after the call (chroot) */
};


/* What fills a syscall record's struct slot (slot 2): one kind per desc,
 * each with its own sizing. Go declares the same values
 * (syscalls.Struct*), checked against these by a test. */
enum ior_struct {
	IOR_STRUCT_NONE = 0,
	IOR_STRUCT_BLOB = 1,      /* arg blob, at exit, sized by blob_size (copies.h) */
	IOR_STRUCT_COPY = 2,      /* arg blob, sized by len_arg (copy.h): a struct ior_copied, the timeout, the bytes */
	IOR_STRUCT_NEW_FILES = 3, /* the fds the call made, named at exit (files.h): a struct ior_new_files */
	IOR_STRUCT_NEW_FILES_COPY = 4, /* accept: IOR_STRUCT_NEW_FILES, then IOR_STRUCT_COPY's */
	IOR_STRUCT_MAP_FILE = 5,  /* the file of the call's mapping (mapping.h): a struct ior_map_file */
	IOR_STRUCT_OFFSETS = 6,   /* IOR_CAPTURE_OFFSETS: a struct ior_offsets */
	IOR_STRUCT_FLOCK = 7,     /* IOR_CAPTURE_FLOCK: a struct flock */
	IOR_STRUCT_MAX = 8,       /* one past the last kind */
};

/* What a desc capture reads (captures.h); 0: nothing. */
enum ior_capture {
	/* sendfile64, splice, copy_file_range: the loff_t each of cap_arg
	 * points to (cap_arg[0] the input file's, cap_arg[1] the output's;
	 * 0: none), read at enter, as the kernel reads them before the
	 * copy (it writes the advanced offsets back at exit). The struct
	 * slot: a struct ior_offsets. */
	IOR_CAPTURE_OFFSETS = 1,
	/* fcntl: the struct flock at arg cap_arg[0] of a lock command: at
	 * enter (what the kernel read), and for F_GETLK and F_OFD_GETLK
	 * that succeeded again at exit (what it wrote). The struct slot:
	 * its IOR_FLOCK_LEN bytes. */
	IOR_CAPTURE_FLOCK = 2,
	/* execve, execveat: argv (arg cap_arg[0]) and the count of envp
	 * (arg cap_arg[1]), at enter: after a successful exec the memory is
	 * the new image's. Slot 1: a struct ior_argv, then the arguments,
	 * each ending in a NUL. */
	IOR_CAPTURE_ARGV = 3,
};

/* Bounds of a capture (enum ior_capture). */
enum ior_capture_limits {
	IOR_ARGV_MAX = 32,     /* arguments kept of an argv: more are cut */
	IOR_ARG_MAX = 256,     /* bytes kept of one argument, its NUL included: a longer one is cut */
	IOR_ENVC_MAX = 65536,  /* envp entries counted at most: more are cut */
	IOR_FLOCK_LEN = 32,    /* sizeof(struct flock) on x86_64 */
};

/* The struct slot of IOR_CAPTURE_OFFSETS: off[0] the input file's
 * offset, off[1] the output file's; state[i] enum ior_off_state. */
struct ior_offsets {
	__s64 off[2];
	__u8 state[2];
	__u8 pad[6];
};

enum ior_off_state {
	IOR_OFF_NONE = 0,  /* no pointer: the file's own position */
	IOR_OFF_OK = 1,    /* off[i] holds what the kernel read */
	IOR_OFF_FAULT = 2, /* the pointer could not be read */
};

/* The head of IOR_CAPTURE_ARGV's slot: argc strings follow. */
struct ior_argv {
	__s32 envc;  /* envp's entries (NULL envp: 0) */
	__u16 argc;  /* arguments kept */
	__u8 flags;  /* enum ior_argv_flags */
	__u8 pad;
};

enum ior_argv_flags {
	IOR_ARGV_CUT = 1,   /* more than IOR_ARGV_MAX arguments, or one longer than IOR_ARG_MAX - 1 bytes (kept cut) */
	IOR_ARGV_FAULT = 2, /* argv (or an argument) could not be read: what came before it is kept */
	IOR_ENVC_CUT = 4,   /* more than IOR_ENVC_MAX entries: envc counts those */
	IOR_ENVP_FAULT = 8, /* envp could not be read: envc counts what came before */
};

/* How the struct of a desc with copy set is read (copy.h): at most
 * blob_len bytes, after a struct ior_copied (and for a desc with ts, the
 * timeout); after the struct ior_new_files of a call that makes fds. */
enum ior_copy {
	IOR_COPY_ENTER = 1,  /* at enter, len_arg's value bytes: an input (connect's address) */
	IOR_COPY_EXIT = 2,   /* at exit, len_arg's value bytes: filled in by the kernel (poll's revents) */
	IOR_COPY_VALRES = 3, /* at exit, as many bytes as both the caller's *len_arg at enter and the kernel's at exit say (getsockname) */
};

/* The head of a copied struct: the lengths it was copied by. The bytes
 * that follow are min(len, ulen, what fits). */
struct ior_copied {
	__u32 len;  /* ENTER, EXIT: the length the call passed; VALRES: the kernel's *len_arg at exit (0: failed call) */
	__u32 ulen; /* VALRES: the caller's *len_arg at enter (the buffer's size); otherwise len */
};

enum ior_fdchange {
	IOR_FDCHANGE_RANGE = 0x80,
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
	/* io_getevents, io_pgetevents: every call; its results are read at
	 * exit (aio.h) */
	IOR_FILTER_AIO_REAP = 4,
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
 * (the SQ thread's with SQPOLL); enter_ns is the submission (its traced
 * io_uring_enter's entry: uring.h, start), exit_ns the completion, ret
 * the completion's res. args: [0] user_data, [1] the fd
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
	IOR_URING_OVERFLOW = 8, /* its completion went to the CQ overflow list (the CQ was full) */
	IOR_URING_PATHS_LOST = 16, /* its paths were not kept: the path map was full */
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
	/* Each CPU wakes the reader once it has put this many bytes in the
	 * ring buffer since its last wakeup (wakeup_flags in maps.h; the
	 * reader also polls on a short timer); 0: wake on every record. */
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
	/* -cgroup: only tasks in this cgroup v2 (its id, the kernfs inode
	 * number) or below it (its level: depth below the root); 0: any.
	 * The level first: it fills the 4 bytes after exclude_tgid. */
	__u32 cgroup_level;
	__u64 cgroup_id;
	/* ior's own mount namespace (its inode number): a name walked up to
	 * another's root also carries its path in its file system (name
	 * records' IOR_NAMEF_FSPATH); 0: none does. */
	__u64 self_mntns;
};

/* A user stack as the kernel side keeps it (-stacks): return
 * addresses, innermost first, and their bytes. */
struct ior_stack {
	__u64 pcs[IOR_STACK_MAX];
	__u32 len; /* bytes of pcs used; 0: none */
	__u32 pad;
};

/* One ring buffer record (compact, issue #23): this fixed header, then
 * in this order only what its flags say is there:
 *   the call's first nargs arguments (u64 each; the rest were 0),
 *   name_id[0] (IOR_EV_NID0), name_id[1] (IOR_EV_NID1): u64 each,
 *   the exit time (IOR_EV_EXIT: a u64; else exit is enter_ns + dur),
 *   the task's name (IOR_EV_COMM: 16 bytes; a syscall record carries
 *   it only when it is not the one the thread's last record that reached
 *   the ring carried: probe.Threads keeps it from there),
 *   a struct ior_slots (IOR_EV_SLOTS; none: every slot and the stack
 *   empty),
 * then the slots' bytes back to back, slot i holding slot_len[i] bytes
 * (a string without its NUL), then stack_len bytes of user stack (u64
 * return addresses, innermost first; cfg.stacks only), then for a
 * syscall a u64 name id per file_state that is IOR_NAME_OK, slot 0
 * first. A pread64's record is 40 + 4 * 8 + 8 bytes where the header
 * alone was 136. The rarer records (names, processes, tasks, AIO,
 * io_uring) send every part: a struct ior_full; but for the common
 * io_uring completion (named at completion, no paths or stack, args[5]
 * 0, a duration that fits), five arguments, name_id[0], the name, the
 * slots (uring.h's struct uring_crec). */
struct ior_event {
	__u64 enter_ns;
	__s64 ret;
	__u32 pid;
	__u32 tid;
	/* exit_ns - enter_ns, when it fits and IOR_EV_EXIT is not set
	 * (4.29 s and more carry the exit time instead) */
	__u32 dur;
	__u16 nr;
	__u8 kind;
	__u8 flags; /* the count of arguments (IOR_EV_NARGS) and enum ior_ev_flags */
	__u8 slot_state[IOR_NSLOTS];
	/* What the kernel side read of the files the call used (desc name):
	 * enum ior_name_state; the ids follow the arguments (IOR_EV_NID*). */
	__u8 name_state[2];
	/* The file each path argument resolved to (desc resolved): enum
	 * ior_name_state; its id at the record's end (see above). */
	__u8 file_state[2];
	/* enum ior_ev_mark: IOR_EVM_PROC_PENDING on a record whose task's
	 * process record (proc.h) could not be sent and is not yet: the
	 * task's last one that reached the ring is not what it runs in;
	 * IOR_EVM_EXEC_LOST (tasks.h). Set on syscall, exec, exit, AIO
	 * result and io_uring records; 0 on the others. */
	__u8 mark;
};

/* struct ior_event's mark. */
enum ior_ev_mark {
	IOR_EVM_PROC_PENDING = 1,
	/* The task's exec record was lost and the process record that says
	 * so (IOR_PROC_EXEC_LOST) is not sent yet: the record is of a new
	 * image user space did not see start. */
	IOR_EVM_EXEC_LOST = 2,
};

/* What follows a record's header (struct ior_event's flags). */
enum ior_ev_flags {
	IOR_EV_NARGS = 7,   /* mask: how many arguments follow (0-6) */
	IOR_EV_NID0 = 8,    /* name_id[0] follows */
	IOR_EV_NID1 = 16,   /* name_id[1] follows */
	IOR_EV_EXIT = 32,   /* the exit time follows (dur unused) */
	IOR_EV_COMM = 64,   /* the task's name follows */
	IOR_EV_SLOTS = 128, /* a struct ior_slots follows */
	IOR_EV_FULL = 6 | 8 | 16 | 32 | 64 | 128, /* a struct ior_full */
};

/* The lengths of a record's slots and stack (IOR_EV_SLOTS). */
struct ior_slots {
	__u16 slot_len[IOR_NSLOTS];
	__u16 stack_len;
};

/* A record with every part (flags IOR_EV_FULL): what the builders of
 * the rarer records (names, processes, tasks, AIO, io_uring) fill at
 * fixed places. */
struct ior_full {
	struct ior_event h;
	__u64 args[6];
	__u64 name_id[2];
	__u64 exit_ns;
	char comm[IOR_COMM_LEN];
	struct ior_slots s;
};

#endif
