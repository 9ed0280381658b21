package symbolize

import (
	"debug/dwarf"
)

// dwarfFrames names pc from DWARF: the subprogram that holds it and the
// inlined calls within it that hold it, innermost first, each with its
// line (the innermost's from the line table; each caller's at the
// inlined call, from DW_AT_call_file/DW_AT_call_line).
func (f *symFile) dwarfFrames(pc uint64) []Frame {
	r := f.dw.Reader()
	cu, err := r.SeekPC(pc)
	if err != nil || cu == nil {
		return nil
	}
	files := f.lineFiles(cu)
	file, line := f.line(cu, pc)
	// Walk the unit's tree down the entries whose ranges hold pc.
	var chain []*dwarf.Entry
	depth := 0
	inChain := map[int]bool{0: true} // depths at which a holding entry's children are read
	for {
		e, err := r.Next()
		if err != nil || e == nil {
			break
		}
		if e.Tag == 0 { // end of a children list
			depth--
			if depth < 0 {
				break
			}
			continue
		}
		holds := false
		if inChain[depth] && (e.Tag == dwarf.TagSubprogram || e.Tag == dwarf.TagInlinedSubroutine || e.Tag == dwarf.TagLexDwarfBlock) {
			if rs, err := f.dw.Ranges(e); err == nil {
				for _, rg := range rs {
					if pc >= rg[0] && pc < rg[1] {
						holds = true
						break
					}
				}
			}
		}
		if holds && e.Tag != dwarf.TagLexDwarfBlock {
			chain = append(chain, e)
		}
		if e.Children {
			depth++
			inChain[depth] = holds
		}
	}
	if len(chain) == 0 {
		return nil
	}
	frames := make([]Frame, 0, len(chain))
	for i := len(chain) - 1; i >= 0; i-- {
		e := chain[i]
		frames = append(frames, Frame{Func: f.name(e), File: file, Line: line})
		// The caller's line is this inlined call's site.
		file, line = "", 0
		if fi, ok := e.Val(dwarf.AttrCallFile).(int64); ok && fi >= 0 && int(fi) < len(files) && files[fi] != nil {
			file = files[fi].Name
		}
		if l, ok := e.Val(dwarf.AttrCallLine).(int64); ok {
			line = int(l)
		}
	}
	return frames
}

// name is a subprogram's or an inlined call's function name, through
// its abstract origin or specification when it has none of its own.
func (f *symFile) name(e *dwarf.Entry) string {
	for range 4 {
		if n, ok := e.Val(dwarf.AttrName).(string); ok {
			return n
		}
		off, ok := e.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset)
		if !ok {
			off, ok = e.Val(dwarf.AttrSpecification).(dwarf.Offset)
		}
		if !ok {
			return ""
		}
		r := f.dw.Reader()
		r.Seek(off)
		var err error
		if e, err = r.Next(); err != nil || e == nil {
			return ""
		}
	}
	return ""
}

func (f *symFile) lineReader(cu *dwarf.Entry) *dwarf.LineReader {
	lr, ok := f.dwLines[cu.Offset]
	if !ok {
		lr, _ = f.dw.LineReader(cu)
		f.dwLines[cu.Offset] = lr
	}
	return lr
}

func (f *symFile) lineFiles(cu *dwarf.Entry) []*dwarf.LineFile {
	if lr := f.lineReader(cu); lr != nil {
		return lr.Files()
	}
	return nil
}

func (f *symFile) line(cu *dwarf.Entry, pc uint64) (string, int) {
	lr := f.lineReader(cu)
	if lr == nil {
		return "", 0
	}
	var le dwarf.LineEntry
	if err := lr.SeekPC(pc, &le); err != nil || le.File == nil {
		return "", 0
	}
	return le.File.Name, le.Line
}
