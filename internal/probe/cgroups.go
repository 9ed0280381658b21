package probe

import (
	"fmt"
	"path/filepath"

	"github.com/ior-tracer/ior/internal/abi"
	"golang.org/x/sys/unix"
)

// cgroup2Magic is CGROUP2_SUPER_MAGIC.
const cgroup2Magic = abi.Cgroup2Magic

// Cgroup returns the id and level of the cgroup v2 at path (a directory
// of a cgroup2 mount, /sys/fs/cgroup/... or /sys/fs/cgroup/unified/...
// on a hybrid system), as the kernel side's filter wants them: the id is
// the directory's inode number (the kernfs node id the kernel gives
// cgroups), the level its depth below the mount's root.
func Cgroup(path string) (id uint64, level uint32, err error) {
	path, err = filepath.Abs(path)
	if err != nil {
		return 0, 0, err
	}
	var fs unix.Statfs_t
	if err := unix.Statfs(path, &fs); err != nil {
		return 0, 0, fmt.Errorf("-cgroup %s: %w", path, err)
	}
	if fs.Type != cgroup2Magic {
		return 0, 0, fmt.Errorf("-cgroup %s: not a cgroup v2 directory (a cgroup2 mount: /sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid system)", path)
	}
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return 0, 0, fmt.Errorf("-cgroup %s: %w", path, err)
	}
	// Up to the mount's root: the last directory on the same file
	// system whose parent is not.
	for dir := path; ; {
		parent := filepath.Dir(dir)
		var pst unix.Stat_t
		var pfs unix.Statfs_t
		if parent == dir || unix.Stat(parent, &pst) != nil || unix.Statfs(parent, &pfs) != nil ||
			pfs.Type != cgroup2Magic || pst.Dev != st.Dev {
			break
		}
		level++
		dir = parent
	}
	return st.Ino, level, nil
}
