package output

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"

	"github.com/ior-tracer/ior/internal/golden"
)

// symbolic is one event per way an argument is decoded.
func symbolic() []event.Event {
	ev := func(sc string, ret int64, f func(*event.Event)) event.Event {
		e := event.Event{Syscall: sc, PID: 10, TID: 11, Comm: "w", EnterNs: 5_000_000_000, ExitNs: 5_000_012_000, Ret: ret, FD: -1, FD2: -1}
		f(&e)
		return e
	}
	return []event.Event{
		ev("openat", 3, func(e *event.Event) { e.Path, e.FD, e.Flags = "/x", 3, unix.O_RDONLY|unix.O_CLOEXEC }),
		ev("openat", 4, func(e *event.Event) {
			e.Path, e.FD, e.Flags, e.Mode = "/y", 4, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_SYNC, 0o644
		}),
		ev("openat", -2, func(e *event.Event) { e.Path, e.Flags = "/nope", unix.O_RDWR|unix.O_TMPFILE|0x4000000 }),
		// The file the kernel resolved: shown when not the path as shown.
		ev("openat", 3, func(e *event.Event) { e.Path, e.File, e.FD = "/lib/x.so", "/usr/lib/x.so", 3 }),
		ev("openat", 3, func(e *event.Event) { e.Path, e.File, e.FD = "/usr/lib/x.so", "/usr/lib/x.so", 3 }),
		ev("openat", 3, func(e *event.Event) {
			e.Path, e.File, e.FD, e.FileStatus = "/l/gone", "/real/gone", 3, event.FileDeleted
		}),
		ev("open", 5, func(e *event.Event) { e.Path, e.FD, e.Flags = "/z", 5, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW }),
		ev("creat", 6, func(e *event.Event) {
			e.Path, e.FD, e.Flags, e.Mode = "/c", 6, unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC, 0o600
		}),
		ev("pread64", 64, func(e *event.Event) { e.Path, e.FD, e.Offset, e.Len, e.Bytes = "/x", 3, 4096, 64, 64 }),
		ev("lseek", 100, func(e *event.Event) { e.Path, e.FD, e.Flags, e.Offset = "/x", 3, 2, -10 }),
		ev("fcntl", 0, func(e *event.Event) { e.FD, e.Flags, e.Mode = 3, unix.F_SETFD, 1 }),
		ev("flock", 0, func(e *event.Event) { e.FD, e.Flags = 3, unix.LOCK_EX|unix.LOCK_NB }),
		ev("mkdir", -17, func(e *event.Event) { e.Path, e.Mode = "/d", 0o755 }),
		ev("mknod", 0, func(e *event.Event) { e.Path, e.Mode = "/p", unix.S_IFIFO|0o640 }),
		ev("chmod", 0, func(e *event.Event) { e.Path, e.Mode = "/x", 0o7 }),
		ev("faccessat2", -13, func(e *event.Event) { e.Path, e.Mode, e.Flags = "/x", unix.R_OK|unix.W_OK, unix.AT_EACCESS }),
		ev("access", 0, func(e *event.Event) { e.Path = "/x" }),
		ev("vfork", -513, func(e *event.Event) {}),
		ev("io_uring:READ", 10, func(e *event.Event) {
			e.Path, e.Slot1, e.Offset, e.Len, e.Bytes, e.SqeFlags, e.UserData, e.Exec = "/x", 1, 0, 16, 10, 1, 7, event.ExecIOWQ
		}),
		ev("unlinkat", 0, func(e *event.Event) { e.Path, e.Flags = "/d", unix.AT_REMOVEDIR }),
		ev("renameat2", 0, func(e *event.Event) { e.Path, e.Path2, e.Flags = "/a", "/b", unix.RENAME_NOREPLACE }),
		ev("newfstatat", 0, func(e *event.Event) { e.Path, e.Flags = "/x", unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH }),
		ev("fadvise64", 0, func(e *event.Event) { e.FD, e.Flags, e.Len = 3, 2, 8192 }),
		ev("fallocate", -95, func(e *event.Event) {
			e.FD, e.Flags, e.Len = 3, unix.FALLOC_FL_PUNCH_HOLE|unix.FALLOC_FL_KEEP_SIZE, 4096
		}),
		ev("ioctl", -25, func(e *event.Event) { e.FD, e.Flags = 1, unix.TCGETS }),
		ev("dup3", 9, func(e *event.Event) { e.FD, e.FD2, e.Flags = 3, 9, unix.O_CLOEXEC }),
		ev("mmap", 0x7f0000001000, func(e *event.Event) {
			e.Path, e.FD, e.Flags, e.Mode, e.Len = "/x", 3, unix.MAP_SHARED|unix.MAP_POPULATE, unix.PROT_READ|unix.PROT_WRITE, 8192
		}),
		ev("msync", 0, func(e *event.Event) { e.Path, e.Flags, e.Len = "/x", unix.MS_SYNC|unix.MS_INVALIDATE, 8192 }),
		ev("mremap", 0x7f0000004000, func(e *event.Event) { e.Path, e.Flags, e.Len, e.Mode = "/x", unix.MREMAP_MAYMOVE, 8192, 16384 }),
		ev("munmap", -22, func(e *event.Event) { e.PathStatus, e.Len = event.PathUnknown, 4096 }),
		ev("exec", 0, func(e *event.Event) { e.Path = "/bin/true" }),
		ev("connect", -111, func(e *event.Event) { e.Path, e.FD, e.Len, e.Args = "socket:[9]", 3, 16, "127.0.0.1:8080" }),
		ev("listen", 0, func(e *event.Event) { e.Path, e.FD, e.Mode = "socket:[9]", 3, 128 }),
		ev("shutdown", 0, func(e *event.Event) { e.Path, e.FD, e.Flags = "socket:[9]", 3, unix.SHUT_RDWR }),
		ev("setsockopt", 0, func(e *event.Event) {
			e.Path, e.FD, e.Flags, e.Mode, e.Len, e.Args = "socket:[9]", 3, unix.SOL_SOCKET, unix.SO_REUSEADDR, 4, "val=1"
		}),
		ev("getsockopt", 0, func(e *event.Event) { e.FD, e.Flags, e.Mode, e.Args = 3, unix.IPPROTO_TCP, unix.TCP_NODELAY, "val=1" }),
		ev("getsockopt", -92, func(e *event.Event) { e.FD, e.Flags, e.Mode = 3, 280, 7 }), // a level ior does not name
		ev("epoll_ctl", 0, func(e *event.Event) {
			e.FD, e.FD2, e.Flags, e.Args = 4, 3, unix.EPOLL_CTL_ADD, "{events=EPOLLIN|EPOLLET, data=0x3}"
		}),
		ev("inotify_add_watch", 1, func(e *event.Event) { e.Path, e.FD, e.Flags = "/d", 5, unix.IN_CREATE|unix.IN_DELETE }),
		ev("inotify_add_watch", 2, func(e *event.Event) { e.Path, e.FD, e.Flags = "/d", 5, unix.IN_ALL_EVENTS|unix.IN_ONLYDIR }),
		ev("inotify_rm_watch", 0, func(e *event.Event) { e.FD, e.Mode = 5, 1 }),
	}
}

