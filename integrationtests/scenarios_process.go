package integrationtests

import (
	"strconv"
	"strings"
)

// processScenarios: the scenario table's threads, processes and sockets (see Scenarios).
var processScenarios = []Scenario{
	// threads: four worker threads, each with its own exact sequence on
	// its own file, checked per thread. A barrier (not traced) holds every
	// close until all workers have opened theirs, so that no fd number is
	// reused while another thread's events are still in flight. The
	// scenario thread makes the directory and renames it once all joined.
	// One thread closes its fd, then another opens a file and gets the
	// same number: each thread's events name its own file.
	{Family: "threads", Name: "thread_fd_reuse", Steps: []string{
		"mkdir path=d mode=0755 = 0",
	}, Threads: [][]string{{
		"openat fd=fd1 path=d/ta flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=d/ta bytes=1 len=1 = 1",
		"close fd=fd1 path=d/ta = 0",
	}, {
		"openat fd=fd1 path=d/tb flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=d/tb bytes=1 len=1 = 1",
		"close fd=fd1 path=d/tb = 0",
	}}},
	{Family: "threads", Name: "threads", Steps: []string{
		"mkdir path=d mode=0755 = 0",
		"rename path=d path2=done = 0",
	}, Threads: [][]string{
		{
			"openat path=d/t1 flags=O_CREAT|O_RDWR mode=0644 = fd1",
			"write fd=fd1 path=d/t1 len=4 bytes=4 = 4",
			"pwrite64 fd=fd1 path=d/t1 offset=10 len=3 bytes=3 = 3",
			"pread64 fd=fd1 path=d/t1 offset=0 len=4 bytes=4 = 4",
			"close fd=fd1 path=d/t1 = 0",
		},
		{
			"openat path=d/t2 flags=O_CREAT|O_WRONLY|O_APPEND mode=0600 = fd1",
			"writev fd=fd1 path=d/t2 bytes=6 = 6",
			"fsync fd=fd1 path=d/t2 = 0",
			"fdatasync fd=fd1 path=d/t2 = 0",
			"close fd=fd1 path=d/t2 = 0",
		},
		{
			"openat path=d/t3 flags=O_CREAT|O_WRONLY mode=0644 = fd1",
			"fchmod fd=fd1 path=d/t3 mode=0640 = 0",
			"ftruncate fd=fd1 path=d/t3 len=100 = 0",
			"newfstat fd=fd1 path=d/t3 = 0",
			"close fd=fd1 path=d/t3 = 0",
		},
		{
			"openat path=d/t4 flags=O_CREAT|O_RDWR mode=0644 = fd1",
			"dup fd=fd1 path=d/t4 = fd2",
			"lseek fd=fd2 path=d/t4 offset=7 flags=SEEK_SET = 7",
			"fcntl fd=fd2 path=d/t4 flags=F_GETFD = 0",
			"close fd=fd2 path=d/t4 = 0",
			"close fd=fd1 path=d/t4 = 0",
		},
	}},
	// process: a child does I/O of its own and on an fd it inherited
	// (checked as worker t1; its copy of the fd table names it). The
	// child's pid differs by run: compared by identity (pid1, ...).
	{Family: "process", Name: "fork_child_io", Steps: []string{
		"openat fd=fd1 path=shared flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"fork = pid1",
		"openat fd=fd2 path=parent flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"close fd=fd2 path=parent = 0",
		"close fd=fd1 path=shared = 0",
	}, Threads: [][]string{{
		"openat fd=fd1 path=child flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=child bytes=3 len=3 = 3",
		"close fd=fd1 path=child = 0",
		"write fd=fd2 path=shared bytes=1 len=1 = 1",
		"close fd=fd2 path=shared = 0",
	}}},
	// The parent closes an fd right after the fork, then lets the child
	// go on through a pipe: the child's copy still names the file.
	{Family: "process", Name: "fork_parent_closes", Steps: []string{
		"openat fd=fd1 path=shared flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=parent flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"pipe2 fd=fd3 fd2=fd4 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"fork = pid1",
		"close fd=fd1 path=shared = 0",
		"write fd=fd4 path=pipe:[ino1] bytes=1 len=1 = 1",
		"write fd=fd2 path=parent bytes=1 len=1 = 1",
		"close fd=fd3 path=pipe:[ino1] = 0",
		"close fd=fd4 path=pipe:[ino1] = 0",
		"close fd=fd2 path=parent = 0",
	}, Threads: [][]string{{
		"read fd=fd1 path=pipe:[ino1] bytes=1 len=1 = 1",
		"write fd=fd2 path=shared bytes=1 len=1 = 1",
		"close fd=fd2 path=shared = 0",
	}}},
	// exec keeps what is not close-on-exec: the child, this binary again
	// after its execve (which is outside its markers), writes to a kept
	// fd, named from the table it inherited, and to one exec closed.
	{Family: "process", Name: "exec_cloexec", Steps: []string{
		"openat fd=fd1 path=kept flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=cx flags=O_CREAT|O_WRONLY|O_CLOEXEC mode=0644 = fd2",
		"fork = pid1",
		"close fd=fd2 path=cx = 0",
		"close fd=fd1 path=kept = 0",
	}, Threads: [][]string{{
		"write fd=fd1 path=kept bytes=1 len=1 = 1",
		"write fd=fd2 path_status= len=1 = -EBADF",
	}}},
	// The same through vfork, as shells start commands.
	{Family: "process", Name: "vfork_exec", Steps: []string{
		"openat fd=fd1 path=kept flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=cx flags=O_CREAT|O_WRONLY|O_CLOEXEC mode=0644 = fd2",
		"vfork = pid1",
		"close fd=fd2 path=cx = 0",
		"close fd=fd1 path=kept = 0",
	}, Threads: [][]string{{
		"write fd=fd1 path=kept bytes=1 len=1 = 1",
		"write fd=fd2 path_status= len=1 = -EBADF",
	}}},
	{Family: "process", Name: "vfork_exit", Steps: []string{
		"vfork = pid1",
	}},
	// execve's argv (at most 32 arguments of at most 255 bytes, cut
	// marked "...") and envp's count, read at entry: a child execs
	// exec_fresh_page's 148-byte static program (no call before its end
	// marker, argv[1]) as "tiny"; another execs it through execveat with 40 arguments,
	// one of 300 bytes; and a failed execve is read the same way.
	{Family: "process", Name: "execve_argv", Execd: "tiny", Steps: []string{
		"openat path=tiny flags=O_CREAT|O_WRONLY mode=0755 = fd1",
		"write fd=fd1 path=tiny bytes=148 len=148 = 148",
		"close fd=fd1 path=tiny = 0",
		"fork = pid1",
		"fork = pid2",
		`execve path=missing named="argv=[\"tiny\", \".ior-end-t1\", \"x\"],envc=2" = -ENOENT`,
	}, Threads: [][]string{{
		`execve path=tiny args= named="argv=[\"tiny\", \".ior-end-t1\", \"x\"],envc=2" = 0`,
	}, {
		"execveat path=tiny flags=0 named=" + strconv.Quote("argv="+argv40Kept()+",envc=2,flags=0") + " = 0",
	}}},
	{Family: "process", Name: "process_errors", Steps: []string{
		"clone flags=CLONE_SIGHAND = -EINVAL",
		"clone3 = -EINVAL",
		"execve path=missing = -ENOENT",
		"execveat path=x path_status=unknown flags=0 = -EBADF",
	}},
	// net: socket data on a datagram socketpair; errors are found before
	// any buffer is read.
	{Family: "net", Name: "net_dgram", Steps: []string{
		"socketpair fd=fd1 fd2=fd2 path=socket:[ino1] path2=socket:[ino2] flags=SOCK_DGRAM|SOCK_CLOEXEC mode=AF_UNIX = 0",
		"sendto fd=fd1 path=socket:[ino1] bytes=3 len=3 flags=0 = 3",
		"recvfrom fd=fd2 path=socket:[ino2] bytes=3 len=16 flags=0 = 3",
		"sendmsg fd=fd1 path=socket:[ino1] bytes=6 flags=0 = 6",
		"recvmsg fd=fd2 path=socket:[ino2] bytes=6 flags=0 = 6",
		"sendmmsg fd=fd1 path=socket:[ino1] len=2 flags=0 = 2",
		"recvmmsg fd=fd2 path=socket:[ino2] len=2 flags=0 = 2",
		"close fd=fd1 path=socket:[ino1] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
	}},
	{Family: "net", Name: "net_errors", Setup: Setup{Files: map[string]string{"f": "x"}}, Steps: []string{
		"openat fd=fd1 path=f flags=O_RDONLY = fd1",
		"sendto fd=fd2 path_status= len=1 flags=0 = -EBADF",
		"recvfrom fd=fd1 path=f len=1 flags=0 = -ENOTSOCK",
		"sendmsg fd=fd2 path_status= flags=0 = -EBADF",
		"recvmsg fd=fd1 path=f flags=0 = -ENOTSOCK",
		"sendmmsg fd=fd2 path_status= len=1 flags=0 = -EBADF",
		"recvmmsg fd=fd1 path=f len=1 flags=0 = -ENOTSOCK",
		"close fd=fd1 path=f = 0",
	}},
}

// argv40Kept is what ior keeps of execve_argv's 40 arguments: the first
// 32, the 300-byte one cut to 255 bytes, and ... as the last element for
// the cut.
func argv40Kept() string {
	a := []string{`"tiny"`, `".ior-end-t2"`, `"` + strings.Repeat("L", 255) + `"`}
	for i := 3; i < 32; i++ {
		a = append(a, `"a`+strconv.Itoa(i)+`"`)
	}
	return "[" + strings.Join(a, ", ") + ", ...]"
}
