package integrationtests

import "testing"

func TestLock(t *testing.T) { runFamily(t, "lock") }
