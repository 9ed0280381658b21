package probe

import (
	"encoding/binary"
	"unsafe"
)

// Which calls of a syscall the kernel side records (enum ior_filter;
// bpf/mapping.h).
const (
	FilterMapFile = uint8(iorIorFilterIOR_FILTER_MAP_FILE) // mmap: only mappings of a file
	FilterFileVMA = uint8(iorIorFilterIOR_FILTER_FILE_VMA) // only calls on an address in a mapping of a file
)

// MapFile is the file a mapping is of, as the kernel side read it from
// the vma (struct ior_map_file): the same file, mapped by any process,
// has the same MapFile, and another file another one.
type MapFile struct {
	Ino uint64
	Dev uint32 // the file system's device (s_dev)
	Gen uint32 // the inode's generation
}

// MapFileOf reads the struct slot of a filtered mapping call; false when
// the slot holds none (not a file's mapping, or not looked at).
func MapFileOf(b []byte) (MapFile, bool) {
	if len(b) < int(unsafe.Sizeof(iorIorMapFile{})) {
		return MapFile{}, false
	}
	return MapFile{Ino: binary.LittleEndian.Uint64(b), Dev: binary.LittleEndian.Uint32(b[8:]), Gen: binary.LittleEndian.Uint32(b[12:])}, true
}

// Bytes is the struct slot the kernel side writes for f (for tests and
// benchmarks of the user side).
func (f MapFile) Bytes() []byte {
	b := make([]byte, unsafe.Sizeof(iorIorMapFile{}))
	binary.LittleEndian.PutUint64(b, f.Ino)
	binary.LittleEndian.PutUint32(b[8:], f.Dev)
	binary.LittleEndian.PutUint32(b[12:], f.Gen)
	return b
}
