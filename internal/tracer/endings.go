package tracer

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// How a session ends. Tracing stops when the target exits, when the
// duration passes, or on a signal; the recording is then completed from
// what the ring buffer still holds. With a COMMAND:
//   - a first SIGINT, SIGTERM, SIGHUP or SIGQUIT is passed on to COMMAND
//     (unless the terminal already sent it to COMMAND's process group) and
//     tracing goes on until COMMAND exits, so its shutdown is recorded;
//   - a second one stops tracing at once and kills COMMAND;
//   - -duration stops tracing, then ends COMMAND like timeout(1) does
//     (SIGTERM, SIGKILL after a grace period);
//   - ior's exit status is COMMAND's, 128+N when signal N ended it.
//
// COMMAND never outlives ior untraced: it is killed if ior dies.

// TerminateGrace is how long COMMAND has to exit after SIGTERM.
const TerminateGrace = 2 * time.Second

// ending decides when tracing stops and what then happens to COMMAND.
type ending struct {
	once   sync.Once
	detach func()
	quit   chan struct{} // closed when the session is over
	mu     sync.Mutex
	// What to do with a COMMAND still running once tracing stopped.
	childFate func(c *gatedChild)
}

// stop stops tracing (once); fate says what becomes of COMMAND.
func (e *ending) stop(fate func(c *gatedChild)) {
	e.once.Do(func() {
		e.mu.Lock()
		e.childFate = fate
		e.mu.Unlock()
		e.detach()
	})
}

func (e *ending) fate() func(c *gatedChild) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.childFate
}

func killChild(c *gatedChild)      { c.kill() }
func terminateChild(c *gatedChild) { c.terminate(TerminateGrace) }

// watch runs until the session is over, stopping tracing when it must.
func (s *session) watch(ctx context.Context, e *ending, targetGone <-chan struct{}) {
	var childDone <-chan struct{}
	if s.child != nil {
		childDone = s.child.done
	}
	var timeout <-chan time.Time
	if s.cfg.Duration > 0 {
		t := time.NewTimer(s.cfg.Duration)
		defer t.Stop()
		timeout = t.C
	}
	say := func(f string, a ...any) { fmt.Fprintf(s.cfg.Stderr, "ior: "+f+"\n", a...) }
	signals := 0
	for {
		select {
		case <-e.quit:
			return
		case <-ctx.Done():
			e.stop(killChild)
			return
		case <-childDone:
			e.stop(nil)
			return
		case <-targetGone:
			e.stop(nil)
			return
		case <-timeout:
			if s.child != nil {
				say("-duration %s reached: tracing stopped; ending %s (SIGTERM, SIGKILL after %s)", s.cfg.Duration, s.cfg.Command[0], TerminateGrace)
			}
			e.stop(terminateChild)
			return
		case sig := <-s.cfg.Signals:
			signals++
			name := sig.String()
			if n, ok := sig.(syscall.Signal); ok {
				name = unix.SignalName(n)
			}
			if s.child == nil {
				e.stop(nil)
				return
			}
			if signals > 1 {
				say("%s again: tracing stopped; killing %s", name, s.cfg.Command[0])
				e.stop(killChild)
				return
			}
			if !terminalSentToChild(sig, s.child) {
				s.child.signal(sig)
			}
			say("%s passed to %s; tracing until it exits (again to stop now)", name, s.cfg.Command[0])
		}
	}
}

// terminalSentToChild reports whether sig most likely came from the
// terminal (Ctrl-C, Ctrl-\, hangup), which sends it to the whole
// foreground process group: COMMAND then got it already, and passing it
// on would deliver it twice.
func terminalSentToChild(sig os.Signal, c *gatedChild) bool {
	switch sig {
	case syscall.SIGINT, syscall.SIGQUIT, syscall.SIGHUP:
	default:
		return false
	}
	fg, err := unix.IoctlGetInt(0, unix.TIOCGPGRP)
	if err != nil {
		return false // no terminal
	}
	pgid, err := unix.Getpgid(c.cmd.Process.Pid)
	return err == nil && pgid == fg && pgid == unix.Getpgrp()
}
