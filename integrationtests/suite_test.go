package integrationtests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	differ     *Differ
	skipReason string

	mu      sync.Mutex
	results = map[string]map[string]string{} // scenario -> column -> outcome
	runtime = map[string]int{}               // syscalls seen on non-scenario Go threads
)

func record(scenario, column, outcome string) {
	mu.Lock()
	defer mu.Unlock()
	if results[scenario] == nil {
		results[scenario] = map[string]string{}
	}
	results[scenario][column] = outcome
}

// recordOnce records an outcome unless one is already there (a skip
// records "unsupported" itself).
func recordOnce(scenario, column, outcome string) {
	mu.Lock()
	defer mu.Unlock()
	if results[scenario] == nil {
		results[scenario] = map[string]string{}
	}
	if _, done := results[scenario][column]; !done {
		results[scenario][column] = outcome
	}
}

func TestMain(m *testing.M) {
	code := func() int {
		if os.Geteuid() != 0 {
			skipReason = "integration tests load BPF programs and need root"
			if os.Getenv("IOR_REQUIRE_BPF") == "1" {
				fmt.Fprintln(os.Stderr, "FAIL: IOR_REQUIRE_BPF=1 but not running as root")
				return 1
			}
			return m.Run()
		}
		tmp, err := os.MkdirTemp("", "ior-it-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if os.Getenv("IOR_KEEP") == "" {
			defer os.RemoveAll(tmp)
		}
		bins, err := buildBinaries(tmp)
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL: building binaries: %v\n", err)
			return 1
		}
		differ = &Differ{IorBinary: bins["ior"], Workloads: map[string]string{"c": bins["c"], "go": bins["go"]}, OutputDir: tmp}
		dog := startWatchdog(suiteBudget())
		code := m.Run()
		dog.Stop()
		printSummary()
		return code
	}()
	os.Exit(code)
}

