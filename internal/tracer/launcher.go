package tracer

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/sys/unix"
)

// A gated child is CMD started through ior's own binary, which blocks on
// a pipe until the probes are attached and then execs CMD in place, so
// CMD's first syscall is already traced and its PID is known before load.
type gatedChild struct {
	cmd  *exec.Cmd
	gate *os.File
	done chan struct{}
	err  error
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
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	r.Close()
	c := &gatedChild{cmd: cmd, gate: w, done: make(chan struct{})}
	go func() { c.err = cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *gatedChild) release() error {
	_, err := c.gate.Write([]byte{1})
	c.gate.Close()
	return err
}

func (c *gatedChild) wait() { <-c.done }

func (c *gatedChild) kill() {
	select {
	case <-c.done:
	default:
		c.cmd.Process.Kill()
		<-c.done
	}
}

func (c *gatedChild) exitCode() int {
	<-c.done
	return c.cmd.ProcessState.ExitCode()
}

// GateMain is ior's entry in gate mode: wait for the go byte on fd 3,
// then become the command.
func GateMain(path string) {
	gate := os.NewFile(3, "gate")
	var b [1]byte
	if n, _ := gate.Read(b[:]); n != 1 {
		os.Exit(125) // ior went away before releasing us
	}
	gate.Close()
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
