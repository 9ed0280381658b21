package tracer

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// watchExit returns a channel closed when the target process (or thread)
// is gone. The watcher ends when quit is closed.
func watchExit(pid, tid uint32, quit <-chan struct{}) (<-chan struct{}, error) {
	id, flags := int(pid), 0
	if pid == 0 {
		id, flags = int(tid), unix.PIDFD_THREAD
	}
	fd, err := unix.PidfdOpen(id, flags)
	if err != nil {
		return nil, fmt.Errorf("watching process %d: %w", id, err)
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
