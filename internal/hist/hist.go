// Package hist is a mergeable latency histogram with log-linear buckets
// (HDR-style): values below 8 have a bucket each, and every power of two
// above that is cut into 8 equal buckets, so a bucket is at most 1/8 of
// its lower bound wide. Percentiles read from it are within 12.5% of the
// exact ones, for any number of values, and two histograms add up
// bucket by bucket, so per-group histograms can be kept in a recording
// and merged into any grouping later.
package hist

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// subBits is log2 of the buckets per power of two.
const subBits = 3

const sub = 1 << subBits

// NumBuckets covers every uint64.
const NumBuckets = (64 - subBits + 1) * sub // 496

// Index is the bucket of v.
func Index(v uint64) int {
	if v < sub {
		return int(v)
	}
	e := bits.Len64(v) - 1 // >= subBits
	return (e-subBits+1)*sub + int(v>>(e-subBits))&(sub-1)
}

// Lower is the smallest value in bucket i.
func Lower(i int) uint64 {
	if i < sub {
		return uint64(i)
	}
	e := i/sub + subBits - 1
	return uint64(sub+i%sub) << (e - subBits)
}

// Upper is the largest value in bucket i.
func Upper(i int) uint64 {
	if i+1 >= NumBuckets {
		return ^uint64(0)
	}
	return Lower(i+1) - 1
}

// Hist counts values by bucket. Only the span of buckets from the lowest
// to the highest used is kept. The zero Hist is empty and ready to use.
type Hist struct {
	base   int      // bucket of counts[0]
	counts []uint64 // buckets base .. base+len-1
}

// Add counts v and returns how many buckets the span grew by.
func (h *Hist) Add(v uint64) int {
	i := Index(v)
	if j := i - h.base; j >= 0 && j < len(h.counts) {
		h.counts[j]++
		return 0
	}
	grew := h.grow(i)
	h.counts[i-h.base]++
	return grew
}

// AddClamped counts v without growing a non-empty span: a value outside
// it is counted in the nearest end bucket. For callers over a memory
// budget.
func (h *Hist) AddClamped(v uint64) {
	if len(h.counts) == 0 {
		h.Add(v)
		return
	}
	j := min(max(Index(v)-h.base, 0), len(h.counts)-1)
	h.counts[j]++
}

// grow widens the span to hold bucket i.
func (h *Hist) grow(i int) int {
	old := len(h.counts)
	if old == 0 {
		h.base = i
		h.counts = append(h.counts[:0], 0)
		return 1
	}
	lo, hi := min(h.base, i), max(h.base+old, i+1)
	if lo == h.base {
		h.counts = append(h.counts, make([]uint64, hi-lo-old)...)
		return hi - lo - old
	}
	c := make([]uint64, hi-lo, hi-lo+4)
	copy(c[h.base-lo:], h.counts)
	h.base, h.counts = lo, c
	return hi - lo - old
}

// Merge adds o's counts into h.
func (h *Hist) Merge(o *Hist) {
	if len(o.counts) == 0 {
		return
	}
	h.grow(o.base)
	h.grow(o.base + len(o.counts) - 1)
	for j, n := range o.counts {
		h.counts[o.base+j-h.base] += n
	}
}

// CopyFrom makes h equal to o, reusing h's memory.
func (h *Hist) CopyFrom(o *Hist) {
	h.base = o.base
	h.counts = append(h.counts[:0], o.counts...)
}

// Buckets is the number of buckets in the span.
func (h *Hist) Buckets() int { return len(h.counts) }

// Count is the number of values counted.
func (h *Hist) Count() uint64 {
	var n uint64
	for _, c := range h.counts {
		n += c
	}
	return n
}

// Quantile returns the upper bound of the bucket holding the q-th
// quantile (0 < q <= 1): at least that fraction of the values are at
// most it. 0 for an empty histogram.
func (h *Hist) Quantile(q float64) uint64 {
	total := h.Count()
	if total == 0 {
		return 0
	}
	rank := uint64(q*float64(total) + 0.5)
	rank = min(max(rank, 1), total)
	var seen uint64
	for j, c := range h.counts {
		seen += c
		if seen >= rank {
			return Upper(h.base + j)
		}
	}
	return Upper(h.base + len(h.counts) - 1)
}

// Each calls f for every non-empty bucket, lowest first.
func (h *Hist) Each(f func(i int, n uint64)) {
	for j, c := range h.counts {
		if c > 0 {
			f(h.base+j, c)
		}
	}
}

// Append encodes h: the first bucket, the number of buckets, and each
// count, as uvarints.
func (h *Hist) Append(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(h.base))
	b = binary.AppendUvarint(b, uint64(len(h.counts)))
	for _, c := range h.counts {
		b = binary.AppendUvarint(b, c)
	}
	return b
}

// Decode reads what Append wrote into h and returns the bytes used.
// It refuses a span outside the NumBuckets buckets.
func (h *Hist) Decode(b []byte) (int, error) {
	base, n1 := binary.Uvarint(b)
	if n1 <= 0 {
		return 0, errBad
	}
	n, n2 := binary.Uvarint(b[n1:])
	if n2 <= 0 || base >= NumBuckets || n > NumBuckets-base {
		return 0, errBad
	}
	off := n1 + n2
	h.base, h.counts = int(base), h.counts[:0]
	for range n {
		c, k := binary.Uvarint(b[off:])
		if k <= 0 {
			return 0, errBad
		}
		h.counts = append(h.counts, c)
		off += k
	}
	return off, nil
}

var errBad = errors.New("bad histogram")
