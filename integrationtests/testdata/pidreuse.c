// pidreuse: a target process, then a newcomer with the target's pid.
// Forks a target that waits, prints its pid, and on a line from stdin
// kills and reaps it and makes a new process with the same pid (clone3's
// set_tid, root only), which opens argv[1] 100 times and exits. Prints
// "reused" on success.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

int main(int argc, char **argv)
{
	char line[16];
	struct clone_args ca;
	pid_t target, tid;
	long b;
	int status;

	if (argc != 2) {
		fprintf(stderr, "usage: pidreuse MARKER\n");
		return 2;
	}
	target = fork();
	if (target < 0)
		die("fork");
	if (target == 0) {
		for (;;)
			pause();
	}
	printf("%d\n", target);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		die("stdin");
	if (kill(target, SIGKILL) != 0)
		die("kill");
	if (waitpid(target, &status, 0) != target)
		die("waitpid target");
	memset(&ca, 0, sizeof(ca));
	tid = target;
	ca.set_tid = (uintptr_t)&tid;
	ca.set_tid_size = 1;
	ca.exit_signal = SIGCHLD;
	b = syscall(SYS_clone3, &ca, sizeof(ca));
	if (b < 0)
		die("clone3 set_tid");
	if (b == 0) {
		for (int i = 0; i < 100; i++) {
			long fd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);

			if (fd < 0)
				die("openat");
			if (syscall(SYS_close, fd) != 0)
				die("close");
		}
		_exit(0);
	}
	if (b != target) {
		fprintf(stderr, "newcomer got pid %ld, not %d\n", b, target);
		return 1;
	}
	if (waitpid(b, &status, 0) != b || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("newcomer");
	printf("reused\n");
	return 0;
}
