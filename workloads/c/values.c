#include "workload.h"

/* int arguments with garbage in the upper 32 bits of their registers:
 * the kernel reads the low 32, and so must ior. */
#define HIGH 0xdead000000000000L

SCENARIO(int_args_low32)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), HIGH | O_CREAT | O_WRONLY, HIGH | 0644));

	EQ(syscall(SYS_faccessat2, AT_FDCWD, P("f"), HIGH | F_OK, HIGH | 0), 0);
	EQ(syscall(SYS_fchmodat, AT_FDCWD, P("f"), HIGH | 0600), 0);
	/* A dirfd of -1 (EBADF) resolves nothing: the name is kept as given. */
	ERR(syscall(SYS_openat, -1L, "f", (long)O_RDONLY, 0L), EBADF);
	/* AT_EMPTY_PATH names the dirfd itself. */
	long fd2 = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	EQ(syscall(SYS_faccessat2, fd2, "", (long)F_OK, (long)AT_EMPTY_PATH), 0);
	EQ(syscall(SYS_close, fd2), 0);
	EQ(syscall(SYS_close, HIGH | fd), 0);
}
