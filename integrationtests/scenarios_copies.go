package integrationtests

import "strings"

// copiesScenarios: what the kernel read, ior reads (see Scenarios).
// Strings and structs are placed right before an unmapped page, at a
// fixed address (0x200000000, its second page unmapped) so that C and Go
// name the same addresses: ior copies what the kernel itself read or
// wrote there, no more (which would fault) and no less.
var copiesScenarios = []Scenario{
	// Names with no NUL within the kernel's limit for them (PATH_MAX for
	// a path, XATTR_NAME_MAX + 1 for an xattr name, 250 for memfd's), the
	// page's last byte their last: the kernel read them and refused them,
	// and ior shows all it read, cut. Only a name the kernel could not
	// read (100 bytes, then the unmapped page) is a fault.
	{Family: "copies", Name: "names_at_limit", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"chdir path=. = 0",
		"chdir path=" + strings.Repeat("x", 4096) + " path_status=cut = -ENAMETOOLONG",
		"openat path=" + strings.Repeat("x", 4096) + " path_status=cut flags=O_RDONLY mode=0 = -ENAMETOOLONG",
		"chdir path=" + strings.Repeat("x", 4095) + " = -ENAMETOOLONG",
		"chdir path=0x200000f9c path_status=fault = -EFAULT",
		"setxattr path=f path2=user." + strings.Repeat("x", 251) + " path_status=path2-cut len=1 flags=0 = -ERANGE",
		"getxattr path=f path2=user." + strings.Repeat("x", 250) + " len=0 = -ENODATA",
		"memfd_create path=" + strings.Repeat("m", 250) + " path_status=cut flags=0 = -EINVAL",
	}},
	// execve of a path in a page the forked child has not touched (a
	// shared mapping's page table is not copied at fork): ior cannot read
	// it at entry, and after the exec the memory is the new image's; the
	// path comes from the kernel's own copy. The child (worker t1) runs a
	// 148-byte static program whose first call is t1's end marker. A
	// second child (t2) execveat's a name relative to a dirfd, which the
	// kernel's copy holds as /dev/fd/N/end.
	{Family: "copies", Name: "exec_fresh_page", ExecComm: "end", Steps: []string{
		"openat fd=fd1 path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"openat fd=fd2 path=end flags=O_CREAT|O_WRONLY|O_TRUNC mode=0755 = fd2",
		"write fd=fd2 path=end bytes=148 len=148 = 148",
		"close fd=fd2 path=end = 0",
		"fork = pid1",
		"fork = pid2",
		"close fd=fd1 path=. = 0",
	}, Threads: [][]string{{
		`execve path=end named="argv=[\"end\", \".ior-end-t1\"],envc=0" = 0`,
	}, {
		`execveat path=end flags=0 named="argv=[\"end\", \".ior-end-t2\"],envc=0,flags=0" = 0`,
	}}},
	// The same with argv, envp and their strings on the fresh page too:
	// unreadable at entry, argv and envp's count come from the kernel's
	// copy at the exec (the new image's stack, envc from the binprm).
	{Family: "copies", Name: "exec_argv_fresh_page", ExecComm: "end", Steps: []string{
		"openat fd=fd1 path=end flags=O_CREAT|O_WRONLY|O_TRUNC mode=0755 = fd1",
		"write fd=fd1 path=end bytes=148 len=148 = 148",
		"close fd=fd1 path=end = 0",
		"fork = pid1",
	}, Threads: [][]string{{
		`execve path=end named="argv=[\"end\", \".ior-end-t1\"],envc=1" = 0`,
	}}},
	// io_getevents' one result, the page's last 32 bytes: ior copies as
	// many results as the call returned.
	{Family: "copies", Name: "aio_result_at_edge", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY mode=0 = fd1",
		"io_setup mode=1 = 0",
		"io_submit mode=1 = 1",
		"aio:PREAD fd=fd1 path=f offset=0 len=4 bytes=4 = 4",
		"io_getevents flags=1 mode=1 = 1",
		"io_destroy = 0",
		"close fd=fd1 path=f = 0",
	}},
	// A struct file_handle of the size the file system asked for, the
	// page's last bytes: ior copies its header and handle_bytes, learns
	// the handle, and names the fd open_by_handle_at makes from it.
	{Family: "copies", Name: "handle_at_edge", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"name_to_handle_at path=f flags=0 = -EOVERFLOW",
		"name_to_handle_at path=f flags=0 = 0",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"open_by_handle_at path=f flags=O_RDONLY = fd2",
		"read fd=fd2 path=f bytes=4 len=16 = 4",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=. = 0",
	}},
	// Shared anonymous memory (its mmap, msync, mremap, munmap) is left
	// out like any anonymous memory; the file's mapping is recorded.
	{Family: "copies", Name: "mapping_anon_shared", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"openat path=f flags=O_RDONLY mode=0 = fd1",
		"mmap fd=fd1 path=f flags=MAP_SHARED mode=PROT_READ offset=0 len=4096 = addr1",
		"munmap path=f len=4096 = 0",
		"close fd=fd1 path=f = 0",
	}},
	// An fd an ioctl makes (NS_GET_USERNS: the user namespace owning a
	// network namespace), named as the kernel names it, at the ioctl; the
	// namespace file it was asked of is named as /proc names it too
	// (net:[INODE]), not by the path it was opened by.
	{Family: "copies", Name: "ioctl_ns_fd", Steps: []string{
		"openat path=/proc/self/ns/net flags=O_RDONLY mode=0 = fd1",
		"ioctl fd=fd1 path=net:[ino1] flags=NS_GET_USERNS fd2=fd2 path2=user:[ino2] = fd2",
		"read fd=fd2 path=user:[ino2] len=1 = -EINVAL",
		"close fd=fd2 path=user:[ino2] = 0",
		"close fd=fd1 path=net:[ino1] = 0",
	}},
	// An fd received with SCM_RIGHTS (a pipe's read end) is named at the
	// recvmsg that brought it, fd2 and path2, as the kernel names it.
	{Family: "copies", Name: "recv_rights", Steps: []string{
		"socketpair fd=fd1 fd2=fd2 path=socket:[ino1] path2=socket:[ino2] flags=SOCK_DGRAM|SOCK_CLOEXEC mode=AF_UNIX = 0",
		"pipe2 fd=fd3 fd2=fd4 path=pipe:[ino3] path2=pipe:[ino3] flags=O_CLOEXEC = 0",
		"sendmsg fd=fd1 path=socket:[ino1] bytes=1 flags=0 = 1",
		"recvmsg fd=fd2 path=socket:[ino2] fd2=fd5 path2=pipe:[ino3] bytes=1 flags=MSG_CMSG_CLOEXEC = 1",
		"write fd=fd4 path=pipe:[ino3] bytes=1 len=1 = 1",
		"read fd=fd5 path=pipe:[ino3] bytes=1 len=1 = 1",
		"close fd=fd5 path=pipe:[ino3] = 0",
		"close fd=fd3 path=pipe:[ino3] = 0",
		"close fd=fd4 path=pipe:[ino3] = 0",
		"close fd=fd1 path=socket:[ino1] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
	}},
	// An argument the kernel ignores (open's mode without O_CREAT or
	// O_TMPFILE, F_GETFD's) is not recorded; a umode_t is the low 16 bits
	// of its register, an int (F_SETFD's argument, getdents64's count,
	// readlinkat's bufsiz) the low 32.
	{Family: "copies", Name: "args_as_kernel_reads", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY mode=0 = fd1",
		"fcntl fd=fd1 path=f flags=F_GETFD mode=0 = 0",
		"fcntl fd=fd1 path=f flags=F_SETFD mode=1 = 0",
		"getdents64 fd=fd1 path=f len=64 = -ENOTDIR",
		"readlinkat path=f len=16 = -EINVAL",
		"open path=f flags=O_RDONLY mode=0 = fd2",
		"openat path=g flags=O_CREAT|O_WRONLY mode=0644 = fd3",
		"mkdirat path=d mode=0755 = 0",
		"fchmodat path=g mode=0600 = 0",
		"close fd=fd3 path=g = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
}
