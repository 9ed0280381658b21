package event

import (
	"reflect"
	"testing"
)

// Every field of Event is reachable through Fields: setting any one
// struct field changes what some Field reads. A field added to Event but
// not to Fields would be silently dropped by CSV, JSON and the suite.
func TestFieldsCoverEvent(t *testing.T) {
	read := func(e *Event) []any {
		var out []any
		for i := range Fields {
			f := &Fields[i]
			if f.Str != nil {
				out = append(out, f.Str(e))
			} else {
				out = append(out, f.Num(e))
			}
		}
		return out
	}
	// The values the kernel read behind pointers are no field of their
	// own: the event table shows them by name, in the args field
	// (kind.Fields; internal/kind's TestCapturesInArgs checks that).
	captured := map[string]bool{"OffIn": true, "OffOut": true, "OffState": true, "Flock": true,
		"Argv": true, "ArgvCut": true, "ArgvFault": true, "Envc": true, "EnvcCut": true}
	rt := reflect.TypeOf(Event{})
	for i := 0; i < rt.NumField(); i++ {
		if captured[rt.Field(i).Name] {
			continue
		}
		var e Event
		zero := read(&e)
		v := reflect.ValueOf(&e).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int32, reflect.Int64:
			v.SetInt(7)
		case reflect.Uint8, reflect.Uint32, reflect.Uint64:
			v.SetUint(7)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.ValueOf([]string{"x"}))
		case reflect.Pointer:
			if v.Type() == reflect.TypeOf(&Stack{}) {
				// Stack: not a column; shown by 'ior events -stacks',
				// pprof and the flamegraphs by stack.
				continue
			}
			if v.Type() == reflect.TypeOf(&Proc{}) {
				v.Set(reflect.ValueOf(&Proc{MntNS: 7, Cgroup: "/x"})) // a zero Proc reads as none
				break
			}
			v.Set(reflect.New(v.Type().Elem()))
		default:
			t.Fatalf("field %s has kind %s: teach this test", rt.Field(i).Name, v.Kind())
		}
		if reflect.DeepEqual(read(&e), zero) {
			t.Errorf("Event.%s is in no Field", rt.Field(i).Name)
		}
	}
	seen := map[string]bool{}
	for _, f := range Fields {
		if seen[f.Name] || (f.Str == nil) == (f.Num == nil) {
			t.Errorf("field %q: duplicate, or not exactly one of Str and Num", f.Name)
		}
		seen[f.Name] = true
	}
}
