package probe

import (
	"fmt"

	"github.com/cilium/ebpf"
)

// OtherCalls counts the traced tasks' calls to syscalls that are not
// recorded, by syscall number (Config.CountOther). It holds its own
// reference to the kernel's map, so that the final counts can be read
// once the probes are closed.
type OtherCalls struct{ m *ebpf.Map }

// OtherCalls opens the counters; Close releases them.
func (p *Probe) OtherCalls() (*OtherCalls, error) {
	m, err := p.objs.OtherCalls.Clone()
	if err != nil {
		return nil, fmt.Errorf("other_calls: %w", err)
	}
	return &OtherCalls{m}, nil
}

// Read sums the per-CPU counts; numbers with none are left out.
func (o *OtherCalls) Read() (map[int]uint64, error) {
	calls := map[int]uint64{}
	var per []uint64
	for nr := range uint32(MaxNR) {
		if err := o.m.Lookup(nr, &per); err != nil {
			return nil, fmt.Errorf("reading other_calls[%d]: %w", nr, err)
		}
		var n uint64
		for _, v := range per {
			n += v
		}
		if n > 0 {
			calls[int(nr)] = n
		}
	}
	return calls, nil
}

// Close releases the counters.
func (o *OtherCalls) Close() error { return o.m.Close() }
