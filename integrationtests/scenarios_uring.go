package integrationtests

import (
	"strconv"
	"strings"
)

// uringScenarios: the scenario table's io_uring requests (see Scenarios).
// Each request is one event, io_uring:OPNAME, recorded at its completion:
// a request that completes inside an io_uring_enter comes before that
// enter's own event. user_data is the SQE's; slot a fixed-file slot or
// direct descriptor index; sqe_flags the SQE's IOSQE_* flags; ret the
// CQE's res. The workloads build their rings by hand (workloads/c/uring.h,
// workloads/go/uring.go) and check every completion themselves. An
// OPENAT's flags are the prepared request's: the kernel adds O_LARGEFILE.
var uringScenarios = withRingMaps([]Scenario{
	// WRITE then READ at offset 0 of a plain fd, one enter each.
	{Family: "io_uring", Name: "uring_rw", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:WRITE fd=fd1 path=f offset=0 len=11 bytes=11 user_data=1 = 11",
		uringEnter("fd2", 1),
		"io_uring:READ fd=fd1 path=f offset=0 len=16 bytes=11 user_data=2 = 11",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "hello uring"}},
	// WRITEV of "ab" and "cde", then READV into 2 + 8 bytes, at offset 0.
	{Family: "io_uring", Name: "uring_rwv", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:WRITEV fd=fd1 path=f offset=0 bytes=5 user_data=1 = 5",
		uringEnter("fd2", 1),
		"io_uring:READV fd=fd1 path=f offset=0 bytes=5 user_data=2 = 5",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "abcde"}},
	// OPENAT through the ring, READ on the fd it returns, CLOSE of that fd
	// through the ring: one enter each.
	{Family: "io_uring", Name: "uring_open_read_close", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring:OPENAT path=f flags=O_RDONLY|O_LARGEFILE user_data=1 = fd2",
		uringEnter("fd1", 1),
		"io_uring:READ fd=fd2 path=f offset=0 len=16 bytes=10 user_data=2 = 10",
		uringEnter("fd1", 1),
		"io_uring:CLOSE fd=fd2 path=f user_data=3 = 0",
		uringEnter("fd1", 1),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
	// A direct descriptor in slot 1 of a sparse table of 4: OPENAT into
	// it (file_index 2, res 0), READ through it, CLOSE of it, linked, in
	// one enter. The READ asks for exactly the file's 10 bytes: a short
	// read would cancel the CLOSE. The CLOSE, linked, is issued after its
	// submission, when the slot may hold another file than then: which
	// file it closed is unknown (the READ's file is the kernel's own).
	{Family: "io_uring", Name: "uring_direct", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring_register fd=fd1 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES2 = 0",
		"io_uring:OPENAT path=f flags=O_RDONLY|O_LARGEFILE slot=1 user_data=1 sqe_flags=IOSQE_IO_LINK = 0",
		"io_uring:READ path=f slot=1 offset=0 len=10 bytes=10 user_data=2 sqe_flags=IOSQE_FIXED_FILE|IOSQE_IO_LINK = 10",
		"io_uring:CLOSE path_status=unknown slot=1 user_data=3 = 0",
		uringEnter("fd1", 3),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
	// OPENAT of a missing file; READ of fd 999; a linked OPENAT of a
	// missing file whose failure cancels the NOP linked to it.
	{Family: "io_uring", Name: "uring_errors", Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring:OPENAT path=missing flags=O_RDONLY|O_LARGEFILE user_data=1 = -ENOENT",
		uringEnter("fd1", 1),
		"io_uring:READ fd=fd2 path= path_status= offset=0 len=16 user_data=2 = -EBADF",
		uringEnter("fd1", 1),
		"io_uring:OPENAT path=missing flags=O_RDONLY|O_LARGEFILE user_data=3 sqe_flags=IOSQE_IO_LINK = -ENOENT",
		"io_uring:NOP user_data=4 = -ECANCELED",
		uringEnter("fd1", 2),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
	// STATX of a path, FSYNC, FALLOCATE (mode 0, 4096 bytes from 0) and
	// FSYNC with IORING_FSYNC_DATASYNC of an fd. The kernel runs each on
	// io-wq; one enter each keeps them in order.
	{Family: "io_uring", Name: "uring_meta", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:STATX path=f flags=0 mode=STATX_BASIC_STATS user_data=1 = 0",
		uringEnter("fd2", 1),
		"io_uring:FSYNC fd=fd1 path=f user_data=2 = 0",
		uringEnter("fd2", 1),
		"io_uring:FALLOCATE fd=fd1 path=f flags=0 offset=0 len=4096 user_data=3 = 0",
		uringEnter("fd2", 1),
		// A fifth argument (flags) not 0: the completion's record carries
		// five arguments, where a read's carries four.
		"io_uring:FSYNC fd=fd1 path=f flags=IORING_FSYNC_DATASYNC user_data=4 = 0",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123456789" + string(make([]byte, 4086))}},
	// Names, one enter each: MKDIRAT d, RENAMEAT f to d/g, SYMLINKAT d/s
	// to g, LINKAT d/g to h, UNLINKAT x, UNLINKAT of the empty directory
	// e. After reads d/s through the link; x and e being gone is not
	// checked.
	{Family: "io_uring", Name: "uring_paths", Setup: Setup{Files: map[string]string{"f": "F", "x": "X"}, Dirs: []string{"e"}}, Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring:MKDIRAT path=d mode=0755 user_data=1 = 0",
		uringEnter("fd1", 1),
		"io_uring:RENAMEAT path=f path2=d/g flags=0 user_data=2 = 0",
		uringEnter("fd1", 1),
		"io_uring:SYMLINKAT path=g path2=d/s user_data=3 = 0",
		uringEnter("fd1", 1),
		"io_uring:LINKAT path=d/g path2=h flags=0 user_data=4 = 0",
		uringEnter("fd1", 1),
		"io_uring:UNLINKAT path=x flags=0 user_data=5 = 0",
		uringEnter("fd1", 1),
		"io_uring:UNLINKAT path=e flags=AT_REMOVEDIR user_data=6 = 0",
		uringEnter("fd1", 1),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}, After: map[string]string{"d/g": "F", "d/s": "F", "h": "F"}},
	// A READ forced to an io-wq worker by IOSQE_ASYNC.
	{Family: "io_uring", Name: "uring_async", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:READ fd=fd1 path=f offset=0 len=16 bytes=10 user_data=1 sqe_flags=IOSQE_ASYNC = 10",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=f = 0",
	}},
	// An SQPOLL ring (sq_thread_idle 2000 ms): the SQ thread starts
	// asleep, so one enter wakes it before any SQE is queued; then a WRITE
	// and a READ, each submitted by the SQ thread alone (the workload
	// spins on the CQ tail; sched_yield is not traced).
	{Family: "io_uring", Name: "uring_sqpoll", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"io_uring_setup path=anon_inode:[io_uring] named=entries=4 args=\"{flags=IORING_SETUP_SQPOLL, sq_thread_cpu=0, sq_thread_idle=2000}\" = fd2",
		"io_uring_enter fd=fd2 path=anon_inode:[io_uring] flags=IORING_ENTER_SQ_WAKEUP = 0",
		"io_uring:WRITE fd=fd1 path=f offset=0 len=6 bytes=6 user_data=1 = 6",
		"io_uring:READ fd=fd1 path=f offset=0 len=16 bytes=6 user_data=2 = 6",
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "sqpoll"}},
	// A request's file is named as the kernel names it when the request
	// runs: a READ on a file renamed after its open (log rotation), then
	// unlinked (deleted, under the name it had).
	{Family: "io_uring", Name: "uring_renamed", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"rename path=f path2=g = 0",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:READ fd=fd1 path=g offset=0 len=16 bytes=10 user_data=1 = 10",
		uringEnter("fd2", 1),
		"unlink path=g = 0",
		"io_uring:READ fd=fd1 path=g path_status=deleted offset=0 len=16 bytes=10 user_data=2 = 10",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=g path_status=deleted = 0",
	}},
	// A fixed file put into slot 2 of a sparse table by FILES_UPDATE
	// (its fds behind a pointer), its fd then closed: the READ on the
	// slot is named from the kernel's table.
	{Family: "io_uring", Name: "uring_files_update", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring_register fd=fd2 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES2 = 0",
		"io_uring_register fd=fd2 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES_UPDATE = 1",
		"close fd=fd1 path=f = 0",
		"io_uring:READ path=f slot=2 offset=0 len=16 bytes=10 user_data=1 sqe_flags=IOSQE_FIXED_FILE = 10",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
	}},
	// A file's fd received over SCM_RIGHTS, whose path the recvmsg does
	// not give (ior's fd table never learns it): the READ on it is named
	// from the kernel's file. The sent fd stays open until the end: a
	// received fd that reused its number (the lowest free) could get
	// another under the Go noise, whose goroutines open files between.
	{Family: "io_uring", Name: "uring_recv_rights", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"socketpair fd=fd1 fd2=fd2 path=socket:[ino1] path2=socket:[ino2] flags=SOCK_DGRAM|SOCK_CLOEXEC mode=AF_UNIX = 0",
		"openat path=f flags=O_RDONLY|O_CLOEXEC = fd3",
		"sendmsg fd=fd1 path=socket:[ino1] bytes=1 flags=0 = 1",
		"recvmsg fd=fd2 path=socket:[ino2] fd2=fd4 bytes=1 flags=MSG_CMSG_CLOEXEC = 1",
		"io_uring_setup path=anon_inode:[io_uring] = fd5",
		"io_uring:READ fd=fd4 path=f offset=0 len=16 bytes=10 user_data=1 = 10",
		uringEnter("fd5", 1),
		"close fd=fd5 path=anon_inode:[io_uring] = 0",
		"close fd=fd4 path=f = 0",
		"close fd=fd3 path=f = 0",
		"close fd=fd1 path=socket:[ino1] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
	}},
	// The directory above an open file renamed by an io_uring RENAMEAT
	// (d to e, in an io-wq worker): a READ through the ring and a pread64
	// then name the file e/x. (A RENAMEAT with IOSQE_CQE_SKIP_SUCCESS
	// posts no completion, and the kernel side does not see it end: a
	// directory it moves leaves names stale. Not covered: see names.h.)
	{Family: "io_uring", Name: "uring_renameat_open", Setup: Setup{Files: map[string]string{"d/x": "X"}}, Steps: []string{
		"openat path=d/x flags=O_RDONLY = fd1",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:RENAMEAT path=d path2=e flags=0 user_data=1 = 0",
		uringEnter("fd2", 1),
		"io_uring:READ fd=fd1 path=e/x offset=0 len=4 bytes=1 user_data=2 = 1",
		uringEnter("fd2", 1),
		"pread64 fd=fd1 path=e/x offset=0 len=4 bytes=1 = 1",
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd1 path=e/x = 0",
	}},
	// Path requests relative to a dirfd whose directory was renamed after
	// its open: resolved where the kernel resolves them, under e.
	{Family: "io_uring", Name: "uring_renamed_dirfd", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"openat path=d flags=O_RDONLY|O_DIRECTORY = fd1",
		"rename path=d path2=e = 0",
		"io_uring_setup path=anon_inode:[io_uring] = fd2",
		"io_uring:OPENAT path=e/f flags=O_WRONLY|O_CREAT|O_LARGEFILE user_data=1 = fd3",
		uringEnter("fd2", 1),
		"io_uring:MKDIRAT path=e/sub mode=0755 user_data=2 = 0",
		uringEnter("fd2", 1),
		"close fd=fd2 path=anon_inode:[io_uring] = 0",
		"close fd=fd3 path=e/f = 0",
		"close fd=fd1 path=e = 0",
	}, After: map[string]string{"e/f": ""}},
	// 1000 NOPs on a ring of 32, in batches of 32 (the last of 8).
	{Family: "io_uring", Name: "uring_batch", Steps: uringBatchSteps(1000, 32)},
})

