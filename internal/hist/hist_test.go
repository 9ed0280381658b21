package hist

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Every value lies in its bucket, and buckets tile the uint64 range.
func TestBuckets(t *testing.T) {
	for i := 0; i < NumBuckets; i++ {
		if Index(Lower(i)) != i || Index(Upper(i)) != i {
			t.Fatalf("bucket %d: [%d, %d] indexes as %d, %d", i, Lower(i), Upper(i), Index(Lower(i)), Index(Upper(i)))
		}
		if i > 0 && Lower(i) != Upper(i-1)+1 {
			t.Fatalf("gap before bucket %d", i)
		}
		if w := Upper(i) - Lower(i); i >= sub && w > Lower(i)/sub {
			t.Fatalf("bucket %d is %d wide at %d: more than 1/8", i, w, Lower(i))
		}
	}
	if Upper(NumBuckets-1) != ^uint64(0) {
		t.Fatal("last bucket does not end at the top")
	}
}

// Percentiles are within 12.5% above the exact ones, and merging two
// histograms equals counting everything in one.
func TestQuantileAndMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var a, b, all Hist
	var vals []uint64
	for i := range 100000 {
		v := uint64(r.ExpFloat64() * 50000)
		vals = append(vals, v)
		all.Add(v)
		if i%3 == 0 {
			a.Add(v)
		} else {
			b.Add(v)
		}
	}
	a.Merge(&b)
	if !slices.Equal(a.counts, all.counts) || a.base != all.base {
		t.Fatal("merge differs from counting all values")
	}
	slices.Sort(vals)
	for _, q := range []float64{0.5, 0.95, 0.99, 1} {
		exact := vals[int(q*float64(len(vals))+0.5)-1]
		got := all.Quantile(q)
		if got < exact || float64(got) > float64(exact)*1.125+1 {
			t.Errorf("p%v = %d, exact %d", q*100, got, exact)
		}
	}
}

func TestEncode(t *testing.T) {
	var h Hist
	for _, v := range []uint64{3, 900, 1 << 40, 77, 77} {
		h.Add(v)
	}
	b := h.Append([]byte{9})
	var g Hist
	n, err := g.Decode(b[1:])
	if err != nil || n != len(b)-1 || !slices.Equal(g.counts, h.counts) || g.base != h.base {
		t.Fatalf("decode: %v %d %+v", err, n, g)
	}
	for _, bad := range [][]byte{{}, {0xff}, {0xef, 3, 2, 1, 1}, {0, 3, 1}} {
		if _, err := g.Decode(bad); err == nil {
			t.Errorf("decoded bad %v", bad)
		}
	}
}

func TestGrowAndClamp(t *testing.T) {
	var h Hist
	if h.Add(100) != 1 || h.Add(100) != 0 {
		t.Fatal("first add grows by one")
	}
	grew := h.Add(1)
	if grew != Index(100)-Index(1) || h.Buckets() != grew+1 {
		t.Fatalf("grew %d to %d buckets", grew, h.Buckets())
	}
	h.AddClamped(1 << 50)
	if h.Buckets() != grew+1 || h.Count() != 4 || h.Quantile(1) != Upper(Index(100)) {
		t.Fatalf("clamped add changed the span: %+v", h)
	}
}
