package integrationtests

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The plan's command line, as a new user types it: the workload started in
// the background with no flag but the scenario (it prints its PID, sleeps
// 2 s, runs in a temporary directory of its own and removes it), ior
// attached by PID with -duration in seconds. The recording, written to the
// working directory under ior's default name, holds exactly the scenario's
// events.
func TestPlanCommandLine(t *testing.T) {
	requireRoot(t)
	sc, _ := ScenarioByName("open")
	for lang, wl := range differ.Workloads {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command("sh", "-c", `"$WL" --scenario=open & "$IOR" -pid=$! -flamegraph -name=open -duration=5; wait`)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "WL="+wl, "IOR="+differ.IorBinary, "TMPDIR="+dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			recs, _ := filepath.Glob(filepath.Join(dir, "*-open-*.ior.zst"))
			if len(recs) != 1 {
				t.Fatalf("recordings in the working directory: %v, want one", recs)
			}
			res, err := ParseRecording(recs[0], "")
			if err != nil {
				t.Fatal(err)
			}
			AssertSteps(t, "", sc.Steps, Canonicalize(res.Scenario, res.Dir))
			AssertNoUnexpectedComm(t, res, taskName(wl))
			if _, err := os.Stat(res.Dir); !os.IsNotExist(err) {
				t.Errorf("the workload's own directory %s is still there (%v)", res.Dir, err)
			}
		})
	}
}
