package integrationtests

import "testing"

func TestClose(t *testing.T) { runFamily(t, "close") }
