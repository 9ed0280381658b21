package fdtable

import (
	"os"
	"strconv"

	"github.com/ior-tracer/ior/internal/procfs"
)

// FD is an fd a process has open at attach.
type FD struct {
	Num     int32
	Path    string // as /proc shows it: a path, pipe:[INODE], socket:[INODE], anon_inode:[...]
	Cloexec bool
}

// Source tells what a process has open and where it is, once, at
// attach. ProcFS reads /proc; tests use their own.
type Source interface {
	Cwd(pid uint32) (string, bool)
	FDs(pid uint32) []FD
}

// ProcFS reads /proc/PID/cwd, /proc/PID/fd and /proc/PID/fdinfo.
type ProcFS struct{}

func procDir(pid uint32) string { return "/proc/" + strconv.FormatUint(uint64(pid), 10) }

// Cwd is the process's current directory.
func (ProcFS) Cwd(pid uint32) (string, bool) {
	s, err := os.Readlink(procDir(pid) + "/cwd")
	return s, err == nil
}

// oCloexec is O_CLOEXEC as fdinfo's octal flags show it.
const oCloexec = 0o2000000

// FDs lists the open fds with their targets and close-on-exec flags.
func (ProcFS) FDs(pid uint32) []FD {
	dir := procDir(pid)
	ents, err := os.ReadDir(dir + "/fd")
	if err != nil {
		return nil
	}
	var out []FD
	for _, e := range ents {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		target, err := os.Readlink(dir + "/fd/" + e.Name())
		if err != nil {
			continue // closed meanwhile
		}
		f := FD{Num: int32(n), Path: target}
		if info, err := os.ReadFile(dir + "/fdinfo/" + e.Name()); err == nil {
			flags, _ := procfs.FDInfoFlags(info)
			f.Cloexec = flags&oCloexec != 0
		}
		out = append(out, f)
	}
	return out
}
