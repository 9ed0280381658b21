package top

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ior-tracer/ior/internal/outfile"
	"github.com/ior-tracer/ior/internal/output"
)

// export writes the current table (Stream: the events shown) to a file
// in the working directory, CSV or JSON, with raw values (ns, bytes).
func (m *Model) export(asJSON bool) string {
	ext := "csv"
	if asJSON {
		ext = "json"
	}
	name := fmt.Sprintf("ior-top-%s-%s.%s", strings.ToLower(strings.ReplaceAll(tabNames[m.tab], "_", "")), time.Now().Format("20060102-150405"), ext)
	f, err := outfile.Create(name)
	if err != nil {
		return "export: " + err.Error()
	}
	if err := m.writeExport(f, asJSON); err != nil {
		f.Abort()
		return "export: " + err.Error()
	}
	if err := f.Commit(); err != nil {
		return "export: " + err.Error()
	}
	return "exported to " + name
}

func (m *Model) writeExport(f *outfile.File, asJSON bool) error {
	if m.tab == tabStream {
		format := "csv"
		if asJSON {
			format = "json"
		}
		w, err := output.New(format, f, m.status.StartNs)
		if err != nil {
			return err
		}
		for _, ev := range m.tailView() {
			if err := w.Write(&ev); err != nil {
				return err
			}
		}
		return w.Flush()
	}
	var t *table
	switch m.tab {
	case tabSyscalls, tabFiles, tabProcs, tabURing:
		t = m.table()
	default:
		return fmt.Errorf("the %s tab has no table (export works on Syscalls, Files, Processes, io_uring, Stream)", tabNames[m.tab])
	}
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = strings.Fields(c.title)[0]
		if c.kind == nanos {
			names[i] += "_ns"
		}
	}
	if asJSON {
		enc := json.NewEncoder(f)
		for _, r := range t.rows {
			o := map[string]string{}
			for i, v := range r {
				o[names[i]] = strings.TrimSpace(v)
			}
			if err := enc.Encode(o); err != nil {
				return err
			}
		}
		return nil
	}
	w := csv.NewWriter(f)
	w.Write(names)
	for _, r := range t.rows {
		trimmed := make([]string, len(r))
		for i, v := range r {
			trimmed[i] = strings.TrimSpace(v)
		}
		w.Write(trimmed)
	}
	w.Flush()
	return w.Error()
}
