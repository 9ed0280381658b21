#include "workload.h"

#include <linux/sched.h>
#include <sys/wait.h>

/* A forked child does I/O of its own, on a file it made and on an fd it
 * inherited (named from its copy of the parent's fd table), checked as
 * worker t1; the parent goes on once it has exited. */
SCENARIO(fork_child_io)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("shared"), (long)(O_CREAT | O_WRONLY), 0644L));
	long pid = OK(syscall(SYS_fork));

	if (pid == 0) {
		marker(".ior-begin-t1");
		long c = OK(syscall(SYS_openat, AT_FDCWD, P("child"), (long)(O_CREAT | O_WRONLY), 0644L));
		EQ(syscall(SYS_write, c, "kid", 3L), 3);
		EQ(syscall(SYS_close, c), 0);
		EQ(syscall(SYS_write, fd, "k", 1L), 1);
		EQ(syscall(SYS_close, fd), 0);
		marker(".ior-end-t1");
		syscall(SYS_exit_group, 0L);
	}
	if (waitpid(pid, 0, 0) != pid)
		fail(__FILE__, __LINE__, "waitpid", -1, errno, "the child");
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("parent"), (long)(O_CREAT | O_WRONLY), 0644L));
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* The parent closes an fd right after the fork, then lets the child go
 * on (a pipe): the child's copy still names the file. */
SCENARIO(fork_parent_closes)
{
	int gate[2];
	char b;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("shared"), (long)(O_CREAT | O_WRONLY), 0644L));
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("parent"), (long)(O_CREAT | O_WRONLY), 0644L));

	EQ(syscall(SYS_pipe2, gate, 0L), 0);
	long pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(".ior-begin-t1");
		EQ(syscall(SYS_read, (long)gate[0], &b, 1L), 1);
		EQ(syscall(SYS_write, fd, "k", 1L), 1);
		EQ(syscall(SYS_close, fd), 0);
		marker(".ior-end-t1");
		syscall(SYS_exit_group, 0L);
	}
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_write, (long)gate[1], "g", 1L), 1);
	EQ(syscall(SYS_write, p, "p", 1L), 1);
	if (waitpid(pid, 0, 0) != pid)
		fail(__FILE__, __LINE__, "waitpid", -1, errno, "the child");
	EQ(syscall(SYS_close, (long)gate[0]), 0);
	EQ(syscall(SYS_close, (long)gate[1]), 0);
	EQ(syscall(SYS_close, p), 0);
}

/* vfork: the child runs on the parent's memory until it exits. */
SCENARIO(vfork_exit)
{
	/* glibc's vfork: made to return twice; the child only _exits. */
	pid_t pid = vfork();

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		fail(__FILE__, __LINE__, "vfork", pid, errno, ">= 0");
	if (waitpid(pid, 0, 0) != pid)
		fail(__FILE__, __LINE__, "waitpid", -1, errno, "the child");
}

/* What makes and replaces processes, failing. */
SCENARIO(process_errors)
{
	static char *const argv[] = { "x", 0 };

	ERR(syscall(SYS_clone, (long)CLONE_SIGHAND, 0L, 0L, 0L, 0L), EINVAL);
	ERR(syscall(SYS_clone3, 0L, 0L), EINVAL);
	ERR(syscall(SYS_execve, P("missing"), argv, argv + 1), ENOENT);
	ERR(syscall(SYS_execveat, 9999L, "x", argv, argv + 1, 0L), EBADF);
}

void exec_child_io(long kept, long cloexec)
{
	marker(".ior-begin-t1");
	EQ(syscall(SYS_write, kept, "k", 1L), 1);
	ERR(syscall(SYS_write, cloexec, "c", 1L), EBADF);
	marker(".ior-end-t1");
}

/* The exec scenarios' parent: a kept and a close-on-exec file, and the
 * child's execve of this binary in its --exec-child mode. */
