package decode

import "testing"

// BenchmarkNameLookup: a call's name looked up by id among the some
// thousand names a real run holds (a loop's few ids, over and over):
// through the cells (name) and the map alone.
func BenchmarkNameLookup(b *testing.B) {
	d := New()
	var c Call
	for i := uint64(1); i <= 1000; i++ {
		d.Decode(nameRec(i, 0, 0, "f\x00tmp\x00"), &c)
	}
	ids := [...]uint64{17, 230, 411, 17, 230, 411, 999}
	b.Run("cells", func(b *testing.B) {
		n := 0
		for i := 0; i < b.N; i++ {
			kn, _ := d.name(ids[i%len(ids)])
			n += len(kn.path)
		}
	})
	b.Run("map", func(b *testing.B) {
		n := 0
		for i := 0; i < b.N; i++ {
			kn := d.names[ids[i%len(ids)]]
			n += len(kn.path)
		}
	})
}
