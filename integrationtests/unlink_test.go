package integrationtests

import "testing"

func TestUnlink(t *testing.T) { runFamily(t, "unlink") }
