package abi

import (
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/cilium/ebpf/btf"
	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

// value is one constant and the name its definition gives it.
type value struct {
	name string // enumerator, or struct (its size)
	got  uint64
}

// enumerators are every named enum value of a BTF spec, by name.
func enumerators(t *testing.T, spec *btf.Spec) map[string]uint64 {
	t.Helper()
	m := map[string]uint64{}
	for typ, err := range spec.All() {
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := typ.(*btf.Enum); ok {
			for _, v := range e.Values {
				m[v.Name] = v.Value
			}
		}
	}
	return m
}

// check compares each value with its definition in spec: an enumerator,
// or for "struct NAME" the struct's size.
func check(t *testing.T, spec *btf.Spec, vals []value) {
	t.Helper()
	enums := enumerators(t, spec)
	for _, v := range vals {
		var want uint64
		if s, ok := strings.CutPrefix(v.name, "struct "); ok {
			var st *btf.Struct
			if err := spec.TypeByName(s, &st); err != nil {
				t.Errorf("%s: %v", v.name, err)
				continue
			}
			want = uint64(st.Size)
		} else if want, ok = enums[v.name]; !ok {
			t.Errorf("%s: not defined", v.name)
			continue
		}
		if v.got != want {
			t.Errorf("%s: abi says %d, its definition %d", v.name, v.got, want)
		}
	}
}

// ior's kernel side as bpf/ior.h defines it: the BTF the committed
// object carries (go tool mage bpf writes it from the C source).
func TestIorKernelSide(t *testing.T) {
	spec, err := btf.LoadSpec("../probe/ior_bpfel.o")
	if err != nil {
		t.Fatal(err)
	}
	check(t, spec, []value{
		{"IOR_NEW_FD_RET", NewFDRet}, {"IOR_NEW_FD_PAIR", NewFDPair}, {"IOR_NEW_FD_TMPFILE", NewFDTmpfile},
		{"IOR_NEW_FD_IOCTL", NewFDIoctl}, {"IOR_NEW_FD_RIGHTS", NewFDRights},
		{"IOR_FILTER_MAP_FILE", FilterMapFile}, {"IOR_FILTER_FILE_VMA", FilterFileVMA},
		{"IOR_FILTER_AIO_SUBMIT", FilterAIOSubmit}, {"IOR_FILTER_AIO_REAP", FilterAIOReap},
		{"IOR_COPY_ENTER", CopyEnter}, {"IOR_COPY_EXIT", CopyExit}, {"IOR_COPY_VALRES", CopyValRes},
		{"IOR_STR_PATH", StrPath}, {"IOR_STR_XATTR", StrXattr}, {"IOR_STR_MEMFD", StrMemfd},
		{"IOR_BLOB_FIXED", BlobFixed}, {"IOR_BLOB_HANDLE", BlobHandle}, {"IOR_BLOB_EVENTS", BlobEvents},
		{"IOR_BLOB_SIZED", BlobSized}, {"IOR_BLOB_URING_REGISTER", BlobURingRegister},
		{"IOR_BLOB_MAX", BlobMax}, {"IOR_TS_LEN", TSLen}, {"struct ior_copied", CopiedHeadLen},
		{"IOR_HANDLE_MAX", HandleMax}, {"IOR_AIO_EVENT", IOEventLen},
	})
}

// Linux's enums and struct sizes as the running kernel's BTF has them.
func TestLinuxBTF(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); errors.Is(err, os.ErrNotExist) {
		t.Skip("this kernel publishes no BTF (/sys/kernel/btf/vmlinux)")
	}
	spec, err := btf.LoadSpec("/sys/kernel/btf/vmlinux")
	if err != nil {
		t.Fatal(err)
	}
	check(t, spec, []value{
		{"IORING_REGISTER_FILES", IORingRegisterFiles}, {"IORING_UNREGISTER_FILES", IORingUnregisterFiles},
		{"IORING_REGISTER_FILES_UPDATE", IORingRegisterFilesUpdate}, {"IORING_REGISTER_FILES2", IORingRegisterFiles2},
		{"IORING_REGISTER_FILES_UPDATE2", IORingRegisterFilesUpdate2},
		{"struct file_handle", FileHandleLen}, {"struct open_how", OpenHowLen}, {"struct io_event", IOEventLen},
		{"struct __kernel_timespec", KernelTimespecLen},
	})
}

// Linux's values as golang.org/x/sys/unix has them (generated from the
// kernel's headers).
func TestLinuxUnix(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want uint64
	}{
		{"PATH_MAX", PathMax, unix.PathMax},
		{"PIPEFS_MAGIC", PipefsMagic, unix.PIPEFS_MAGIC}, {"SOCKFS_MAGIC", SockfsMagic, unix.SOCKFS_MAGIC},
		{"ANON_INODE_FS_MAGIC", AnonInodeMagic, unix.ANON_INODE_FS_MAGIC}, {"PID_FS_MAGIC", PidfsMagic, unix.PID_FS_MAGIC},
		{"NSFS_MAGIC", NsfsMagic, unix.NSFS_MAGIC}, {"TMPFS_MAGIC", TmpfsMagic, unix.TMPFS_MAGIC},
		{"HUGETLBFS_MAGIC", HugetlbfsMagic, unix.HUGETLBFS_MAGIC}, {"CGROUP2_SUPER_MAGIC", Cgroup2Magic, unix.CGROUP2_SUPER_MAGIC},
	} {
		if c.got != c.want {
			t.Errorf("%s: abi says %#x, x/sys/unix %#x", c.name, c.got, c.want)
		}
	}
}

