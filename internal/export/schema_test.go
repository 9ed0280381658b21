package export

import (
	"os"
	"strings"
	"testing"
)

// docs/export.md documents every column with its Parquet type.
func TestEveryColumnDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/export.md")
	if err != nil {
		t.Fatal(err)
	}
	types := map[Kind]string{Int64: "INT64", Text: "STRING", Timestamp: "TIMESTAMP(NANOS, UTC)"}
	for _, c := range Columns() {
		row := "\n| `" + c.Name + "` | " + types[c.Kind] + " |"
		if !strings.Contains(string(doc), row) {
			t.Errorf("column %q is not documented in docs/export.md as %s", c.Name, types[c.Kind])
		}
	}
}