// The human output decodes flags and modes by name, and -t / -tt print
// the wall clock.
func TestHumanGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		opt    Options
	}{
		{"human.golden", Options{StartNs: 4_999_000_000}},
		{"human-tt.golden", Options{Time: "tt", WallOffsetNs: time.Date(2025, 3, 1, 12, 0, 0, 0, time.Local).UnixNano() - 5_000_000_000}},
		{"human-t.golden", Options{Time: "t", WallOffsetNs: time.Date(2025, 3, 1, 12, 0, 0, 0, time.Local).UnixNano() - 5_000_000_000}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var out bytes.Buffer
			w, err := NewWith("human", &out, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			evs := symbolic()
			for i := range evs {
				w.Write(&evs[i])
			}
			w.Flush()
			golden.Check(t, filepath.Join("testdata", tc.golden), out.Bytes())
		})
	}
}

// The human output names syscalls as strace does: fstat, stat, lstat,
// sendfile for the kernel's newfstat, newstat, newlstat, sendfile64.
func TestHumanStraceNames(t *testing.T) {
	for kernel, strace := range map[string]string{"newfstat": "fstat(", "newstat": "stat(", "newlstat": "lstat(", "sendfile64": "sendfile(", "newfstatat": "newfstatat("} {
		var b bytes.Buffer
		w, err := New("human", &b, 0)
		if err != nil {
			t.Fatal(err)
		}
		ev := event.Event{Syscall: kernel, PID: 1, TID: 1, Comm: "c", Path: "/x", FD: 3, FD2: -1}
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if !strings.Contains(b.String(), " "+strace) {
			t.Errorf("%s shows as %q, want %s...", kernel, b.String(), strace)
		}
	}
}

// fcntl's lock commands show their struct flock, not a mode argument.
func TestHumanFcntlLock(t *testing.T) {
	var b bytes.Buffer
	w, err := New("human", &b, 0)
	if err != nil {
		t.Fatal(err)
	}
	ev := event.Event{Syscall: "fcntl", PID: 1, TID: 1, Comm: "c", Path: "/x", FD: 3, FD2: -1, Flags: unix.F_SETLK,
		Flock: &event.Flock{Type: unix.F_WRLCK, Len: 10}}
	if err := w.Write(&ev); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if want := `fcntl("/x", fd=3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0`; !strings.Contains(b.String(), want) {
		t.Errorf("got %q, want %s", b.String(), want)
	}
}

// A call whose process is not known because its process record was lost
// says so; one of a process in ior's own place, or of a recording with
// no process table, says nothing; one elsewhere, where.
func TestHumanProcess(t *testing.T) {
	for _, c := range []struct {
		ev   event.Event
		want string
	}{
		{event.Event{ProcUnknown: true}, " {process unknown}"},
		{event.Event{}, ""},
		{event.Event{Proc: &event.Proc{MntNS: 5}}, ""},
		{event.Event{Proc: &event.Proc{MntNS: 5, Foreign: event.ForeignMnt}}, " {mnt:[5]}"},
	} {
		var b bytes.Buffer
		w, err := New("human", &b, 0)
		if err != nil {
			t.Fatal(err)
		}
		ev := c.ev
		ev.Syscall, ev.PID, ev.TID, ev.Comm, ev.FD, ev.FD2, ev.Ret = "fsync", 1, 1, "c", -1, -1, -9
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		line := strings.TrimRight(b.String(), "\n")
		if got := line[strings.LastIndexByte(line, '>')+1:]; got != c.want {
			t.Errorf("%+v: line %q ends %q, want %q", c.ev, line, got, c.want)
		}
	}
}
