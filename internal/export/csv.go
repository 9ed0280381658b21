package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvSink writes a header naming Columns, then one row per event:
// numbers in decimal, timestamps in RFC 3339 with nanoseconds (UTC),
// strings as UTF-8 quoted as RFC 4180 says when they need it.
type csvSink struct {
	w    *bufio.Writer
	cols []Column
	buf  []byte
}

func newCSV(w io.Writer) *csvSink {
	c := &csvSink{w: bufio.NewWriterSize(w, 256<<10), cols: Columns()}
	names := make([]string, len(c.cols))
	for i, col := range c.cols {
		names[i] = col.Name
	}
	c.w.WriteString(strings.Join(names, ",") + "\n")
	return c
}

func (c *csvSink) Write(r *Row) error {
	b := c.buf[:0]
	for i := range c.cols {
		col := &c.cols[i]
		if i > 0 {
			b = append(b, ',')
		}
		switch col.Kind {
		case Int64:
			b = strconv.AppendInt(b, col.num(r), 10)
		case Timestamp:
			b = time.Unix(0, col.num(r)).UTC().AppendFormat(b, time.RFC3339Nano)
		case Text:
			s := text(col.str(r))
			if strings.ContainsAny(s, ",\"\n\r") {
				s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
			}
			b = append(b, s...)
		}
	}
	b = append(b, '\n')
	c.buf = b
	_, err := c.w.Write(b)
	return err
}

func (c *csvSink) Close() error { return c.w.Flush() }
