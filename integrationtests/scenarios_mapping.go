package integrationtests

import "strings"

// mappingScenarios: the scenario table's file mappings (see Scenarios).
//
// ior records a mapping call only when it is about a file: mmap with an
// fd and without MAP_ANONYMOUS; munmap, msync and mremap when their
// address lies in a mapping of a file, which the kernel side looks up.
// So the anonymous mappings below (a reservation, a call on an address
// nothing is mapped at, an mmap with fd -1) are made between the markers
// and expected to be missing, as every allocation of the Go runtime on
// the scenario thread is. munmap, msync and mremap name the file of
// their mapping, even after its fd is closed. Addresses differ on every
// run: returned ones are compared by identity (addrN), the ones passed
// are not recorded.
var mappingScenarios = []Scenario{
	// Written through a shared mapping, synced, unmapped; the fd is
	// closed first.
	{Family: "mapping", Name: "mmap_shared", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"mmap fd=fd1 path=f flags=MAP_SHARED mode=PROT_READ|PROT_WRITE offset=0 len=10 = addr1",
		"close fd=fd1 path=f = 0",
		"msync path=f len=10 flags=MS_SYNC = 0",
		"munmap path=f len=10 = 0",
	}, After: map[string]string{"f": "ab23456789"}},
	// The file's second page is mapped over the first page of a two-page
	// anonymous reservation (not recorded); the reservation's second page
	// keeps it from growing in place, so mremap moves it: addr2. The
	// reservation's second page is then unmapped (not recorded).
	{Family: "mapping", Name: "mremap_grow", Setup: Setup{Files: map[string]string{"f": strings.Repeat("a", 4096) + "b"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"mmap fd=fd1 path=f flags=MAP_PRIVATE|MAP_FIXED mode=PROT_READ offset=4096 len=4096 = addr1",
		"mremap path=f len=4096 mode=8192 flags=MREMAP_MAYMOVE named=old_len=4096,new_len=8192,flags=MREMAP_MAYMOVE = addr2",
		"munmap path=f len=8192 = 0",
		"close fd=fd1 path=f = 0",
	}},
	// Errors on a file's mapping are recorded: the address lies in it
	// (munmap at an unaligned address inside it). Not recorded: an mmap
	// with fd -1 (-EBADF; no file), and a munmap (0) and an msync
	// (-ENOMEM) at 0x10000, where nothing is mapped.
	{Family: "mapping", Name: "mapping_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"mmap fd=fd1 path=f flags=MAP_SHARED mode=PROT_WRITE len=4096 = -EACCES",
		"mmap fd=fd2 path_status= flags=MAP_SHARED mode=PROT_READ len=4096 = -EBADF",
		"openat path=f flags=O_RDWR = fd3",
		"mmap fd=fd3 path=f flags=MAP_SHARED mode=PROT_READ offset=1 len=4096 = -EINVAL",
		"mmap fd=fd3 path=f flags=MAP_SHARED mode=PROT_READ|PROT_WRITE offset=0 len=4096 = addr1",
		"msync path=f len=4096 flags=MS_ASYNC|MS_SYNC = -EINVAL",
		"munmap path=f len=4096 = -EINVAL",
		"mremap path=f len=4096 mode=0 flags=MREMAP_MAYMOVE = -EINVAL",
		"munmap path=f len=4096 = 0",
		"close fd=fd3 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
}
