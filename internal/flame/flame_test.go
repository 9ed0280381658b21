package flame

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/recording"
)

func aggs() []recording.Aggregate {
	a := func(path, comm, sc string, count, dur, bytes uint64) recording.Aggregate {
		return recording.Aggregate{AggKey: recording.AggKey{Path: path, Comm: comm, Syscall: sc, PID: 7, TID: 8},
			AggValue: recording.AggValue{Count: count, DurationNs: dur, Bytes: bytes}}
	}
	return []recording.Aggregate{
		a("/tmp/a b/x;y", "cat", "read", 3, 300, 30),
		a("/tmp/a b/x;y", "cat", "write", 1, 50, 0),
		a("/etc/passwd", "cat", "openat", 2, 20, 0),
		a("", "cat", "sync", 1, 1000, 0),
		a("/etc/passwd", "sh", "openat", 1, 10, 0),
	}
}

func collapsed(t *testing.T, o Options) string {
	t.Helper()
	st, err := Stacks(aggs(), o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteCollapsed(&b, st)
	return b.String()
}

func TestCollapsedDefault(t *testing.T) {
	want := `cat;-;sync 1
cat;/;etc;passwd;openat 2
cat;/;tmp;a_b;x:y;read 3
cat;/;tmp;a_b;x:y;write 1
sh;/;etc;passwd;openat 1
`
	if got := collapsed(t, Options{}); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCollapsedFieldsAndWeights(t *testing.T) {
	if got := collapsed(t, Options{Fields: []string{"syscall"}, Weight: "duration"}); got != "openat 30\nread 300\nsync 1000\nwrite 50\n" {
		t.Errorf("by syscall, duration:\n%s", got)
	}
	// Zero-weight stacks are left out.
	if got := collapsed(t, Options{Fields: []string{"pid", "syscall"}, Weight: "bytes"}); got != "7;read 30\n" {
		t.Errorf("by pid, bytes:\n%s", got)
	}
	if _, err := Stacks(nil, Options{Fields: []string{"inode"}}); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := Stacks(nil, Options{Weight: "joules"}); err == nil {
		t.Error("unknown weight accepted")
	}
}

func TestSVGWellFormed(t *testing.T) {
	st, _ := Stacks(aggs(), Options{})
	var b bytes.Buffer
	if err := WriteSVG(&b, st, "ior <test> & co", "calls"); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&b)
	rects := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("SVG is not well-formed XML: %v", err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
			rects++
		}
	}
	// Background, all; cat: -, sync, /, etc, passwd, openat, tmp, a_b,
	// x:y, read, write; sh: /, etc, passwd, openat = 1 + 1 + 12 + 5.
	if rects != 19 {
		t.Errorf("%d rects, want 19", rects)
	}
}
