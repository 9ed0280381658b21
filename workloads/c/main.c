/* The C workload: runs one scenario of the table in
 * integrationtests/scenarios.go with exact raw syscalls.
 *
 *   workload-c --list
 *   workload-c --scenario=NAME [--dir=DIR] [--start-delay=2|2s|500ms] [--gate]
 *
 * Prints its PID, waits --start-delay (default 2s) or, with --gate, for a
 * line on stdin, then runs the scenario between a begin and an end marker
 * syscall. Without --dir it works in a temporary directory of its own,
 * removed at exit. */
#include "workload.h"
#include <ftw.h>

static struct scenario *scenarios;
static const char *dir;
/* This binary's path, read before the scenario's markers (the exec
 * scenarios run it again; exec'ing /proc/self/exe would name the task
 * "exe"). */
char self_exe[4096];

void register_scenario(struct scenario *s)
{
	/* Keep the list sorted by name so --list is stable. */
	struct scenario **p = &scenarios;

	while (*p && strcmp((*p)->name, s->name) < 0)
		p = &(*p)->next;
	s->next = *p;
	*p = s;
}

const char *P(const char *name)
{
	/* Per thread: the threads scenario builds paths on four threads. */
	static __thread char bufs[8][4096];
	static __thread int next;
	char *b = bufs[next++ % 8];

	snprintf(b, sizeof(bufs[0]), "%s/%s", dir, name);
	return b;
}

void fail(const char *file, int line, const char *what, long got, int err, const char *want)
{
	fprintf(stderr, "%s:%d: %s returned %ld (errno %d: %s), want %s\n", file, line, what, got, err,
		strerror(err), want);
	exit(1);
}

void unsupported(const char *syscall_name)
{
	fprintf(stderr, "unsupported: %s\n", syscall_name);
	exit(77);
}

/* The markers: faccessat of names that never exist. */
void marker(const char *name)
{
	ERR(syscall(SYS_faccessat, AT_FDCWD, P(name), F_OK), ENOENT);
}

static void wait_for_go(void)
{
	char c;

	for (;;) {
		long n = syscall(SYS_read, 0, &c, 1);
		if (n <= 0) {
			fprintf(stderr, "stdin closed before the go signal\n");
			exit(1);
		}
		if (c == '\n')
			return;
	}
}

/* parse_delay reads seconds (2, 0.5) or seconds with a unit (2s, 500ms);
 * -1 when it is neither. */
static double parse_delay(const char *v)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || d < 0)
		return -1;
	if (!strcmp(end, "") || !strcmp(end, "s"))
		return d;
	if (!strcmp(end, "ms"))
		return d / 1000;
	return -1;
}

static char own_dir[64];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes the temporary directory at every exit (fail() and unsupported()
 * exit too). */
static void remove_own_dir(void)
{
	nftw(own_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The child half of the exec scenarios: run by the parent's execve of
 * this binary as "workload-c --exec-child DIR KEPT CLOEXEC". */
static int exec_child(char **argv)
{
	dir = argv[2];
	exec_child_io(atol(argv[3]), atol(argv[4]));
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = NULL;

	if (argc == 5 && !strcmp(argv[1], "--exec-child"))
		return exec_child(argv);
	if (argc == 4 && !strcmp(argv[1], "--race-dup2")) {
		dir = argv[2];
		return race_dup2(atol(argv[3])); /* race.c */
	}
	if (argc == 4 && !strcmp(argv[1], "--comm-loss")) {
		dir = argv[2];
		return comm_loss(atol(argv[3])); /* commloss.c */
	}
	if (argc == 4 && !strcmp(argv[1], "--race-chdir")) {
		dir = argv[2];
		return race_chdir(atol(argv[3])); /* race.c */
	}
	double delay = 2;
	int gate = 0;
	struct scenario *s;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			for (s = scenarios; s; s = s->next)
				printf("%s\n", s->name);
			return 0;
		} else if (!strncmp(argv[i], "--scenario=", 11)) {
			name = argv[i] + 11;
		} else if (!strncmp(argv[i], "--dir=", 6)) {
			dir = argv[i] + 6;
		} else if (!strncmp(argv[i], "--start-delay=", 14)) {
			delay = parse_delay(argv[i] + 14);
			if (delay < 0) {
				fprintf(stderr, "--start-delay=%s: give seconds (2, 0.5) or 2s, 500ms\n", argv[i] + 14);
				return 2;
			}
		} else if (!strcmp(argv[i], "--gate")) {
			gate = 1;
		} else {
			fprintf(stderr, "unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!name) {
		fprintf(stderr, "usage: %s --list | --scenario=NAME [--dir=DIR] [--start-delay=2s] [--gate]\n", argv[0]);
		return 2;
	}
	for (s = scenarios; s; s = s->next)
		if (!strcmp(s->name, name))
			break;
	if (!s) {
		fprintf(stderr, "unknown scenario %s (see --list)\n", name);
		return 2;
	}
	if (!dir) {
		const char *tmp = getenv("TMPDIR");

		snprintf(own_dir, sizeof(own_dir), "%s/workload-c-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		if (!mkdtemp(own_dir)) {
			perror("mkdtemp");
			return 1;
		}
		dir = own_dir;
		atexit(remove_own_dir);
	}
	printf("%d\n", getpid());
	fflush(stdout);
	if (gate) {
		wait_for_go();
	} else {
		fprintf(stderr, "workload-c: %s in %s in %gs\n", name, dir, delay);
		usleep((useconds_t)(delay * 1e6));
	}
	if (readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1) < 0)
		fail(__FILE__, __LINE__, "readlink /proc/self/exe", -1, errno, "this binary's path");
	marker(".ior-begin");
	s->run();
	marker(".ior-end");
	return 0;
}
