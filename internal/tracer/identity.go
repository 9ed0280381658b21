package tracer

import (
	"bufio"
	"fmt"
	"os"

	"github.com/ior-tracer/ior/internal/procfs"
	"golang.org/x/sys/unix"
)

// identity pins the target by more than its number, which the kernel
// gives to a new process once the target has exited and been reaped: a
// pidfd (which always refers to the target's struct pid; it is what the
// exit watcher polls) and its start time since boot, which the kernel
// side compares (probe.Config.StartLo), so that a newcomer with the
// target's number is never traced as the target.
type identity struct {
	pidfd            int
	startLo, startHi uint64 // ns since boot: the tick /proc gives
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's start time: 100
// on every architecture Linux has (x86_64 included); sysconf(_SC_CLK_TCK)
// reads it from the same constant.
const clockTicks = 100

// pinTarget opens a pidfd on the process pid (or, with pid 0, the thread
// tid) and reads its start time. The pidfd is opened first and checked
// still unsignalled after the read: the number cannot be reused while
// the pidfd's process lives, so the start time read is its own.
func pinTarget(pid, tid uint32) (*identity, error) {
	id, flags, stat := int(pid), 0, fmt.Sprintf("/proc/%d/stat", pid)
	if pid == 0 {
		id, flags, stat = int(tid), unix.PIDFD_THREAD, fmt.Sprintf("/proc/%d/task/%d/stat", tid, tid)
	} else if tid != 0 {
		// -pid with -tid: the thread's start is the one compared.
		stat = fmt.Sprintf("/proc/%d/task/%d/stat", pid, tid)
	}
	fd, err := unix.PidfdOpen(id, flags)
	if err != nil {
		return nil, fmt.Errorf("process %d: %w", id, err)
	}
	st, err := procfs.ReadStat(stat)
	ticks := st.StartTicks
	if err == nil && exited(fd) {
		err = fmt.Errorf("it exited")
	}
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("process %d: %w", id, err)
	}
	const tickNs = 1_000_000_000 / clockTicks
	// /proc adds the reader's time namespace's boottime offset; the
	// kernel's task->start_boottime has none.
	base := uint64(int64(ticks*tickNs) - timensBoottimeOffset())
	return &identity{pidfd: fd, startLo: base, startHi: base + tickNs}, nil
}

// exited reports whether the pidfd's process (or thread) has ended.
func exited(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0
}

// timensBoottimeOffset is ior's time namespace's boottime offset in ns
// (0 in the initial namespace, or where the file does not exist).
func timensBoottimeOffset() int64 {
	f, err := os.Open("/proc/self/timens_offsets")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var name string
		var sec, nsec int64
		if n, _ := fmt.Sscan(sc.Text(), &name, &sec, &nsec); n == 3 && name == "boottime" {
			return sec*1_000_000_000 + nsec
		}
	}
	return 0
}

func (id *identity) close() {
	if id != nil && id.pidfd >= 0 {
		unix.Close(id.pidfd)
		id.pidfd = -1
	}
}
