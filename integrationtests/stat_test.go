package integrationtests

import "testing"

func TestStat(t *testing.T) { runFamily(t, "stat") }
