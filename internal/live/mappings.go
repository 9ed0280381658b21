package live

import "github.com/ior-tracer/ior/internal/recording"

// MaxMappings bounds the mappings a live session keeps to name stacks
// (as a recording's reader does); past it an address stays bare, or
// ends its stack's walk.
const MaxMappings = 1 << 18

// Mapping learns that process pid has m mapped (the zero Mapping's
// addresses: it called exec, its mappings are gone): tracer.Config's
// Mapping hook, with -stacks. A recording on (R) gets it too.
func (a *Aggregator) Mapping(pid uint32, m recording.Mapping) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.maps == nil {
		a.maps = map[uint32][]recording.Mapping{}
	}
	if m.Start == 0 && m.Limit == 0 {
		delete(a.maps, pid)
	} else if a.nMaps < MaxMappings {
		a.nMaps++
		a.maps[pid] = append(a.maps[pid], m)
	}
	if a.rec != nil && a.rec.err == nil {
		a.rec.err = a.rec.w.Mapping(pid, m)
	}
}

// Mappings returns what process pid has mapped, oldest first. Shared:
// never modify it (Mapping only appends, or drops the whole list).
func (a *Aggregator) Mappings(pid uint32) []recording.Mapping {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.maps[pid]
}

// writeMappings gives a recording that starts now every mapping known,
// so that its stacks symbolize (under a.mu).
func (a *Aggregator) writeMappings(w *recording.Writer) error {
	for pid, ms := range a.maps {
		for _, m := range ms {
			if err := w.Mapping(pid, m); err != nil {
				return err
			}
		}
	}
	return nil
}
