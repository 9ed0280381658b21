package arg

import (
	"strconv"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/textsafe"
	"golang.org/x/sys/unix"
)

// AppendEventText writes ev's value of the argument as AppendText does;
// a struct with Fields as {name=value, ...}, its fields by their own types.
func (d *Desc) AppendEventText(b []byte, ev *event.Event) []byte {
	if d.Type != Struct || d.Fields == nil {
		return d.AppendText(b, d.Value(ev))
	}
	b = append(b, '{')
	n := 0
	for i := range d.Fields {
		f, ok := d.Fields[i].Of(ev)
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, ", "...)
		}
		n++
		b = append(append(b, f.Name...), '=')
		b = f.AppendEventText(b, ev)
	}
	return append(b, '}')
}

// AppendText writes v as people read it, strace-like: names for flags
// and enums, 0644 for a permission mode, 0x... for an address, a path
// quoted (one ior could not see whole never reads like a real one).
//
// A value ior could not read is "?"; a count that stopped at its bound
// is the bound and "+" (65536+); a list ends "..." when cut, "?" where
// an element could not be read.
func (d *Desc) AppendText(b []byte, v Value) []byte {
	if v.Unknown && d.Type != StringList {
		return append(b, '?')
	}
	switch d.Type {
	case FD, Int, Offset:
		b = strconv.AppendInt(b, int64(v.U), 10)
		if v.Cut {
			b = append(b, '+')
		}
		return b
	case Size:
		b = strconv.AppendUint(b, v.U, 10)
		if v.Cut {
			b = append(b, '+')
		}
		return b
	case Path:
		return AppendPath(b, v.S, v.Status)
	case String:
		return strconv.AppendQuote(b, v.S)
	case Flags:
		if d.Set == nil {
			return appendHex(b, v.U)
		}
		return d.Set.Append(b, v.U)
	case Enum:
		if d.Set == nil {
			return strconv.AppendUint(b, v.U, 10)
		}
		return d.Set.Append(b, v.U)
	case Perm:
		return AppendPerm(b, v.U)
	case FileMode:
		return AppendFileMode(b, v.U)
	case Addr, UserData:
		return appendHex(b, v.U)
	case Signal:
		return appendSignal(b, v.U)
	case StringList:
		b = append(b, '[')
		for i, s := range v.List {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, s)
		}
		if v.Unknown {
			if len(v.List) > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '?')
		}
		if v.Cut {
			b = append(b, ", ..."...)
		}
		return append(b, ']')
	case Struct:
		return append(b, v.S...)
	}
	return b
}

// AppendJSON writes v as a JSON value: fds, sizes, counts and offsets
// as numbers; flags and enums as their names ("O_RDONLY|O_CLOEXEC");
// modes as octal text ("0644"); addresses and user data as "0x..."
// strings; paths and strings as strings; a string list as an array;
// a struct as its text, or an object of its fields. A number ior could
// not read, or that stopped at its bound, is its text as a string ("?",
// "65536+"): never a number that reads like a whole one.
func (d *Desc) AppendJSON(b []byte, ev *event.Event, v Value) []byte {
	switch {
	case d.Type.Numeric() && !v.Unknown && !v.Cut:
		return d.AppendText(b, v)
	case d.Type == Path || d.Type == String || d.Type == Struct && d.Fields == nil:
		return AppendJSONString(b, v.S)
	case d.Type == StringList:
		b = append(b, '[')
		for i, s := range v.List {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, s)
		}
		if v.Unknown {
			// Like the cut marker: an element no C string can be.
			if len(v.List) > 0 {
				b = append(b, ',')
			}
			b = append(b, `"\u0000?"`...)
		}
		if v.Cut {
			// An array cannot say it was cut: the marker is a last element
			// that no real one can be (a C string holds no NUL).
			if len(v.List) > 0 || v.Unknown {
				b = append(b, ',')
			}
			b = append(b, `"\u0000..."`...)
		}
		return append(b, ']')
	case d.Type == Struct:
		return AppendJSONObject(b, d.Fields, ev)
	}
	var buf [96]byte
	return AppendJSONString(b, string(d.AppendText(buf[:0], v)))
}

// AppendJSONObject writes the arguments of ds that ev has as one JSON
// object, by name.
func AppendJSONObject(b []byte, ds []Desc, ev *event.Event) []byte {
	b = append(b, '{')
	n := 0
	for i := range ds {
		d, ok := ds[i].Of(ev)
		if !ok {
			continue
		}
		v := d.Value(ev)
		if d.Empty(v) {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = AppendJSONString(b, d.Name)
		b = append(b, ':')
		b = d.AppendJSON(b, ev, v)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// AppendJSONString writes s as a JSON string: control characters,
// quote and backslash escaped, invalid bytes as U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s { // ranging a string turns each bad byte into U+FFFD
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || r == 0x7f:
			b = append(b, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

func appendHex(b []byte, v uint64) []byte { return strconv.AppendUint(append(b, "0x"...), v, 16) }

func appendSignal(b []byte, v uint64) []byte {
	if v > 0 && v < 65 {
		if name := unix.SignalName(unix.Signal(v)); name != "" {
			return append(b, name...)
		}
	}
	return strconv.AppendUint(b, v, 10)
}

// AppendPath shows a path so that one ior could not see whole never
// reads like a real one: an unknown fd as <unknown>, a name relative to
// one as <unknown>/"name", an unreadable string as its address (unquoted,
// as strace does), a cut one as "start"... .
func AppendPath(b []byte, p string, st uint8) []byte {
	switch {
	case st&event.PathFault != 0:
		return append(b, textsafe.Word(p)...) // an address ior wrote; a crafted file may hold anything
	case st&event.PathUnknown != 0 && p == "":
		return append(b, "<unknown>"...)
	case st&event.PathUnknown != 0:
		return strconv.AppendQuote(append(b, "<unknown>/"...), p)
	}
	b = strconv.AppendQuote(b, p)
	if st&event.PathCut != 0 {
		b = append(b, "..."...)
	}
	if st&event.PathDeleted != 0 {
		b = append(b, " (deleted)"...)
	}
	return b
}

// AppendPerm writes permission bits as strace does (C's %#03o): 0644, 070, 000.
func AppendPerm(b []byte, v uint64) []byte {
	s := "0" + strconv.FormatUint(v, 8)
	if v == 0 {
		s = "0"
	}
	for len(s) < 3 {
		s = "0" + s
	}
	return append(b, s...)
}

var fileTypes = []Named{{unix.S_IFREG, "S_IFREG"}, {unix.S_IFDIR, "S_IFDIR"}, {unix.S_IFCHR, "S_IFCHR"}, {unix.S_IFBLK, "S_IFBLK"},
	{unix.S_IFIFO, "S_IFIFO"}, {unix.S_IFLNK, "S_IFLNK"}, {unix.S_IFSOCK, "S_IFSOCK"}}

// AppendFileMode writes mknod's mode: S_IFIFO|0644.
func AppendFileMode(b []byte, v uint64) []byte {
	t := v & unix.S_IFMT
	for _, n := range fileTypes {
		if n.V == t && t != 0 {
			b = append(append(b, n.Name...), '|')
			return AppendPerm(b, v&^unix.S_IFMT)
		}
	}
	return AppendPerm(b, v)
}
