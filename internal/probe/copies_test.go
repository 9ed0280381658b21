package probe

import (
	"testing"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// The syscall table's string limits and struct sizes are the kernel
// side's enums.
func TestCopiesMatchKernelSide(t *testing.T) {
	for _, c := range []struct {
		name     string
		got, cgo uint8
	}{
		{"StrPath", syscalls.StrPath, StrPath}, {"StrXattr", syscalls.StrXattr, StrXattr},
		{"StrMemfd", syscalls.StrMemfd, StrMemfd}, {"BlobFixed", syscalls.BlobFixed, BlobFixed},
		{"BlobHandle", syscalls.BlobHandle, BlobHandle}, {"BlobEvents", syscalls.BlobEvents, BlobEvents},
		{"BlobSized", syscalls.BlobSized, BlobSized}, {"BlobURingRegister", syscalls.BlobURingRegister, BlobURingRegister},
		{"NewFDTmpfile", syscalls.NewFDTmpfile, NewFDTmpfile}, {"NewFDIoctl", syscalls.NewFDIoctl, NewFDIoctl},
		{"NewFDRights", syscalls.NewFDRights, NewFDRights},
	} {
		if c.got != c.cgo {
			t.Errorf("%s: syscalls says %d, the kernel side %d", c.name, c.got, c.cgo)
		}
	}
	if syscalls.AIOEventsMax*int(iorIorLimitsIOR_AIO_EVENT) != BlobMax {
		t.Errorf("AIOEventsMax %d: the kernel side copies %d", syscalls.AIOEventsMax, BlobMax/int(iorIorLimitsIOR_AIO_EVENT))
	}
}

// Files without a path are named as /proc/PID/fd names them.
func TestFileNameNamespaces(t *testing.T) {
	if got := FileName(4026531837, nsfsMagic, "user"); got != "user:[4026531837]" {
		t.Errorf("nsfs: %q", got)
	}
}
