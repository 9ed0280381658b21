//go:build !(linux && amd64)

package syscalls

// ior runs on linux/amd64 only for now: the table's syscall numbers and
// the BPF side's reading of the argument registers are x86_64's. A port
// adds a table of numbers and the register layout for its architecture.
// Until then, building for another target stops here, by name:
var _ = ior_supports_only_linux_amd64_for_now
