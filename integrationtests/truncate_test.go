package integrationtests

import "testing"

func TestTruncate(t *testing.T) { runFamily(t, "truncate") }
