package tracer

import (
	"os"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// The reading thread runs at ReaderNice (-20), and keeps ior's own nice
// value with -fair; the thread's, not the process's; and gets its own
// back when the loop ends (the thread returns to the runtime's pool).
func TestFavourReader(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (a negative nice value)")
	}
	nice := func() int {
		p, err := unix.Getpriority(unix.PRIO_PROCESS, 0) // the raw syscall: 20 - nice
		if err != nil {
			t.Fatal(err)
		}
		return 20 - p
	}
	for _, fair := range []bool{false, true} {
		done := make(chan [3]int)
		go func() {
			runtime.LockOSThread() // ended with the goroutine: the thread exits
			before := nice()
			restore := favour(fair)
			during := nice()
			restore()
			done <- [3]int{before, during, nice()}
		}()
		got := <-done
		want := -20 // what README says
		if fair {
			want = got[0]
		}
		if got[1] != want || got[2] != got[0] {
			t.Errorf("fair %v: nice %d -> %d -> %d, want %d, then %d again", fair, got[0], got[1], got[2], want, got[0])
		}
	}
}
