package flame

import (
	"bytes"
	"encoding/xml"
	"io"
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
cat;/;tmp;a b;x%3By;read 3
cat;/;tmp;a b;x%3By;write 1
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
	// Background, all; cat: -, sync, /, etc, passwd, openat, tmp, a b,
	// x;y, read, write; sh: /, etc, passwd, openat = 1 + 1 + 12 + 5.
	if rects != 19 {
		t.Errorf("%d rects, want 19", rects)
	}
}

// parseSVG fails the test unless b is well-formed XML, and returns its
// character data.
func parseSVG(t *testing.T, b []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return text.String()
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
}

// File names are byte strings: any of them, in any frame or the title,
// must give well-formed XML, shown escaped rather than dropped.
func TestSVGAnyBytes(t *testing.T) {
	names := map[string]string{
		"esc\x1b[31mred":    `esc\x1b[31mred`,
		"nul\x00byte":       `nul\x00byte`,
		"bad\xff\xfeutf8":   `bad\xff\xfeutf8`,
		"del\x7f":           `del\x7f`,
		"tab\tcr\r":         `tab\x09cr\x0d`,
		"c1\u0085":          `c1\u0085`,
		"nonchar\uffff":     `nonchar\uffff`,
		"surrogate\xed\xa0": `surrogate\xed\xa0`,
		`back\slash`:        `back\\slash`,
		"]]><&'\"":          `]]><&'"`,
		"ünïcödé":           "ünïcödé",
	}
	var aggs []recording.Aggregate
	for name := range names {
		aggs = append(aggs, recording.Aggregate{AggKey: recording.AggKey{Path: "/" + name, Comm: name, Syscall: "read"},
			AggValue: recording.AggValue{Count: 1}})
	}
	st, err := Stacks(aggs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"t\x1b\xff", "plain"} {
		var b bytes.Buffer
		if err := WriteSVG(&b, st, title, "calls\x00"); err != nil {
			t.Fatal(err)
		}
		text := parseSVG(t, b.Bytes())
		for name, shown := range names {
			if !strings.Contains(text, shown+" (") {
				t.Errorf("%q is not shown as %q", name, shown)
			}
		}
		if title != "plain" && !strings.Contains(text, `t\x1b\xff`) {
			t.Errorf("title not shown escaped")
		}
	}
	// Every byte value, alone and in sequences that cut UTF-8 anywhere.
	var all []byte
	for i := 0; i < 256; i++ {
		all = append(all, byte(i))
	}
	all = append(all, "✓✓"[1:5]...)
	var b bytes.Buffer
	st, _ = Stacks([]recording.Aggregate{{AggKey: recording.AggKey{Path: string(all), Comm: string(all[100:])}, AggValue: recording.AggValue{Count: 1}}}, Options{})
	WriteSVG(&b, st, string(all), "calls")
	parseSVG(t, b.Bytes())
}

// A frame never holds what ends a frame or a line, and always gives its
// name back: the folded output is reversible.
func TestFrameReversible(t *testing.T) {
	for _, name := range []string{"a;b", "line\nbreak\r", "100%", "%3B", "sp ace", "\xff;%0A"} {
		f := frame(name)
		if strings.ContainsAny(f, ";\n\r") || unframe(f) != name {
			t.Errorf("frame(%q) = %q, back %q", name, f, unframe(f))
		}
	}
}

// The SVG's tooltips give each frame's p50 and p99 latency, from the
// histograms in the aggregates.
func TestSVGLatencyPercentiles(t *testing.T) {
	var a recording.Aggregate
	a.Path, a.Comm, a.Syscall, a.Count = "/f", "cat", "read", 100
	for i := 0; i < 99; i++ {
		a.Hist.Add(1000) // 1µs
	}
	a.Hist.Add(5_000_000) // one 5ms call
	st, err := Stacks([]recording.Aggregate{a}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteSVG(&b, st, "t", "calls"); err != nil {
		t.Fatal(err)
	}
	text := parseSVG(t, b.Bytes())
	if !strings.Contains(text, "read (100 calls, 100.00%, p50 1.") || !strings.Contains(text, "p99 1.") {
		t.Errorf("no p50/p99 in the read frame's tooltip:\n%s", text)
	}
}
