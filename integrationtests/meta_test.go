package integrationtests

import "testing"

func TestMeta(t *testing.T) { runFamily(t, "meta") }
