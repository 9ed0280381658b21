package probe

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cilium/ebpf"
)

// With IOR_DEBUG_STARTUP set, ior writes where its time to ready goes
// to stderr: each step of the load (since the process started and since
// the step before) and, per program, its load's wall time and the
// verifier's own figures (its log at the stats level: instructions
// processed, states, verification time). Start-up is most of what a
// short `ior -- CMD` costs; this says which part to cut.
var debugStartup = os.Getenv("IOR_DEBUG_STARTUP") != ""

// With IOR_DEBUG_VERIFIER=DIR as well, each program's whole verifier
// log (every instruction checked, with its state) goes to DIR/NAME.log:
// which lines of the source the verifier checks again and again, where
// IOR_DEBUG_STARTUP gives only the totals. Slow (the logs run to MBs).
var debugVerifierDir = os.Getenv("IOR_DEBUG_VERIFIER")

// debugLines: the programs are parsed and loaded with their source
// lines, which the verifier's log then shows (IOR_DEBUG_VERIFIER);
// IOR_DEBUG_STARTUP alone loads them as a plain start does, without.
var debugLines = debugStartup && debugVerifierDir != ""

var (
	stepMu   sync.Mutex
	stepLast time.Time
)

// processStart: when the process started, near enough (package init).
var processStart = time.Now()

// Step notes that the start-up step name ends now (IOR_DEBUG_STARTUP).
func Step(name string) {
	if !debugStartup {
		return
	}
	stepMu.Lock()
	defer stepMu.Unlock()
	now := time.Now()
	if stepLast.IsZero() {
		stepLast = processStart
	}
	fmt.Fprintf(os.Stderr, "ior: startup %-28s %7.1f ms (+%.1f)\n", name, ms(now.Sub(processStart)), ms(now.Sub(stepLast)))
	stepLast = now
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// programOptions asks the verifier for its statistics when debugging.
func programOptions() ebpf.ProgramOptions {
	if !debugStartup {
		return ebpf.ProgramOptions{}
	}
	if debugVerifierDir != "" {
		return ebpf.ProgramOptions{LogLevel: ebpf.LogLevelInstruction | ebpf.LogLevelStats, LogSizeStart: 64 << 20}
	}
	return ebpf.ProgramOptions{LogLevel: ebpf.LogLevelStats}
}

// noteProgram writes one program's load: its wall time, from the start
// of loading, and the verifier's statistics.
func noteProgram(name string, start, end time.Time, prog *ebpf.Program) {
	if !debugStartup || prog == nil {
		return
	}
	if debugVerifierDir != "" {
		if err := os.WriteFile(filepath.Join(debugVerifierDir, name+".log"), []byte(prog.VerifierLog), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "ior: startup: %v\n", err)
		}
	}
	var st []string
	for _, l := range strings.Split(prog.VerifierLog, "\n") {
		if strings.HasPrefix(l, "processed ") || strings.HasPrefix(l, "verification time") {
			st = append(st, l)
		}
	}
	stepMu.Lock()
	defer stepMu.Unlock()
	fmt.Fprintf(os.Stderr, "ior: startup   prog %-26s %6.1f..%6.1f ms %6.1f ms  %s\n", name,
		ms(start.Sub(processStart)), ms(end.Sub(processStart)), ms(end.Sub(start)), strings.Join(st, "; "))
}
