/* Not a scenario: "workload-c --comm-loss DIR N", for the test that a
 * thread's name is never shown wrong when records are lost
 * (integrationtests/commloss_test.go). N rounds: the thread names itself
 * "cl<i>" with prctl(PR_SET_NAME), then seeks DIR/f to offset i
 * COMM_LOSS_SEEKS times with lseek; every lseek ior shows must carry the
 * name of its offset's round, however many records the ring dropped. */
#include "workload.h"
#include <stdio.h>
#include <sys/prctl.h>

#define COMM_LOSS_SEEKS 20

int comm_loss(long n)
{
	char name[32]; /* the kernel keeps 15 bytes: N below 10^13 fits */
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY | O_CREAT, 0644));

	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cl%ld", i);
		EQ(syscall(SYS_prctl, PR_SET_NAME, (unsigned long)name, 0L, 0L, 0L), 0);
		for (int j = 0; j < COMM_LOSS_SEEKS; j++)
			EQ(syscall(SYS_lseek, fd, i, SEEK_SET), i);
	}
	EQ(syscall(SYS_close, fd), 0);
	return 0;
}
