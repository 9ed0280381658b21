module github.com/ior-tracer/ior

go 1.26.8

tool (
	github.com/cilium/ebpf/cmd/bpf2go
	github.com/magefile/mage
)

require (
	github.com/cilium/ebpf v0.22.0
	github.com/klauspost/compress v1.20.4
	github.com/magefile/mage v1.17.2
	golang.org/x/sys v0.50.0
)
