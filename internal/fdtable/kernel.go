package fdtable

import (
	"path/filepath"
	"strings"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
)

// Names the kernel side read (calls.Name) come before the table: they
// are the file the fd held, or the cwd or root, when the call ran, named
// as the kernel names it (renames by anyone applied, deletion a state).
// The table is what names a call when the kernel side did not look (a
// recording of an older ior), and what names AIO and io_uring requests.

// kernelFD names the fd a call worked on from the kernel's read: no file
// there (EBADF) names none; an fd changed during the call, or a name not
// received, is unknown.
func kernelFD(ev *event.Event, n calls.Name) {
	switch n.State {
	case calls.NameOK:
		ev.Path = n.Path
		if n.Deleted {
			ev.PathStatus |= event.PathDeleted
		}
	case calls.NameNoFile:
		ev.Path = ""
	default:
		ev.Path = ""
		ev.PathStatus |= event.PathUnknown
	}
}

// kernelResolve makes a path argument absolute against the base the
// kernel side read: the dirfd's file, the cwd, or for an absolute path
// the task's root (a chroot's directory); an empty name (AT_EMPTY_PATH)
// is the dirfd's file itself, deleted or not. status: event.PathUnknown,
// with name as given, when the base is unknown, not a directory's path,
// or deleted (no name reaches into it).
func kernelResolve(n calls.Name, name string) (path string, status uint8) {
	// A base in another mount namespace's view keeps its mark.
	if ns, rest, ok := cutMountNS(n.Path); ok && name != "" && !n.Deleted && strings.HasPrefix(rest, "/") {
		return ns + filepath.Join(rest, name), 0
	}
	switch {
	case n.State != calls.NameOK:
		return name, event.PathUnknown
	case name == "" && n.Deleted:
		return n.Path, event.PathDeleted
	case name == "":
		return n.Path, 0
	case n.Deleted || !strings.HasPrefix(n.Path, "/"):
		return name, event.PathUnknown
	}
	return filepath.Join(n.Path, name), 0
}

// cutMountNS splits a name walked in another mount namespace,
// "mnt:[INODE]/path" (decode marks them), into its mark and the path.
func cutMountNS(p string) (ns, rest string, ok bool) {
	if !strings.HasPrefix(p, "mnt:[") {
		return "", p, false
	}
	i := strings.IndexByte(p, ']')
	if i < 0 {
		return "", p, false
	}
	return p[:i+1], p[i+1:], true
}
