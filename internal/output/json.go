package output

import (
	"bufio"
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/event"
)

// JSON lines: one object per event, keyed by event.Fields' names; numbers
// are JSON numbers. A string that is not valid UTF-8 (file names are
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
	for i := range event.Fields {
		f := &event.Fields[i]
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
		s := f.Str(ev)
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

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string: control characters, quote
// and backslash escaped, invalid bytes as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
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
