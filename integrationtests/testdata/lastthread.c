/* A process whose leader ends first and whose last task has another name:
 * the exit event must carry the process's name (TestExitNamesTheProcess). */
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *worker(void *arg)
{
	prctl(PR_SET_NAME, "tail-worker");
	usleep(100000);
	return arg; /* the process's last task: its return ends the process */
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, 0, worker, 0);
	syscall(SYS_exit, 0); /* the leader ends alone */
}
