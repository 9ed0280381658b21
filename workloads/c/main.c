/* The C workload: runs one scenario of the table in
 * integrationtests/scenarios.go with exact raw syscalls.
 *
 *   workload-c --list
 *   workload-c --scenario=NAME --dir=DIR [--start-delay=SECONDS]
 *
 * Prints its PID, waits for a line on stdin (or the delay), then runs the
 * scenario between a begin and an end marker syscall. */
#include "workload.h"

static struct scenario *scenarios;
static const char *dir;

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
	static char bufs[8][4096];
	static int next;
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
static void marker(const char *name)
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

int main(int argc, char **argv)
{
	const char *name = NULL;
	double delay = -1;
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
			delay = atof(argv[i] + 14);
		} else {
			fprintf(stderr, "unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!name || !dir) {
		fprintf(stderr, "usage: %s --list | --scenario=NAME --dir=DIR [--start-delay=SECONDS]\n", argv[0]);
		return 2;
	}
	for (s = scenarios; s; s = s->next)
		if (!strcmp(s->name, name))
			break;
	if (!s) {
		fprintf(stderr, "unknown scenario %s\n", name);
		return 2;
	}
	printf("%d\n", getpid());
	fflush(stdout);
	if (delay >= 0)
		usleep((useconds_t)(delay * 1e6));
	else
		wait_for_go();
	marker(".ior-begin");
	s->run();
	marker(".ior-end");
	return 0;
}
