/* Shared by every C scenario: the registry, paths inside the scenario
 * directory, and checks that exit non-zero on any unexpected result. */
#ifndef WORKLOAD_H
#define WORKLOAD_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct scenario {
	const char *name;
	void (*run)(void);
	struct scenario *next;
};

void register_scenario(struct scenario *s);

/* SCENARIO(name) { body } defines and registers one scenario. */
#define SCENARIO(nm)                                                        \
	static void scen_##nm(void);                                        \
	static struct scenario reg_##nm = { #nm, scen_##nm, 0 };            \
	__attribute__((constructor)) static void reg_fn_##nm(void)          \
	{                                                                   \
		register_scenario(&reg_##nm);                               \
	}                                                                   \
	static void scen_##nm(void)

/* P("f") is "<dir>/f", in one of a few rotating buffers. */
const char *P(const char *name);

/* A 148-byte static x86-64 program (copies.c): faccessat(AT_FDCWD,
 * argv[1], F_OK), then exit_group(0); no loader, so the new image makes
 * no call before its end marker. */
#define END_ELF_LEN 148
extern const unsigned char end_elf[END_ELF_LEN];

/* struct file_handle with room for MAX_HANDLE_SZ (128) bytes. */
struct handle128 {
	unsigned int handle_bytes;
	int handle_type;
	unsigned char f_handle[128];
};

/* marker(".ior-begin") and marker(".ior-end") bracket the scenario; a
 * worker thread tN brackets its steps with ".ior-begin-tN", ".ior-end-tN". */
void marker(const char *name);

/* The exec scenarios' child, after its exec: I/O on a kept fd and on one
 * that was close-on-exec, between worker t1's markers (process.c). */
void exec_child_io(long kept, long cloexec);
extern char self_exe[4096]; /* this binary, read before the markers */

/* "--race-dup2 DIR N": not a scenario (race.c). */
int race_dup2(long n);
/* "--race-chdir DIR N": not a scenario (race.c). */
int race_chdir(long n);
/* "--comm-loss DIR N": not a scenario (commloss.c). */
int comm_loss(long n);

void fail(const char *file, int line, const char *what, long got, int err, const char *want);
void unsupported(const char *syscall_name);

/* Result must be exactly want. */
#define EQ(call, want)                                                      \
	({                                                                  \
		long r_ = (call);                                           \
		if (r_ != (long)(want))                                     \
			fail(__FILE__, __LINE__, #call, r_, errno, #want);  \
		r_;                                                         \
	})
/* Result must be >= 0; returns it. */
#define OK(call)                                                            \
	({                                                                  \
		long r_ = (call);                                           \
		if (r_ < 0)                                                 \
			fail(__FILE__, __LINE__, #call, r_, errno, ">= 0"); \
		r_;                                                         \
	})
/* Must fail with errno e. */
#define ERR(call, e)                                                        \
	({                                                                  \
		long r_ = (call);                                           \
		if (r_ != -1 || errno != (e))                               \
			fail(__FILE__, __LINE__, #call, r_, errno, "-" #e); \
	})

#endif