// buildBinaries uses IOR_BINARY, IOR_WORKLOAD_C and IOR_WORKLOAD_GO when
// set (mage sets them), and otherwise builds into dir.
func buildBinaries(dir string) (map[string]string, error) {
	root, _ := filepath.Abs("..")
	bins := map[string]string{"ior": os.Getenv("IOR_BINARY"), "c": os.Getenv("IOR_WORKLOAD_C"), "go": os.Getenv("IOR_WORKLOAD_GO")}
	run := func(name string, args ...string) error {
		cmd := exec.Command(name, args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	if bins["ior"] == "" {
		bins["ior"] = filepath.Join(dir, "ior")
		if err := run("go", "build", "-o", bins["ior"], "./cmd/ior"); err != nil {
			return nil, err
		}
	}
	if bins["go"] == "" {
		bins["go"] = filepath.Join(dir, "ioworkload")
		if err := run("go", "build", "-o", bins["go"], "./workloads/go"); err != nil {
			return nil, err
		}
	}
	if bins["c"] == "" {
		if _, err := exec.LookPath("cmake"); err != nil {
			return nil, fmt.Errorf("cmake is not installed; the C workload needs it (apt-get install cmake)")
		}
		b := filepath.Join(dir, "cmake")
		if err := run("cmake", "-S", ".", "-B", b); err != nil {
			return nil, err
		}
		if err := run("cmake", "--build", b, "--target", "workload-c", "-j2"); err != nil {
			return nil, err
		}
		bins["c"] = filepath.Join(b, "workload-c")
	}
	return bins, nil
}

func requireRoot(t *testing.T) {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
}

// runFamily runs every scenario of a family in every variant, checks each
// against the table, and checks that all variants recorded the same.
func runFamily(t *testing.T, family string) {
	requireRoot(t)
	familyProgress(t, family)
	n := 0
	for _, sc := range Scenarios {
		if sc.Family != family {
			continue
		}
		n++
		t.Run(sc.Name, func(t *testing.T) {
			t.Parallel()
			got := map[string]map[string][]Canon{} // variant -> thread label -> events
			for _, v := range Variants {
				ok := t.Run(v.Name, func(t *testing.T) {
					res := differ.Run(t, sc, v)
					if res.Unsupported != "" {
						record(sc.Name, v.Name, "unsupported")
						t.Skipf("kernel lacks a syscall: %s", res.Unsupported)
					}
					noteRecording(sc, res)
					checkResult(t, sc, v, res)
					got[v.Name] = map[string][]Canon{}
					for label, steps := range sc.StepLists() {
						evs := res.Scenario
						if label != "" {
							evs = res.Threads[label]
						}
						got[v.Name][label] = Canonicalize(evs, res.Dir)
						AssertSteps(t, label, steps, got[v.Name][label])
					}
				})
				recordOnce(sc.Name, v.Name, outcome(ok))
			}
			ok := t.Run("same", func(t *testing.T) {
				for _, v := range Variants[1:] {
					a, b := got[Variants[0].Name], got[v.Name]
					if a == nil || b == nil {
						t.Skipf("%s or %s did not record", Variants[0].Name, v.Name)
					}
					for label := range sc.StepLists() {
						AssertSame(t, label, [2]string{Variants[0].Name, v.Name}, a[label], b[label])
					}
				}
			})
			record(sc.Name, "same", outcome(ok))
		})
	}
	if n == 0 {
		t.Fatalf("no scenarios in family %q", family)
	}
}

func outcome(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

// checkResult asserts what holds for every run whatever the scenario.
func checkResult(t *testing.T, sc Scenario, v Variant, res *TestResult) {
	t.Helper()
	checkStacks(t, sc, res)
	st := res.Recording.Stats
	if st.Lost() != 0 {
		t.Errorf("ior lost %d events (%+v)", st.Lost(), st)
	}
	var also []string
	if sc.ExecComm != "" {
		also = append(also, sc.ExecComm)
		if st.PathsKernel == 0 {
			t.Errorf("no exec path was taken from the kernel's copy: it was readable at entry, so this run proves nothing")
		}
	}
	if sc.Execd != "" {
		also = append(also, sc.Execd)
	}
	AssertNoUnexpectedComm(t, res, res.Comm, also...)
	if sc.ColdPath && st.PathsRetried == 0 {
		t.Errorf("no path was read again at syscall exit: the cold-page path was resident at entry, so this run proves nothing")
	}
	if v.Lang == "c" && res.ScenarioTID != res.Recording.Events[0].PID {
		t.Errorf("C scenario ran on thread %d, not the main thread", res.ScenarioTID)
	}
	// Nothing of the scenario may be attributed to another thread.
	for _, ev := range res.Others {
		// The noise goroutines' own files (workloads/go/noise.go) are
		// resolved inside the scenario's directory once the scenario has
		// chrooted there (chroot_escape): the root is the process's.
		if noiseFile(ev.Path) {
			continue
		}
		if strings.HasPrefix(ev.Path, res.Dir+"/") {
			t.Errorf("scenario file event on thread %d: %+v", ev.TID, ev)
		}
	}
	if v.Lang == "go" {
		mu.Lock()
		for _, ev := range res.Others {
			runtime[ev.Syscall]++
		}
		mu.Unlock()
	}
	if len(v.Flags) > 0 { // --noise: the noise must have been recorded, elsewhere
		w := ExpectedEvent{Tracepoint: "openat", PathContains: "/proc/", Comm: res.Comm}
		if len(sc.IorFlags) > 0 {
			w.Tracepoint = "read" // a -syscalls subset without openat keeps read for this
		}
		if n := countMatching(res.Others, w); n < 2 {
			t.Errorf("%d noise events (%+v) on other threads, want at least 2", n, w)
		}
	}
	for name, want := range sc.After {
		b, err := os.ReadFile(filepath.Join(res.Dir, name))
		if err != nil || string(b) != want {
			t.Errorf("after the scenario %s holds %q (%v), want %q", name, b, err, want)
		}
	}
}

func printSummary() {
	mu.Lock()
	defer mu.Unlock()
	if len(results) == 0 {
		return
	}
	names := make([]string, 0, len(results))
	for n := range results {
		names = append(names, n)
	}
	sort.Strings(names)
	var cols []string
	fmt.Printf("\n%-26s", "scenario")
	for _, v := range Variants {
		cols = append(cols, v.Name)
		fmt.Printf(" %-12s", v.Name)
	}
	cols = append(cols, "same")
	fmt.Printf(" %-12s\n", "all same")
	passed, failed := 0, 0
	for _, n := range names {
		fmt.Printf("%-26s", n)
		for _, c := range cols {
			o := results[n][c]
			if o == "" {
				o = "-"
			}
			switch o {
			case "pass":
				passed++
			case "FAIL":
				failed++
			}
			fmt.Printf(" %-12s", o)
		}
		fmt.Println()
	}
	var rs []string
	for s, n := range runtime {
		rs = append(rs, fmt.Sprintf("%s×%d", s, n))
	}
	sort.Strings(rs)
	fmt.Printf("\nsyscalls the Go runtime and noise goroutines issued outside the scenario thread: %s\n", strings.Join(rs, " "))
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	fmt.Printf("suite: %d passed, %d failed in %.0fs\n", passed, failed, time.Since(suiteStart).Seconds())
}

// TestScenarios runs every family of the table.
func TestScenarios(t *testing.T) {
	var families []string
	for _, sc := range Scenarios {
		if !slices.Contains(families, sc.Family) {
			families = append(families, sc.Family)
		}
	}
	for _, f := range families {
		t.Run(f, func(t *testing.T) { runFamily(t, f) })
	}
	mu.Lock()
	all := len(results) == len(Scenarios)
	mu.Unlock()
	if all { // every scenario ran (no -run filter): the docs against their recordings
		t.Run("events-doc", checkEventsDoc)
	}
}

// The table, the C workload and the Go workload name the same scenarios.
func TestScenarioLists(t *testing.T) {
	requireRoot(t)
	var want []string
	for _, sc := range Scenarios {
		want = append(want, sc.Name)
	}
	sort.Strings(want)
	for lang, bin := range differ.Workloads {
		out, err := exec.Command(bin, "--list").Output()
		if err != nil {
			t.Fatalf("%s --list: %v", lang, err)
		}
		if got := strings.Fields(string(out)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s workload lists\n%v\nthe table has\n%v", lang, got, want)
		}
	}
}

// noiseFile: a file the Go workload's noise goroutines open on their own
// threads (workloads/go/noise.go), wherever the process's root is.
func noiseFile(path string) bool {
	return strings.HasSuffix(path, "/proc/self/stat") || strings.HasSuffix(path, "/proc/self/status")
}
