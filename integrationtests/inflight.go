package integrationtests

import (
	"sync"
	"time"
)

// The runs in flight, so that a suite out of time can name them
// (progress_test.go).
var (
	flightMu sync.Mutex
	inFlight = map[string]time.Time{} // "scenario/variant" -> start
)

// flying marks a run as in flight until the returned func is called.
func flying(name string) func() {
	flightMu.Lock()
	inFlight[name] = time.Now()
	flightMu.Unlock()
	return func() {
		flightMu.Lock()
		delete(inFlight, name)
		flightMu.Unlock()
	}
}
