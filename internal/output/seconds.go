package output

import "strconv"

// appendSeconds appends ns as seconds with 6 decimals, rounded to the
// nearest microsecond, right-aligned to width. In integers: a sixth of
// strconv.AppendFloat's time, and exact past 2^53 ns, where a float64
// no longer holds every microsecond. A half microsecond rounds as %.6f
// of the float always did (the nearest double's side of the half), so
// that the lines stay what they were; past 2^53 ns, to even.
func appendSeconds(b []byte, ns int64, width int) []byte {
	u := uint64(ns)
	if ns < 0 {
		u = -u
	}
	us, rem := u/1000, u%1000
	if rem == 500 && u < 1<<53 {
		var buf [32]byte
		out := strconv.AppendFloat(buf[:0], float64(ns)/1e9, 'f', 6, 64)
		for i := len(out); i < width; i++ {
			b = append(b, ' ')
		}
		return append(b, out...)
	}
	if rem > 500 || rem == 500 && us%2 == 1 {
		us++
	}
	sec, frac := us/1e6, us%1e6
	n := 8 // "0.000000"
	for v := sec; v >= 10; v /= 10 {
		n++
	}
	if ns < 0 {
		n++
	}
	for ; n < width; n++ {
		b = append(b, ' ')
	}
	if ns < 0 {
		b = append(b, '-')
	}
	b = append(strconv.AppendUint(b, sec, 10), '.')
	hi, mid, lo := frac/1e4, frac/100%100, frac%100
	return append(b, pairs[2*hi], pairs[2*hi+1], pairs[2*mid], pairs[2*mid+1], pairs[2*lo], pairs[2*lo+1])
}

// pairs holds "00" to "99": two digits a look-up.
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"
