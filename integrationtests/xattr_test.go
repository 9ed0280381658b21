package integrationtests

import "testing"

func TestXattr(t *testing.T) { runFamily(t, "xattr") }
