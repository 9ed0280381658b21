package integrationtests

import (
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/symbolize"
)

// NormalizeFunc is a function's name as C and Go scenarios compare it:
// no package or receiver (main.readConfig), no underscores, lower case;
// read_config and main.readConfig are both "readconfig".
func NormalizeFunc(name string) string {
	name = name[strings.LastIndexByte(name, '.')+1:]
	return strings.ToLower(strings.ReplaceAll(name, "_", ""))
}

// checkStacks: a scenario with StackFunc was recorded with -stacks, and
// every call between its markers carries a stack that, symbolized
// against the mappings ior recorded, holds that function.
func checkStacks(t *testing.T, sc Scenario, res *TestResult) {
	t.Helper()
	if sc.StackFunc == "" {
		return
	}
	want := NormalizeFunc(sc.StackFunc)
	sym := symbolize.New()
	for i := range res.Scenario {
		ev := &res.Scenario[i]
		if ev.Stack == nil {
			t.Errorf("event %d (%s): no stack", i, ev.Syscall)
			continue
		}
		var names []string
		found := false
		for _, l := range sym.Resolve(res.Recording.Mappings[ev.PID], ev.Stack.PCs) {
			for _, n := range l.Names() {
				names = append(names, n)
				found = found || NormalizeFunc(n) == want
			}
		}
		if !found {
			t.Errorf("event %d (%s): stack %v lacks %s", i, ev.Syscall, names, sc.StackFunc)
		}
	}
}
