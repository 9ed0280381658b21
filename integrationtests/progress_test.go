package integrationtests

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The suite must hold on a slow, loaded machine: no fixed timeout fails a
// correct run. Each run has its own watchdog (runTimeout, harness.go),
// which fails that scenario by name; the suite as a whole has a budget
// derived from the number of runs, after which it names the runs still
// going and exits, instead of go test's goroutine dump.

var suiteStart = time.Now()

// suiteBudget is what every run of the table may take, one after another,
// each up to its own watchdog, plus ten minutes for the other tests.
func suiteBudget() time.Duration {
	return time.Duration(len(Scenarios)*len(Variants))*(runTimeout+5*time.Second) + 10*time.Minute
}

// startWatchdog ends the test binary once the budget is spent, naming
// the runs in flight.
func startWatchdog(budget time.Duration) *time.Timer {
	return time.AfterFunc(budget, func() {
		flightMu.Lock()
		var names []string
		for n, t0 := range inFlight {
			names = append(names, fmt.Sprintf("%s (running %.0fs)", n, time.Since(t0).Seconds()))
		}
		flightMu.Unlock()
		sort.Strings(names)
		fmt.Printf("\nFAIL: the suite's budget of %s (%d runs) is spent; still running: %s\n",
			budget, len(Scenarios)*len(Variants), strings.Join(names, ", "))
		printSummary()
		os.Exit(1)
	})
}

var familiesDone struct {
	sync.Mutex
	n int
}

// familyProgress prints, once a family's scenarios have all run, how
// they did and how far the suite has come.
func familyProgress(t *testing.T, family string) {
	t.Cleanup(func() {
		var total int
		var fams []string
		for _, sc := range Scenarios {
			if !slices.Contains(fams, sc.Family) {
				fams = append(fams, sc.Family)
			}
			if sc.Family == family {
				total++
			}
		}
		passed, failed := 0, 0
		mu.Lock()
		for _, sc := range Scenarios {
			if sc.Family != family {
				continue
			}
			for _, o := range results[sc.Name] {
				switch o {
				case "pass":
					passed++
				case "FAIL":
					failed++
				}
			}
		}
		mu.Unlock()
		familiesDone.Lock()
		familiesDone.n++
		n := familiesDone.n
		familiesDone.Unlock()
		fmt.Printf("== family %s: %d scenarios, %d passed, %d failed; %d of %d families done, %.0fs elapsed\n",
			family, total, passed, failed, n, len(fams), time.Since(suiteStart).Seconds())
	})
}