// uringEnter is the step of an io_uring_enter on ring fd that submits n
// SQEs and waits for n completions.
func uringEnter(fd string, n int) string {
	return "io_uring_enter fd=" + fd + " path=anon_inode:[io_uring] flags=IORING_ENTER_GETEVENTS = " + strconv.Itoa(n)
}

// uringBatchSteps: total NOPs (user_data 1 to total) in batches of depth,
// one enter each; inline NOPs complete in submission order.
func uringBatchSteps(total, depth int) []string {
	steps := []string{"io_uring_setup path=anon_inode:[io_uring] = fd1"}
	for done := 0; done < total; {
		n := min(depth, total-done)
		for i := range n {
			steps = append(steps, "io_uring:NOP user_data="+strconv.Itoa(done+i+1)+" = 0")
		}
		steps = append(steps, uringEnter("fd1", n))
		done += n
	}
	return append(steps, "close fd=fd1 path=anon_inode:[io_uring] = 0")
}

// withRingMaps adds, after each scenario's io_uring_setup, the three
// mmaps of the new ring fd the ring library makes (the SQ ring, the CQ
// ring, the SQEs: workloads/c/uring.h, workloads/go/uring.go). Their
// lengths follow the ring's size and are left to the C == Go check.
func withRingMaps(scs []Scenario) []Scenario {
	for i := range scs {
		var steps []string
		addrs := 0
		for _, st := range scs[i].Steps {
			steps = append(steps, st)
			if strings.HasPrefix(st, "io_uring_setup path=anon_inode:[io_uring] ") {
				fd := st[strings.LastIndex(st, " = ")+3:]
				for _, off := range []string{"0", "IORING_OFF_CQ_RING", "IORING_OFF_SQES"} {
					addrs++
					steps = append(steps, "mmap fd="+fd+" path=anon_inode:[io_uring] flags=MAP_SHARED|MAP_POPULATE mode=PROT_READ|PROT_WRITE offset="+off+" = addr"+strconv.Itoa(addrs))
				}
			}
		}
		scs[i].Steps = steps
	}
	return scs
}
