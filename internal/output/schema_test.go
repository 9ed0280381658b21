package output

import (
	"os"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// docs/events.md documents every event field, one table row each.
func TestEveryFieldDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/events.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range event.Fields {
		if !strings.Contains(string(doc), "\n| `"+f.Name+"` |") {
			t.Errorf("field %q is not documented in docs/events.md", f.Name)
		}
	}
}