// Limits the kernel publishes in no table are asked of the kernel: the
// longest name each call takes, and one byte more.
func TestLinuxLimits(t *testing.T) {
	// memfd_create: a name of MfdNameMaxLen bytes is taken, a longer one
	// is EINVAL.
	for n, want := range map[int]error{MfdNameMaxLen: nil, MfdNameMaxLen + 1: unix.EINVAL} {
		fd, err := unix.MemfdCreate(strings.Repeat("m", n), 0)
		if err == nil {
			unix.Close(fd)
		}
		if !errors.Is(err, want) && (want != nil || err != nil) {
			t.Errorf("memfd_create of a %d-byte name: %v, want %v", n, err, want)
		}
	}
	// getxattr: a name of XattrNameMax bytes is looked for, a longer one
	// is ERANGE before any file system sees it.
	for n, wantRange := range map[int]bool{XattrNameMax: false, XattrNameMax + 1: true} {
		_, err := unix.Getxattr("/", "user."+strings.Repeat("x", n-len("user.")), nil)
		if errors.Is(err, unix.ERANGE) != wantRange {
			t.Errorf("getxattr of a %d-byte name: %v (ERANGE wanted: %v)", n, err, wantRange)
		}
	}
	// name_to_handle_at: a buffer of MaxHandleSz bytes is taken, a larger
	// one is EINVAL.
	for n, want := range map[int]error{MaxHandleSz: nil, MaxHandleSz + 1: unix.EINVAL} {
		buf := make([]byte, FileHandleLen+n)
		*(*uint32)(unsafe.Pointer(&buf[0])) = uint32(n)
		var mnt int32
		root, _ := unix.BytePtrFromString("/")
		_, _, errno := unix.Syscall6(unix.SYS_NAME_TO_HANDLE_AT, uintptr(unix.AT_FDCWD&0xffffffff), uintptr(unsafe.Pointer(root)),
			uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&mnt)), 0, 0)
		var err error
		if errno != 0 {
			err = errno
		}
		if errors.Is(err, unix.EOPNOTSUPP) {
			t.Logf("name_to_handle_at: / has no handles; MAX_HANDLE_SZ not checked")
			break
		}
		if !errors.Is(err, want) && (want != nil || err != nil) {
			t.Errorf("name_to_handle_at with a %d-byte buffer: %v, want %v", n, err, want)
		}
	}
}

// The op tables' codes are the kernel's: io_uring's opcodes (enum
// io_uring_op; the user side's table and bpf/uring.h's enum) and AIO's
// commands (IOCB_CMD_*), as the running kernel's BTF has them. An op
// newer than the running kernel (a code at or past IORING_OP_LAST) is
// not checked.
func TestOpCodes(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); errors.Is(err, os.ErrNotExist) {
		t.Skip("this kernel publishes no BTF (/sys/kernel/btf/vmlinux)")
	}
	spec, err := btf.LoadSpec("/sys/kernel/btf/vmlinux")
	if err != nil {
		t.Fatal(err)
	}
	enums := enumerators(t, spec)
	last, ok := enums["IORING_OP_LAST"]
	if !ok {
		t.Fatal("the kernel's BTF has no IORING_OP_LAST")
	}
	checkOp := func(table, name string, code uint64) {
		t.Helper()
		if want, ok := enums["IORING_OP_"+name]; !ok && code < last {
			t.Errorf("%s: IORING_OP_%s (%d): the kernel has no such op", table, name, code)
		} else if ok && want != code {
			t.Errorf("%s: IORING_OP_%s is %d, the kernel's %d", table, name, code, want)
		}
	}
	for _, op := range uring.Ops {
		checkOp("internal/uring", op.Name, uint64(op.Code))
	}
	src, err := os.ReadFile("../../bpf/uring.h")
	if err != nil {
		t.Fatal(err)
	}
	cOps := regexp.MustCompile(`\bOP_([A-Z0-9_]+) = (\d+)`).FindAllStringSubmatch(string(src), -1)
	if len(cOps) == 0 {
		t.Error("bpf/uring.h: no OP_ values found")
	}
	for _, m := range cOps {
		code, _ := strconv.ParseUint(m[2], 10, 8)
		checkOp("bpf/uring.h", m[1], code)
	}
	if bit, ok := enums["IOSQE_FIXED_FILE_BIT"]; !ok || uring.SqeFixedFile != 1<<bit {
		t.Errorf("uring.SqeFixedFile %d; the kernel's IOSQE_FIXED_FILE_BIT %d (%v)", uring.SqeFixedFile, bit, ok)
	}
	for _, op := range aio.Ops {
		if op.Name == "PREADX" {
			// Commented out in the kernel's uapi/linux/aio_abi.h
			// ("experimental"), never implemented: io_submit refuses
			// an iocb with code 4 (EINVAL), so it never becomes a
			// request; the table keeps the name the header gives it.
			continue
		}
		if want, ok := enums["IOCB_CMD_"+op.Name]; !ok || want != uint64(op.Code) {
			t.Errorf("internal/aio: IOCB_CMD_%s is %d, the kernel's %d (defined: %v)", op.Name, op.Code, want, ok)
		}
	}
}
