package integrationtests

import "testing"

func TestTransfer(t *testing.T) { runFamily(t, "transfer") }
