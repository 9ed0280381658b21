#include "workload.h"
#include <linux/fs.h>

SCENARIO(rename)
{
	EQ(syscall(SYS_rename, P("a"), P("b")), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_renameat, AT_FDCWD, P("b"), d, "c"), 0);
	EQ(syscall(SYS_renameat, d, "c", d, "d"), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(renameat2)
{
	EQ(syscall(SYS_renameat2, AT_FDCWD, P("a"), AT_FDCWD, P("b"), RENAME_NOREPLACE), 0);
	ERR(syscall(SYS_renameat2, AT_FDCWD, P("b"), AT_FDCWD, P("c"), RENAME_NOREPLACE), EEXIST);
	EQ(syscall(SYS_renameat2, AT_FDCWD, P("b"), AT_FDCWD, P("c"), RENAME_EXCHANGE), 0);
}

SCENARIO(rename_enoent)
{
	ERR(syscall(SYS_rename, P("missing"), P("b")), ENOENT);
	ERR(syscall(SYS_renameat, AT_FDCWD, P("missing"), AT_FDCWD, P("b")), ENOENT);
}
