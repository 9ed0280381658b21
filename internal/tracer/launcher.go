package tracer

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/ior-tracer/ior/internal/procfs"
	"golang.org/x/sys/unix"
)

// A gated child is CMD started through ior's own binary, which blocks on
// a pipe until the probes are attached and then execs CMD in place, so
// CMD's first syscall is already traced and its PID is known before load.
type gatedChild struct {
	cmd  *exec.Cmd
	gate *os.File
	// gateLink is the gate's fd 3 as /proc/PID/fd/3 names it
	// ("pipe:[INODE]"), known before the release (awaitExec).
	gateLink string
	done     chan struct{}
	err      error
}

// GateEnv marks ior's binary as running in gate mode.
const GateEnv = "IOR_EXEC_GATE"

func startGated(argv []string) (*gatedChild, error) {
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("command %s: %w", argv[0], err)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, argv[1:]...)
	cmd.Args = append([]string{path}, argv[1:]...)
	cmd.Env = append(os.Environ(), GateEnv+"="+path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{r}
	// If ior dies (SIGKILL, a crash), the kernel kills CMD too: it is
	// never left running untraced without anyone knowing. The signal is
	// tied to the thread that forks; Go keeps that thread alive while
	// ior runs (ior locks no goroutine that could end its thread).
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(int(r.Fd()), &st); err != nil {
		r.Close()
		w.Close()
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("the gate's pipe: %w", err)
	}
	r.Close()
	c := &gatedChild{cmd: cmd, gate: w, gateLink: fmt.Sprintf("pipe:[%d]", st.Ino), done: make(chan struct{})}
	go func() { c.err = cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *gatedChild) release() error {
	_, err := c.gate.Write([]byte{1})
	c.gate.Close()
	return err
}

// awaitExec waits (at most limit) until the gate has exec'd the command:
// the gate's pipe, close-on-exec, is no longer its fd 3. The pipe is
// known from before the release (gateLink), not read after it: by then
// the command may have exec'd and opened a file of its own at fd 3, the
// lowest free — which, taken for the gate, kept ior waiting until the
// command closed it or ended (bench-hot holds its file for its whole
// loop: the reader started only after it, and the ring's ~190k records
// were all of its 600k calls kept), or the limit passed.
func (c *gatedChild) awaitExec(limit time.Duration) {
	fd3 := fmt.Sprintf("/proc/%d/fd/3", c.cmd.Process.Pid)
	for end := time.Now().Add(limit); time.Now().Before(end) && !c.exited(); time.Sleep(time.Millisecond) {
		if p, err := os.Readlink(fd3); err != nil || p != c.gateLink {
			return
		}
	}
}

func (c *gatedChild) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

func (c *gatedChild) signal(sig os.Signal) {
	if !c.exited() {
		c.cmd.Process.Signal(sig)
	}
}

// kill kills CMD and every process it started that still runs.
func (c *gatedChild) kill() {
	if !c.exited() {
		killTree(c.cmd.Process.Pid)
	}
	<-c.done
}

// killTree stops pid and its descendants (so that none can fork
// meanwhile; found by scanning /proc until no new one appears), then
// kills them all.
func killTree(pid int) {
	stopped := map[int]bool{}
	if unix.Kill(pid, unix.SIGSTOP) != nil {
		return
	}
	stopped[pid] = true
	for grew := true; grew; {
		grew = false
		for child, parent := range procfs.Proc.Parents() {
			if stopped[parent] && !stopped[child] && unix.Kill(child, unix.SIGSTOP) == nil {
				stopped[child], grew = true, true
			}
		}
	}
	for p := range stopped {
		unix.Kill(p, unix.SIGKILL)
	}
}

// terminate asks CMD to end (SIGTERM) and kills it after grace.
func (c *gatedChild) terminate(grace time.Duration) {
	c.signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		c.kill()
	}
}

// exitCode is CMD's exit status as a shell reports it: its code, or
// 128+N when signal N ended it.
func (c *gatedChild) exitCode() int {
	<-c.done
	st := c.cmd.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return st.ExitCode()
}

// GateMain is ior's entry in gate mode: wait for the go byte on fd 3,
// then become the command.
func GateMain(path string) {
	// A signal that reaches the gate before the exec must act as it would
	// on the command: the Go runtime would turn SIGQUIT into a goroutine
	// dump and exit status 2. SIGINT, SIGTERM and SIGHUP already end the
	// process by the signal itself.
	var dfl [4]uint64 // struct sigaction: SIG_DFL, no flags, no mask
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(unix.SIGQUIT), uintptr(unsafe.Pointer(&dfl)), 0, 8, 0, 0)
	// The gate is close-on-exec before ior reads this process's fds (at
	// attach): the command never sees it, and neither does its fd table.
	unix.CloseOnExec(3)
	ior := os.Getppid()
	gate := os.NewFile(3, "gate")
	var b [1]byte
	if n, _ := gate.Read(b[:]); n != 1 {
		os.Exit(125) // ior went away before releasing us
	}
	// The parent-death signal set at the fork belongs to this process's
	// first thread only, and the exec may run on another of the Go
	// runtime's threads, which then becomes the process: the signal would
	// be lost (the command outlived a killed ior about one time in 15).
	// Set it again on the thread that execs, then check that ior did not
	// die before it was set.
	runtime.LockOSThread()
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil || os.Getppid() != ior {
		os.Exit(125)
	}
	// The gate stays open until the exec closes it: ior takes its going
	// as the sign that the command runs (awaitExec).
	env := make([]string, 0, len(os.Environ()))
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, GateEnv+"=") {
			env = append(env, e)
		}
	}
	err := unix.Exec(path, os.Args, env)
	fmt.Fprintf(os.Stderr, "ior: exec %s: %v\n", path, err)
	os.Exit(127)
}
