package integrationtests

import "testing"

func TestReadwrite(t *testing.T) { runFamily(t, "readwrite") }
