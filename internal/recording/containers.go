package recording

import (
	"io"
	"sort"

	"github.com/ior-tracer/ior/internal/event"
)

// Container sums the events of processes that ran in the same mount and
// pid namespaces and cgroup (the process table's, version 5): what
// `ior summary` shows per container when a recording holds more than
// one. Known false: events no process record was sent for.
type Container struct {
	MntNS, PidNS uint64
	Cgroup       string
	Foreign      uint8 // event.Foreign* bits: where it differs from ior
	Known        bool
	Events       uint64
	DurationNs   uint64
	Bytes        uint64
	Errors       uint64
}

// procContext is what tells containers apart.
type procContext struct {
	mnt, pid uint64
	cgroup   string
}

// maxContexts bounds the distinct contexts a reader notes (it only
// needs to know whether there is more than one).
const maxContexts = 1 << 10

// noteContext notes a process record's context.
func (r *Reader) noteContext(p *event.Proc) {
	if r.contexts == nil {
		r.contexts = map[procContext]bool{}
	}
	if len(r.contexts) < maxContexts {
		r.contexts[procContext{p.MntNS, p.PidNS, p.Cgroup}] = true
	}
}

// sumContainers sums the events by their process's context, up to a
// cut, busiest (by time) first.
func sumContainers(r io.Reader) ([]Container, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	rd.DropAggregates()
	sums := map[procContext]*Container{}
	var ev event.Event
	for {
		err := rd.Next(&ev)
		if _, cut := AsCut(err); err == io.EOF || cut {
			break
		}
		if err != nil {
			return nil, err
		}
		var k procContext
		if ev.Proc != nil {
			k = procContext{ev.Proc.MntNS, ev.Proc.PidNS, ev.Proc.Cgroup}
		}
		c := sums[k]
		if c == nil {
			if len(sums) >= maxContexts {
				continue
			}
			c = &Container{MntNS: k.mnt, PidNS: k.pid, Cgroup: k.cgroup, Known: ev.Proc != nil}
			if ev.Proc != nil {
				c.Foreign = ev.Proc.Foreign &^ event.ForeignRoot
			}
			sums[k] = c
		}
		c.Events++
		c.DurationNs += ev.Duration()
		if ev.Bytes > 0 {
			c.Bytes += uint64(ev.Bytes)
		}
		if ev.Ret < 0 && ev.Ret >= -4095 && !ev.IsExit() {
			c.Errors++
		}
	}
	out := make([]Container, 0, len(sums))
	for _, c := range sums {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].DurationNs != out[j].DurationNs {
			return out[i].DurationNs > out[j].DurationNs
		}
		return out[i].Events > out[j].Events
	})
	return out, nil
}
