package integrationtests

import "testing"

func TestSync(t *testing.T) { runFamily(t, "sync") }
