package integrationtests

import (
	"testing"
)

// Differ runs a scenario in each language and variant, for the exact
// table checks and the C == Go comparison of TestScenarios. Each run goes
// through TestHarness.run.
type Differ struct {
	IorBinary string
	Workloads map[string]string // language -> workload binary
	OutputDir string
}

// Variant is a way to run a scenario: a language and its extra flags.
type Variant struct {
	Name  string // c, go, go-noise
	Lang  string
	Flags []string
}

// Variants run for every scenario.
var Variants = []Variant{
	{Name: "c", Lang: "c"},
	{Name: "go", Lang: "go"},
	{Name: "go-noise", Lang: "go", Flags: []string{"--noise"}},
}

// Harness is the plan's harness for one language.
func (d *Differ) Harness(lang string) *TestHarness {
	return &TestHarness{IorBinary: d.IorBinary, WorkloadBinary: d.Workloads[lang], OutputDir: d.OutputDir}
}

// Run traces sc in variant v; any failure to get a recording ends t.
func (d *Differ) Run(t *testing.T, sc Scenario, v Variant) *TestResult {
	t.Helper()
	defer flying(sc.Name + "/" + v.Name)()
	res, err := d.Harness(v.Lang).run(sc, v.Flags, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
