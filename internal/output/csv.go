package output

import (
	"bufio"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/kind"
)

// CSV: one header line naming kind.Fields, then one row per event.
// Strings are quoted as RFC 4180 says when they need it; their bytes are
// kept as they are.
type csvRows struct {
	w   *bufio.Writer
	buf []byte
}

func newCSV(w *bufio.Writer) *csvRows {
	names := make([]string, len(kind.Fields))
	for i, f := range kind.Fields {
		names[i] = f.Name
	}
	w.WriteString(strings.Join(names, ",") + "\n")
	return &csvRows{w: w}
}

func (c *csvRows) Write(ev *event.Event) error {
	b := c.buf[:0]
	for i := range kind.Fields {
		f := &kind.Fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		if f.Append != nil {
			start := len(b)
			b = f.Append(b, ev)
			b = quoteCSV(b, start)
			continue
		}
		if f.Str != nil {
			b = appendCSVString(b, f.Str(ev))
			continue
		}
		b = appendNumber(b, f, ev)
	}
	b = append(b, '\n')
	c.buf = b
	_, err := c.w.Write(b)
	return err
}

func (c *csvRows) Flush() error { return c.w.Flush() }

func appendCSVString(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// quoteCSV quotes the field b[start:] in place when it needs it (as
// appendCSVString does), without a string of its own.
func quoteCSV(b []byte, start int) []byte {
	n := 0
	need := false
	for _, c := range b[start:] {
		switch c {
		case '"':
			n++
			need = true
		case ',', '\n', '\r':
			need = true
		}
	}
	if !need {
		return b
	}
	end := len(b)
	b = append(b, make([]byte, n+2)...)
	// copy backwards, doubling quotes, then the opening quote
	j := len(b) - 1
	b[j] = '"'
	j--
	for i := end - 1; i >= start; i-- {
		b[j] = b[i]
		j--
		if b[i] == '"' {
			b[j] = '"'
			j--
		}
	}
	b[j] = '"'
	return b
}

// appendNumber writes a numeric field in its format: decimal, 0x hex,
// or 0 octal.
func appendNumber(b []byte, f *event.Field, ev *event.Event) []byte {
	v := f.Num(ev)
	switch {
	case f.Format == event.Hex:
		return strconv.AppendUint(append(b, "0x"...), v, 16)
	case f.Format == event.Oct && v != 0:
		return strconv.AppendUint(append(b, '0'), v, 8)
	case f.Signed:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendUint(b, v, 10)
}
