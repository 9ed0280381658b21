// Package symbolize names the addresses of user stacks without cgo: ELF
// symbol tables (debug/elf), DWARF line tables and inlined calls
// (debug/dwarf), and Go's own pclntab (debug/gosym) for Go programs. It
// also reads what a recording keeps of each mapped file while tracing:
// its build ID and its loadable segments (to place a program exec mapped).
package symbolize

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// Image is what ior reads of an ELF file to place and name it: type,
// entry point, loadable segments, interpreter and build ID.
type Image struct {
	Type    elf.Type
	Entry   uint64
	Loads   []elf.ProgHeader
	Interp  string // PT_INTERP: the dynamic loader's path; "": static
	BuildID string // NT_GNU_BUILD_ID in hex; "": none
}

// ReadImage reads path's ELF headers and build ID note.
func ReadImage(path string) (*Image, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return imageOf(f), nil
}

func imageOf(f *elf.File) *Image {
	im := &Image{Type: f.Type, Entry: f.Entry}
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_LOAD:
			im.Loads = append(im.Loads, p.ProgHeader)
		case elf.PT_INTERP:
			b, err := io.ReadAll(io.LimitReader(p.Open(), 4096))
			if err == nil {
				im.Interp = string(bytes.TrimRight(b, "\x00"))
			}
		case elf.PT_NOTE:
			if id := gnuBuildID(p.Open(), f.ByteOrder); id != "" {
				im.BuildID = id
			}
		}
	}
	return im
}

// gnuBuildID finds NT_GNU_BUILD_ID in a note segment.
func gnuBuildID(r io.Reader, bo binary.ByteOrder) string {
	b, err := io.ReadAll(io.LimitReader(r, 1<<16))
	if err != nil {
		return ""
	}
	for len(b) >= 12 {
		nameSz, descSz, typ := bo.Uint32(b), bo.Uint32(b[4:]), bo.Uint32(b[8:])
		name := (int(nameSz) + 3) &^ 3
		desc := (int(descSz) + 3) &^ 3
		if nameSz > 1<<12 || descSz > 1<<12 || 12+name+desc > len(b) {
			return ""
		}
		if typ == 3 && string(b[12:12+nameSz]) == "GNU\x00" { // NT_GNU_BUILD_ID
			return hex.EncodeToString(b[12+name : 12+name+int(descSz)])
		}
		b = b[12+name+desc:]
	}
	return ""
}

// Segment is one loadable segment placed in memory: [Start, Limit)
// holds the file from Offset on.
type Segment struct{ Start, Limit, Offset uint64 }

const page = 4096

// Place returns where exec loaded im's segments, given the program's
// entry point as exec reported it (AT_ENTRY; for an interpreter, its
// AT_BASE as entry with base true). It fails when the entry does not fit
// the file (not the file exec ran, or one changed since), rather than
// place it wrongly.
func (im *Image) Place(entry uint64, base bool) ([]Segment, error) {
	var bias uint64
	switch {
	case base && im.Type == elf.ET_DYN:
		bias = entry
	case base:
		return nil, fmt.Errorf("interpreter of type %v", im.Type)
	case im.Type == elf.ET_EXEC:
		if entry != im.Entry {
			return nil, fmt.Errorf("entry %#x, the file's is %#x", entry, im.Entry)
		}
	case im.Type == elf.ET_DYN:
		bias = entry - im.Entry
	default:
		return nil, fmt.Errorf("ELF type %v", im.Type)
	}
	if bias%page != 0 {
		return nil, fmt.Errorf("load bias %#x not page-aligned: not this file", bias)
	}
	var segs []Segment
	for _, p := range im.Loads {
		if p.Memsz == 0 {
			continue
		}
		start := (bias + p.Vaddr) &^ (page - 1)
		segs = append(segs, Segment{Start: start, Limit: (bias + p.Vaddr + p.Memsz + page - 1) &^ (page - 1),
			Offset: p.Off &^ (page - 1)})
	}
	if len(segs) == 0 {
		return nil, errors.New("no loadable segment")
	}
	return segs, nil
}
