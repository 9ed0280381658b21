// Package outfile is the one way ior creates an output file (recording,
// ready file, CPU profile). A file is written under a random temp name in
// the target's directory, created with O_EXCL|O_NOFOLLOW so that no link
// planted there is followed, and appears at its final name only when
// committed. The final name may be absent or an existing regular file;
// anything else there (directory, device, fifo, socket, symlink) is refused
// rather than replaced.
package outfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// TempPrefix starts the name of every temp file ior creates, so that one
// left by a crash is recognisable: .ior-tmp-<final name>-<random>.
const TempPrefix = ".ior-tmp-"

// Check fails, with one line saying why, if a file could not be created at
// path: the directory is missing or not writable, or the final name holds
// something other than a regular file.
func Check(path string) error {
	dir, name, err := split(path)
	if err != nil {
		return err
	}
	// Creating a file is the only honest test of writability (read-only
	// mounts, quotas, root's permission bypass).
	d, err := openDir(dir)
	if err != nil {
		return err
	}
	defer unix.Close(d)
	if err := checkFinal(d, name, path, Guard{}); err != nil {
		return err
	}
	f, tmp, err := createTemp(d, dir, name)
	if err != nil {
		return err
	}
	f.Close()
	unix.Unlinkat(d, tmp, 0)
	return nil
}

// split refuses names that can only be directories.
func split(path string) (dir, name string, err error) {
	if path == "" {
		return "", "", errors.New("output path is empty")
	}
	name = filepath.Base(path)
	if strings.HasSuffix(path, "/") || name == "." || name == ".." || name == "/" {
		return "", "", fmt.Errorf("output %s names a directory, not a file", path)
	}
	return filepath.Dir(path), name, nil
}

// checkFinal refuses an existing final name (name in the directory d,
// shown as path) that is not a regular file, or that is one of the
// inputs in g.
func checkFinal(d int, name, path string, g Guard) error {
	var st unix.Stat_t
	err := unix.Fstatat(d, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	if errors.Is(err, unix.ENOENT) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return fmt.Errorf("output %s exists and is a %s; ior writes only regular files and will not replace it", path, kind(st.Mode))
	}
	return g.check(&st, path)
}

func kind(m uint32) string {
	switch m & unix.S_IFMT {
	case unix.S_IFLNK:
		return "symbolic link"
	case unix.S_IFDIR:
		return "directory"
	case unix.S_IFIFO:
		return "fifo"
	case unix.S_IFSOCK:
		return "socket"
	case unix.S_IFCHR:
		return "character device"
	case unix.S_IFBLK:
		return "block device"
	}
	return "non-regular file"
}

func openDir(dir string) (int, error) {
	d, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, fmt.Errorf("output directory %s: %w", dir, err)
	}
	return d, nil
}

// randomSuffix makes temp names unpredictable; tests replace it.
var randomSuffix = func() string {
	var rnd [8]byte
	rand.Read(rnd[:])
	return hex.EncodeToString(rnd[:])
}

