package integrationtests

import "testing"

func TestLink(t *testing.T) { runFamily(t, "link") }
