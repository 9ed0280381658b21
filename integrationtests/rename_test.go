package integrationtests

import "testing"

func TestRename(t *testing.T) { runFamily(t, "rename") }