static char *exec_argv[6];
static long exec_setup(long *cloexec)
{
	static char kept[16], cx[16];
	long k = OK(syscall(SYS_openat, AT_FDCWD, P("kept"), (long)(O_CREAT | O_WRONLY), 0644L));

	*cloexec = OK(syscall(SYS_openat, AT_FDCWD, P("cx"), (long)(O_CREAT | O_WRONLY | O_CLOEXEC), 0644L));
	snprintf(kept, sizeof(kept), "%ld", k);
	snprintf(cx, sizeof(cx), "%ld", *cloexec);
	exec_argv[0] = self_exe;
	exec_argv[1] = "--exec-child";
	exec_argv[2] = (char *)P("");
	exec_argv[3] = kept;
	exec_argv[4] = cx;
	exec_argv[5] = 0;
	return k;
}

static void exec_done(long pid, long k, long c)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail(__FILE__, __LINE__, "the exec'd child", -1, errno, "exit 0");
	EQ(syscall(SYS_close, c), 0);
	EQ(syscall(SYS_close, k), 0);
}

/* exec keeps the fds without close-on-exec and closes the others: the
 * child, this binary again after execve, writes to both (worker t1). */
SCENARIO(exec_cloexec)
{
	extern char **environ;
	long c, k = exec_setup(&c);
	long pid = OK(syscall(SYS_fork));

	if (pid == 0) {
		syscall(SYS_execve, self_exe, exec_argv, environ);
		syscall(SYS_exit_group, 127L);
	}
	exec_done(pid, k, c);
}

/* The same through vfork, as shells start commands. */
SCENARIO(vfork_exec)
{
	extern char **environ;
	long c, k = exec_setup(&c);
	pid_t pid = vfork();

	if (pid == 0) {
		execve(self_exe, exec_argv, environ);
		_exit(127);
	}
	if (pid < 0)
		fail(__FILE__, __LINE__, "vfork", pid, errno, ">= 0");
	exec_done(pid, k, c);
}

/* write_tiny writes copies.c's end program (no loader: its new image
 * makes no call before its end marker, argv[1]) as "tiny". */
static void write_tiny(void)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("tiny"), (long)(O_CREAT | O_WRONLY), 0755L));

	EQ(syscall(SYS_write, fd, end_elf, (long)sizeof(end_elf)), (long)sizeof(end_elf));
	EQ(syscall(SYS_close, fd), 0);
}

static void wait_ok(long pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail(__FILE__, __LINE__, "the exec'd child", -1, errno, "exit 0");
}

/* execve's argv and envp's count as the kernel read them at entry: a
 * child (worker t1) execs copies.c's end program as "tiny" with 3
 * arguments, another (t2) through execveat with 40, one of them 300 bytes long (cut: the
 * first 32 kept, that one to 255 bytes), and a failed execve. */
SCENARIO(execve_argv)
{
	static char long_arg[301];
	static char *argv3[] = { "tiny", ".ior-end-t1", "x", 0 };
	static char *envp[] = { "A=1", "B=2", 0 };
	static char names[40][8];
	static char *argv40[41];
	long pid;

	memset(long_arg, 'L', 300);
	argv40[0] = "tiny";
	argv40[1] = ".ior-end-t2";
	argv40[2] = long_arg;
	for (int i = 3; i < 40; i++) {
		snprintf(names[i], sizeof(names[i]), "a%d", i);
		argv40[i] = names[i];
	}
	write_tiny();
	pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(".ior-begin-t1");
		syscall(SYS_execve, P("tiny"), argv3, envp);
		syscall(SYS_exit_group, 127L);
	}
	wait_ok(pid);
	pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(".ior-begin-t2");
		syscall(SYS_execveat, (long)AT_FDCWD, P("tiny"), argv40, envp, 0L);
		syscall(SYS_exit_group, 127L);
	}
	wait_ok(pid);
	ERR(syscall(SYS_execve, P("missing"), argv3, envp), ENOENT);
}
