module github.com/ior-tracer/ior

go 1.26.8

tool (
	github.com/cilium/ebpf/cmd/bpf2go
	github.com/magefile/mage
)

require (
	github.com/cilium/ebpf v0.22.0 // indirect
	github.com/klauspost/compress v1.20.4 // indirect
	github.com/magefile/mage v1.17.2 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
