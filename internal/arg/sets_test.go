package arg

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// constants reads NAME = value lines from files: x/sys/unix's generated
// constants (from the kernel's headers), and the installed io_uring
// header, which x/sys/unix does not cover. They are the oracle the sets
// are checked against, read apart from the code under test.
func constants(t *testing.T) map[string]uint64 {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/sys").Output()
	if err != nil {
		t.Fatalf("finding x/sys: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "unix")
	m := map[string]uint64{}
	goConst := regexp.MustCompile(`(?m)^\s+([A-Z][A-Z0-9_]+)\s+=\s+(0x[0-9a-fA-F]+|\d+)\s*$`)
	for _, f := range []string{"zerrors_linux.go", "zerrors_linux_amd64.go", "ztypes_linux.go", "ztypes_linux_amd64.go", "constants.go"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, sm := range goConst.FindAllStringSubmatch(string(b), -1) {
			if v, err := strconv.ParseUint(sm[2], 0, 64); err == nil {
				m[sm[1]] = v
			}
		}
	}
	h, err := os.ReadFile("/usr/include/linux/io_uring.h")
	if err != nil {
		t.Skipf("no io_uring header to check the IORING_* names against: %v", err)
	}
	shift := regexp.MustCompile(`(?m)^#define\s+(IORING_[A-Z0-9_]+)\s+\(1U << (\d+)\)`)
	for _, sm := range shift.FindAllStringSubmatch(string(h), -1) {
		n, _ := strconv.Atoi(sm[2])
		m[sm[1]] = 1 << n
	}
	enum := regexp.MustCompile(`(?m)^\s+(IORING_[A-Z0-9_]+)\s*=\s*(\d+),`)
	for _, sm := range enum.FindAllStringSubmatch(string(h), -1) {
		m[sm[1]], _ = strconv.ParseUint(sm[2], 10, 64)
	}
	bits := regexp.MustCompile(`(?m)^\s+(IOSQE_[A-Z_]+)_BIT,`)
	for i, sm := range bits.FindAllStringSubmatch(string(h), -1) {
		m[sm[1]] = 1 << i
	}
	if f := regexp.MustCompile(`(?m)^#define\s+IORING_FSYNC_DATASYNC\s+\(1U << (\d+)\)`).FindStringSubmatch(string(h)); f != nil {
		n, _ := strconv.Atoi(f[1])
		m["IORING_FSYNC_DATASYNC"] = 1 << n
	}
	return m
}

// Names no file above defines as ior needs them, each with where its
// value comes from.
var elsewhere = map[string]string{
	"O_LARGEFILE":   "the kernel's 0x8000 (asm-generic/fcntl.h); 0 in x86_64 user space",
	"F_OK":          "0 (unistd.h)",
	"FIONREAD":      "TIOCINQ (asm-generic/ioctls.h)",
	"FIONBIO":       "asm-generic/ioctls.h",
	"FIOCLEX":       "asm-generic/ioctls.h",
	"FIONCLEX":      "asm-generic/ioctls.h",
	"FIOASYNC":      "asm-generic/ioctls.h",
	"FIGETBSZ":      "linux/fs.h _IO(0x00,2)",
	"FS_IOC_FIEMAP": "linux/fs.h _IOWR('f', 11, struct fiemap)",
	"BLKGETSIZE":    "linux/fs.h _IO(0x12,96)",
	"BLKSSZGET":     "linux/fs.h _IO(0x12,104)",
	"BLKFLSBUF":     "linux/fs.h _IO(0x12,97)",
	"NS_GET_USERNS": "linux/nsfs.h _IO(0xb7, 0x1)",
	"NS_GET_PARENT": "linux/nsfs.h _IO(0xb7, 0x2)",
	"SOCK_DCCP":     "linux/net.h: 6",
}

// Every named value of every set is the constant of that name.
func TestSetsMatchConstants(t *testing.T) {
	c := constants(t)
	sets := map[string]*Set{}
	for n, s := range Sets {
		sets[n] = s
	}
	for level, s := range SockOpts {
		sets["SockOpts/"+strconv.FormatUint(level, 10)] = s
	}
	for name, s := range sets {
		for _, n := range append(append([]Named(nil), s.Names...), s.Low...) {
			if _, known := elsewhere[n.Name]; known {
				continue
			}
			want, ok := c[n.Name]
			if n.Name == "FIONREAD" {
				want, ok = c["TIOCINQ"], true
			}
			if n.Name == "POSIX_FADV_NORMAL" || strings.HasPrefix(n.Name, "POSIX_FADV_") {
				want, ok = c["FADV_"+strings.TrimPrefix(n.Name, "POSIX_FADV_")]
			}
			if !ok {
				t.Errorf("%s: %s is no constant ior can check", name, n.Name)
				continue
			}
			if n.V != want {
				t.Errorf("%s: %s is %#x, want %#x", name, n.Name, n.V, want)
			}
		}
	}
}

func TestAppendNames(t *testing.T) {
	for _, c := range []struct {
		s    *Set
		v    uint64
		want string
	}{
		{OpenFlags, 0x80000 | 2, "O_RDWR|O_CLOEXEC"},
		{OpenFlags, 0x8000 | 0x800 | 2, "O_RDWR|O_NONBLOCK|O_LARGEFILE"},
		{SockType, 1 | 0x80000, "SOCK_STREAM|SOCK_CLOEXEC"},
		{AddressFamily, 2, "AF_INET"},
		{IPProto, 6, "IPPROTO_TCP"},
		{IPProto, 0, "0"},
		{URingSetupFlags, 2 | 1<<12, "IORING_SETUP_SQPOLL|IORING_SETUP_SINGLE_ISSUER"},
		{URingRegisterOp, 2, "IORING_REGISTER_FILES"},
		{URingRegisterOp, 999, "999"},
		{MremapFlags, 1 | 0x40, "MREMAP_MAYMOVE|0x40"},
	} {
		if got := string(c.s.Append(nil, c.v)); got != c.want {
			t.Errorf("%#x: %s, want %s", c.v, got, c.want)
		}
	}
}
