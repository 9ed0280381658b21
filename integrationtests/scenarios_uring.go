package integrationtests

import "strconv"

// uringScenarios: the scenario table's io_uring requests (see Scenarios).
// Each request is one event, io_uring:OPNAME, recorded at its completion:
// a request that completes inside an io_uring_enter comes before that
// enter's own event. user_data is the SQE's; slot a fixed-file slot or
// direct descriptor index; sqe_flags the SQE's IOSQE_* flags; ret the
// CQE's res. The workloads build their rings by hand (workloads/c/uring.h,
// workloads/go/uring.go) and check every completion themselves.
var uringScenarios = []Scenario{
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
		"io_uring:OPENAT path=f flags=O_RDONLY user_data=1 = fd2",
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
	// read would cancel the CLOSE.
	{Family: "io_uring", Name: "uring_direct", Setup: Setup{Files: map[string]string{"f": "uring-data"}}, Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring_register fd=fd1 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES2 = 0",
		"io_uring:OPENAT path=f flags=O_RDONLY slot=1 user_data=1 sqe_flags=IOSQE_IO_LINK = 0",
		"io_uring:READ slot=1 offset=0 len=10 bytes=10 user_data=2 sqe_flags=IOSQE_FIXED_FILE|IOSQE_IO_LINK = 10",
		"io_uring:CLOSE slot=1 user_data=3 = 0",
		uringEnter("fd1", 3),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
	// OPENAT of a missing file; READ of fd 999; a linked OPENAT of a
	// missing file whose failure cancels the NOP linked to it.
	{Family: "io_uring", Name: "uring_errors", Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring:OPENAT path=missing flags=O_RDONLY user_data=1 = -ENOENT",
		uringEnter("fd1", 1),
		"io_uring:READ fd=fd2 path_status=unknown offset=0 len=16 user_data=2 = -EBADF",
		uringEnter("fd1", 1),
		"io_uring:OPENAT path=missing flags=O_RDONLY user_data=3 sqe_flags=IOSQE_IO_LINK = -ENOENT",
		"io_uring:NOP user_data=4 = -ECANCELED",
		uringEnter("fd1", 2),
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},
}

// uringEnter is the step of an io_uring_enter on ring fd that submits n
// SQEs and waits for n completions.
func uringEnter(fd string, n int) string {
	return "io_uring_enter fd=" + fd + " path=anon_inode:[io_uring] flags=IORING_ENTER_GETEVENTS = " + strconv.Itoa(n)
}
