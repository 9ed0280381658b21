package probe

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"sync"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
)

// ObjectSHA256 is the sha256 of the BPF object ior embeds (ior_bpfel.o),
// for -version: two builds with the same hash load the same programs.
func ObjectSHA256() string {
	sum := sha256.Sum256(_IorBytes)
	return hex.EncodeToString(sum[:])
}

// parseObject parses the embedded object, with its programs' source
// lines or without. The programs go to the kernel without them
// (loadProgram): parsing them is ~40% of the parse (6.4 -> 3.8 ms,
// 20,000 records, each a line's text looked up and attached to its
// instruction), on the way to ready with nothing beside it. Without
// them, the .BTF.ext section's line info is read as empty: the length
// in its header says only the record size is there. Function info and
// CO-RE relocations are read as before; each function's first
// instruction gets a line of its own (funcLines).
func parseObject(lines bool) (*ebpf.CollectionSpec, error) {
	var obj io.ReaderAt = bytes.NewReader(_IorBytes)
	if !lines {
		var err error
		if obj, err = withoutLineInfo(_IorBytes); err != nil {
			return nil, err
		}
	}
	spec, err := ebpf.LoadCollectionSpecFromReader(obj)
	if err != nil {
		return nil, fmt.Errorf("can't load ior: %w", err)
	}
	if !lines {
		funcLines(spec)
	}
	return spec, nil
}

// funcLines gives the first instruction of each function in spec's
// programs its name as its source line. An instruction whose CO-RE
// relocation fails on the running kernel (a field it lacks, its use
// guarded by bpf_core_field_exists) is replaced by cilium/ebpf with a
// call the verifier refuses if it reaches it, and given a line that says
// so. A program with a line then needs one at the start of every
// function: without them the kernel refused it at once ("missing
// bpf_line_info for func#0"; ior_sys_enter, ior_exec and ior_task_exit
// on 6.18), which cost two failed loads (the second for the log) and a
// third with all the source lines, each with cilium/ebpf's whole work
// for the program.
func funcLines(spec *ebpf.CollectionSpec) {
	for _, ps := range spec.Programs {
		for i := range ps.Instructions {
			ins := &ps.Instructions[i]
			if fn := btf.FuncMetadata(ins); fn != nil && ins.Source() == nil {
				*ins = ins.WithSource(asm.Comment(fn.Name))
			}
		}
	}
}

// withoutLineInfo reads the object obj as if its .BTF.ext header said
// its line info holds the record size only (no section's lines): the 4
// bytes of the length are replaced as they are read (patched), where a
// copy of the object (390 KB of fresh memory, each page faulted in) cost
// ~0.5 ms.
func withoutLineInfo(obj []byte) (io.ReaderAt, error) {
	f, err := elf.NewFile(bytes.NewReader(obj))
	if err != nil {
		return nil, fmt.Errorf("can't load ior: %w", err)
	}
	s := f.Section(".BTF.ext")
	// struct btf_ext_header: magic u16, version u8, flags u8, hdr_len,
	// func_info_off, func_info_len, line_info_off, line_info_len (u32).
	const lineInfoLen = 20
	if s == nil || s.Type != elf.SHT_PROGBITS || s.Size < lineInfoLen+4 || s.Offset+s.Size > uint64(len(obj)) {
		return nil, fmt.Errorf("can't load ior: no .BTF.ext section in the object")
	}
	h := obj[s.Offset : s.Offset+s.Size]
	if binary.LittleEndian.Uint16(h) != 0xeb9f || binary.LittleEndian.Uint32(h[4:]) < lineInfoLen+4 || binary.LittleEndian.Uint32(h[lineInfoLen:]) < 4 {
		return nil, fmt.Errorf("can't load ior: unexpected .BTF.ext header")
	}
	p := &patched{obj: obj, off: int64(s.Offset) + lineInfoLen}
	binary.LittleEndian.PutUint32(p.val[:], 4)
	return p, nil
}

// patched reads obj with the 4 bytes at off read as val.
type patched struct {
	obj []byte
	off int64
	val [4]byte
}

func (p *patched) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(p.obj)) {
		return 0, io.EOF
	}
	n := copy(b, p.obj[off:])
	for i, v := range p.val {
		if at := p.off + int64(i) - off; at >= 0 && at < int64(n) {
			b[at] = v
		}
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// sourceLines: the object's programs with their source lines, parsed
// once, the first time a program is rejected.
var sourceLines = sync.OnceValues(func() (*ebpf.CollectionSpec, error) { return parseObject(true) })

// withLines is ps with the source lines of the object's program name,
// instruction by instruction; ps itself where their lengths differ (a
// program ior made, not the object's: it has no lines to give).
func withLines(ps *ebpf.ProgramSpec, name string) *ebpf.ProgramSpec {
	full, err := sourceLines()
	if err != nil || full.Programs[name] == nil {
		return ps
	}
	src := full.Programs[name].Instructions
	if len(src) != len(ps.Instructions) {
		return ps
	}
	cp := *ps
	cp.Instructions = make(asm.Instructions, len(ps.Instructions))
	for i, ins := range ps.Instructions {
		cp.Instructions[i] = ins.WithSource(src[i].Source())
	}
	return &cp
}
