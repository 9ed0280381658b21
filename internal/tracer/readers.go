package tracer

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/procfs"
	"golang.org/x/sys/unix"
)

// With -all or -comm, the process that reads ior's output through a pipe
// (ior -all | grep x) would be traced: each line it reads and writes is
// an event, which ior prints, which it reads again — a feedback loop
// that drowns the recording. ior leaves out every other process that
// holds its stdout's pipe when it attaches (the kernel side's
// exclude_tgid), and says so; when it cannot (too many, or a pipe that
// no one else holds yet), it warns and says how to avoid the loop.

// pipeReaders lists the processes other than ior that hold the pipe w is
// open for reading (nil if w is not a pipe: a terminal or a file feeds
// nothing back). The shell that starts a pipeline holds the pipe until
// it has started its last command: while ior's parent is the only
// reader, ior looks again, for up to a second.
func pipeReaders(w io.Writer) (readers []int, isPipe bool) {
	f, ok := w.(*os.File)
	if !ok {
		return nil, false
	}
	var st unix.Stat_t
	if unix.Fstat(int(f.Fd()), &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFIFO {
		return nil, false
	}
	link := fmt.Sprintf("pipe:[%d]", st.Ino)
	parent := os.Getppid()
	for try := 0; ; try++ {
		readers = readersOf(link)
		if try >= 20 || !slices.Equal(readers, []int{parent}) {
			return readers, true
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// readersOf lists the processes, ior aside, with an fd whose link is
// link, open for reading.
func readersOf(link string) []int {
	var out []int
	self := os.Getpid()
	for _, pid := range procfs.Proc.PIDs() {
		if pid == self {
			continue
		}
		dir := "/proc/" + strconv.Itoa(pid) + "/fd/"
		fds, _ := os.ReadDir(dir)
		for _, fd := range fds {
			if l, err := os.Readlink(dir + fd.Name()); err == nil && l == link && readable(strconv.Itoa(pid), fd.Name()) {
				out = append(out, pid)
				break
			}
		}
	}
	return out
}

// readable reports whether the fd's flags (/proc/PID/fdinfo/FD, octal)
// open it for reading: O_RDONLY or O_RDWR.
func readable(pid, fd string) bool {
	b, err := os.ReadFile("/proc/" + pid + "/fdinfo/" + fd)
	if err != nil {
		return false
	}
	flags, ok := procfs.FDInfoFlags(b)
	return ok && flags&unix.O_ACCMODE != unix.O_WRONLY
}

// excludeReaders finds the readers of ior's output for -all and -comm,
// tells the user whom it leaves out, and returns them for the kernel
// side; or warns if it cannot.
func (s *session) excludeReaders() []uint32 {
	cfg := &s.cfg
	if cfg.PID != 0 || cfg.TID != 0 || len(cfg.Command) > 0 || cfg.RejectAll || cfg.Live == "" {
		return nil
	}
	readers, isPipe := pipeReaders(cfg.Stdout)
	if !isPipe {
		return nil
	}
	if len(readers) == 0 || len(readers) > probe.MaxExclude {
		fmt.Fprintf(cfg.Stderr, "ior: warning: ior's output is a pipe read by %d processes, which are traced: what they do with ior's lines is recorded and printed again; write to a file instead (> FILE) and read it afterwards\n", len(readers))
		return nil
	}
	out := make([]uint32, len(readers))
	for i, pid := range readers {
		out[i] = uint32(pid)
	}
	fmt.Fprintf(cfg.Stderr, "ior: not tracing %s: the reader of ior's output (tracing it would feed its own lines back)\n", strings.Trim(fmt.Sprint(readers), "[]"))
	return out
}
