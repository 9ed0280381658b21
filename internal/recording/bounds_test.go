package recording

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// crafted builds a compressed recording of the given version from
// records, streaming so that a huge one needs little memory to make.
type crafted struct {
	buf bytes.Buffer
	zw  *zstd.Encoder
}

func newCrafted(t testing.TB, version uint16) *crafted {
	t.Helper()
	c := &crafted{}
	c.zw = must(zstd.NewWriter(&c.buf, zstd.WithEncoderConcurrency(1)))
	c.zw.Write([]byte(Magic))
	c.zw.Write(binary.LittleEndian.AppendUint16(nil, version))
	c.rec(recHeader, []byte(`{"name":"crafted"}`))
	return c
}

func (c *crafted) rec(typ byte, payload []byte) {
	c.zw.Write(binary.AppendUvarint([]byte{typ}, uint64(len(payload))))
	c.zw.Write(payload)
}

func (c *crafted) bytes() []byte {
	c.zw.Close()
	return c.buf.Bytes()
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// A few hundred KB that decompress into thousands of 1 MiB strings made
// the reader allocate every one of them (4000 of them: 4.1 GB).
func TestStringBomb(t *testing.T) {
	big := bytes.Repeat([]byte{'x'}, maxRecord)
	for _, v := range []uint16{1, Version} {
		c := newCrafted(t, v)
		for i := 0; i < 400; i++ {
			big[0] = byte(i)
			big[1] = byte(i >> 8)
			c.rec(recString, big)
		}
		c.rec(recTrailer, []byte(`{}`))
		data := c.bytes()
		var err error
		n := allocated(func() { _, err = Read(bytes.NewReader(data)) })
		t.Logf("version %d: %d KB file, %d MB allocated, %v", v, len(data)>>10, n>>20, err)
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "record") {
			t.Errorf("version %d: error %v, want a format error naming the record", v, err)
		}
		// The string table's bound, one record buffer and the decoder.
		if n > 100<<20 {
			t.Errorf("version %d: reading allocated %d MB, more than the 100 MB bound", v, n>>20)
		}
	}
}

// Aggregates keep their strings across string table resets, so they need
// their own bound.
func TestAggregateStringBomb(t *testing.T) {
	c := newCrafted(t, Version)
	path := bytes.Repeat([]byte{'p'}, maxString)
	agg := binary.AppendUvarint(nil, 1)
	agg = append(agg, 0, 0, 0, 0, 1, 0, 0)
	n := (maxAggBytes / maxString) + 10
	for i := 0; i < n; i++ {
		copy(path, []byte{byte(i), byte(i >> 8), byte(i >> 16)})
		c.rec(recReset, nil)
		c.rec(recString, path)
		c.rec(recAggregate, agg)
	}
	c.rec(recTrailer, []byte(`{"aggregates":`+itoa10(n)+`}`))
	data := c.bytes()
	_, err := Read(bytes.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), "aggregates name more than") {
		t.Errorf("error %v, want the aggregates' string bound", err)
	}
}

func itoa10(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa10(i/10) + string(rune('0'+i%10))
}

// plainOf decompresses a recording.
func plainOf(t testing.TB, data []byte) []byte {
	t.Helper()
	return must(io.ReadAll(must(zstd.NewReader(bytes.NewReader(data))).IOReadCloser()))
}

// The trailer's counts are checked against what was read.
func TestTrailerCountsChecked(t *testing.T) {
	plain := plainOf(t, encode(t, sampleEvents()))
	for field, want := range map[string]string{
		`"events":5`:     "trailer: counts 6 events, the recording holds 5",
		`"aggregates":4`: "trailer: counts 6 aggregates, the recording holds 4",
	} {
		if !bytes.Contains(plain, []byte(field)) {
			t.Fatalf("no %s in the trailer", field)
		}
		bad := bytes.Replace(plain, []byte(field), []byte(field[:len(field)-1]+"6"), 1)
		_, err := Read(bytes.NewReader(zstdOf(bad)))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s changed: error %v, want %q", field, err, want)
		}
	}
}

