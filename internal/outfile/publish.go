package outfile

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// Publish moves the file to its final name now, with Commit's checks,
// and it is written there from then on: for a recording, which must be
// found at its name even if ior is killed before Commit. Commit then
// only syncs and closes it; Abort removes it from the final name (if it
// is still there).
func (f *File) Publish() error {
	if f.done || f.published {
		return errors.New("outfile: already published, committed or aborted")
	}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.File.Fd()), &st); err != nil {
		return err
	}
	if err := f.rename(); err != nil {
		return fmt.Errorf("writing %s: %w", f.final, err)
	}
	f.published, f.ino = true, st.Ino
	return nil
}
