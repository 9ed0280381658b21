package integrationtests

import (
	"testing"
)

// The original plan's open tests, written with its API: loose checks that
// a scenario's events are there and that nothing of another task was
// recorded. TestScenarios checks the same scenarios exactly.

func TestOpenBasic(t *testing.T) {
	runPlanTest(t, "open", []ExpectedEvent{
		{Tracepoint: "sys_enter_open", PathContains: "/f", MinCount: 1},
		{Tracepoint: "sys_enter_close", PathContains: "/f", MinCount: 1},
	})
}

func TestOpenCreat(t *testing.T) {
	runPlanTest(t, "creat", []ExpectedEvent{
		{Tracepoint: "sys_enter_creat", PathContains: "/f", MinCount: 1},
		{Tracepoint: "close", PathContains: "/f", MinCount: 1},
	})
}

func TestOpenByHandleAt(t *testing.T) {
	runPlanTest(t, "open_by_handle_at", []ExpectedEvent{
		{Tracepoint: "sys_enter_name_to_handle_at", PathContains: "/f", MinCount: 1},
		{Tracepoint: "sys_enter_open_by_handle_at", PathContains: "/f", MinCount: 1},
		{Tracepoint: "sys_enter_read", PathContains: "/f", MinCount: 1},
	})
}

// runPlanTest runs scenario in each workload through TestHarness.Run and
// checks the expectations, each for the workload's own task name.
func runPlanTest(t *testing.T, scenario string, expected []ExpectedEvent) {
	t.Helper()
	requireRoot(t)
	for _, lang := range []string{"c", "go"} {
		t.Run(lang, func(t *testing.T) {
			h := differ.Harness(lang)
			result, err := h.Run(scenario, 10)
			if err != nil {
				t.Fatal(err)
			}
			if result.Unsupported != "" {
				t.Fatalf("the kernel lacks a syscall of %s: %s", scenario, result.Unsupported)
			}
			comm := taskName(h.WorkloadBinary)
			want := make([]ExpectedEvent, len(expected))
			for i, e := range expected {
				e.Comm = comm
				want[i] = e
			}
			AssertEventsPresent(t, result, want)
			AssertNoUnexpectedComm(t, result, comm)
		})
	}
}