// createTemp makes a new file in the directory d whose name no one could
// have predicted, refusing to follow or reuse anything already there.
func createTemp(d int, dir, name string) (*os.File, string, error) {
	// Bound the visible part so that prefix, name and suffix stay within
	// NAME_MAX (255).
	if len(name) > 200 {
		name = name[:200]
	}
	for try := 0; ; try++ {
		tmp := TempPrefix + name + "-" + randomSuffix()
		fd, err := unix.Openat(d, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
		if errors.Is(err, unix.EEXIST) && try < 10 {
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("output directory %s is not writable: %w", dir, err)
		}
		return os.NewFile(uintptr(fd), filepath.Join(dir, tmp)), tmp, nil
	}
}

// File is an output file being written under its temp name.
type File struct {
	*os.File // the temp file
	dir      int
	tmp      string
	final    string
	guard    Guard
	done     bool
	// published: already at the final name (Publish); ino is its inode.
	published bool
	ino       uint64
}

// Create starts a file that appears at path only on Commit. It runs
// Check's tests first, so a refusal comes before any work is done.
func Create(path string) (*File, error) { return CreateGuarded(path, Guard{}) }

// CreateGuarded is Create for a command that reads files: it refuses a
// path that is one of them (see Guard).
func CreateGuarded(path string, g Guard) (*File, error) {
	dir, name, err := split(path)
	if err != nil {
		return nil, err
	}
	if err := g.checkPath(path); err != nil {
		return nil, err
	}
	d, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	return createIn(d, dir, name, path, g)
}

// createIn starts a file named name in the directory d (shown as dir),
// whose final path is shown as path; it owns d from here on.
func createIn(d int, dir, name, path string, g Guard) (*File, error) {
	if err := checkFinal(d, name, path, g); err != nil {
		unix.Close(d)
		return nil, err
	}
	f, tmp, err := createTemp(d, dir, name)
	if err != nil {
		unix.Close(d)
		return nil, err
	}
	return &File{File: f, dir: d, tmp: tmp, final: path, guard: g}, nil
}

// Name is the final path.
func (f *File) Name() string { return f.final }

// TempName is where the file is until Commit (or Publish).
func (f *File) TempName() string {
	if f.published {
		return f.final
	}
	return f.File.Name()
}

// Commit syncs the file and moves it to its final name, which must still
// be absent or a regular file. If that fails, the data is not thrown
// away: the temp file stays, and the error names it (Abort removes it).
func (f *File) Commit() error { return f.commit(true) }

// fsync is unix.Fsync (a test counts the calls).
var fsync = unix.Fsync

// commit is Commit, the file and its directory synced or not.
func (f *File) commit(sync bool) error {
	if f.done {
		return errors.New("outfile: already committed or aborted")
	}
	var err error
	if sync {
		err = fsync(int(f.File.Fd()))
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil && !f.published {
		err = f.rename()
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w (the data is kept in %s)", f.final, err, f.TempName())
	}
	f.done = true
	if sync {
		fsync(f.dir)
	}
	unix.Close(f.dir)
	return nil
}

// rename puts the temp file at the final name. Exchanging the two names
// atomically and then looking at what was there closes the race between
// a check and a plain rename: a device node or fifo put at the final name
// meanwhile is swapped back, never replaced.
func (f *File) rename() error {
	name := filepath.Base(f.final)
	var err error
	for try := 0; try < 3; try++ {
		err = unix.Renameat2(f.dir, f.tmp, f.dir, name, unix.RENAME_EXCHANGE)
		if !errors.Is(err, unix.ENOENT) {
			break
		}
		// Nothing at the final name: a rename that refuses to replace;
		// if something appeared meanwhile, look at it.
		err = unix.Renameat2(f.dir, f.tmp, f.dir, name, unix.RENAME_NOREPLACE)
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.EEXIST) {
			break
		}
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		// A filesystem without renameat2's flags: check, then rename.
		if err := checkFinal(f.dir, name, f.final, f.guard); err != nil {
			return err
		}
		return unix.Renameat(f.dir, f.tmp, f.dir, name)
	}
	if err != nil {
		return err
	}
	// f.tmp now names what was at the final name.
	var st unix.Stat_t
	if err := unix.Fstatat(f.dir, f.tmp, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG || f.guard.check(&st, f.final) != nil {
		if err := unix.Renameat2(f.dir, f.tmp, f.dir, name, unix.RENAME_EXCHANGE); err != nil {
			return fmt.Errorf("restoring %s: %w", f.final, err)
		}
		if err := checkFinal(f.dir, name, f.final, f.guard); err != nil {
			return err
		}
		return fmt.Errorf("output %s changed while it was written", f.final)
	}
	return unix.Unlinkat(f.dir, f.tmp, 0)
}

// Abort removes the temp file; the final name is untouched. Abort after
// Commit does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close() // may have been closed by Commit
	name := f.tmp
	if f.published {
		// Only what Publish put there: not a file that replaced it since.
		name = filepath.Base(f.final)
		var st unix.Stat_t
		if unix.Fstatat(f.dir, name, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Ino != f.ino {
			name = ""
		}
	}
	if name != "" {
		unix.Unlinkat(f.dir, name, 0)
	}
	unix.Close(f.dir)
}

// WriteFile writes a small file such as the ready file: it appears
// whole at path, or not at all. It is not synced: such a file is a
// signal, with nothing to keep across a crash, and the syncs (file and
// directory) waited on the disk on the way to ior's ready (30 pairs on
// the busy 2-core VM's disk: median 3 ms, p90 49 ms, max 140 ms).
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.commit(false); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, errors.Unwrap(err))
	}
	return nil
}

// maxSafeName bounds SafeName's result, far below NAME_MAX, so that a
// name built around it (host, timestamp, suffix) still fits.
const maxSafeName = 64

// SafeName turns a string the target controls (a process's comm) into
// one harmless path component: no '/', no leading dot, no control bytes
// or invalid UTF-8, not empty, at most 64 bytes.
func SafeName(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError, r == '/', r == '\\', r < 0x20, r >= 0x7f && r < 0xa0:
			r = '_'
		case r == '.' && i == 0:
			r = '_'
		}
		if b.Len()+utf8.RuneLen(r) > maxSafeName {
			break
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "unnamed"
	}
	return b.String()
}
