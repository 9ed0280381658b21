package export

import (
	"io"

	"github.com/parquet-go/parquet-go"
)

// Rows per row group, and rows handed to the writer at once. A row group
// is buffered (compressed pages) until it is written: this bounds the
// writer's memory.
const (
	rowGroupRows = 1 << 20
	batchRows    = 1024
)

type parquetSink struct {
	w     *parquet.GenericWriter[any]
	cols  []Column
	order []int // order[i]: index in cols of the schema's i-th leaf column
	batch []parquet.Row
	n     int
}

// Schema is the Parquet schema of the export.
func Schema() *parquet.Schema {
	g := parquet.Group{}
	for _, c := range Columns() {
		switch c.Kind {
		case Int64:
			g[c.Name] = parquet.Int(64)
		case Text:
			g[c.Name] = parquet.String()
		case Timestamp:
			g[c.Name] = parquet.Timestamp(parquet.Nanosecond)
		}
	}
	return parquet.NewSchema("ior_event", g)
}

func newParquet(w io.Writer) *parquetSink {
	schema := Schema()
	p := &parquetSink{cols: Columns()}
	p.w = parquet.NewGenericWriter[any](w, schema, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("ior", "", ""))
	// A Group's columns are in name order.
	for _, path := range schema.Columns() {
		for i, c := range p.cols {
			if c.Name == path[0] {
				p.order = append(p.order, i)
			}
		}
	}
	p.batch = make([]parquet.Row, batchRows)
	for i := range p.batch {
		p.batch[i] = make(parquet.Row, len(p.order))
	}
	return p
}

func (p *parquetSink) Write(r *Row) error {
	row := p.batch[p.n]
	for leaf, ci := range p.order {
		c := &p.cols[ci]
		var v parquet.Value
		if c.Kind == Text {
			v = parquet.ByteArrayValue([]byte(text(c.str(r))))
		} else {
			v = parquet.Int64Value(c.num(r))
		}
		row[leaf] = v.Level(0, 0, leaf)
	}
	p.n++
	if p.n == len(p.batch) {
		return p.flush()
	}
	return nil
}

func (p *parquetSink) flush() error {
	_, err := p.w.WriteRows(p.batch[:p.n])
	p.n = 0
	return err
}

func (p *parquetSink) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}
