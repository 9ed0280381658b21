package probe

import (
	"crypto/sha256"
	"encoding/hex"
)

// ObjectSHA256 is the sha256 of the BPF object ior embeds (ior_bpfel.o),
// for -version: two builds with the same hash load the same programs.
func ObjectSHA256() string {
	sum := sha256.Sum256(_IorBytes)
	return hex.EncodeToString(sum[:])
}
