package integrationtests

import "testing"

func TestIOUring(t *testing.T) { runFamily(t, "io_uring") }
