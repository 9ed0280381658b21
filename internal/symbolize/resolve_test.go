package symbolize

import (
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/recording"
)

// A frame pointer walk through a function built without frame pointers
// goes on with garbage ("-c: stac" as an address): the stack ends, as
// one marker frame, at the first address in no mapping of the process,
// even when later garbage happens to fall in one.
func TestResolveCutsAtUnmapped(t *testing.T) {
	ms := []recording.Mapping{{Start: 0x400000, Limit: 0x401000, Offset: 0, Path: "/nonexistent/prog"}}
	pcs := []uint64{0x400123, 0x63617473203a632d, 0x400456, 0x400789}
	locs := New().Resolve(ms, pcs)
	var names []string
	for _, l := range locs {
		names = append(names, l.Names()...)
	}
	want := []string{"prog+0x123", "[walk ended: unmapped 0x63617473203a632d]"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("frames %q, want %q", names, want)
	}
	if !locs[1].WalkEnded || locs[0].WalkEnded {
		t.Errorf("WalkEnded %v %v, want false true", locs[0].WalkEnded, locs[1].WalkEnded)
	}
	// No mapping recorded for the process: nothing to judge by, all kept.
	if got := New().Resolve(nil, pcs); len(got) != len(pcs) || got[1].WalkEnded {
		t.Errorf("without mappings: %d locations (cut %v), want %d uncut", len(got), got[1].WalkEnded, len(pcs))
	}
}
