package integrationtests

import "testing"

func TestErrors(t *testing.T) { runFamily(t, "errors") }
