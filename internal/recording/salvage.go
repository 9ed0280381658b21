package recording

import (
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"
)

// fail keeps the first error. An errno (ENOSPC, EIO) stands alone: the
// temp file's name it came with would only confuse.
func (w *Writer) fail(err error) {
	if w.err != nil {
		return
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		err = errno
	}
	w.cause = err
	if w.file != nil {
		w.err = fmt.Errorf("writing recording %s: %w", w.file.Name(), err)
	} else {
		w.err = fmt.Errorf("writing recording: %w", err)
	}
}

// endFrame closes the zstd frame; once it is on the file, everything
// before it survives a later write error.
func (w *Writer) endFrame() error {
	w.flushBlock()
	w.bw.Flush()
	w.zw.Close()
	if w.out.err != nil {
		return w.out.err
	}
	w.safeOff, w.safeEvents = w.out.off, w.events
	w.aggs.commit()
	w.zw.Reset(&w.out)
	w.frame = 0
	w.frameStart = time.Time{}
	return nil
}

// salvage cuts the file back to the last complete frame and ends it
// there: with the safe aggregates if they fit, else without them.
func (w *Writer) salvage(c cutter, st Stats) (kept func(name string) string) {
	w.dropBlock() // events after the last complete frame are lost
	for _, aggs := range []bool{true, false} {
		if c.Truncate(w.safeOff) != nil {
			break
		}
		if _, err := c.Seek(w.safeOff, io.SeekStart); err != nil {
			break
		}
		w.out = sink{w: c, off: w.safeOff}
		w.zw.Reset(&w.out)
		w.bw.Reset(w.zw)
		// Strings defined in the part cut off are gone.
		w.reset()
		st.NoAggregates = !aggs
		if w.finish(st, aggs, true) == nil {
			return func(name string) string {
				s := fmt.Sprintf("%d events before it are kept in %s, marked incomplete", st.Events, name)
				if !aggs {
					s += " (without aggregates)"
				}
				return s
			}
		}
	}
	c.Truncate(w.safeOff)
	return func(name string) string {
		return fmt.Sprintf("%d events before it are kept in %s, which has no trailer", st.Events, name)
	}
}
