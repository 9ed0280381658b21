package tracer

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// watchExit returns a channel closed when the target process (or thread)
// behind pidfd (see identity: opened when ior started, so never a
// newcomer with the target's number) is gone. The watcher ends when quit
// is closed.
func watchExit(pidfd int, quit <-chan struct{}) (<-chan struct{}, error) {
	fd, err := unix.Dup(pidfd)
	if err != nil {
		return nil, fmt.Errorf("watching the target: %w", err)
	}
	gone := make(chan struct{})
	go func() {
		defer unix.Close(fd)
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for {
			select {
			case <-quit:
				return
			default:
			}
			if n, err := unix.Poll(fds, 200); err == nil && n > 0 {
				close(gone)
				return
			}
		}
	}()
	return gone, nil
}
