package tracer

import (
	"context"
	"fmt"

	"golang.org/x/sys/unix"
)

// watchExit cancels when the target process (or thread) is gone.
func watchExit(ctx context.Context, pid, tid uint32, cancel func()) error {
	id, flags := int(pid), 0
	if pid == 0 {
		id, flags = int(tid), unix.PIDFD_THREAD
	}
	fd, err := unix.PidfdOpen(id, flags)
	if err != nil {
		return fmt.Errorf("watching process %d: %w", id, err)
	}
	go func() {
		defer unix.Close(fd)
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for ctx.Err() == nil {
			n, err := unix.Poll(fds, 200)
			if err == nil && n > 0 {
				cancel()
				return
			}
		}
	}()
	return nil
}
