package probe

import (
	"testing"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// The syscall table's filter kinds are the kernel side's.
func TestFilterKinds(t *testing.T) {
	if syscalls.FilterMapFile != FilterMapFile || syscalls.FilterFileVMA != FilterFileVMA {
		t.Errorf("syscalls.Filter* = %d, %d; the kernel side's enum ior_filter = %d, %d",
			syscalls.FilterMapFile, syscalls.FilterFileVMA, FilterMapFile, FilterFileVMA)
	}
}

func TestMapFileRoundTrip(t *testing.T) {
	f := MapFile{Ino: 1 << 40, Dev: 0x803, Gen: 7}
	if got, ok := MapFileOf(f.Bytes()); !ok || got != f {
		t.Errorf("MapFileOf(Bytes()) = %+v, %v; want %+v", got, ok, f)
	}
	if _, ok := MapFileOf(nil); ok {
		t.Error("an empty slot reads as a file")
	}
}
