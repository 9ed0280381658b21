package integrationtests

// asyncScenarios: the scenario table's io_uring, aio, ioctl and locks (see Scenarios).
var asyncScenarios = []Scenario{
	// io_uring: one READ_FIXED from src and one WRITE_FIXED to dst, on
	// registered files and buffers, submitted and reaped by one enter.
	// The requests' events come first: they complete inside the enter.
	{Family: "io_uring", Name: "io_uring", Setup: Setup{Files: map[string]string{"src": "uring-data"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"io_uring_setup path=anon_inode:[io_uring] = fd3",
		"mmap fd=fd3 path=anon_inode:[io_uring] flags=MAP_SHARED|MAP_POPULATE mode=PROT_READ|PROT_WRITE offset=0 = addr1",
		"mmap fd=fd3 path=anon_inode:[io_uring] flags=MAP_SHARED|MAP_POPULATE mode=PROT_READ|PROT_WRITE offset=IORING_OFF_CQ_RING = addr2",
		"mmap fd=fd3 path=anon_inode:[io_uring] flags=MAP_SHARED|MAP_POPULATE mode=PROT_READ|PROT_WRITE offset=IORING_OFF_SQES len=512 = addr3",
		"io_uring_register fd=fd3 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES named=fd=fd3,opcode=IORING_REGISTER_FILES,nr_args=2 = 0",
		"io_uring_register fd=fd3 path=anon_inode:[io_uring] flags=IORING_REGISTER_BUFFERS = 0",
		"io_uring:READ_FIXED path=src slot=0 offset=0 len=10 bytes=10 sqe_flags=IOSQE_FIXED_FILE user_data=100 named=slot=0,off=0,len=10,sqe_flags=IOSQE_FIXED_FILE,user_data=0x64 = 10",
		"io_uring:WRITE_FIXED path=dst slot=1 offset=0 len=5 bytes=5 sqe_flags=IOSQE_FIXED_FILE user_data=101 = 5",
		"io_uring_enter fd=fd3 path=anon_inode:[io_uring] flags=IORING_ENTER_GETEVENTS = 2",
		"close fd=fd3 path=anon_inode:[io_uring] = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "uring"}},
	{Family: "io_uring", Name: "io_uring_errors", Steps: []string{
		"io_uring_setup named=entries=4 args= = -EFAULT", // struct io_uring_params: read for a call that succeeded only
		"io_uring_setup named=entries=4 args= = -EINVAL",
		"io_uring_setup path=anon_inode:[io_uring] named=entries=4 args=\"{flags=0, sq_thread_cpu=0, sq_thread_idle=0}\" = fd1",
		"io_uring_register fd=fd1 path=anon_inode:[io_uring] flags=9999 = -EINVAL",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0x80000000 = -EINVAL",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0 = 0",
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
	// aio: buffered AIO on a regular file. The context id is not an fd
	// and is not recorded; mode is io_setup's nr_events and io_submit's
	// nr, flags/mode io_getevents' min_nr/nr. Each iocb is an event of
	// its own (aio:PREAD, ...), from its io_submit to the io_getevents
	// that returned its result, which it comes before.
	{Family: "aio", Name: "aio", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"io_setup mode=8 = 0",
		"io_submit mode=2 = 2",
		"aio:PREAD fd=fd1 path=f offset=0 len=4 bytes=4 = 4",
		"aio:PWRITE fd=fd1 path=f offset=10 len=2 bytes=2 = 2",
		"io_getevents flags=2 mode=4 = 2",
		"io_submit mode=1 = 1",
		"aio:PREAD fd=fd1 path=f offset=9 len=3 bytes=3 = 3",
		"io_pgetevents flags=1 mode=4 = 1",
		"io_cancel = -EINVAL",
		"io_destroy = 0",
		"io_destroy = -EINVAL",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123456789ab"}},
	{Family: "aio", Name: "aio_errors", Steps: []string{
		"io_setup mode=0 = -EINVAL",
		"io_setup mode=8 = -EFAULT",
		"io_submit mode=1 = -EINVAL",
		"io_getevents flags=1 mode=1 = -EINVAL",
		"io_destroy = -EINVAL",
		"io_setup mode=1 = 0",
		"io_submit mode=1 = -EBADF",
		"io_submit mode=0xffffffffffffffff = -EINVAL",
		"io_getevents flags=0 mode=1 = 0",
		"io_destroy = 0",
	}},
	// aio: a poll request waits on an empty pipe (made by pipe2, not
	// traced) until cancelled; a cancel in progress is -EINPROGRESS, and
	// the request then completes. (A FIFO opened by path refuses AIO poll
	// with EINVAL.)
	{Family: "aio", Name: "aio_poll_cancel", Steps: []string{
		"io_setup mode=1 = 0",
		"pipe2 fd=fd1 fd2=fd2 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"io_submit mode=1 = 1",
		"io_cancel = -EINPROGRESS",
		"aio:POLL fd=fd1 path=pipe:[ino1] = 0",
		"io_getevents flags=1 mode=1 = 1",
		"io_destroy = 0",
		"close fd=fd1 path=pipe:[ino1] = 0",
		"close fd=fd2 path=pipe:[ino1] = 0",
	}},
	{Family: "aio", Name: "aio_pgetevents_errors", Steps: []string{
		"io_setup mode=1 = 0",
		"io_pgetevents flags=2 mode=1 = -EINVAL",
		"io_pgetevents flags=0 mode=1 = 0",
		"io_pgetevents flags=1 mode=1 = -EFAULT",
		"io_destroy = 0",
		"io_pgetevents flags=1 mode=1 = -EINVAL",
	}},
	// ioctl: the request is flags; its argument is not recorded.
	{Family: "ioctl", Name: "ioctl_file", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"ioctl fd=fd1 path=f flags=FIONREAD = 0",
		"ioctl fd=fd1 path=f flags=FS_IOC_GETFLAGS = 0",
		"ioctl fd=fd1 path=f flags=FS_IOC_SETFLAGS = 0",
		"ioctl fd=fd1 path=f flags=0x1234 = -ENOTTY",
		"ioctl fd=fd1 path=f flags=FIONREAD = -EFAULT",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "ioctl", Name: "ioctl_dir", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"ioctl fd=fd1 path=sub flags=FS_IOC_GETFLAGS = 0",
		"ioctl fd=fd1 path=sub flags=FIONREAD = -ENOTTY",
		"close fd=fd1 path=sub = 0",
	}},
	// FICLONE's argument is the source fd (fd1), not recorded.
	{Family: "ioctl", Name: "ioctl_clone", Setup: Setup{Files: map[string]string{"src": "data"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"ioctl fd=fd2 path=dst flags=FICLONE = -ENOTSUP",
		"ioctl fd=fd2 path=dst flags=FICLONERANGE = -ENOTSUP",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "ioctl", Name: "ioctl_ebadf", Steps: []string{
		"ioctl fd=fd1 path_status= flags=FIONREAD = -EBADF",
		"ioctl fd=fd1 path_status= flags=0x1234 = -EBADF",
	}},
	// ioctl: the fd flags by ioctl, seen by fcntl.
	{Family: "ioctl", Name: "ioctl_fd_flags", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"ioctl fd=fd1 path=f flags=FIOCLEX = 0",
		"fcntl fd=fd1 path=f flags=F_GETFD = 1",
		"ioctl fd=fd1 path=f flags=FIONCLEX = 0",
		"fcntl fd=fd1 path=f flags=F_GETFD = 0",
		"ioctl fd=fd1 path=f flags=FIONBIO = 0",
		"close fd=fd1 path=f = 0",
	}},
	// lock: flock's operation is its flags. fcntl's lock commands pass a
	// struct flock, read at entry (what the kernel read) and for the
	// GETLK commands that succeed at exit (what it wrote): fcntl's arg, by
	// field (named; args holds its address only when unreadable). The
	// workloads keep it on a page at a fixed address, so its address,
	// shown when it cannot be read, agrees between C and Go.
	{Family: "lock", Name: "fcntl_setlk", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"fcntl fd=fd1 path=f flags=F_SETLK named=\"fd=fd1,cmd=F_SETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}\" = 0",
		"fcntl fd=fd1 path=f flags=F_GETLK named=\"fd=fd1,cmd=F_GETLK,arg={l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = 0", // no conflict: F_UNLCK written back
		"fcntl fd=fd1 path=f flags=F_SETLKW named=\"fd=fd1,cmd=F_SETLKW,arg={l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "fcntl_ofd_lock", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"openat path=f flags=O_RDWR = fd2",
		"fcntl fd=fd1 path=f flags=F_OFD_SETLK named=\"fd=fd1,cmd=F_OFD_SETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = 0",
		"fcntl fd=fd2 path=f flags=F_OFD_GETLK named=\"fd=fd2,cmd=F_OFD_GETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=-1}\" = 0", // an OFD lock's holder is no process
		"fcntl fd=fd2 path=f flags=F_OFD_SETLK named=\"fd=fd2,cmd=F_OFD_SETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = -EAGAIN",
		"fcntl fd=fd1 path=f flags=F_OFD_SETLKW = 0",
		"fcntl fd=fd2 path=f flags=F_OFD_SETLKW = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	// F_GETLK reports the conflicting lock a forked child holds, with
	// its pid (compared by identity with fork's result).
	{Family: "lock", Name: "fcntl_getlk_child", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"pipe2 fd=fd2 fd2=fd3 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"pipe2 fd=fd4 fd2=fd5 path=pipe:[ino2] path2=pipe:[ino2] flags=0 = 0",
		"fork = pid1",
		"read fd=fd2 path=pipe:[ino1] bytes=1 len=1 = 1",
		"fcntl fd=fd1 path=f flags=F_GETLK named=\"fd=fd1,cmd=F_GETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=pid1}\" = 0",
		"write fd=fd5 path=pipe:[ino2] bytes=1 len=1 = 1",
		"close fd=fd5 path=pipe:[ino2] = 0",
		"close fd=fd4 path=pipe:[ino2] = 0",
		"close fd=fd3 path=pipe:[ino1] = 0",
		"close fd=fd2 path=pipe:[ino1] = 0",
		"close fd=fd1 path=f = 0",
	}, Threads: [][]string{{
		"fcntl fd=fd1 path=f flags=F_SETLK named=\"fd=fd1,cmd=F_SETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}\" = 0",
		"write fd=fd2 path=pipe:[ino1] bytes=1 len=1 = 1",
		"read fd=fd3 path=pipe:[ino2] bytes=1 len=1 = 1",
	}}},
	{Family: "lock", Name: "fcntl_lock_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fcntl fd=fd2 path_status= flags=F_SETLK named=\"fd=fd2,cmd=F_SETLK,arg={l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = -EBADF",
		"fcntl fd=fd1 path=f flags=F_GETLK mode=0 named=fd=fd1,cmd=F_GETLK args=0x8 = -EFAULT",
		"fcntl fd=fd1 path=f flags=F_SETLK named=\"fd=fd1,cmd=F_SETLK,arg={l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = -EBADF",             // write lock, read-only fd
		"fcntl fd=fd1 path=f flags=F_SETLK named=\"fd=fd1,cmd=F_SETLK,arg={l_type=99, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}\" = -EINVAL",                 // bad l_type
		"fcntl fd=fd1 path=f flags=F_SETLK named=\"fd=fd1,cmd=F_SETLK,arg={l_type=F_RDLCK, l_whence=99, l_start=0, l_len=0, l_pid=0}\" = -EINVAL",                  // bad l_whence
		"fcntl fd=fd1 path=f flags=F_OFD_SETLK named=\"fd=fd1,cmd=F_OFD_SETLK,arg={l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=pid1}\" = -EINVAL", // l_pid not 0 (1; pids compare by identity)
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "flock", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=f flags=O_RDONLY = fd2",
		"flock fd=fd1 path=f flags=LOCK_SH = 0",
		"flock fd=fd2 path=f flags=LOCK_SH|LOCK_NB = 0",
		"flock fd=fd1 path=f flags=LOCK_EX|LOCK_NB = -EAGAIN",
		"flock fd=fd2 path=f flags=LOCK_UN = 0",
		"flock fd=fd1 path=f flags=LOCK_EX|LOCK_NB = 0",
		"flock fd=fd2 path=f flags=LOCK_SH|LOCK_NB = -EAGAIN",
		"close fd=fd1 path=f = 0", // releases fd1's lock
		"flock fd=fd2 path=f flags=LOCK_SH = 0",
		"close fd=fd2 path=f = 0",
	}},
	{Family: "lock", Name: "flock_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=f flags=O_PATH = fd2",
		"flock fd=fd3 path_status= flags=LOCK_SH = -EBADF",
		"flock fd=fd2 path=f flags=LOCK_SH = -EBADF",
		"flock fd=fd1 path=f flags=0 = -EINVAL",
		"flock fd=fd1 path=f flags=LOCK_NB = -EINVAL",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "flock_dir", Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"flock fd=fd1 path=. flags=LOCK_EX = 0",
		"flock fd=fd1 path=. flags=LOCK_SH = 0",
		"flock fd=fd1 path=. flags=LOCK_UN = 0",
		"close fd=fd1 path=. = 0",
	}},
}
