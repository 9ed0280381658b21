package integrationtests

import "testing"

func TestOpen(t *testing.T) { runFamily(t, "open") }
