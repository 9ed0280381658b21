package output

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// appendSeconds shows what %.6f of the seconds as a float64 shows, up to
// 2^50 ns, and stays exact past 2^53 ns, where a float64 no longer holds
// every microsecond.
func TestWriteSeconds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		ns := r.Int64N(1 << 50)
		if i%2 == 1 {
			ns = -ns
		}
		if i%3 == 0 {
			ns = ns/1000*1000 + 500 // a half: rounded as the float was
		}
		b := appendSeconds(nil, ns, 0)
		if want := fmt.Sprintf("%.6f", float64(ns)/1e9); string(b) != want {
			t.Fatalf("%d ns: %q, want %q", ns, b, want)
		}
	}
	for ns, want := range map[int64]string{
		0:                   "  0.000000",
		1_000_000_500:       "  1.000001",
		4_500:               "  0.000005",
		500:                 "  0.000000",
		999_999_999:         "  1.000000",
		-1_500:              " -0.000002",
		4611686018427389458: "4611686018.427389",
	} {
		if b := appendSeconds(nil, ns, 10); string(b) != want {
			t.Errorf("%d ns: %q, want %q", ns, b, want)
		}
	}
}