// firstBlock returns where the first 'B' record starts in a recording's
// plain bytes, its number, and where its first event's syscall id is.
func firstBlock(t *testing.T, plain []byte) (at, n, sc int) {
	t.Helper()
	i := len(Magic) + 2
	for n = 1; i < len(plain); n++ {
		l, k := binary.Uvarint(plain[i+1:])
		if plain[i] != recBlock {
			i += 1 + k + int(l)
			continue
		}
		p := i + 1 + k
		_, k = binary.Uvarint(plain[p:]) // events
		p += k
		tids, k := binary.Uvarint(plain[p:])
		p += k + int(tids)
		_, k = binary.Uvarint(plain[p:]) // the syscall column's length
		return i, n, p + k
	}
	t.Fatal("no block")
	return
}

// Damage is reported where it is.
func TestDamageLocated(t *testing.T) {
	good := encode(t, sampleEvents())
	plain := plainOf(t, good)
	hdrEnd := len(Magic) + 2
	// Records: 1 header, then strings, then the events' block.
	firstEvent, nrec, sc := firstBlock(t, plain)
	trailer := bytes.LastIndexByte(plain[:bytes.LastIndex(plain, []byte(`{"events"`))], recTrailer)
	corrupt := func(at int, b ...byte) []byte {
		c := append([]byte(nil), plain...)
		copy(c[at:], b)
		return zstdOf(c)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-2] ^= 0xff // the last frame's checksum: damage the decoder must see (a flipped block byte may read as a truncation instead)
	cases := map[string]struct {
		data []byte
		want string
	}{
		"header json":      {corrupt(hdrEnd+2, '['), "header: "},
		"event string id":  {corrupt(sc, 0x7f), fmt.Sprintf("record %d ('B'): event 1: string 127 not defined", nrec)},
		"unknown type":     {corrupt(firstEvent, 'Z'), fmt.Sprintf("record %d ('Z'): unknown record type", nrec)},
		"trailer json":     {corrupt(trailer+3, ']'), "trailer: "},
		"truncated record": {zstdOf(plain[:trailer+4]), "record"},
		"truncated":        {zstdOf(plain[:trailer]), "cut after record"},
		"damaged stream":   {flipped, "damaged compressed stream after record"},
		"not zstd":         {[]byte("plain text, not compressed"), "not zstd-compressed"},
		"empty":            {nil, "empty file"},
		"trailing data":    {zstdOf(append(append([]byte(nil), plain...), 'x')), "data after the trailer"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(c.data))
			if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want ErrFormat containing %q", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// Recordings made by version 1 of the writer stay readable.
func TestReadsVersion1(t *testing.T) {
	rec, err := ReadFile("testdata/v1.ior.zst")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.Events, sampleEvents()) || len(rec.Aggregates) != 4 || rec.Stats.Events != 5 {
		t.Errorf("version 1 recording read as %+v", rec)
	}
	// Version 1's aggregates have no errno or histogram: the summary
	// sums the events again, to the same counts.
	s, err := ReadSummaryFile("testdata/v1.ior.zst")
	if err != nil || len(s.Aggregates) != len(rec.Aggregates) || s.Header.Name != "x" {
		t.Fatalf("summary of version 1: %+v, %v", s, err)
	}
	type sums struct{ n, d, b uint64 }
	v1 := map[string]sums{}
	for _, a := range rec.Aggregates {
		v1[a.Path+" "+a.Syscall] = sums{a.Count, a.DurationNs, a.Bytes}
	}
	for _, a := range s.Aggregates {
		if v1[a.Path+" "+a.Syscall] != (sums{a.Count, a.DurationNs, a.Bytes}) || a.Hist.Count() != a.Count {
			t.Errorf("summary of version 1: %+v, recorded %+v", a, v1)
		}
	}
}
