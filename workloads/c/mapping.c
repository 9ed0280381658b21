/* File mappings. Anonymous mappings made here (a reservation, calls where
 * nothing is mapped) are not recorded: see scenarios_mapping.go. */
#include "workload.h"
#include <sys/mman.h>

#define PAGE 4096L
#define BAD 9999L
#define UNMAPPED 0x10000L /* mmap_min_addr: nothing is ever mapped here */

SCENARIO(mmap_shared)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDWR, 0L));
	long a = OK(syscall(SYS_mmap, 0L, 10L, (long)(PROT_READ | PROT_WRITE), (long)MAP_SHARED, fd, 0L));

	EQ(syscall(SYS_close, fd), 0);
	memcpy((char *)a, "ab", 2);
	EQ(syscall(SYS_msync, a, 10L, (long)MS_SYNC), 0);
	EQ(syscall(SYS_munmap, a, 10L), 0);
}

SCENARIO(mremap_grow)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	long res = OK(syscall(SYS_mmap, 0L, 2 * PAGE, (long)PROT_NONE, (long)(MAP_PRIVATE | MAP_ANONYMOUS), -1L, 0L));
	long a = EQ(syscall(SYS_mmap, res, PAGE, (long)PROT_READ, (long)(MAP_PRIVATE | MAP_FIXED), fd, PAGE), res);

	EQ(*(char *)a, 'b');
	long b = OK(syscall(SYS_mremap, a, PAGE, 2 * PAGE, (long)MREMAP_MAYMOVE, 0L));
	if (b == a) {
		fprintf(stderr, "mremap grew the mapping in place\n");
		exit(1);
	}
	EQ(syscall(SYS_munmap, b, 2 * PAGE), 0);
	EQ(syscall(SYS_munmap, res + PAGE, PAGE), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(mapping_errors)
{
	long w = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_WRONLY, 0L));

	ERR(syscall(SYS_mmap, 0L, PAGE, (long)PROT_WRITE, (long)MAP_SHARED, w, 0L), EACCES);
	ERR(syscall(SYS_mmap, 0L, PAGE, (long)PROT_READ, (long)MAP_SHARED, BAD, 0L), EBADF);
	ERR(syscall(SYS_mmap, 0L, PAGE, (long)PROT_READ, (long)MAP_SHARED, -1L, 0L), EBADF);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDWR, 0L));
	ERR(syscall(SYS_mmap, 0L, PAGE, (long)PROT_READ, (long)MAP_SHARED, fd, 1L), EINVAL);
	long a = OK(syscall(SYS_mmap, 0L, PAGE, (long)(PROT_READ | PROT_WRITE), (long)MAP_SHARED, fd, 0L));
	ERR(syscall(SYS_msync, a, PAGE, (long)(MS_ASYNC | MS_SYNC)), EINVAL);
	ERR(syscall(SYS_munmap, a + 1, PAGE), EINVAL);
	ERR(syscall(SYS_mremap, a, PAGE, 0L, (long)MREMAP_MAYMOVE, 0L), EINVAL);
	EQ(syscall(SYS_munmap, UNMAPPED, PAGE), 0);
	ERR(syscall(SYS_msync, UNMAPPED, PAGE, (long)MS_SYNC), ENOMEM);
	EQ(syscall(SYS_munmap, a, PAGE), 0);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, w), 0);
}
