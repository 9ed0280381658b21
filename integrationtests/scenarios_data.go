package integrationtests

import (
	"strings"
)

// dataScenarios: the scenario table's data: sync, truncate and in-kernel transfers (see Scenarios).
var dataScenarios = []Scenario{
	// sync
	{Family: "sync", Name: "sync", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=f bytes=5 = 5",
		"fsync fd=fd1 path=f = 0",
		"fdatasync fd=fd1 path=f = 0",
		"sync_file_range fd=fd1 path=f flags=SYNC_FILE_RANGE_WRITE = 0",
		"syncfs fd=fd1 path=f = 0",
		"sync = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "sync", Name: "sync_file_range_offsets", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=f len=5 bytes=5 = 5",
		"sync_file_range fd=fd1 path=f offset=0 len=5 flags=SYNC_FILE_RANGE_WRITE = 0",
		"sync_file_range fd=fd1 path=f offset=0 len=0 flags=SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER = 0",
		"sync_file_range fd=fd1 path=f offset=-1 len=5 flags=SYNC_FILE_RANGE_WRITE = -EINVAL",
		"openat path=p flags=O_RDWR = fd2",
		"sync_file_range fd=fd2 path=p offset=0 len=0 flags=SYNC_FILE_RANGE_WRITE = -ESPIPE",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "sync", Name: "sync_dir", Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"fsync fd=fd1 path=. = 0",
		"fdatasync fd=fd1 path=. = 0",
		"syncfs fd=fd1 path=. = 0",
		"close fd=fd1 path=. = 0",
	}},
	// truncate
	{Family: "truncate", Name: "truncate", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"truncate path=f = 0",
		"openat path=f flags=O_WRONLY = fd1",
		"ftruncate fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
		"truncate path=missing = -ENOENT",
	}, After: map[string]string{"f": "0"}},
	{Family: "truncate", Name: "truncate_lengths", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"truncate path=f len=4 = 0",
		"truncate path=f len=8 = 0",
		"openat path=f flags=O_RDWR = fd1",
		"ftruncate fd=fd1 path=f len=6 = 0",
		"ftruncate fd=fd1 path=f len=0 = 0",
		"write fd=fd1 path=f len=2 bytes=2 = 2",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "ab"}},
	{Family: "truncate", Name: "truncate_errors", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"sub"}, Fifos: []string{"p"}}, Steps: []string{
		"truncate path=sub len=0 = -EISDIR",
		"truncate path=f len=-1 = -EINVAL",
		"truncate path=f/x len=0 = -ENOTDIR",
		"openat path=p flags=O_RDWR = fd1",
		"ftruncate fd=fd1 path=p len=0 = -EINVAL",
		"openat path=f flags=O_RDWR = fd2",
		"ftruncate fd=fd2 path=f len=-1 = -EINVAL",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=p = 0",
	}},
	// transfer: positioning and in-kernel copies. Pipe ends are FIFOs
	// created by path, which ior names by that path.
	{Family: "transfer", Name: "lseek", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"lseek fd=fd1 path=f flags=SEEK_SET = 4",
		"lseek fd=fd1 path=f flags=SEEK_CUR = 6",
		"lseek fd=fd1 path=f flags=SEEK_END = 7",
		"read fd=fd1 path=f bytes=3 = 3",
		"lseek fd=fd1 path=f flags=SEEK_DATA = 0",
		"lseek fd=fd1 path=f flags=SEEK_HOLE = 10",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "lseek_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"lseek fd=fd3 path_status= flags=SEEK_SET = -EBADF",
		"lseek fd=fd1 path=f flags=99 = -EINVAL",
		"lseek fd=fd1 path=f flags=SEEK_SET = -EINVAL", // negative offset
		"lseek fd=fd1 path=f flags=SEEK_DATA = -ENXIO", // past the end
		"lseek fd=fd2 path=p flags=SEEK_SET = -ESPIPE",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	// sendfile64: fd is the source (in_fd, its second argument), fd2 the
	// destination, each named (path, path2); the first call passes the
	// source's offset by pointer (off_in, read at entry), the second none.
	{Family: "transfer", Name: "sendfile", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst bytes=5 named=out_fd=fd2,in_fd=fd1,offset=6,count=5 = 5",
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst bytes=11 named=out_fd=fd2,in_fd=fd1,count=100 = 11",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "worldhello world"}},
	{Family: "transfer", Name: "sendfile_errors", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd3 fd2=fd2 path= path2=dst = -EBADF",
		"sendfile64 fd=fd1 fd2=fd1 path=src path2=src = -EBADF",                                                    // destination not writable
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst args= named=out_fd=fd2,in_fd=fd1,offset=?,count=5 = -EFAULT", // offset pointer
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst named=out_fd=fd2,in_fd=fd1,offset=-1,count=5 = -EINVAL",      // negative offset
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "splice", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd3",
		"splice fd=fd1 fd2=fd2 path=src path2=p bytes=4 flags=0 named=fd_in=fd1,off_in=1,fd_out=fd2,len=4,flags=0 = 4",
		"splice fd=fd2 fd2=fd3 path=p path2=dst bytes=4 flags=SPLICE_F_MOVE named=fd_in=fd2,fd_out=fd3,len=4,flags=SPLICE_F_MOVE = 4",
		"close fd=fd3 path=dst = 0",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "bcde"}},
	{Family: "transfer", Name: "splice_errors", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"splice fd=fd1 fd2=fd1 path=src path2=src flags=0 = -EBADF", // destination not writable
		"splice fd=fd3 fd2=fd2 path_status= path2=p flags=0 = -EBADF",
		"splice fd=fd2 fd2=fd1 path=p path2=src flags=0 named=fd_in=fd2,off_in=0,fd_out=fd1,len=4,flags=0 = -ESPIPE", // an offset for a pipe
		"splice fd=fd2 fd2=fd2 path=p flags=0 = -EINVAL",                                                             // a pipe into itself
		"splice fd=fd1 fd2=fd2 path=src flags=0x100 = -EINVAL",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "tee", Setup: Setup{Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"write fd=fd1 path=p1 bytes=3 = 3",
		"tee fd=fd1 fd2=fd2 path=p1 path2=p2 bytes=3 flags=SPLICE_F_NONBLOCK = 3",
		"read fd=fd2 path=p2 bytes=3 = 3",
		"read fd=fd1 path=p1 bytes=3 = 3",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "tee_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"openat path=f flags=O_RDWR = fd3",
		"tee fd=fd1 fd2=fd2 path=p1 flags=SPLICE_F_NONBLOCK = -EAGAIN", // empty
		"tee fd=fd1 fd2=fd1 path=p1 path2=p1 flags=0 = -EINVAL",
		"tee fd=fd3 fd2=fd2 path=f path2=p2 flags=0 = -EINVAL", // not a pipe
		"tee fd=fd4 fd2=fd2 path_status= flags=0 = -EBADF",
		"close fd=fd3 path=f = 0",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "vmsplice", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"vmsplice fd=fd1 path=p bytes=5 flags=0 = 5",
		"read fd=fd1 path=p bytes=5 = 5",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "transfer", Name: "vmsplice_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"openat path=f flags=O_RDWR = fd2",
		"vmsplice fd=fd3 path_status= flags=0 = -EBADF",
		"vmsplice fd=fd2 path=f flags=0 = -EBADF", // not a pipe
		"vmsplice fd=fd1 path=p flags=0x100 = -EINVAL",
		"vmsplice fd=fd1 path=p flags=0 = -EFAULT", // iovec pointer
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=p = 0",
	}},
	// Both files of every in-kernel copy, pipe ends named pipe:[INODE],
	// and the offsets passed by pointer (off_in, off_out) as the kernel
	// read them at entry (it writes them back advanced).
	{Family: "transfer", Name: "transfer_two_files", Setup: Setup{Files: map[string]string{"src": "abcdef"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_RDWR mode=0644 = fd2",
		"pipe2 fd=fd3 fd2=fd4 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"splice fd=fd1 fd2=fd4 path=src path2=pipe:[ino1] len=4 bytes=4 flags=0 args= named=fd_in=fd1,off_in=1,fd_out=fd4,len=4,flags=0 = 4",
		"splice fd=fd3 fd2=fd2 path=pipe:[ino1] path2=dst len=4 bytes=4 flags=0 args= named=fd_in=fd3,fd_out=fd2,off_out=2,len=4,flags=0 = 4",
		`copy_file_range fd=fd1 fd2=fd2 path=src path2=dst len=2 bytes=2 flags=0 args= named=fd_in=fd1,off_in=0,fd_out=fd2,off_out=6,len=2,flags=0x0 = 2`,
		"sendfile64 fd=fd1 fd2=fd4 path=src path2=pipe:[ino1] len=2 bytes=2 named=out_fd=fd4,in_fd=fd1,offset=4,count=2 = 2",
		"pipe2 fd=fd5 fd2=fd6 path=pipe:[ino2] path2=pipe:[ino2] flags=0 = 0",
		"tee fd=fd3 fd2=fd6 path=pipe:[ino1] path2=pipe:[ino2] len=2 bytes=2 flags=SPLICE_F_NONBLOCK args= = 2",
		"close fd=fd6 path=pipe:[ino2] = 0",
		"close fd=fd5 path=pipe:[ino2] = 0",
		"close fd=fd4 path=pipe:[ino1] = 0",
		"close fd=fd3 path=pipe:[ino1] = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"src": "abcdef", "dst": "\x00\x00bcdeab"}},
	{Family: "transfer", Name: "copy_file_range", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"copy_file_range fd=fd1 fd2=fd2 path=src path2=dst bytes=5 flags=0 named=fd_in=fd1,off_in=2,fd_out=fd2,len=5,flags=0x0 = 5",
		"copy_file_range fd=fd1 fd2=fd2 path=src path2=dst bytes=10 flags=0 named=fd_in=fd1,fd_out=fd2,len=100,flags=0x0 = 10",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "234560123456789"}},
	{Family: "transfer", Name: "copy_file_range_errors", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd3",
		"copy_file_range fd=fd1 fd2=fd2 path=src flags=1 = -EINVAL",
		"copy_file_range fd=fd1 fd2=fd1 path=src path2=src flags=0 = -EBADF", // destination not writable
		"copy_file_range fd=fd4 fd2=fd2 path_status= path2=dst flags=0 = -EBADF",
		"copy_file_range fd=fd3 fd2=fd2 path=. path2=dst flags=0 = -EISDIR",
		"close fd=fd3 path=. = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "fallocate", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"fallocate fd=fd1 path=f flags=0 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_KEEP_SIZE = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_ZERO_RANGE = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": strings.Repeat("\x00", 8192)}},
	{Family: "transfer", Name: "fallocate_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"openat path=f flags=O_RDONLY = fd2",
		"openat path=p flags=O_RDWR = fd3",
		"fallocate fd=fd1 path=f flags=0 = -EINVAL",                     // zero length
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE = -ENOTSUP", // EOPNOTSUPP: without KEEP_SIZE
		"fallocate fd=fd2 path=f flags=0 = -EBADF",
		"fallocate fd=fd3 path=p flags=0 = -ESPIPE",
		"fallocate fd=fd4 path_status= flags=0 = -EBADF",
		"close fd=fd3 path=p = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "fadvise64", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_SEQUENTIAL = 0",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_WILLNEED = 0",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_DONTNEED = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "fadvise64_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"fadvise64 fd=fd1 path=f flags=99 = -EINVAL",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_NORMAL = -EINVAL", // negative length
		"fadvise64 fd=fd2 path=p flags=POSIX_FADV_NORMAL = -ESPIPE",
		"fadvise64 fd=fd3 path_status= flags=POSIX_FADV_NORMAL = -EBADF",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"readahead fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"readahead fd=fd1 path=f = -EBADF", // not open for reading
		"readahead fd=fd2 path=p = -EINVAL",
		"readahead fd=fd3 path_status= = -EBADF",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "lseek_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"lseek fd=fd1 path=f offset=4 flags=SEEK_SET = 4",
		"lseek fd=fd1 path=f offset=-2 flags=SEEK_CUR = 2",
		"lseek fd=fd1 path=f offset=-3 flags=SEEK_END = 7",
		"lseek fd=fd1 path=f offset=100 flags=SEEK_SET = 100",
		"read fd=fd1 path=f len=4 = 0",
		"lseek fd=fd1 path=f offset=0 flags=SEEK_CUR = 100",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "fallocate_offsets", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"fallocate fd=fd1 path=f flags=0 offset=0 len=4096 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_KEEP_SIZE offset=4096 len=8192 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE offset=0 len=1024 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_ZERO_RANGE offset=1024 len=1024 = 0",
		"fallocate fd=fd1 path=f flags=0 offset=-1 len=1 = -EINVAL",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": strings.Repeat("\x00", 4096)}},
	{Family: "transfer", Name: "fadvise64_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fadvise64 fd=fd1 path=f offset=0 len=0 flags=POSIX_FADV_SEQUENTIAL = 0",
		"fadvise64 fd=fd1 path=f offset=2 len=4 flags=POSIX_FADV_WILLNEED = 0",
		"fadvise64 fd=fd1 path=f offset=4096 len=100 flags=POSIX_FADV_DONTNEED = 0",
		"fadvise64 fd=fd1 path=f offset=0 len=-1 flags=POSIX_FADV_NORMAL = -EINVAL",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Dirs: []string{"sub"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"readahead fd=fd1 path=f offset=0 len=10 = 0",
		"readahead fd=fd1 path=f offset=4096 len=4096 = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd2",
		"readahead fd=fd2 path=sub offset=0 len=10 = -EINVAL",
		"close fd=fd2 path=sub = 0",
		"close fd=fd1 path=f = 0",
	}},
	// transfer: lengths asked and bytes moved.
	{Family: "transfer", Name: "sendfile_lengths", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst len=4 bytes=4 named=out_fd=fd2,in_fd=fd1,offset=2,count=4 = 4",
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst len=100 bytes=11 = 11",
		"sendfile64 fd=fd1 fd2=fd2 path=src path2=dst len=100 = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "llo hello world"}},
	{Family: "transfer", Name: "splice_lengths", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd3",
		"splice fd=fd1 fd2=fd2 path=src path2=p len=100 bytes=6 flags=0 = 6",
		"splice fd=fd2 fd2=fd3 path=p path2=dst len=3 bytes=3 flags=0 = 3",
		"splice fd=fd2 fd2=fd3 path=p path2=dst len=100 bytes=3 flags=0 = 3",
		"splice fd=fd1 fd2=fd2 path=src path2=p len=100 flags=0 = 0",
		"close fd=fd3 path=dst = 0",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "abcdef"}},
	{Family: "transfer", Name: "copy_file_range_lengths", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"copy_file_range fd=fd1 fd2=fd2 path=src path2=dst len=100 bytes=10 flags=0 = 10",
		"copy_file_range fd=fd1 fd2=fd2 path=src path2=dst len=100 flags=0 = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "0123456789"}},
	// tee copies without consuming: twice from the same pipe.
	{Family: "transfer", Name: "tee_lengths", Setup: Setup{Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"write fd=fd1 path=p1 len=5 bytes=5 = 5",
		"tee fd=fd1 fd2=fd2 path=p1 path2=p2 len=2 bytes=2 flags=0 = 2",
		"tee fd=fd1 fd2=fd2 path=p1 path2=p2 len=100 bytes=5 flags=0 = 5",
		"read fd=fd2 path=p2 len=16 bytes=7 = 7",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "vmsplice_iovs", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"vmsplice fd=fd1 path=p bytes=6 flags=0 = 6",
		"read fd=fd1 path=p len=16 bytes=6 = 6",
		"close fd=fd1 path=p = 0",
	}},
}
