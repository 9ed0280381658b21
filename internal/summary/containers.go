package summary

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// ContainerJSON is one row of the containers table in -json.
type ContainerJSON struct {
	Foreign    string `json:"foreign"` // where it differs from ior: mnt, pid, cgroup joined by |
	MntNS      uint64 `json:"mntns"`   // 0: not known
	PidNS      uint64 `json:"pidns"`
	Cgroup     string `json:"cgroup"`
	Calls      uint64 `json:"calls"`
	Errors     uint64 `json:"errors"`
	DurationNs uint64 `json:"total_ns"`
	Bytes      uint64 `json:"bytes"`
}

// ContainersJSON converts the rows for -json.
func ContainersJSON(cs []recording.Container) []ContainerJSON {
	out := make([]ContainerJSON, len(cs))
	for i, c := range cs {
		out[i] = ContainerJSON{Foreign: event.ForeignText(c.Foreign), MntNS: c.MntNS, PidNS: c.PidNS, Cgroup: c.Cgroup,
			Calls: c.Events, Errors: c.Errors, DurationNs: c.DurationNs, Bytes: c.Bytes}
	}
	return out
}

// WriteContainers writes the events by the namespaces and cgroup their
// process ran in, when the recording holds more than one; nothing
// otherwise.
func WriteContainers(w io.Writer, cs []recording.Container) error {
	if len(cs) < 2 {
		return nil
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "\n%-16s %-12s %-12s %10s %10s %12s %12s  %s\n", "where", "mntns", "pidns", "calls", "errors", "total", "bytes", "cgroup")
	for _, c := range cs {
		where, mnt, pid, cg := "ior's", strconv.FormatUint(c.MntNS, 10), strconv.FormatUint(c.PidNS, 10), cell(c.Cgroup)
		switch {
		case !c.Known:
			where, mnt, pid, cg = "unknown", "-", "-", "-"
		case c.Foreign != 0:
			where = event.ForeignText(c.Foreign)
		}
		fmt.Fprintf(b, "%-16s %-12s %-12s %10d %10d %12s %12d  %s\n", where, mnt, pid, c.Events, c.Errors, Duration(c.DurationNs), c.Bytes, cg)
	}
	b.WriteString("(where: the namespaces or cgroup in which the processes differ from ior's own)\n")
	return b.Flush()
}
