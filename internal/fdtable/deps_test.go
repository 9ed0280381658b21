package fdtable

import (
	"os/exec"
	"strings"
	"testing"
)

// goList runs `go list` on this package (its non-test code) with a
// template.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list this package's dependencies: %v", err)
	}
	out, err := exec.Command(goCmd, append([]string{"list"}, append(args, ".")...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

// The fd table works on typed calls (internal/calls): it depends on no
// loader package, so none of cilium/ebpf is built into it, and it reads
// no record bytes (decode does that), so it imports nothing to parse
// them with. It names files only: AIO requests' events are made by the
// pairing stage (internal/inflight), so it needs no AIO op table.
func TestLayering(t *testing.T) {
	for _, p := range goList(t, "-deps", "-f", "{{.ImportPath}}") {
		if strings.HasPrefix(p, "github.com/cilium/") || strings.HasSuffix(p, "/internal/probe") || strings.HasSuffix(p, "/internal/decode") {
			t.Errorf("the fd table depends on %s", p)
		}
	}
	for _, p := range goList(t, "-f", `{{join .Imports "\n"}}`) {
		switch p {
		case "encoding/binary", "unsafe", "bytes":
			t.Errorf("the fd table imports %s: byte parsing belongs in internal/decode", p)
		case "github.com/ior-tracer/ior/internal/aio", "github.com/ior-tracer/ior/internal/inflight":
			t.Errorf("the fd table imports %s: AIO requests are paired in internal/inflight", p)
		}
	}
}
