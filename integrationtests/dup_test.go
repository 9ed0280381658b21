package integrationtests

import "testing"

func TestDup(t *testing.T) { runFamily(t, "dup") }
