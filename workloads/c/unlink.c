#include "workload.h"

SCENARIO(unlink)
{
	EQ(syscall(SYS_unlink, P("a")), 0);
	EQ(syscall(SYS_unlinkat, AT_FDCWD, P("b"), 0), 0);
	EQ(syscall(SYS_unlinkat, AT_FDCWD, P("d1"), AT_REMOVEDIR), 0);
	EQ(syscall(SYS_rmdir, P("d2")), 0);
	ERR(syscall(SYS_unlink, P("a")), ENOENT);
}

SCENARIO(rmdir_enotempty)
{
	ERR(syscall(SYS_rmdir, P("full")), ENOTEMPTY);
	ERR(syscall(SYS_unlinkat, AT_FDCWD, P("full"), AT_REMOVEDIR), ENOTEMPTY);
}
