//go:build linux && amd64

package kind

import (
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
)

// Fields are the fields every per-event output writes (CSV, JSON lines,
// the Parquet and CSV export), in order: event.Fields, of which
//   - flags, mode, len and offset hold a value only when the kind's
//     argument in that slot has the column's meaning: flags bits, a mode
//     (permissions or file type), a size or count, a file offset; any
//     other value kept there (fcntl's command, socket's domain, mremap's
//     new length) is 0 in the column, and by name in args;
//   - args is every named argument as one JSON object (the JSON output
//     writes it as an object, the others as its text; docs/events.md);
//
// then ret_text: the result's name when it is not a plain number (an
// errno's name, an address in hex, fcntl F_GETFL's flags).
var Fields = func() []event.Field {
	fs := append([]event.Field(nil), event.Fields...)
	for i := range fs {
		f := &fs[i]
		switch f.Name {
		case "flags":
			f.Num = only(f.Num, arg.SlotFlags, arg.Flags)
		case "mode":
			f.Num = only(f.Num, arg.SlotMode, arg.Perm, arg.FileMode)
		case "len":
			f.Num = only(f.Num, arg.SlotLen, arg.Size)
		case "offset":
			f.Num = only(f.Num, arg.SlotOffset, arg.Offset)
		case "args":
			f.JSON, f.Str, f.Append = true, ArgsJSON, AppendArgsJSON
		}
	}
	return append(fs, event.Field{Name: "ret_text", Role: event.Value, Str: retText, Append: appendRetText})
}()

// only keeps num's value where ev's kind has an argument of one of
// types in slot; a kind ior does not know keeps every value as it is.
func only(num func(*event.Event) uint64, slot arg.Slot, types ...arg.Type) func(*event.Event) uint64 {
	return func(ev *event.Event) uint64 {
		k := Of(ev)
		if k.ID == 0 {
			return num(ev)
		}
		d := k.Arg(slot)
		if d == nil {
			return 0
		}
		d, ok := d.Of(ev)
		if !ok {
			return 0
		}
		for _, t := range types {
			if d.Type == t {
				return num(ev)
			}
		}
		return 0
	}
}

// ArgsJSON is ev's arguments as a JSON object, by name: see
// arg.Desc.AppendJSON for each type's value. A kind ior does not know
// keeps its argument text, as {"args": "..."}.
func ArgsJSON(ev *event.Event) string { return string(AppendArgsJSON(nil, ev)) }

// AppendArgsJSON appends ArgsJSON(ev) to b.
func AppendArgsJSON(b []byte, ev *event.Event) []byte {
	k := Of(ev)
	if k.ID == 0 {
		if ev.Args == "" {
			return append(b, "{}"...)
		}
		return append(arg.AppendJSONString(append(b, `{"args":`...), ev.Args), '}')
	}
	return arg.AppendJSONObject(b, k.Args, ev)
}

func retText(ev *event.Event) string { return string(appendRetText(nil, ev)) }

func appendRetText(b []byte, ev *event.Event) []byte {
	b, _ = Of(ev).AppendResult(b, ev)
	return b
}
