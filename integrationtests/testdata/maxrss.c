/* maxrss CMD ARGS...: runs CMD in a process forked from this small one
 * and prints its peak RSS (wait4's ru_maxrss, KiB) on fd 3, then exits
 * with CMD's status. Started from the (large) test process, CMD itself
 * would inherit that process's peak in its maximum RSS: a child made by
 * Go's os/exec shares its parent's memory until it execs, and the kernel
 * counts the old memory's peak in the new image's. A real fork of this
 * process starts from this process's few pages instead. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *out;

	if (argc < 2) {
		fprintf(stderr, "usage: maxrss CMD ARGS...\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("wait4");
		return 2;
	}
	out = fdopen(3, "w");
	if (!out) {
		perror("fd 3");
		return 2;
	}
	fprintf(out, "%ld\n", ru.ru_maxrss);
	fclose(out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
