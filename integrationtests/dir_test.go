package integrationtests

import "testing"

func TestDir(t *testing.T) { runFamily(t, "dir") }
