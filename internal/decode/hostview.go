package decode

import (
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// mountTable is ior's own mounts, for naming a file that a process in
// another mount namespace uses in ior's (the host's) view: the kernel
// side sends such a file's path below its file system's root; a mount
// of that file system in ior's namespace whose root lies above it gives
// a path in ior's view, and the file found there by that path (its
// device and inode, as the kernel side read them) proves ior reaches
// it — an overmount, a symlink or a renamed file fails the check, and
// the name stays in the process's view, marked.
type mountTable struct {
	path   string
	mounts []mountEntry
	read   time.Time
}

type mountEntry struct {
	major, minor uint32
	root, point  string
}

// reread bounds how often the table is read again when no mount of a
// file system is found (a mount made in ior's namespace while tracing).
const reread = time.Second

// hostPath is the path in ior's view of the file with inode ino on the
// file system of device dev (the kernel's dev_t: major << 20 | minor)
// at fspath below that file system's root; ok false when ior reaches
// it by no mount.
func (m *mountTable) hostPath(dev uint32, ino uint64, fspath string) (string, bool) {
	major, minor := dev>>20, dev&(1<<20-1)
	for pass := 0; pass < 2; pass++ {
		found := false
		for _, e := range m.mounts {
			if e.major != major || e.minor != minor {
				continue
			}
			found = true
			rest, ok := below(fspath, e.root)
			if !ok {
				continue
			}
			p := e.point
			if rest != "" {
				p = strings.TrimSuffix(p, "/") + rest
			}
			var st unix.Stat_t
			if unix.Fstatat(unix.AT_FDCWD, p, &st, unix.AT_SYMLINK_NOFOLLOW|unix.AT_NO_AUTOMOUNT) == nil &&
				st.Ino == ino && unix.Major(st.Dev) == major && unix.Minor(st.Dev) == minor {
				return p, true
			}
		}
		if found || time.Since(m.read) < reread {
			return "", false
		}
		m.load()
	}
	return "", false
}

// below is what of path lies below root ("" for root itself, else
// starting with '/'); ok false when path is not at or below root.
func below(path, root string) (string, bool) {
	if root == "/" {
		if path == "/" {
			return "", true
		}
		return path, true
	}
	if path == root {
		return "", true
	}
	if strings.HasPrefix(path, root) && path[len(root)] == '/' {
		return path[len(root):], true
	}
	return "", false
}

// load reads the mount table (proc(5)'s mountinfo: ID PARENT
// MAJOR:MINOR ROOT MOUNTPOINT ...).
func (m *mountTable) load() {
	m.read = time.Now()
	b, err := os.ReadFile(m.path)
	if err != nil {
		m.mounts = nil
		return
	}
	m.mounts = parseMountInfo(string(b))
}

func parseMountInfo(s string) []mountEntry {
	var out []mountEntry
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		maj, min, ok := strings.Cut(f[2], ":")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(maj, 10, 32)
		b, err2 := strconv.ParseUint(min, 10, 32)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, mountEntry{major: uint32(a), minor: uint32(b), root: unescapeMount(f[3]), point: unescapeMount(f[4])})
	}
	return out
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space,
// \011, \012, \134).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
