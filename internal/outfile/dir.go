package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// Guard holds the files a command reads, so that none of them is ever
// replaced by its output: by identity (device and inode, which catches
// hard links and symlinks to an input) and by path (which catches an
// input that is replaced while it is read).
type Guard struct {
	ids   map[[2]uint64]string
	paths map[string]string
}

// GuardInputs stats every input; an input that cannot be stat'ed is left
// to the reader to report.
func GuardInputs(paths []string) Guard {
	g := Guard{ids: map[[2]uint64]string{}, paths: map[string]string{}}
	for _, p := range paths {
		var st unix.Stat_t
		if unix.Stat(p, &st) == nil {
			g.ids[[2]uint64{st.Dev, st.Ino}] = p
		}
		if abs, err := filepath.Abs(p); err == nil {
			g.paths[abs] = p
		}
	}
	return g
}

// check refuses a file that is one of the inputs.
func (g Guard) check(st *unix.Stat_t, path string) error {
	if in, ok := g.ids[[2]uint64{st.Dev, st.Ino}]; ok {
		return fmt.Errorf("output %s is the input %s; ior will not write over what it reads", path, in)
	}
	return nil
}

// checkPath refuses an output path that names an input.
func (g Guard) checkPath(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	if in, ok := g.paths[abs]; ok {
		return fmt.Errorf("output %s is the input %s; ior will not write over what it reads", path, in)
	}
	return nil
}

// Dir is an output directory under which ior makes directories and files
// (ior export -partition). Everything beneath it is created and opened
// relative to its descriptor, one component at a time, and never through
// a symbolic link: a link, or anything else that is not a real
// directory, planted at a component is refused, so nothing is written
// outside the directory. The directory itself is the user's path and is
// created (with its parents) if missing.
type Dir struct {
	fd   int
	path string
}

// OpenDir creates path if it is missing and opens it.
func OpenDir(path string) (*Dir, error) {
	if path == "" {
		return nil, errors.New("output directory is empty")
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", path, err)
	}
	fd, err := openDir(path)
	if err != nil {
		return nil, err
	}
	return &Dir{fd: fd, path: path}, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return unix.Close(d.fd) }

// Create starts a file at rel, a relative slash-separated path beneath d
// whose directories are created as needed; see File. It refuses a rel
// that leaves d, a component that is a link or not a directory, and an
// input in g.
func (d *Dir) Create(rel string, g Guard) (*File, error) {
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return nil, fmt.Errorf("output %s: %q is not a plain name", filepath.Join(d.path, rel), p)
		}
	}
	fd, err := unix.Dup(d.fd)
	if err != nil {
		return nil, err
	}
	shown := d.path
	for _, p := range parts[:len(parts)-1] {
		shown = filepath.Join(shown, p)
		next, err := subdir(fd, p, shown)
		unix.Close(fd)
		if err != nil {
			return nil, err
		}
		fd = next
	}
	path := filepath.Join(shown, parts[len(parts)-1])
	if err := g.checkPath(path); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return createIn(fd, shown, parts[len(parts)-1], path, g)
}

// subdir makes (if missing) and opens the directory name in d, never
// following a link.
func subdir(d int, name, shown string) (int, error) {
	err := unix.Mkdirat(d, name, 0o755)
	if err != nil && !errors.Is(err, unix.EEXIST) {
		return -1, fmt.Errorf("output directory %s: %w", shown, err)
	}
	fd, err := unix.Openat(d, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err == nil {
		return fd, nil
	}
	var st unix.Stat_t
	if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
		if unix.Fstatat(d, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil {
			return -1, fmt.Errorf("output directory %s exists and is a %s; ior writes only through real directories", shown, kind(st.Mode))
		}
	}
	return -1, fmt.Errorf("output directory %s: %w", shown, err)
}
