package output

import (
	"bufio"
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/kind"
)

// JSON lines: one object per event, keyed by kind.Fields' names; numbers
// are JSON numbers; "args" is an object of the event's arguments by name
// (kind.ArgsJSON; docs/events.md). A string that is not valid UTF-8 (file names are
// bytes) cannot be a JSON string without loss: it is written with each bad
// byte as U+FFFD, and its exact bytes follow in base64 under
// "<name>_bytes", so every name stays recoverable and two different names
// never look the same.
type jsonLines struct {
	w   *bufio.Writer
	buf []byte
}

func (j *jsonLines) Write(ev *event.Event) error {
	b := append(j.buf[:0], '{')
	for i := range kind.Fields {
		f := &kind.Fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, f.Name)
		b = append(b, ':')
		if f.Str == nil {
			v := f.Num(ev)
			if f.Signed {
				b = strconv.AppendInt(b, int64(v), 10)
			} else {
				b = strconv.AppendUint(b, v, 10)
			}
			continue
		}
		if f.JSON && f.Append != nil {
			b = f.Append(b, ev)
			continue
		}
		s := f.Str(ev)
		if f.JSON {
			b = append(b, s...)
			continue
		}
		b = appendJSONString(b, s)
		if !utf8.ValidString(s) {
			b = append(b, `,"`...)
			b = append(b, f.Name...)
			b = append(b, `_bytes":"`...)
			b = base64.StdEncoding.AppendEncode(b, []byte(s))
			b = append(b, '"')
		}
	}
	b = append(b, '}', '\n')
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonLines) Flush() error { return j.w.Flush() }

// appendJSONString writes s as a JSON string: control characters, quote
// and backslash escaped, invalid bytes as U+FFFD.
func appendJSONString(b []byte, s string) []byte { return arg.AppendJSONString(b, s) }
