package recording

import (
	"bytes"
	"io"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// Every field of an event survives the recording: each is set to a value
// of its own, and the round trip must give the event back whole. A field
// added to event.Event but not to the format fails here.
func TestEveryEventFieldRoundTrips(t *testing.T) {
	var ev event.Event
	v := reflect.ValueOf(&ev).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("s" + v.Type().Field(i).Name)
		case reflect.Int32, reflect.Int64:
			f.SetInt(int64(-3 - i))
		case reflect.Uint8, reflect.Uint32, reflect.Uint64:
			f.SetUint(uint64(1000 + i))
		case reflect.Pointer: // Stack
			f.Set(reflect.ValueOf(&event.Stack{PCs: []uint64{0x401000, 0x7f0000001234, 3}}))
		default:
			t.Fatalf("field %s has kind %s: teach this test", v.Type().Field(i).Name, f.Kind())
		}
	}
	ev.ExitNs = ev.EnterNs + 77 // a duration, not a second clock
	ev.PathStatus = 0x35        // fits its 8 bits
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(&ev)
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var got event.Event
	if err := rd.Next(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ev) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, ev)
	}
	if err := rd.Next(&got); err != io.EOF {
		t.Errorf("after the event: %v, want EOF", err)
	}
}
