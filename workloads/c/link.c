#include "workload.h"

SCENARIO(link)
{
	EQ(syscall(SYS_link, P("a"), P("b")), 0);
	EQ(syscall(SYS_linkat, AT_FDCWD, P("a"), AT_FDCWD, P("c"), 0), 0);
	ERR(syscall(SYS_link, P("a"), P("b")), EEXIST);
}

SCENARIO(symlink)
{
	char buf[64];
	EQ(syscall(SYS_symlink, "target", P("l")), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_symlinkat, "../target", d, "l"), 0);
	EQ(syscall(SYS_readlink, P("l"), buf, sizeof(buf)), 6);
	EQ(syscall(SYS_readlinkat, AT_FDCWD, P("sub/l"), buf, sizeof(buf)), 9);
	ERR(syscall(SYS_readlink, P("missing"), buf, sizeof(buf)), ENOENT);
	EQ(syscall(SYS_close, d), 0);
}
