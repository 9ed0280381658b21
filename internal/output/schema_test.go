package output

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/kind"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// docs/events.md documents every event field, one table row each.
func TestEveryFieldDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/events.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range kind.Fields {
		if !strings.Contains(string(doc), "\n| `"+f.Name+"` |") {
			t.Errorf("field %q is not documented in docs/events.md", f.Name)
		}
	}
}

// The example JSON in docs/events.md has every key the table says is
// always present, and no other; the process events it lists are events
// ior makes (syscalls of the table, or exit).
func TestEventsDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/events.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "```json\n")
	if i < 0 {
		t.Fatal("docs/events.md has no JSON example")
	}
	example := s[i+len("```json\n"):]
	example = example[:strings.Index(example, "\n")]
	var m map[string]any
	if err := json.Unmarshal([]byte(example), &m); err != nil {
		t.Fatalf("the example is not JSON: %v", err)
	}
	for _, f := range kind.Fields {
		if _, ok := m[f.Name]; !ok {
			t.Errorf("the example lacks %q, which is always present", f.Name)
		}
		delete(m, f.Name)
	}
	for k := range m {
		t.Errorf("the example has %q, which is no field", k)
	}
	j := strings.Index(s, "\n- process events:")
	if j < 0 {
		t.Fatal("docs/events.md lists no process events")
	}
	bullet := s[j+1:]
	bullet = bullet[:strings.Index(bullet, "\n- ")]
	for _, m := range regexp.MustCompile("`([a-z0-9_]+)`").FindAllStringSubmatch(bullet, -1) {
		n := m[1]
		if n == "ret" || n == "flags" || n == "comm" {
			continue
		}
		if sp := syscalls.ByName(n); n != "exit" && (sp == nil || sp.Family != "process") {
			t.Errorf("docs/events.md names the process event %q, which ior does not make", n)
		}
	}
}
